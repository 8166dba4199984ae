// The scheduling queue ([k8s] pkg/scheduler/backend/queue/scheduling_queue.go, active_queue.go,
// backoff_queue.go): activeQ ordered by PrioritySort (higher spec.priority first, then earlier queue
// timestamp, then a sequence number for simultaneous arrivals); backoffQ ordered by back-off expiry;
// an error back-off queue for attempts that failed without a plugin verdict; the unschedulable pool
// (including pods gated by spec.schedulingGates). Pure bookkeeping over the virtual time passed in:
// it never reads a clock or schedules timers; `wakeAtMs` tells the caller when a pod needs a look.
// SchedulerPopFromBackoffQ (beta, on since v1.33): when activeQ is empty, the pod whose back-off
// ends first is popped early, and back-off expiries are aligned to 1 s windows.
import type { Pod } from '../../api/pod'
import { BinaryHeap } from '../../sim/binary-heap'
import { backoffMs, POD_INITIAL_BACKOFF_MS, POD_MAX_BACKOFF_MS } from './backoff'
import { podPriority } from './framework'

/** DefaultPodMaxInUnschedulablePodsDuration and the flushUnschedulablePodsLeftover period. */
export const POD_MAX_IN_UNSCHEDULABLE_PODS_MS = 5 * 60_000
export const UNSCHEDULABLE_FLUSH_PERIOD_MS = 30_000
/** backoffQOrderingWindowDuration. */
export const BACKOFF_ORDERING_WINDOW_MS = 1_000

export type QueueName = 'active' | 'backoff' | 'errorBackoff' | 'unschedulable' | 'gated' | 'inFlight'

export interface QueuedPodInfo {
  readonly key: string
  pod: Pod
  priority: number
  /** When the pod last entered the queue (activeQ order; back-off and 5 min flush start here). */
  timestampMs: number
  seq: number
  /** Scheduling attempts so far (incremented at pop). */
  attempts: number
  /** Plugins that rejected the pod in its last attempt (empty after an error). */
  unschedulablePlugins: ReadonlySet<string>
  where: QueueName
  /** Heap entries carry this token; a moved pod leaves stale entries behind (lazy deletion). */
  token: number
}

export interface SchedulingQueueOptions {
  initialBackoffMs?: number
  maxBackoffMs?: number
  /** SchedulerPopFromBackoffQ; default true. */
  popFromBackoffQ?: boolean
  /** When the scheduler started: the 30 s flush ticks count from here. */
  startMs: number
}

type Entry = { info: QueuedPodInfo; token: number }

/** A pod not yet rejected by any plugin (read-only, so all such pods share it). */
const NO_PLUGINS: ReadonlySet<string> = new Set()

/** A heap of entries ordered by their pods' queue order. */
class Heap extends BinaryHeap<Entry> {
  constructor(less: (a: QueuedPodInfo, b: QueuedPodInfo) => boolean) {
    super((a, b) => less(a.info, b.info))
  }
}

/** PrioritySort.Less, then arrival order. */
export function activeLess(a: QueuedPodInfo, b: QueuedPodInfo): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority
  if (a.timestampMs !== b.timestampMs) return a.timestampMs < b.timestampMs
  return a.seq < b.seq
}

export function isGated(pod: Pod): boolean {
  return (pod.spec.schedulingGates?.length ?? 0) > 0
}

export class SchedulingQueue {
  private readonly pods = new Map<string, QueuedPodInfo>()
  private readonly active = new Heap(activeLess)
  private readonly backoff: Heap
  private readonly errorBackoff: Heap
  private seq = 0
  private activeCount = 0
  private backoffCount = 0
  private unschedulableCount = 0
  readonly initialBackoffMs: number
  readonly maxBackoffMs: number
  readonly popFromBackoffQ: boolean
  readonly startMs: number

  constructor(options: SchedulingQueueOptions) {
    this.initialBackoffMs = options.initialBackoffMs ?? POD_INITIAL_BACKOFF_MS
    this.maxBackoffMs = options.maxBackoffMs ?? POD_MAX_BACKOFF_MS
    this.popFromBackoffQ = options.popFromBackoffQ ?? true
    this.startMs = options.startMs
    this.backoff = new Heap((a, b) => this.expiresFirst(a, b, this.popFromBackoffQ))
    this.errorBackoff = new Heap((a, b) => this.expiresFirst(a, b, false))
  }

