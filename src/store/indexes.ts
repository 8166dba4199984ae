// Secondary indexes kept by the store so hot lookups never scan a whole kind:
// objects by uid, dependents by owner uid, pods by node, objects by namespace and by label pair.
// Every index set keeps its keys sorted on demand (and keeps that order up to date while small), so
// the sorted reads the controllers make on every reconcile cost no sort.
import type { KubeObject } from '../api/meta'
import { type ObjectKey } from './keys'

/** A stored object's address: kind plus key. */
export interface ObjectRef {
  kind: string
  key: ObjectKey
}

/** Above this size a change drops the sorted order (rebuilt on the next read) instead of splicing. */
const SPLICE_LIMIT = 2048

/** A set of strings that can hand out its members sorted by code unit, cheaply and repeatedly. */
export class SortedSet {
  private readonly set = new Set<string>()
  private order: string[] | null = null

  get size(): number {
    return this.set.size
  }

  has(value: string): boolean {
    return this.set.has(value)
  }

  add(value: string): void {
    // One hash lookup, not two: the size says whether the value was new.
    const size = this.set.size
    this.set.add(value)
    if (this.set.size === size) return
    const order = this.order
    if (!order) return
    if (order.length >= SPLICE_LIMIT) this.order = null
    else if (order.length === 0 || order[order.length - 1] < value) order.push(value)
    else order.splice(lowerBound(order, value), 0, value)
  }

  delete(value: string): boolean {
    if (!this.set.delete(value)) return false
    const order = this.order
    if (order) {
      if (order.length >= SPLICE_LIMIT) this.order = null
      else order.splice(lowerBound(order, value), 1)
    }
    return true
  }

  /** The members sorted; the array is shared: do not modify it. */
  sorted(): readonly string[] {
    if (!this.order) this.order = [...this.set].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    return this.order
  }

  [Symbol.iterator](): IterableIterator<string> {
    return this.set.values()
  }
}

function lowerBound(order: readonly string[], value: string): number {
  let lo = 0
  let hi = order.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (order[mid] < value) lo = mid + 1
    else hi = mid
  }
  return lo
}

const addTo = <K>(map: Map<K, SortedSet>, k: K, v: string) => {
  let set = map.get(k)
  if (!set) map.set(k, (set = new SortedSet()))
  set.add(v)
}
const removeFrom = <K>(map: Map<K, SortedSet>, k: K, v: string) => {
  const set = map.get(k)
  if (set && set.delete(v) && set.size === 0) map.delete(k)
}

export class KindIndex {
  /**
   * Keys by namespace, built on the first namespace-scoped list of the kind and kept up to date
   * from then on: a kind nobody lists by namespace (Events, in a long run) never pays for it.
   */
  private byNamespace: Map<string, SortedSet> | null = null
  /** label key → label value → keys */
  readonly byLabel = new Map<string, Map<string, SortedSet>>()

  /** `objects` is the kind's table, from which the namespace index is built when first asked for. */
  constructor(private readonly objects: ReadonlyMap<ObjectKey, KubeObject>) {}

  /** Keys of objects carrying the label `key=value`. */
  withLabel(key: string, value: string): SortedSet | undefined {
    return this.byLabel.get(key)?.get(value)
  }

  /** Keys of the objects in a namespace. */
  inNamespace(namespace: string): SortedSet | undefined {
    let byNamespace = this.byNamespace
    if (!byNamespace) {
      byNamespace = this.byNamespace = new Map()
      for (const [key, object] of this.objects) if (object.metadata.namespace) addTo(byNamespace, object.metadata.namespace, key)
    }
    return byNamespace.get(namespace)
  }

  add(key: ObjectKey, object: KubeObject): void {
    if (this.byNamespace && object.metadata.namespace) addTo(this.byNamespace, object.metadata.namespace, key)
    const labels = object.metadata.labels
    if (labels)
      for (const k in labels) {
        let values = this.byLabel.get(k)
        if (!values) this.byLabel.set(k, (values = new Map()))
        addTo(values, labels[k], key)
      }
  }

  remove(key: ObjectKey, object: KubeObject): void {
    if (this.byNamespace && object.metadata.namespace) removeFrom(this.byNamespace, object.metadata.namespace, key)
    const labels = object.metadata.labels
    if (labels)
      for (const k in labels) {
        const values = this.byLabel.get(k)
        if (!values) continue
        removeFrom(values, labels[k], key)
        if (values.size === 0) this.byLabel.delete(k)
      }
  }

  /** Re-indexes only when labels actually changed (the common status write changes none). */
  replace(key: ObjectKey, previous: KubeObject, next: KubeObject): void {
    if (previous.metadata.labels === next.metadata.labels) return
    this.remove(key, previous)
    this.add(key, next)
  }
}

/** The dependents of one owner: "Kind\u0000key" entries, sorted on demand. */
class Dependents {
  readonly entries = new SortedSet()
  private refs: ObjectRef[] | null = null
  private readonly byEntry = new Map<string, ObjectRef>()

