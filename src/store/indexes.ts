// Secondary indexes kept by the store so hot lookups never scan a whole kind:
// objects by uid, dependents by owner uid, pods by node, objects by namespace and by label pair.
import type { KubeObject } from '../api/meta'
import { type ObjectKey } from './keys'

/** A stored object's address: kind plus key. */
export interface ObjectRef {
  kind: string
  key: ObjectKey
}

const addTo = <K, V>(map: Map<K, Set<V>>, k: K, v: V) => {
  let set = map.get(k)
  if (!set) map.set(k, (set = new Set()))
  set.add(v)
}
const removeFrom = <K, V>(map: Map<K, Set<V>>, k: K, v: V) => {
  const set = map.get(k)
  if (set && set.delete(v) && set.size === 0) map.delete(k)
}

export class KindIndex {
  readonly byNamespace = new Map<string, Set<ObjectKey>>()
  readonly byLabel = new Map<string, Set<ObjectKey>>()

  add(key: ObjectKey, object: KubeObject): void {
    if (object.metadata.namespace) addTo(this.byNamespace, object.metadata.namespace, key)
    const labels = object.metadata.labels
    if (labels) for (const k in labels) addTo(this.byLabel, `${k}=${labels[k]}`, key)
  }

  remove(key: ObjectKey, object: KubeObject): void {
    if (object.metadata.namespace) removeFrom(this.byNamespace, object.metadata.namespace, key)
    const labels = object.metadata.labels
    if (labels) for (const k in labels) removeFrom(this.byLabel, `${k}=${labels[k]}`, key)
  }

  /** Re-indexes only when labels actually changed (the common status write changes none). */
  replace(key: ObjectKey, previous: KubeObject, next: KubeObject): void {
    if (previous.metadata.labels === next.metadata.labels) return
    this.remove(key, previous)
    this.add(key, next)
  }
}

export class GlobalIndex {
  readonly byUid = new Map<string, ObjectRef>()
  readonly byOwnerUid = new Map<string, Set<string>>() // owner uid → "Kind\u0000key"
  readonly podsByNode = new Map<string, Set<ObjectKey>>()

  add(kind: string, key: ObjectKey, object: KubeObject): void {
    this.byUid.set(object.metadata.uid, { kind, key })
    for (const ref of object.metadata.ownerReferences ?? []) addTo(this.byOwnerUid, ref.uid, `${kind}\u0000${key}`)
    if (kind === 'Pod') {
      const node = (object as any).spec?.nodeName
      if (node) addTo(this.podsByNode, node, key)
    }
  }

  remove(kind: string, key: ObjectKey, object: KubeObject): void {
    this.byUid.delete(object.metadata.uid)
    for (const ref of object.metadata.ownerReferences ?? []) removeFrom(this.byOwnerUid, ref.uid, `${kind}\u0000${key}`)
    if (kind === 'Pod') {
      const node = (object as any).spec?.nodeName
      if (node) removeFrom(this.podsByNode, node, key)
    }
  }

  replace(kind: string, key: ObjectKey, previous: KubeObject, next: KubeObject): void {
    if (previous.metadata.ownerReferences !== next.metadata.ownerReferences) {
      for (const ref of previous.metadata.ownerReferences ?? []) removeFrom(this.byOwnerUid, ref.uid, `${kind}\u0000${key}`)
      for (const ref of next.metadata.ownerReferences ?? []) addTo(this.byOwnerUid, ref.uid, `${kind}\u0000${key}`)
    }
    if (kind === 'Pod') {
      const a = (previous as any).spec?.nodeName
      const b = (next as any).spec?.nodeName
      if (a !== b) {
        if (a) removeFrom(this.podsByNode, a, key)
        if (b) addTo(this.podsByNode, b, key)
      }
    }
  }

  dependents(ownerUid: string): ObjectRef[] {
    const set = this.byOwnerUid.get(ownerUid)
    if (!set) return []
    return [...set].sort().map((entry) => {
      const cut = entry.indexOf('\u0000')
      return { kind: entry.slice(0, cut), key: entry.slice(cut + 1) }
    })
  }
}