  /** backoffQ order: earlier back-off expiry, then PrioritySort (or arrival) among equal expiries. */
  private expiresFirst(a: QueuedPodInfo, b: QueuedPodInfo, withPriority: boolean): boolean {
    const ea = this.backoffExpiryMs(a)
    const eb = this.backoffExpiryMs(b)
    if (ea !== eb) return ea < eb
    return withPriority ? activeLess(a, b) : a.seq < b.seq
  }

  get(key: string): QueuedPodInfo | undefined {
    return this.pods.get(key)
  }

  get size(): number {
    return this.pods.size
  }

  /** Pods a pop could return now (activeQ, plus backoffQ when popping from it is on). */
  hasPoppable(): boolean {
    return this.activeCount > 0 || (this.popFromBackoffQ && this.backoffCount > 0)
  }

  get unschedulableSize(): number {
    return this.unschedulableCount
  }

  /** A pending pod seen for the first time: activeQ, or the gated pool while it has scheduling gates. */
  add(key: string, pod: Pod, nowMs: number): QueuedPodInfo {
    const existing = this.pods.get(key)
    if (existing) return this.update(key, pod, nowMs)!
    const info: QueuedPodInfo = { key, pod, priority: podPriority(pod), timestampMs: nowMs, seq: ++this.seq, attempts: 0, unschedulablePlugins: NO_PLUGINS, where: 'gated', token: 0 }
    this.pods.set(key, info)
    this.moveTo(info, isGated(pod) ? 'gated' : 'active')
    return info
  }

  /**
   * The pod object changed. In activeQ/backoffQ it is just replaced; a parked (gated or
   * unschedulable) pod whose spec or labels changed is retried (upstream Update + isPodUpdated).
   */
  update(key: string, pod: Pod, nowMs: number): QueuedPodInfo | undefined {
    const info = this.pods.get(key)
    if (!info) return undefined
    const before = info.pod
    info.pod = pod
    if (info.where === 'gated') {
      if (!isGated(pod)) {
        info.timestampMs = nowMs
        this.moveTo(info, 'active')
      }
    } else if (info.where === 'unschedulable' && isPodUpdated(before, pod)) {
      this.requeue(info, nowMs)
    }
    return info
  }

  delete(key: string): void {
    const info = this.pods.get(key)
    if (!info) return
    this.leave(info)
    this.pods.delete(key)
  }

  /** The next pod to try, or undefined. Completed back-offs join activeQ first. */
  pop(nowMs: number): QueuedPodInfo | undefined {
    this.flushBackoffCompleted(nowMs)
    let info = this.popFrom(this.active)
    if (!info && this.popFromBackoffQ) info = this.popFrom(this.backoff)
    if (!info) return undefined
    this.moveTo(info, 'inFlight')
    info.attempts++
    return info
  }

  /**
   * After a failed attempt: plugins rejected it ⇒ the unschedulable pool (nothing happened while it
   * was in flight, since a cycle is atomic here); no plugin verdict (an error) ⇒ error back-off.
   */
  addUnschedulable(key: string, plugins: readonly string[], nowMs: number): QueuedPodInfo | undefined {
    const info = this.pods.get(key)
    if (!info) return undefined
    info.unschedulablePlugins = new Set(plugins)
    info.timestampMs = nowMs
    this.moveTo(info, plugins.length === 0 ? 'errorBackoff' : 'unschedulable')
    return info
  }

  /** Pods in the unschedulable pool that `worthRequeuing` accepts go to backoffQ or activeQ; returns them. */
  moveUnschedulable(worthRequeuing: (info: QueuedPodInfo) => boolean, nowMs: number): QueuedPodInfo[] {
    if (this.unschedulableCount === 0) return []
    const moved: QueuedPodInfo[] = []
    for (const info of this.sortedParked()) {
      if (!worthRequeuing(info)) continue
      this.requeue(info, nowMs)
      moved.push(info)
    }
    return moved
  }

  /** flushUnschedulablePodsLeftover at a 30 s tick: pods parked longer than 5 min are retried. */
  flushUnschedulableLeftover(nowMs: number): QueuedPodInfo[] {
    return this.moveUnschedulable((info) => nowMs - info.timestampMs > POD_MAX_IN_UNSCHEDULABLE_PODS_MS, nowMs)
  }

