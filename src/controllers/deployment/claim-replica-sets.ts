// ReplicaSet adoption and release by a Deployment (controller_ref_manager.go ClaimReplicaSets):
// orphans matching the selector are adopted, owned ones that stop matching are released, others'
// are never touched; nothing is adopted or released while the Deployment is being deleted.
import type { KubeObject } from '../../api/meta'
import type { ReconcileContext } from '../../runtime/controller'
import { controllerOf, controllerRefTo, hasOwnerReference } from '../../runtime/owners'
import { compareKeys, keyOf } from '../../store/keys'
import { fromLabelSelector, matchesSelector, type Selector } from '../../store/selectors'
import type { Store } from '../../store/store'
import type { StoredDeployment, StoredReplicaSet } from './sync-state'

export interface ReplicaSetClaims {
  claimed: KubeObject[]
  adopt: KubeObject[]
  release: KubeObject[]
}

export function planReplicaSetClaims(ownerUid: string, ownerDeleting: boolean, candidates: readonly KubeObject[], matches: (o: KubeObject) => boolean): ReplicaSetClaims {
  const out: ReplicaSetClaims = { claimed: [], adopt: [], release: [] }
  for (let i = 0; i < candidates.length; i++) {
    const rs = candidates[i]
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
  const candidates = candidateReplicaSets(ctx.store, d, selector)
  const claims = planReplicaSetClaims(d.metadata.uid, !!d.metadata.deletionTimestamp, candidates, (rs) => matchesSelector(selector, rs.metadata.labels))
  let adopted: Map<string, KubeObject> | undefined
  for (const rs of claims.adopt) {
    ;(adopted ??= new Map()).set(rs.metadata.uid, ctx.client.patch('ReplicaSet', keyOf(rs), (draft) => {
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
  if (!adopted) return claims.claimed as StoredReplicaSet[]
  return claims.claimed.map((rs) => (adopted.get(rs.metadata.uid) ?? rs) as StoredReplicaSet)
}

/**
 * Owned ReplicaSets (by ownerReference) plus those the selector lists, sorted by key. The list is
 * sorted already and, in the common case, holds every owned one: the dependents index is exact, so
 * equal counts prove it and nothing needs merging.
 */
function candidateReplicaSets(store: Store, d: StoredDeployment, selector: Selector): KubeObject[] {
  const uid = d.metadata.uid
  const listed = store.list('ReplicaSet', { namespace: d.metadata.namespace, selector })
  const dependents = store.global.dependents(uid)
  let owned = 0
  for (let i = 0; i < dependents.length; i++) if (dependents[i].kind === 'ReplicaSet') owned++
  let listedOwned = 0
  for (let i = 0; i < listed.length; i++) if (hasOwnerReference(listed[i], uid)) listedOwned++
  if (owned === listedOwned) return listed
  const byKey = new Map<string, KubeObject>()
  for (const o of store.dependents(uid)) if (o.kind === 'ReplicaSet') byKey.set(keyOf(o), o)
  for (const rs of listed) byKey.set(keyOf(rs), rs)
  return [...byKey.keys()].sort(compareKeys).map((k) => byKey.get(k)!)
}
