// ReplicaSet adoption and release by a Deployment (controller_ref_manager.go ClaimReplicaSets):
// orphans matching the selector are adopted, owned ones that stop matching are released, others'
// are never touched; nothing is adopted or released while the Deployment is being deleted.
import type { KubeObject } from '../../api/meta'
import type { ReconcileContext } from '../../runtime/controller'
import { controllerOf, controllerRefTo } from '../../runtime/owners'
import { compareKeys, keyOf } from '../../store/keys'
import { fromLabelSelector, matchesSelector } from '../../store/selectors'
import type { StoredDeployment, StoredReplicaSet } from './sync-state'

export interface ReplicaSetClaims {
  claimed: KubeObject[]
  adopt: KubeObject[]
  release: KubeObject[]
}

export function planReplicaSetClaims(ownerUid: string, ownerDeleting: boolean, candidates: readonly KubeObject[], matches: (o: KubeObject) => boolean): ReplicaSetClaims {
  const out: ReplicaSetClaims = { claimed: [], adopt: [], release: [] }
  for (const rs of candidates) {
    const ref = controllerOf(rs)
    if (ref) {
      if (ref.uid !== ownerUid) continue
      if (matches(rs)) out.claimed.push(rs)
      else if (!ownerDeleting) out.release.push(rs)
      continue
    }
    if (ownerDeleting || !matches(rs) || rs.metadata.deletionTimestamp) continue
    out.adopt.push(rs)
    out.claimed.push(rs)
  }
  return out
}

/** Claims and returns the Deployment's ReplicaSets (owned ones plus matching orphans), sorted by key. */
export function applyReplicaSetClaims(ctx: ReconcileContext, d: StoredDeployment): StoredReplicaSet[] {
  const selector = fromLabelSelector(d.spec.selector as never)
  const byKey = new Map<string, KubeObject>()
  for (const o of ctx.store.dependents(d.metadata.uid)) if (o.kind === 'ReplicaSet') byKey.set(keyOf(o), o)
  for (const rs of ctx.store.list('ReplicaSet', { namespace: d.metadata.namespace, selector })) byKey.set(keyOf(rs), rs)
  const candidates = [...byKey.keys()].sort(compareKeys).map((k) => byKey.get(k)!)
  const claims = planReplicaSetClaims(d.metadata.uid, !!d.metadata.deletionTimestamp, candidates, (rs) => matchesSelector(selector, rs.metadata.labels))
  const adopted = new Map<string, KubeObject>()
  for (const rs of claims.adopt) {
    adopted.set(rs.metadata.uid, ctx.client.patch('ReplicaSet', keyOf(rs), (draft) => {
      draft.metadata.ownerReferences = [...(draft.metadata.ownerReferences ?? []), controllerRefTo(d)]
    }))
  }
  for (const rs of claims.release) {
    ctx.client.patch('ReplicaSet', keyOf(rs), (draft) => {
      const refs = (draft.metadata.ownerReferences ?? []).filter((r) => r.uid !== d.metadata.uid)
      if (refs.length) draft.metadata.ownerReferences = refs
      else delete draft.metadata.ownerReferences
    })
  }
  return claims.claimed.map((rs) => (adopted.get(rs.metadata.uid) ?? rs) as StoredReplicaSet)
}