  /** Back-off expiry (upstream getBackoffTime), window-aligned when popping from backoffQ is on. */
  backoffExpiryMs(info: QueuedPodInfo): number {
    if (info.attempts === 0) return -Infinity
    const t = info.timestampMs + backoffMs(info.attempts, this.initialBackoffMs, this.maxBackoffMs)
    return this.popFromBackoffQ ? alignToWindow(t) : t
  }

  isBackingOff(info: QueuedPodInfo, nowMs: number): boolean {
    if (info.attempts === 0) return false
    const expiry = this.backoffExpiryMs(info)
    return this.popFromBackoffQ ? expiry >= alignToWindow(nowMs) : expiry > nowMs
  }

  /** When this pod next needs a look without any cluster event (back-off end or the 5 min flush tick). */
  wakeAtMs(info: QueuedPodInfo): number | undefined {
    switch (info.where) {
      case 'backoff':
      case 'errorBackoff': {
        const expiry = this.backoffExpiryMs(info)
        return this.popFromBackoffQ ? expiry + BACKOFF_ORDERING_WINDOW_MS : expiry
      }
      case 'unschedulable': {
        // The first flush tick (start + k x 30 s) strictly more than 5 min after the pod was parked.
        const k = Math.floor((info.timestampMs + POD_MAX_IN_UNSCHEDULABLE_PODS_MS - this.startMs) / UNSCHEDULABLE_FLUSH_PERIOD_MS) + 1
        return this.startMs + Math.max(1, k) * UNSCHEDULABLE_FLUSH_PERIOD_MS
      }
      default:
        return undefined
    }
  }

  /** Moves back-off-completed pods to activeQ (flushBackoffQCompleted). */
  flushBackoffCompleted(nowMs: number): void {
    this.flushCompleted(this.backoff, nowMs)
    this.flushCompleted(this.errorBackoff, nowMs)
  }

  private flushCompleted(heap: Heap, nowMs: number): void {
    for (;;) {
      const top = heap.peek()
      if (!top) break
      if (top.token !== top.info.token) {
        heap.pop()
        continue
      }
      if (this.isBackingOff(top.info, nowMs)) break
      heap.pop()
      this.moveTo(top.info, 'active')
    }
  }

  private requeue(info: QueuedPodInfo, nowMs: number): void {
    this.moveTo(info, this.isBackingOff(info, nowMs) ? 'backoff' : 'active')
  }

  private sortedParked(): QueuedPodInfo[] {
    const out: QueuedPodInfo[] = []
    for (const info of this.pods.values()) if (info.where === 'unschedulable') out.push(info)
    return out.sort((a, b) => a.seq - b.seq)
  }

  private popFrom(heap: Heap): QueuedPodInfo | undefined {
    for (;;) {
      const e = heap.pop()
      if (!e) return undefined
      if (e.token === e.info.token) return e.info
    }
  }

  private leave(info: QueuedPodInfo): void {
    if (info.where === 'active') this.activeCount--
    else if (info.where === 'backoff') this.backoffCount--
    else if (info.where === 'unschedulable') this.unschedulableCount--
    info.token++
  }

  private moveTo(info: QueuedPodInfo, where: QueueName): void {
    this.leave(info)
    info.where = where
    const entry = { info, token: info.token }
    if (where === 'active') {
      this.activeCount++
      this.active.push(entry)
    } else if (where === 'backoff') {
      this.backoffCount++
      this.backoff.push(entry)
    } else if (where === 'errorBackoff') this.errorBackoff.push(entry)
    else if (where === 'unschedulable') this.unschedulableCount++
  }
}

export function alignToWindow(ms: number): number {
  return Math.floor(ms / BACKOFF_ORDERING_WINDOW_MS) * BACKOFF_ORDERING_WINDOW_MS
}

/** isPodUpdated: anything but status, resourceVersion, generation and managedFields changed. */
export function isPodUpdated(before: Pod, after: Pod): boolean {
  if (before === after) return false
  if (before.spec !== after.spec && JSON.stringify(before.spec) !== JSON.stringify(after.spec)) return true
  const strip = (p: Pod) => {
    const { resourceVersion: _rv, generation: _g, managedFields: _m, ...rest } = p.metadata as Record<string, unknown>
    return JSON.stringify(rest)
  }
  return strip(before) !== strip(after)
}
