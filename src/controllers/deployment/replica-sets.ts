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
  // The first match in creation order, found without sorting a copy: a tie keeps the earlier one,
  // as the stable sort would.
  let oldest: T | undefined
  for (let i = 0; i < rsList.length; i++) {
    const rs = rsList[i]
    if ((!oldest || compareByCreation(rs, oldest) < 0) && equalIgnoreHash(rs.spec.template, template)) oldest = rs
  }
  return oldest
}

export function findOldReplicaSets<T extends RsView>(newRS: T | undefined, rsList: readonly T[]): T[] {
  const old: T[] = []
  for (let i = 0; i < rsList.length; i++) if (rsList[i] !== newRS && rsList[i].metadata.uid !== newRS?.metadata.uid) old.push(rsList[i])
  return old
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
// Indexed loops: these run several times per sync, and a reduce callback or an array iterator is an
// allocation per call.
export function sumSpecReplicas(rsList: readonly (RsView | undefined)[]): number {
  let n = 0
  for (let i = 0; i < rsList.length; i++) n += rsList[i]?.spec.replicas ?? 0
  return n
}

export function sumStatusReplicas(rsList: readonly (RsView | undefined)[]): number {
  let n = 0
  for (let i = 0; i < rsList.length; i++) n += rsList[i]?.status?.replicas ?? 0
  return n
}

export function sumAvailable(rsList: readonly (RsView | undefined)[]): number {
  let n = 0
  for (let i = 0; i < rsList.length; i++) n += rsList[i]?.status?.availableReplicas ?? 0
  return n
}

export function sumReady(rsList: readonly (RsView | undefined)[]): number {
  let n = 0
  for (let i = 0; i < rsList.length; i++) n += rsList[i]?.status?.readyReplicas ?? 0
  return n
}

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
