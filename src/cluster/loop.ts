// The deterministic loop. One step: deliver queued watch events (handlers only enqueue keys), then run
// ONE unit: the earliest due timer by (dueMs, sequence), or else the next key of the controller
// whose turn it is (ControllerManager.takeWork). `settle` steps until the instant is quiet;
// `advance` and `runUntil` then jump the clock to the next due timer. Time never moves by itself;
// every loop is bounded and a failure names what is still busy.
import { NotConvergedError, TimeoutError } from '../api/errors'
import type { VirtualClock } from '../sim/clock'
import { toRfc3339 } from '../sim/time'
import type { ControllerManager } from '../runtime/controller'
import type { Store } from '../store/store'
import { ReconcileTally } from './reconcile-tally'

export interface LoopLimits {
  /** Steps allowed at one instant before the loop starts watching for a livelock. */
  watchAfterSteps: number
  /** Reconciles of one key at one instant that count as a livelock. */
  maxReconcilesPerKey: number
  /** Absolute cap on steps at one instant. */
  maxStepsPerInstant: number
}

export const DEFAULT_LIMITS: LoopLimits = { watchAfterSteps: 20_000, maxReconcilesPerKey: 2_000, maxStepsPerInstant: 50_000_000 }

export class Loop {
  /** Reconciles per controller and key at this instant, counted once an instant runs long. */
  private tally: ReconcileTally | undefined

  constructor(
    private readonly store: Store,
    private readonly clock: VirtualClock,
    private readonly manager: ControllerManager,
    private readonly limits: LoopLimits = DEFAULT_LIMITS,
    /** Extra lines for TimeoutError: why the cluster is not where the test wanted it. */
    private readonly diagnose: () => string[] = () => [],
  ) {}

  /** One unit of work at the current instant; false when the instant is quiet. */
  step(): boolean {
    this.store.flush()
    const timer = this.clock.takeDue()
    if (timer) {
      timer.fire()
      this.store.flush()
      return true
    }
    const work = this.manager.takeWork()
    if (!work) return false
    if (this.tally) {
      const n = this.tally.count(work.controller, work.key)
      if (n !== undefined && n > this.limits.maxReconcilesPerKey) {
        // Leave the key queued: the state stays what it was, and a later settle reports it again.
        work.controller.queue.add(work.key)
        throw new NotConvergedError(
          `the cluster did not settle at ${toRfc3339(this.clock.now())}: ${work.controller.spec.name} reconciled ${work.key} ${n} times at the same instant (a livelock: each pass changes something that triggers the next).\n${this.describeBusy()}`,
        )
      }
    }
    this.manager.run(work.controller, work.key)
    this.store.flush()
    return true
  }

  /** Runs everything due at the current instant; returns the number of steps. */
  settle(): number {
    let steps = 0
    this.tally = undefined
    while (this.step()) {
      steps++
      if (steps === this.limits.watchAfterSteps) this.tally = new ReconcileTally(this.limits.maxReconcilesPerKey + 1)
      if (steps >= this.limits.maxStepsPerInstant)
        throw new NotConvergedError(`the cluster did not settle at ${toRfc3339(this.clock.now())} after ${steps} steps.\n${this.describeBusy()}`)
    }
    this.tally = undefined
    return steps
  }

  /** Moves the clock forward by `ms`, running everything due on the way, in order. */
  advance(ms: number): void {
    const target = this.clock.now() + ms
    this.settle()
    for (;;) {
      const next = this.clock.nextDueMs()
      if (next === undefined || next > target) break
      this.clock.advanceTo(next)
      this.settle()
    }
    this.clock.advanceTo(target)
    this.settle()
  }

  /** Steps instant by instant until the predicate holds; returns the virtual ms it took. */
  runUntil(predicate: () => boolean, timeoutMs: number, what = 'the condition'): number {
    const startMs = this.clock.now()
    const deadline = startMs + timeoutMs
    this.settle()
    if (predicate()) return 0
    for (;;) {
      const next = this.clock.nextDueMs()
      if (next === undefined || next > deadline) {
        const idle = next === undefined
        this.clock.advanceTo(deadline)
        this.settle()
        if (predicate()) return this.clock.now() - startMs
        throw new TimeoutError(
          `${what} did not hold within ${timeoutMs} ms of virtual time (${toRfc3339(startMs)} → ${toRfc3339(deadline)})${idle ? '; the cluster is idle: nothing else will happen without a change' : ''}.\n${this.describeBusy()}`,
        )
      }
      this.clock.advanceTo(next)
      this.settle()
      if (predicate()) return this.clock.now() - startMs
    }
  }

  describeBusy(): string {
    const lines: string[] = []
    for (const c of this.manager.busy()) lines.push(`  controller ${c.name}: queued ${c.keys.join(', ')}${c.lastError ? ` (last error: ${c.lastError})` : ''}`)
    const timers = this.clock.peek(5)
    if (timers.length) lines.push(`  next timers: ${timers.map((t) => `${t.label} at ${toRfc3339(t.dueMs)}`).join('; ')}`)
    else lines.push('  no timers pending')
    for (const c of this.manager.list()) if (c.lastError && !lines.some((l) => l.includes(`controller ${c.spec.name}:`))) lines.push(`  controller ${c.spec.name} last failed on ${c.lastError.key}: ${c.lastError.message}`)
    lines.push(...this.diagnose().map((l) => `  ${l}`))
    return lines.join('\n')
  }
}
