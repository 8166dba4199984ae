// revisionHistoryLimit (semantics.md §5.8; sync.go cleanupDeployment): the oldest revisions beyond
// the limit are deleted, skipping any that still have replicas or an unobserved generation. Pure.
import { compareByCreation, revisionOf, specReplicas, type RsView } from './replica-sets'

export function planHistoryCleanup(revisionHistoryLimit: number | undefined, oldRSs: readonly RsView[]): string[] {
  if (revisionHistoryLimit === undefined || revisionHistoryLimit >= 2147483647) return []
  const alive = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp)
  const diff = alive.length - revisionHistoryLimit
  if (diff <= 0) return []
  const byRevision = [...alive].sort((a, b) => (revisionOf(a) ?? 0) - (revisionOf(b) ?? 0) || compareByCreation(a, b))
  return byRevision
    .slice(0, diff)
    .filter((rs) => (rs.status?.replicas ?? 0) === 0 && specReplicas(rs) === 0 && (rs.metadata.generation ?? 0) <= (rs.status?.observedGeneration ?? 0))
    .map((rs) => rs.metadata.name)
}
