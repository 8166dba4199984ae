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
  const ranked = pods.map((pod, index) => deletionFacts(pod, index, onNode.get(pod.spec?.nodeName ?? '') ?? 0, nowMs))
  ranked.sort((a, b) => compareForDeletion(a, b) || a.index - b.index)
  return ranked.slice(0, count).map((r) => r.pod)
}

/** What the ranking compares, read off each pod once rather than on every comparison of the sort. */
interface DeletionFacts {
  pod: Pod
  index: number
  /** Related pods on the same node. */
  rank: number
  nodeName: string
  phaseOrdinal: number
  ready: boolean
  cost: number
  readySinceMs: number | undefined
  /** log2Bucket(now − readySinceMs), when readySinceMs is known. */
  readyBucket: number
  restarts: number
  sidecarRestarts: number
  createdMs: number | undefined
  createdBucket: number
  uid: string
}

function deletionFacts(pod: Pod, index: number, rank: number, nowMs: number): DeletionFacts {
  const readySince = readySinceMs(pod)
  const created = timestampMs(pod.metadata.creationTimestamp)
  return {
    pod,
    index,
    rank,
    nodeName: pod.spec?.nodeName ?? '',
    phaseOrdinal: PHASE_ORDINAL[pod.status?.phase ?? ''] ?? 0,
    ready: isPodReady(pod),
    cost: deletionCost(pod),
    readySinceMs: readySince,
    readyBucket: readySince === undefined ? 0 : log2Bucket(nowMs - readySince),
    restarts: maxRestarts(pod.status?.containerStatuses),
    sidecarRestarts: maxSidecarRestarts(pod),
    createdMs: created,
    createdBucket: created === undefined ? 0 : log2Bucket(nowMs - created),
    uid: pod.metadata.uid ?? '',
  }
}

/** Negative when `a` should be deleted before `b` (ActivePodsWithRanks.Less, both directions). */
function compareForDeletion(a: DeletionFacts, b: DeletionFacts): number {
  // 1. Unassigned < assigned.
  if (a.nodeName !== b.nodeName && (!a.nodeName || !b.nodeName)) return !a.nodeName ? -1 : 1
  // 2. Pending < Unknown < Running.
  if (a.phaseOrdinal !== b.phaseOrdinal) return a.phaseOrdinal - b.phaseOrdinal
  // 3. Not ready < ready.
  if (a.ready !== b.ready) return a.ready ? 1 : -1
  // 4. Lower pod-deletion-cost < higher.
  if (a.cost !== b.cost) return a.cost - b.cost
  // 5. More co-located related pods (doubled up) first.
  if (a.rank !== b.rank) return b.rank - a.rank
  // 6. Both ready: ready for less time first, compared on a log2 scale (LogarithmicScaleDown).
  if (a.ready && b.ready && a.readySinceMs !== b.readySinceMs) {
    const byTime = compareTimesLogarithmic(a.readySinceMs, a.readyBucket, b.readySinceMs, b.readyBucket, a.uid, b.uid)
    if (byTime !== 0) return byTime
  }
  // 7. More container restarts first (regular containers, then restartable init containers).
  if (a.restarts !== b.restarts) return a.restarts > b.restarts ? -1 : 1
  if (a.sidecarRestarts !== b.sidecarRestarts) return a.sidecarRestarts > b.sidecarRestarts ? -1 : 1
  // 8. Newer first, again log2-bucketed with a UID tie-break.
  if (a.createdMs !== b.createdMs) return compareTimesLogarithmic(a.createdMs, a.createdBucket, b.createdMs, b.createdBucket, a.uid, b.uid)
  return 0
}

/** Later (or unknown) time first; equal log2 buckets of `now - t` fall back to the lower UID first. */
function compareTimesLogarithmic(ta: number | undefined, bucketA: number, tb: number | undefined, bucketB: number, uidA: string, uidB: string): number {
  if (ta === undefined || tb === undefined) return afterOrZero(ta, tb)
  const diff = bucketA - bucketB
  if (diff === 0) return uidA < uidB ? -1 : uidA > uidB ? 1 : 0
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

/** The most restarts among the given container statuses. */
function maxRestarts(statuses: readonly { restartCount?: number }[] | undefined): number {
  let max = 0
  if (statuses) for (let i = 0; i < statuses.length; i++) max = Math.max(max, statuses[i].restartCount ?? 0)
  return max
}

/** The most restarts among restartable init containers (sidecars); most pods have none to look at. */
function maxSidecarRestarts(pod: Pod): number {
  const init = pod.spec?.initContainers
  if (!init?.length) return 0
  const sidecars = new Set(init.filter((c) => c.restartPolicy === 'Always').map((c) => c.name))
  return maxRestarts(pod.status?.initContainerStatuses?.filter((s) => sidecars.has(s.name)))
}
