// PodGC decisions ([k8s] pkg/controller/podgc/gc_controller.go: gcTerminated, gcOrphaned,
// gcTerminating, gcUnscheduledTerminating; constants gcCheckPeriod 20 s, quarantineTime 40 s,
// --terminated-pod-gc-threshold 12500). Pure.
import type { Stored } from '../../api/meta'
import type { Pod } from '../../api/pod'

export const GC_CHECK_PERIOD_MS = 20_000
export const QUARANTINE_MS = 40_000
export const TERMINATED_POD_GC_THRESHOLD = 12_500
export const OUT_OF_SERVICE_TAINT = 'node.kubernetes.io/out-of-service'

/** The first PodGC pass at or after `ms` (passes every 20 s on the epoch grid). */
export function gcPassAtOrAfter(ms: number): number {
  return Math.ceil(ms / GC_CHECK_PERIOD_MS) * GC_CHECK_PERIOD_MS
}

/** An orphan seen at `seenMs` is quarantined from the pass that saw it and deleted 40 s later. */
export function orphanDeletionMs(seenMs: number): number {
  return gcPassAtOrAfter(seenMs) + QUARANTINE_MS
}

export function isTerminal(pod: Stored<Pod>): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed'
}

function isEvicted(pod: Stored<Pod>): boolean {
  return (pod.status as { reason?: string } | undefined)?.reason === 'Evicted'
}

/** gcTerminated: which terminated pods to delete when there are more than the threshold. */
export function planTerminatedPodDeletions(terminated: readonly Stored<Pod>[], threshold = TERMINATED_POD_GC_THRESHOLD): Stored<Pod>[] {
  if (threshold <= 0) return []
  const excess = terminated.length - threshold
  if (excess <= 0) return []
  const order = [...terminated].sort((a, b) => {
    const ea = isEvicted(a) ? 0 : 1
    const eb = isEvicted(b) ? 0 : 1
    if (ea !== eb) return ea - eb
    const ca = a.metadata.creationTimestamp ?? ''
    const cb = b.metadata.creationTimestamp ?? ''
    if (ca !== cb) return ca < cb ? -1 : 1
    const ka = `${a.metadata.namespace}/${a.metadata.name}`
    const kb = `${b.metadata.namespace}/${b.metadata.name}`
    return ka < kb ? -1 : ka > kb ? 1 : 0
  })
  return order.slice(0, excess)
}
