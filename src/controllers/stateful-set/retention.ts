// PVC retention policy (semantics.md §6.5; [k8s] stateful_pod_control.go: ClaimsMatchRetentionPolicy,
// UpdatePodClaimForRetentionPolicy, updateClaimOwnerRefForSetAndPod, PodClaimIsStale).
// whenDeleted: Delete → the claim gets a (non-controller) owner reference to the set, so the garbage
// collector removes it with the set. whenScaled: Delete → a claim of a condemned pod (ordinal out of
// range) gets an owner reference to that pod, so it goes with the pod. Retain → neither. Pure.
import type { OwnerReference } from '../../api/meta'
import type { PersistentVolumeClaim } from '../../api/persistent-volume-claim'
import type { Pod } from '../../api/pod'
import { isInOrdinalRange, ordinalOf, type StatefulSetLike } from './identity'

export interface OwnerIdentity {
  apiVersion: string
  kind: string
  name: string
  uid: string
}

function refTo(owner: OwnerIdentity): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.name, uid: owner.uid }
}

/** The owner references `claim` should carry for `pod` of `set` (others untouched), or undefined when they already do. */
export function planClaimOwnerRefs(
  set: StatefulSetLike & { apiVersion?: string; kind?: string },
  pod: Pod,
  claim: PersistentVolumeClaim,
): OwnerReference[] | undefined {
  const policy = set.spec.persistentVolumeClaimRetentionPolicy ?? {}
  const deleteWithSet = policy.whenDeleted === 'Delete'
  const deleteOnScale = policy.whenScaled === 'Delete'
  const inRange = isInOrdinalRange(set, ordinalOf(pod))
  const setOwner: OwnerIdentity = { apiVersion: set.apiVersion ?? 'apps/v1', kind: set.kind ?? 'StatefulSet', name: set.metadata.name ?? '', uid: set.metadata.uid ?? '' }
  const podOwner: OwnerIdentity | undefined = pod.metadata.uid ? { apiVersion: 'v1', kind: 'Pod', name: pod.metadata.name ?? '', uid: pod.metadata.uid } : undefined
  let wantSet: boolean
  let wantPod: boolean
  if (deleteOnScale && !inRange) {
    // A condemned pod's claim follows the pod, not the set.
    wantSet = false
    wantPod = true
  } else {
    wantSet = deleteWithSet
    wantPod = false
  }
  const refs = [...(claim.metadata.ownerReferences ?? [])]
  const isSetRef = (r: OwnerReference) => r.uid === setOwner.uid
  const isPodRef = (r: OwnerReference) => r.kind === 'Pod' && r.apiVersion === 'v1' && r.name === pod.metadata.name
  let next = refs
  if (wantSet && !next.some(isSetRef)) next = [...next, refTo(setOwner)]
  if (!wantSet && next.some(isSetRef)) next = next.filter((r) => !isSetRef(r))
  if (wantPod && podOwner && !next.some((r) => r.uid === podOwner.uid)) next = [...next.filter((r) => !isPodRef(r)), refTo(podOwner)]
  if (!wantPod && next.some(isPodRef)) next = next.filter((r) => !isPodRef(r))
  return next === refs ? undefined : next
}

/**
 * PodClaimIsStale: with a Delete policy, a claim still owned by an earlier pod of this ordinal (another
 * uid, or any pod uid when the pod is not created yet) is on its way out; the pod waits for it to go.
 */
export function isClaimStale(set: StatefulSetLike, claim: PersistentVolumeClaim | undefined, pod: Pod): boolean {
  const policy = set.spec.persistentVolumeClaimRetentionPolicy ?? {}
  if (policy.whenDeleted !== 'Delete' && policy.whenScaled !== 'Delete') return false
  if (!claim) return false
  return (claim.metadata.ownerReferences ?? []).some((r) => r.kind === 'Pod' && r.uid !== pod.metadata.uid)
}
