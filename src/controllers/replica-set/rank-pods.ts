// Which pods a ReplicaSet deletes first on scale-down (semantics.md §4.3; controller_utils.go
// ActivePodsWithRanks.Less, replica_set.go getPodsToDelete / getPodsRankedByRelatedPodsOnSameNode).
// Pure. Ties that upstream leaves to Go's unstable sort keep the input order (pods sorted by key).
import type { Pod } from '../../api/pod'
import { parseRfc3339 } from '../../sim/time'
import { isPodActive, isPodReady, readySinceMs } from './pod-state'

export const POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost'

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 }

/**
 * The `count` pods to delete, in order. `related` are the pods of every ReplicaSet with the same
 * controller owner (a Deployment's old and new ReplicaSets); empty for a standalone ReplicaSet, whose
 * pods then all rank 0, as upstream.
 */
export function planPodsToDelete(pods: readonly Pod[], related: readonly Pod[], count: number, nowMs: number): Pod[] {
  if (count >= pods.length) return [...pods]
  const onNode = new Map<string, number>()
  for (const pod of related) {
    if (!isPodActive(pod)) continue
    const node = pod.spec?.nodeName ?? ''
    onNode.set(node, (onNode.get(node) ?? 0) + 1)
  }
  const ranked = pods.map((pod, index) => ({ pod, index, rank: onNode.get(pod.spec?.nodeName ?? '') ?? 0 }))
  ranked.sort((a, b) => compareForDeletion(a, b, nowMs) || a.index - b.index)
  return ranked.slice(0, count).map((r) => r.pod)
}

interface RankedPod {
  pod: Pod
  rank: number
}

/** Negative when `a` should be deleted before `b` (ActivePodsWithRanks.Less, both directions). */
export function compareForDeletion(a: RankedPod, b: RankedPod, nowMs: number): number {
  const pa = a.pod
  const pb = b.pod
  // 1. Unassigned < assigned.
  const na = pa.spec?.nodeName ?? ''
  const nb = pb.spec?.nodeName ?? ''
  if (na !== nb && (!na || !nb)) return !na ? -1 : 1
  // 2. Pending < Unknown < Running.
  const oa = PHASE_ORDINAL[pa.status?.phase ?? ''] ?? 0
  const ob = PHASE_ORDINAL[pb.status?.phase ?? ''] ?? 0
  if (oa !== ob) return oa - ob
  // 3. Not ready < ready.
  const ra = isPodReady(pa)
  const rb = isPodReady(pb)
  if (ra !== rb) return ra ? 1 : -1
  // 4. Lower pod-deletion-cost < higher.
  const ca = deletionCost(pa)
  const cb = deletionCost(pb)
  if (ca !== cb) return ca - cb
  // 5. More co-located related pods (doubled up) first.
  if (a.rank !== b.rank) return b.rank - a.rank
  // 6. Both ready: ready for less time first, compared on a log2 scale (LogarithmicScaleDown).
  if (ra && rb) {
    const ta = readySinceMs(pa)
    const tb = readySinceMs(pb)
    if (ta !== tb) {
      const byTime = compareTimesLogarithmic(ta, tb, nowMs, pa, pb)
      if (byTime !== 0) return byTime
    }
  }
  // 7. More container restarts first (regular containers, then restartable init containers).
  const [rega, sidea] = maxRestarts(pa)
  const [regb, sideb] = maxRestarts(pb)
  if (rega !== regb) return rega > regb ? -1 : 1
  if (sidea !== sideb) return sidea > sideb ? -1 : 1
  // 8. Newer first, again log2-bucketed with a UID tie-break.
  const ma = timestampMs(pa.metadata.creationTimestamp)
  const mb = timestampMs(pb.metadata.creationTimestamp)
  if (ma !== mb) return compareTimesLogarithmic(ma, mb, nowMs, pa, pb)
  return 0
}

/** Later (or unknown) time first; equal log2 buckets of `now - t` fall back to the lower UID first. */
function compareTimesLogarithmic(ta: number | undefined, tb: number | undefined, nowMs: number, pa: Pod, pb: Pod): number {
  if (ta === undefined || tb === undefined) return afterOrZero(ta, tb)
  const diff = log2Bucket(nowMs - ta) - log2Bucket(nowMs - tb)
  if (diff === 0) {
    const ua = pa.metadata.uid ?? ''
    const ub = pb.metadata.uid ?? ''
    return ua < ub ? -1 : ua > ub ? 1 : 0
  }
  return diff
}

/** afterOrZero: an unknown time sorts first, else the later one. */
function afterOrZero(ta: number | undefined, tb: number | undefined): number {
  if (ta === undefined || tb === undefined) return ta === undefined ? (tb === undefined ? 0 : -1) : 1
  return ta > tb ? -1 : ta < tb ? 1 : 0
}

/** floor(log2(duration in nanoseconds)), -1 for a non-positive duration (logarithmicRankDiff). */
function log2Bucket(ms: number): number {
  return ms > 0 ? Math.floor(Math.log2(ms * 1e6)) : -1
}

function timestampMs(text: string | undefined): number | undefined {
  if (!text) return undefined
  const ms = parseRfc3339(text)
  return Number.isNaN(ms) ? undefined : ms
}

/** The pod-deletion-cost annotation as an int32; invalid or missing is 0. */
export function deletionCost(pod: Pod): number {
  const text = pod.metadata.annotations?.[POD_DELETION_COST]
  if (text === undefined || !/^[+-]?\d+$/.test(text)) return 0
  const n = Number(text)
  return n >= -2147483648 && n <= 2147483647 ? n : 0
}

function maxRestarts(pod: Pod): [number, number] {
  let regular = 0
  for (const s of pod.status?.containerStatuses ?? []) regular = Math.max(regular, s.restartCount ?? 0)
  const sidecars = new Set((pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name))
  let sidecar = 0
  for (const s of pod.status?.initContainerStatuses ?? []) if (sidecars.has(s.name)) sidecar = Math.max(sidecar, s.restartCount ?? 0)
  return [regular, sidecar]
}
