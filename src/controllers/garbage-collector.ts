// The garbage collector (semantics.md §12): deletes dependents whose owners are all gone, drives
// Foreground deletion (delete dependents, then drop the owner's foregroundDeletion finalizer once no
// blocking dependent remains) and Orphan deletion (strip owner references, then drop `orphan`).
// Keys are "Kind|namespace/name" so one queue serves every kind.
import type { KubeObject, OwnerReference } from '../api/meta'
import { defineController, type ReconcileContext } from '../runtime/controller'
import { keyOf, type ObjectKey } from '../store/keys'
import { FOREGROUND_FINALIZER, ORPHAN_FINALIZER, type Store } from '../store/store'

export const GARBAGE_COLLECTOR = 'garbage-collector'

const gcKey = (kind: string, key: ObjectKey) => `${kind}|${key}`

export function createGarbageCollector(store: Store) {
  return defineController({
    name: GARBAGE_COLLECTOR,
    watches: [
      {
        kind: '*',
        map(object, event) {
          const kind = object.kind
          const finalizers = object.metadata.finalizers
          // Most objects (Events, owner-less objects that are not being deleted) need nothing: no allocation.
          if (event.type !== 'DELETED' && !object.metadata.ownerReferences?.length && !(object.metadata.deletionTimestamp && finalizers)) return undefined
          if (event.type === 'DELETED') {
            const keys: string[] = []
            // Its dependents may now be orphans to collect.
            for (const ref of store.global.dependents(object.metadata.uid)) keys.push(gcKey(ref.kind, ref.key))
            // An owner waiting in foreground deletion may have lost its last blocking dependent.
            for (const ref of object.metadata.ownerReferences ?? []) {
              const owner = store.byUid(ref.uid)
              if (owner?.metadata.deletionTimestamp) keys.push(gcKey(owner.kind, keyOf(owner)))
            }
            return keys
          }
          // Only objects with an owner that is gone or going need attention; the rest (every write of
          // an owned pod) cost no allocation.
          const ownerGone = !!object.metadata.ownerReferences?.length && hasAbsentOrDeletingOwner(store, object)
          const finalizing = !!object.metadata.deletionTimestamp && !!finalizers && (finalizers.includes(FOREGROUND_FINALIZER) || finalizers.includes(ORPHAN_FINALIZER))
          if (!ownerGone && !finalizing) return undefined
          const key = gcKey(kind, keyOf(object))
          return ownerGone && finalizing ? [key, key] : key
        },
      },
    ],
    reconcile(key, ctx) {
      const bar = key.indexOf('|')
      const kind = key.slice(0, bar)
      const object = ctx.store.get(kind, key.slice(bar + 1))
      if (!object) return
      const finalizers = object.metadata.finalizers ?? []
      if (object.metadata.deletionTimestamp && finalizers.includes(ORPHAN_FINALIZER)) return orphanDependents(object, ctx)
      if (object.metadata.deletionTimestamp && finalizers.includes(FOREGROUND_FINALIZER)) return deleteDependentsFirst(object, ctx)
      attemptToDelete(object, ctx)
    },
  })
}

function hasAbsentOrDeletingOwner(store: Store, object: KubeObject): boolean {
  // Asked for every write of an owned object: an indexed loop over the frozen references.
  const refs = object.metadata.ownerReferences
  if (refs)
    for (let i = 0; i < refs.length; i++) {
      const owner = store.byUid(refs[i].uid)
      if (!owner || owner.metadata.deletionTimestamp) return true
    }
  return false
}

function orphanDependents(owner: KubeObject, ctx: ReconcileContext): void {
  for (const dependent of ctx.store.dependents(owner.metadata.uid)) {
    ctx.client.patch(dependent.kind, keyOf(dependent), (d) => {
      d.metadata.ownerReferences = d.metadata.ownerReferences?.filter((r) => r.uid !== owner.metadata.uid)
      if (d.metadata.ownerReferences?.length === 0) delete d.metadata.ownerReferences
    })
  }
  ctx.client.patch(owner.kind, keyOf(owner), (d) => {
    d.metadata.finalizers = d.metadata.finalizers?.filter((f) => f !== ORPHAN_FINALIZER)
  })
}

function deleteDependentsFirst(owner: KubeObject, ctx: ReconcileContext): void {
  let blocking = 0
  for (const dependent of ctx.store.dependents(owner.metadata.uid)) {
    const ref = dependent.metadata.ownerReferences!.find((r) => r.uid === owner.metadata.uid)!
    if (ref.blockOwnerDeletion) blocking++
    if (dependent.metadata.deletionTimestamp) continue
    const hasDependents = ctx.store.global.byOwnerUid.has(dependent.metadata.uid)
    ctx.client.delete(dependent.kind, keyOf(dependent), { propagationPolicy: hasDependents ? 'Foreground' : 'Background' })
  }
  if (blocking === 0)
    ctx.client.patch(owner.kind, keyOf(owner), (d) => {
      d.metadata.finalizers = d.metadata.finalizers?.filter((f) => f !== FOREGROUND_FINALIZER)
    })
}

function attemptToDelete(object: KubeObject, ctx: ReconcileContext): void {
  const refs = object.metadata.ownerReferences ?? []
  if (!refs.length) return
  const dangling: OwnerReference[] = []
  const waiting: OwnerReference[] = []
  let solid = 0
  for (const ref of refs) {
    const owner = ctx.store.byUid(ref.uid)
    if (!owner) dangling.push(ref)
    else if (owner.metadata.deletionTimestamp && owner.metadata.finalizers?.includes(FOREGROUND_FINALIZER)) waiting.push(ref)
    else solid++
  }
  if (solid > 0) {
    // An object with a live owner stays; references to owners that are gone are dropped.
    if (dangling.length)
      ctx.client.patch(object.kind, keyOf(object), (d) => {
        d.metadata.ownerReferences = d.metadata.ownerReferences?.filter((r) => !dangling.some((x) => x.uid === r.uid))
      })
    return
  }
  if (!dangling.length && !waiting.length) return
  if (object.metadata.deletionTimestamp) return
  const hasDependents = ctx.store.global.byOwnerUid.has(object.metadata.uid)
  ctx.client.delete(object.kind, keyOf(object), { propagationPolicy: waiting.length && hasDependents ? 'Foreground' : 'Background' })
}
