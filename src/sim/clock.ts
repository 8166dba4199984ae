// The virtual clock: the only source of time. Timers are ordered by (dueMs, sequence), so two timers
// due at the same instant fire in the order they were scheduled. Time moves only when the loop asks.

import { BinaryHeap } from './binary-heap'

export type TimerId = number

export interface Timer {
  id: TimerId
  dueMs: number
  sequence: number
  label: string
  fire: () => void
  cancelled: boolean
}

/** The read-only view handed to controllers. */
export interface Clock {
  now(): number
}

export class VirtualClock implements Clock {
  private nowMs: number
  private sequence = 0
  private readonly heap = new BinaryHeap<Timer>((a, b) => compareTimers(a, b) < 0)
  private live = 0

  constructor(startMs: number) {
    this.nowMs = startMs
  }

  now(): number {
    return this.nowMs
  }

  /** Number of timers still pending (cancelled ones excluded). */
  get pending(): number {
    return this.live
  }

  schedule(delayMs: number, label: string, fire: () => void): TimerId {
    return this.scheduleAt(this.nowMs + Math.max(0, delayMs), label, fire)
  }

  scheduleAt(dueMs: number, label: string, fire: () => void): TimerId {
    const timer: Timer = { id: ++this.sequence, dueMs: Math.max(dueMs, this.nowMs), sequence: this.sequence, label, fire, cancelled: false }
    this.heap.push(timer)
    this.live++
    this.index.set(timer.id, timer)
    return timer.id
  }

  private index = new Map<TimerId, Timer>()

  cancel(id: TimerId): void {
    const timer = this.index.get(id)
    if (!timer || timer.cancelled) return
    timer.cancelled = true
    this.index.delete(id)
    this.live--
  }

  /** Due time of the earliest pending timer. */
  nextDueMs(): number | undefined {
    this.dropCancelled()
    return this.heap.peek()?.dueMs
  }

  /** Removes and returns the earliest timer due at or before now. */
  takeDue(): Timer | undefined {
    this.dropCancelled()
    const top = this.heap.peek()
    if (!top || top.dueMs > this.nowMs) return undefined
    this.heap.pop()
    this.index.delete(top.id)
    this.live--
    return top
  }

  /** Moves time forward (never back). Firing due timers is the loop's job. */
  advanceTo(ms: number): void {
    if (ms > this.nowMs) this.nowMs = ms
  }

  /** The next few pending timers, for diagnostics. */
  peek(limit: number): { dueMs: number; label: string }[] {
    return this.heap
      .values()
      .filter((t) => !t.cancelled)
      .sort(compareTimers)
      .slice(0, limit)
      .map((t) => ({ dueMs: t.dueMs, label: t.label }))
  }

  private dropCancelled(): void {
    while (this.heap.peek()?.cancelled) this.heap.pop()
  }
}

function compareTimers(a: Timer, b: Timer): number {
  return a.dueMs - b.dueMs || a.sequence - b.sequence
}
