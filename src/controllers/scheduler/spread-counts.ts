// The snapshot's running counts for system default topology spreading: for each (namespace, selector)
// the scheduler has scored with, how many pods countMatchingPods would count on each node and in each
// zone. Kept current from the snapshot's pod and node changes, so a scheduling cycle reads a count per
// candidate node instead of counting the pods of every node. A selector's counts are made on first
// use, from a per-label index of the pods held (no scan of all pods); they are dropped once they
// fall back to zero pods (a scaled-down or replaced ReplicaSet), and remade if asked again. The label
// index covers only namespaces where spreading was asked for (built then, by one pass over the pods),
// so clusters without Services or controllers pay nothing.
import type { LabelSelector } from '../../api/meta'
import type { Node } from '../../api/node'
import type { Pod } from '../../api/pod'
import { matchesLabelSelector } from '../../store/selectors'
import { isTerminating, LABEL_HOSTNAME, LABEL_TOPOLOGY_ZONE, podNamespace, type DefaultSpreadCounts } from './framework'
import type { NodeInfo } from './node-info'
import { countMatchingPods } from './topology-spread-constraint'

interface SelectorCounts {
  readonly key: string
  readonly namespace: string
  readonly selector: LabelSelector
  /** The label bucket the selector is registered under (undefined: checked against every pod of the namespace). */
  readonly bucket: LabelBucket | undefined
  /** Node name → matching pods on it (only nodes with some). */
  readonly onNode: Map<string, number>
  /** Zone number → matching pods on nodes of that zone. */
  readonly inZone: number[]
  /** onNode by slot, valid while `layout` is the current one. */
  onSlot: Int32Array
  layout: number
}

/** Pods held with one label pair in one namespace, and the selectors that require that pair. */
interface LabelBucket {
  /** Node name → such pods on it (terminating ones too). */
  readonly nodes: Map<string, number>
  readonly selectors: SelectorCounts[]
}

/** Namespace → label key → label value → bucket (nested: no key strings built per pod). */
type LabelBuckets = Map<string, Map<string, Map<string, LabelBucket>>>

const hasOwn = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key)

/** A key=value pair every pod the selector matches must carry: a matchLabels pair or a one-value In. */
function equalityRequirement(selector: LabelSelector): [string, string] | undefined {
  const matchLabels = selector.matchLabels
  if (matchLabels) for (const k in matchLabels) if (hasOwn(matchLabels, k)) return [k, matchLabels[k]]
  for (const e of selector.matchExpressions ?? []) if (e.operator === 'In' && e.values?.length === 1) return [e.key, e.values[0]]
  return undefined
}

/** A frozen selector's JSON, by object: the scheduler hands every cluster the same selector objects. */
const selectorKeys = new WeakMap<LabelSelector, string>()

function selectorKey(selector: LabelSelector): string {
  let key = selectorKeys.get(selector)
  if (key === undefined) {
    key = JSON.stringify(selector)
    if (Object.isFrozen(selector)) selectorKeys.set(selector, key)
  }
  return key
}

/** The pod facts the counts depend on are the same (a status-only update). */
function countsAlike(a: Pod, b: Pod): boolean {
  if (podNamespace(a) !== podNamespace(b) || isTerminating(a) !== isTerminating(b)) return false
  const la = a.metadata.labels
  const lb = b.metadata.labels
  if (la === lb) return true
  if (!la || !lb) return false
  const keys = Object.keys(la)
  if (keys.length !== Object.keys(lb).length) return false
  for (const k of keys) if (!hasOwn(lb, k) || la[k] !== lb[k]) return false
  return true
}

/** inZone stays dense (zones numbered after the selector's counts were made start at 0). */
function addToZone(e: SelectorCounts, zone: number, n: number): void {
  while (e.inZone.length <= zone) e.inZone.push(0)
  e.inZone[zone] += n
}

/** Zero-length arrays shared until a layout or a view sizes them (nothing is written to them). */
const EMPTY_INT32 = new Int32Array(0)
const EMPTY_UINT8 = new Uint8Array(0)
const NO_POSITIONS: ReadonlyMap<string, number> = new Map()

