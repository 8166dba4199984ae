// Controller references (apimachinery controller_ref.go): the one ownerReference with controller=true.
import type { KubeObject, OwnerReference } from '../api/meta'
import { objectKey, type ObjectKey } from '../store/keys'

export function controllerRefTo(owner: KubeObject): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true }
}

export function controllerOf(object: { metadata: { ownerReferences?: readonly OwnerReference[] } }): OwnerReference | undefined {
  const refs = object.metadata.ownerReferences
  if (refs) for (let i = 0; i < refs.length; i++) if (refs[i].controller === true) return refs[i]
  return undefined
}

/** Some ownerReference names this uid (what the store's dependents index records). */
export function hasOwnerReference(object: { metadata: { ownerReferences?: readonly OwnerReference[] } }, uid: string): boolean {
  const refs = object.metadata.ownerReferences
  if (refs) for (let i = 0; i < refs.length; i++) if (refs[i].uid === uid) return true
  return false
}

export function isControlledBy(object: { metadata: { ownerReferences?: readonly OwnerReference[] } }, owner: KubeObject): boolean {
  return controllerOf(object)?.uid === owner.metadata.uid
}

/** The key of an object's controller owner when it is of the given kind. */
export function controllerKey(object: KubeObject, ownerKind: string): ObjectKey | undefined {
  const ref = controllerOf(object)
  return ref && ref.kind === ownerKind ? objectKey(object.metadata.namespace, ref.name) : undefined
}
