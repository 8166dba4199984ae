// The virtual clock: the only source of time. Timers are ordered by (dueMs, sequence), so two timers
// due at the same instant fire in the order they were scheduled. Time moves only when the loop asks.

import { BinaryHeap } from './binary-heap'

export interface Timer {
  readonly dueMs: number
  readonly sequence: number
  readonly label: string
  readonly fire: () => void
  /** Until it fires or is cancelled. */
  pending: boolean
}

/** A timer is its own handle: cancelling needs no lookup by id. */
export type TimerId = Timer

/** The read-only view handed to controllers. */
export interface Clock {
  now(): number
}

export class VirtualClock implements Clock {
  private nowMs: number
  private sequence = 0
  private readonly heap = new BinaryHeap<Timer>((a, b) => a.dueMs < b.dueMs || (a.dueMs === b.dueMs && a.sequence < b.sequence))
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
    const timer: Timer = { dueMs: Math.max(dueMs, this.nowMs), sequence: ++this.sequence, label, fire, pending: true }
    this.heap.push(timer)
    this.live++
    return timer
  }

  cancel(timer: TimerId): void {
    if (!timer.pending) return
    timer.pending = false
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
    top.pending = false
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
      .filter((t) => t.pending)
      .sort(compareTimers)
      .slice(0, limit)
      .map((t) => ({ dueMs: t.dueMs, label: t.label }))
  }

  private dropCancelled(): void {
    while (this.heap.peek()?.pending === false) this.heap.pop()
  }
}

function compareTimers(a: Timer, b: Timer): number {
  return a.dueMs - b.dueMs || a.sequence - b.sequence
}