export class SpreadCounts {
  private readonly entries = new Map<string, SelectorCounts>()
  /** The frozen selector object last asked for, and its counts. */
  private lastSelector: LabelSelector | undefined
  private lastEntry: SelectorCounts | undefined
  private readonly buckets: LabelBuckets = new Map()
  /** Namespaces whose pods the label buckets hold. */
  private readonly indexed = new Set<string>()
  /** Selectors without an equality requirement, by namespace. */
  private readonly unindexed = new Map<string, SelectorCounts[]>()
  private readonly zoneNumbers = new Map<string, number>()
  private layout = 0
  private nodeZone = EMPTY_INT32
  private nodeHasHostname = EMPTY_UINT8
  private position: ReadonlyMap<string, number> = NO_POSITIONS

  /** `nodeInfos`: the snapshot's NodeInfos by node name (read, never written, here). */
  constructor(private readonly nodeInfos: ReadonlyMap<string, NodeInfo>) {}

  /** The node list was re-sorted: slots moved. */
  layoutChanged(sorted: readonly NodeInfo[], position: ReadonlyMap<string, number>): void {
    this.layout++
    this.position = position
    this.nodeZone = new Int32Array(sorted.length)
    this.nodeHasHostname = new Uint8Array(sorted.length)
    for (let i = 0; i < sorted.length; i++) this.writeSlot(i, sorted[i].node)
  }

  /** A node's labels may have changed (slot -1: the list is about to be re-sorted anyway). */
  nodeChanged(slot: number, before: Node, after: Node): void {
    const from = this.zoneOf(before)
    const to = this.zoneOf(after)
    if (from !== to) {
      const name = after.metadata.name ?? ''
      for (const e of this.entries.values()) {
        const n = e.onNode.get(name)
        if (n === undefined) continue
        if (from >= 0) addToZone(e, from, -n)
        if (to >= 0) addToZone(e, to, n)
      }
    }
    if (slot >= 0) this.writeSlot(slot, after)
  }

  /** `pod` joined the node's NodeInfo (slot -1 when the list is about to be re-sorted). */
  podAdded(node: Node, slot: number, pod: Pod): void {
    this.apply(node, slot, pod, 1)
  }

  /** The stored `pod` left the node's NodeInfo. */
  podRemoved(node: Node, slot: number, pod: Pod): void {
    this.apply(node, slot, pod, -1)
  }

  /** The node's stored pod `before` was replaced by `after` (either may be absent). */
  podReplaced(node: Node, slot: number, before: Pod | undefined, after: Pod | undefined): void {
    if (before && after && countsAlike(before, after)) return
    if (before) this.apply(node, slot, before, -1)
    if (after) this.apply(node, slot, after, 1)
  }

  /** The counts for `selector` in `namespace`, slot for slot with `sorted` (the current layout). */
  view(namespace: string, selector: LabelSelector, sorted: readonly NodeInfo[]): DefaultSpreadCounts {
    const e = this.entry(namespace, selector, sorted)
    if (e.layout !== this.layout) {
      e.onSlot = new Int32Array(sorted.length)
      for (const [name, n] of e.onNode) {
        const i = this.position.get(name)
        if (i !== undefined) e.onSlot[i] = n
      }
      e.layout = this.layout
    }
    if (e.inZone.length < this.zoneNumbers.size) addToZone(e, this.zoneNumbers.size - 1, 0)
    return { podsOnNode: e.onSlot, podsInZone: e.inZone, nodeZone: this.nodeZone, nodeHasHostname: this.nodeHasHostname }
  }

  private entry(namespace: string, selector: LabelSelector, sorted: readonly NodeInfo[]): SelectorCounts {
    const last = this.lastEntry
    // The same selector object as the last cycle's (the scheduler reuses one per controller), still
    // current (not dropped since) and for this namespace.
    if (last !== undefined && this.lastSelector === selector && last.namespace === namespace && this.entries.get(last.key) === last) return last
    const key = `${namespace}\u0000${selectorKey(selector)}`
    const e = this.entries.get(key) ?? this.create(key, namespace, selector, sorted)
    // Only a frozen selector is known by identity: a caller may still be editing a plain one.
    if (Object.isFrozen(selector)) {
      this.lastSelector = selector
      this.lastEntry = e
    }
    return e
  }

