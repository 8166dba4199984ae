// A de-duplicating FIFO of keys, as client-go's workqueue: a key waiting in the queue is not added
// twice; addAfter waits on the virtual clock (keeping only the earliest pending wake-up per key);
// addWithBackoff retries a failing key after 5 ms doubling up to 1000 s; forget resets that.
import type { VirtualClock, TimerId } from '../sim/clock'
import type { ObjectKey } from '../store/keys'

export const RETRY_BASE_MS = 5
export const RETRY_MAX_MS = 1_000_000

export class WorkQueue {
  private items: ObjectKey[] = []
  private head = 0
  private readonly queued = new Set<ObjectKey>()
  /** The pending wake-up per key (its due time is the timer's). */
  private readonly delayed = new Map<ObjectKey, TimerId>()
  private readonly failures = new Map<ObjectKey, number>()

  constructor(
    readonly name: string,
    private readonly clock: VirtualClock,
    /** Called when the queue goes from empty to non-empty, so the loop can schedule it. */
    private readonly onReady: () => void,
  ) {}

  get size(): number {
    return this.items.length - this.head
  }

  get delayedCount(): number {
    return this.delayed.size
  }

  add(key: ObjectKey): void {
    // One hash lookup, not two: the size says whether the key was already waiting.
    const waiting = this.queued.size
    this.queued.add(key)
    if (this.queued.size === waiting) return
    this.items.push(key)
    if (this.size === 1) this.onReady()
  }

  addAfter(key: ObjectKey, delayMs: number): void {
    if (delayMs <= 0) return this.add(key)
    const dueMs = this.clock.now() + delayMs
    const pending = this.delayed.get(key)
    if (pending) {
      if (pending.dueMs <= dueMs) return
      this.clock.cancel(pending)
    }
    const timer = this.clock.scheduleAt(dueMs, `${this.name} requeue ${key}`, () => {
      this.delayed.delete(key)
      this.add(key)
    })
    this.delayed.set(key, timer)
  }

  addWithBackoff(key: ObjectKey): number {
    const n = this.failures.get(key) ?? 0
    this.failures.set(key, n + 1)
    const delayMs = Math.min(RETRY_BASE_MS * 2 ** n, RETRY_MAX_MS)
    this.addAfter(key, delayMs)
    return delayMs
  }

  forget(key: ObjectKey): void {
    this.failures.delete(key)
  }

  take(): ObjectKey | undefined {
    if (this.head >= this.items.length) return undefined
    const key = this.items[this.head++]
    this.queued.delete(key)
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head)
      this.head = 0
    }
    return key
  }

  /** Keys waiting now, for diagnostics. */
  peek(limit: number): ObjectKey[] {
    return this.items.slice(this.head, this.head + limit)
  }
}
