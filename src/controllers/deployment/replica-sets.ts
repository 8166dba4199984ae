// A Deployment's ReplicaSets as the controller sees them (deployment_util.go FindNewReplicaSet,
// FindOldReplicaSets, MaxRevision, the replica-count sums; controller_utils.go
// ReplicaSetsByCreationTimestamp / BySize*): light views so the planners stay pure and testable.
import { equalIgnoreHash } from './template-hash'
import { REVISION } from './annotations'

/** The fields of a ReplicaSet the planners read. */
export interface RsView {
  metadata: { name: string; uid?: string; creationTimestamp?: string; annotations?: Record<string, string>; deletionTimestamp?: string; generation?: number }
  spec: { replicas?: number; template?: unknown }
  status?: { replicas?: number; availableReplicas?: number; readyReplicas?: number; terminatingReplicas?: number; observedGeneration?: number; conditions?: readonly { type: string }[] }
}

export const specReplicas = (rs: RsView): number => rs.spec.replicas ?? 0

/** Oldest first; equal timestamps by name. */
export function compareByCreation(a: RsView, b: RsView): number {
  const ta = a.metadata.creationTimestamp ?? ''
  const tb = b.metadata.creationTimestamp ?? ''
  if (ta !== tb) return ta < tb ? -1 : 1
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0
}

/** The oldest ReplicaSet whose template equals the Deployment's, ignoring the hash label. */
export function findNewReplicaSet<T extends RsView>(template: unknown, rsList: readonly T[]): T | undefined {
  return [...rsList].sort(compareByCreation).find((rs) => equalIgnoreHash(rs.spec.template, template))
}

export function findOldReplicaSets<T extends RsView>(newRS: T | undefined, rsList: readonly T[]): T[] {
  return rsList.filter((rs) => rs !== newRS && rs.metadata.uid !== newRS?.metadata.uid)
}

/** The revision annotation; missing is 0, unparsable is undefined (skipped). */
export function revisionOf(rs: RsView): number | undefined {
  const text = rs.metadata.annotations?.[REVISION]
  if (text === undefined) return 0
  return /^\d+$/.test(text) ? Number(text) : undefined
}

export function maxRevision(rsList: readonly RsView[]): number {
  let max = 0
  for (const rs of rsList) {
    const v = revisionOf(rs)
    if (v !== undefined && v > max) max = v
  }
  return max
}

export const isActive = (rs: RsView | undefined): rs is RsView => !!rs && specReplicas(rs) > 0
export const sumSpecReplicas = (rsList: readonly (RsView | undefined)[]): number => rsList.reduce((n, rs) => n + (rs ? specReplicas(rs) : 0), 0)
export const sumStatusReplicas = (rsList: readonly (RsView | undefined)[]): number => rsList.reduce((n, rs) => n + (rs?.status?.replicas ?? 0), 0)
export const sumAvailable = (rsList: readonly (RsView | undefined)[]): number => rsList.reduce((n, rs) => n + (rs?.status?.availableReplicas ?? 0), 0)
export const sumReady = (rsList: readonly (RsView | undefined)[]): number => rsList.reduce((n, rs) => n + (rs?.status?.readyReplicas ?? 0), 0)

/** Sum of terminatingReplicas; undefined when some ReplicaSet does not report it yet. */
export function sumTerminating(rsList: readonly (RsView | undefined)[]): number | undefined {
  let n = 0
  for (const rs of rsList) {
    if (!rs) continue
    const t = rs.status?.terminatingReplicas
    if (t === undefined) return undefined
    n += t
  }
  return n
}