  private create(key: string, namespace: string, selector: LabelSelector, sorted: readonly NodeInfo[]): SelectorCounts {
    if (!this.indexed.has(namespace)) {
      this.indexed.add(namespace)
      // No selector of the namespace exists yet: this only fills the buckets.
      for (const info of sorted) for (const pod of info.pods) if (podNamespace(pod) === namespace) this.apply(info.node, -1, pod, 1)
    }
    const pair = equalityRequirement(selector)
    const bucket = pair && this.bucket(namespace, pair[0], pair[1])
    const e: SelectorCounts = { key, namespace, selector, bucket, onNode: new Map(), inZone: [], onSlot: EMPTY_INT32, layout: -1 }
    if (bucket === undefined) {
      for (const info of sorted) this.countNode(e, info)
      let list = this.unindexed.get(namespace)
      if (!list) this.unindexed.set(namespace, (list = []))
      list.push(e)
    } else {
      for (const name of bucket.nodes.keys()) {
        const info = this.nodeInfos.get(name)
        if (info) this.countNode(e, info)
      }
      bucket.selectors.push(e)
    }
    this.entries.set(key, e)
    return e
  }

  /** Adds the node's matching pods to counts just made. */
  private countNode(e: SelectorCounts, info: NodeInfo): void {
    const n = countMatchingPods(info.pods, e.selector, e.namespace)
    if (n === 0) return
    e.onNode.set(info.name, n)
    const zone = this.zoneOf(info.node)
    if (zone >= 0) addToZone(e, zone, n)
  }

  private apply(node: Node, slot: number, pod: Pod, delta: 1 | -1): void {
    const namespace = podNamespace(pod)
    if (!this.indexed.has(namespace)) return
    const labels = pod.metadata.labels
    const counted = !isTerminating(pod)
    const name = node.metadata.name ?? ''
    if (labels) {
      for (const k in labels) {
        if (!hasOwn(labels, k)) continue
        const b = this.bucket(namespace, k, labels[k])
        const n = (b.nodes.get(name) ?? 0) + delta
        if (n === 0) b.nodes.delete(name)
        else b.nodes.set(name, n)
        if (counted) for (let i = b.selectors.length - 1; i >= 0; i--) this.count(b.selectors[i], node, slot, labels, delta)
        if (b.nodes.size === 0 && b.selectors.length === 0) this.forgetBucket(namespace, k, labels[k])
      }
    }
    const loose = counted ? this.unindexed.get(namespace) : undefined
    if (loose) for (let i = loose.length - 1; i >= 0; i--) this.count(loose[i], node, slot, labels, delta)
  }

  private count(e: SelectorCounts, node: Node, slot: number, labels: Pod['metadata']['labels'], delta: 1 | -1): void {
    if (!matchesLabelSelector(e.selector, labels)) return
    const name = node.metadata.name ?? ''
    const n = (e.onNode.get(name) ?? 0) + delta
    if (n === 0) e.onNode.delete(name)
    else e.onNode.set(name, n)
    const zone = this.zoneOf(node)
    if (zone >= 0) addToZone(e, zone, delta)
    if (slot >= 0 && e.layout === this.layout) e.onSlot[slot] += delta
    if (e.onNode.size === 0) this.drop(e)
  }

  /** Forgets a selector with no pods left (made again, cheaply, if a pod asks for it). */
  private drop(e: SelectorCounts): void {
    this.entries.delete(e.key)
    const list = e.bucket === undefined ? this.unindexed.get(e.namespace)! : e.bucket.selectors
    list.splice(list.indexOf(e), 1)
    if (e.bucket === undefined && list.length === 0) this.unindexed.delete(e.namespace)
  }

  private bucket(namespace: string, key: string, value: string): LabelBucket {
    let keys = this.buckets.get(namespace)
    if (!keys) this.buckets.set(namespace, (keys = new Map()))
    let values = keys.get(key)
    if (!values) keys.set(key, (values = new Map()))
    let b = values.get(value)
    if (!b) values.set(value, (b = { nodes: new Map(), selectors: [] }))
    return b
  }

  private forgetBucket(namespace: string, key: string, value: string): void {
    const keys = this.buckets.get(namespace)!
    const values = keys.get(key)!
    values.delete(value)
    if (values.size > 0) return
    keys.delete(key)
    if (keys.size === 0) this.buckets.delete(namespace)
  }

  private zoneOf(node: Node): number {
    const labels = node.metadata.labels
    if (!labels || !hasOwn(labels, LABEL_TOPOLOGY_ZONE)) return -1
    const value = labels[LABEL_TOPOLOGY_ZONE]
    let z = this.zoneNumbers.get(value)
    if (z === undefined) this.zoneNumbers.set(value, (z = this.zoneNumbers.size))
    return z
  }

  private writeSlot(i: number, node: Node): void {
    const labels = node.metadata.labels
    this.nodeZone[i] = this.zoneOf(node)
    this.nodeHasHostname[i] = labels && hasOwn(labels, LABEL_HOSTNAME) ? 1 : 0
  }
}