  add(kind: string, key: ObjectKey): void {
    const entry = `${kind}\u0000${key}`
    if (this.byEntry.has(entry)) return
    this.byEntry.set(entry, { kind, key })
    this.entries.add(entry)
    this.refs = null
  }

  delete(kind: string, key: ObjectKey): void {
    const entry = `${kind}\u0000${key}`
    if (!this.byEntry.delete(entry)) return
    this.entries.delete(entry)
    this.refs = null
  }

  get size(): number {
    return this.byEntry.size
  }

  /** Sorted by kind then key; shared: do not modify. */
  sorted(): readonly ObjectRef[] {
    if (!this.refs) this.refs = this.entries.sorted().map((entry) => this.byEntry.get(entry)!)
    return this.refs
  }
}

/**
 * The kind whose objects are indexed by uid only once asked for. Events are half of all writes in a
 * busy cluster (a pod's Scheduled, Pulling, Pulled, Created, Started; its owner's SuccessfulCreate)
 * and nobody's owner in practice, while every uid lookup is an owner lookup: at 150,000 pods the
 * eager index held 900,000 Events, a tenth of their memory and one cold hash-table insert each.
 */
export const LAZY_UID_KIND = 'Event'

export class GlobalIndex {
  /** Objects by uid, but for Events (see eventUids). */
  private readonly uids = new Map<string, ObjectRef>()
  /** Event keys by uid: built from the Event table on the first lookup the other index misses, then kept up to date. */
  private eventUids: Map<string, ObjectKey> | null = null
  private readonly owners = new Map<string, Dependents>()
  readonly podsByNode = new Map<string, SortedSet>()

  /** Owner uids that have dependents (for "has dependents" checks). */
  readonly byOwnerUid = {
    has: (uid: string): boolean => this.owners.has(uid),
  }

  add(kind: string, key: ObjectKey, object: KubeObject): void {
    if (kind !== LAZY_UID_KIND) this.uids.set(object.metadata.uid, { kind, key })
    else if (this.eventUids) this.eventUids.set(object.metadata.uid, key)
    const refs = object.metadata.ownerReferences
    if (refs) for (const ref of refs) this.addDependent(ref.uid, kind, key)
    if (kind === 'Pod') {
      const node = (object as any).spec?.nodeName
      if (node) addTo(this.podsByNode, node, key)
    }
  }

  remove(kind: string, key: ObjectKey, object: KubeObject): void {
    if (kind !== LAZY_UID_KIND) this.uids.delete(object.metadata.uid)
    else this.eventUids?.delete(object.metadata.uid)
    const refs = object.metadata.ownerReferences
    if (refs) for (const ref of refs) this.removeDependent(ref.uid, kind, key)
    if (kind === 'Pod') {
      const node = (object as any).spec?.nodeName
      if (node) removeFrom(this.podsByNode, node, key)
    }
  }

  replace(kind: string, key: ObjectKey, previous: KubeObject, next: KubeObject): void {
    if (previous.metadata.ownerReferences !== next.metadata.ownerReferences) {
      for (const ref of previous.metadata.ownerReferences ?? []) this.removeDependent(ref.uid, kind, key)
      for (const ref of next.metadata.ownerReferences ?? []) this.addDependent(ref.uid, kind, key)
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

  /** Where the object with this uid is stored, unless it is an Event (see eventByUid). */
  byUid(uid: string): ObjectRef | undefined {
    return this.uids.get(uid)
  }

  /**
   * Where the Event with this uid is stored. `events` (the Event table) is read once, on the first
   * call: the first time a uid is not found among the other kinds (most often, an owner that is gone).
   */
  eventByUid(uid: string, events: ReadonlyMap<ObjectKey, KubeObject> | undefined): ObjectRef | undefined {
    if (!this.eventUids) {
      this.eventUids = new Map()
      if (events) for (const [key, event] of events) this.eventUids.set(event.metadata.uid, key)
    }
    const key = this.eventUids.get(uid)
    return key === undefined ? undefined : { kind: LAZY_UID_KIND, key }
  }

  /** The objects whose ownerReferences name this uid, sorted by kind then key; shared: do not modify. */
  dependents(ownerUid: string): readonly ObjectRef[] {
    return this.owners.get(ownerUid)?.sorted() ?? []
  }

  private addDependent(ownerUid: string, kind: string, key: ObjectKey): void {
    let deps = this.owners.get(ownerUid)
    if (!deps) this.owners.set(ownerUid, (deps = new Dependents()))
    deps.add(kind, key)
  }

  private removeDependent(ownerUid: string, kind: string, key: ObjectKey): void {
    const deps = this.owners.get(ownerUid)
    if (!deps) return
    deps.delete(kind, key)
    if (deps.size === 0) this.owners.delete(ownerUid)
  }
}
