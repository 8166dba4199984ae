// The FailedScheduling message ([k8s] pkg/scheduler/framework/types.go: FitError.Error):
// "0/<N> nodes are available: <PreFilter msg>." or "... <histogram>." where the histogram counts each
// node's reasons as "<count> <reason>", sorted as strings and joined by ", "; nodes without an explicit
// status (not evaluated) contribute `absentReasons`. The PostFilter (preemption) message follows after
// a space and carries its own final period.
import type { FilterRejection } from './framework'

export interface FitErrorParts {
  numAllNodes: number
  /** Per evaluated node: why it was rejected. */
  statuses: ReadonlyMap<string, FilterRejection> | readonly FilterRejection[]
  /** Reasons counted once for each node without a status (upstream AbsentNodesStatus). */
  absentReasons?: readonly string[]
  preFilterMessage?: string
  postFilterMessage?: string
}

export function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** "3 Insufficient cpu, 1 node(s) were unschedulable" (sorted as strings, like Go's sort.Strings). */
export function reasonHistogram(statuses: Iterable<FilterRejection>, absentCount = 0, absentReasons: readonly string[] = []): string[] {
  const counts = new Map<string, number>()
  for (const s of statuses) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1)
  if (absentCount > 0) for (const r of absentReasons) counts.set(r, (counts.get(r) ?? 0) + absentCount)
  return [...counts].map(([reason, n]) => `${n} ${reason}`).sort(byteOrder)
}

export function computeFitErrorMessage(parts: FitErrorParts): string {
  let message = `0/${parts.numAllNodes} nodes are available:`
  if (parts.preFilterMessage) {
    message += ` ${parts.preFilterMessage}.`
  } else {
    const statuses = parts.statuses instanceof Map ? [...parts.statuses.values()] : (parts.statuses as readonly FilterRejection[])
    const absent = Math.max(0, parts.numAllNodes - statuses.length)
    const histogram = reasonHistogram(statuses, absent, parts.absentReasons)
    if (histogram.length > 0) message += ` ${histogram.join(', ')}.`
  }
  if (parts.postFilterMessage) message += ` ${parts.postFilterMessage}`
  return message
}
