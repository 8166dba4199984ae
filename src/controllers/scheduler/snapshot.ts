// The scheduler's cache of nodes and the pods assigned to them (upstream internal/cache + Snapshot),
// kept current incrementally: a pod bound, updated, finished or deleted touches only its node's
// NodeInfo; a node added or removed re-sorts the node list lazily, on the next read. Pods bound to a
// node the cache has not seen yet wait here and join the NodeInfo when the Node appears.
// The list handed to planPlacement is sorted by node name and never rebuilt per pod; beside it the
// snapshot keeps the node numbers as columns and the system default spreading counts (spread-counts.ts).
import type { LabelSelector } from '../../api/meta'
import type { Node } from '../../api/node'
import type { Pod } from '../../api/pod'
import type { ClusterSummary, DefaultSpreadCounts, NodeColumns } from './framework'
import { addPod, createNodeInfo, indexOfPod, removePod, setNode, updatePod, type NodeInfo } from './node-info'
import { SpreadCounts } from './spread-counts'

export class SchedulerSnapshot {
  private readonly byName = new Map<string, NodeInfo>()
  private readonly waiting = new Map<string, Map<string, Pod>>()
  private sorted: NodeInfo[] = []
  private readonly position = new Map<string, number>()
  private dirty = false
  private cols: NodeColumns = NO_COLUMNS
  private readonly spread = new SpreadCounts(this.byName)
  /** Kept current with every change (see ClusterSummary). */
  readonly summary: ClusterSummary = { podsWithAffinity: 0, podsWithRequiredAntiAffinity: 0, nodesWithImages: 0, nodesWithPreferNoScheduleTaints: 0 }

  get size(): number {
    return this.byName.size
  }

  get(name: string): NodeInfo | undefined {
    return this.byName.get(name)
  }

  /** All NodeInfos sorted by node name (the same array until something changes). */
  nodeInfos(): readonly NodeInfo[] {
    if (this.dirty) {
      const names = [...this.byName.keys()].sort(byName)
      const sorted: NodeInfo[] = new Array(names.length)
      const cols = allocateColumns(names.length)
      this.position.clear()
      for (let i = 0; i < names.length; i++) {
        const info = this.byName.get(names[i])!
        sorted[i] = info
        this.position.set(names[i], i)
        writeColumns(cols, i, info)
      }
      this.sorted = sorted
      this.cols = cols
      this.spread.layoutChanged(sorted, this.position)
      this.dirty = false
    }
    return this.sorted
  }

  /** System default spreading counts of `selector` in `namespace`, slot for slot with nodeInfos(). */
  defaultSpreadCounts(namespace: string, selector: LabelSelector): DefaultSpreadCounts {
    return this.spread.view(namespace, selector, this.nodeInfos())
  }

  /** Hot numbers of nodeInfos(), slot for slot. */
  columns(): NodeColumns {
    this.nodeInfos()
    return this.cols
  }

  /** Adds or updates a node; returns the Node it replaced (undefined when new). */
  setNode(node: Node): Node | undefined {
    const name = node.metadata.name ?? ''
    const current = this.byName.get(name)
    if (current) {
      if (current.node !== node) {
        this.replace(name, setNode(current, node))
        this.spread.nodeChanged(this.slot(name), current.node, node)
      }
      return current.node
    }
    const pods = this.waiting.get(name)
    this.waiting.delete(name)
    const info = createNodeInfo(node, pods ? [...pods.values()] : [])
    this.byName.set(name, info)
    this.count(info, 1)
    this.dirty = true
    for (const pod of info.pods) this.spread.podAdded(node, -1, pod)
    return undefined
  }

  /** Removes a node; its pods wait for a node of that name to come back (as upstream's cache keeps them). */
  removeNode(name: string): NodeInfo | undefined {
    const current = this.byName.get(name)
    if (!current) return undefined
    this.byName.delete(name)
    this.count(current, -1)
    this.dirty = true
    for (const pod of current.pods) this.spread.podRemoved(current.node, -1, pod)
    if (current.pods.length > 0) this.waiting.set(name, new Map(current.pods.map((p) => [podKey(p), p])))
    return current
  }

  addPod(nodeName: string, pod: Pod): void {
    const info = this.byName.get(nodeName)
    if (info) {
      const next = addPod(info, pod)
      if (next === info) return // terminal, or already there
      this.replace(nodeName, next)
      this.spread.podAdded(info.node, this.slot(nodeName), pod)
    } else {
      let m = this.waiting.get(nodeName)
      if (!m) this.waiting.set(nodeName, (m = new Map()))
      m.set(podKey(pod), pod)
    }
  }

  removePod(nodeName: string, pod: Pod): void {
    const info = this.byName.get(nodeName)
    if (info) {
      const index = indexOfPod(info, pod)
      if (index < 0) return
      const stored = info.pods[index]
      this.replace(nodeName, removePod(info, stored))
      this.spread.podRemoved(info.node, this.slot(nodeName), stored)
    } else {
      const m = this.waiting.get(nodeName)
      m?.delete(podKey(pod))
      if (m && m.size === 0) this.waiting.delete(nodeName)
    }
  }

  updatePod(nodeName: string, before: Pod, after: Pod): void {
    const info = this.byName.get(nodeName)
    if (!info) return this.addPod(nodeName, after)
    const index = indexOfPod(info, before)
    const stored = index >= 0 ? info.pods[index] : undefined
    const next = updatePod(info, before, after, index)
    if (next === info) return
    this.replace(nodeName, next)
    // `after` joined unless it is terminal or its identity was already there: then the count dropped.
    const added = next.podCount === (stored ? info.podCount : info.podCount + 1)
    this.spread.podReplaced(info.node, this.slot(nodeName), stored, added ? after : undefined)
  }

  /** The node's slot in nodeInfos(), or -1 while the list awaits re-sorting. */
  private slot(name: string): number {
    return this.dirty ? -1 : (this.position.get(name) ?? -1)
  }

  private count(info: NodeInfo, sign: 1 | -1): void {
    this.summary.podsWithAffinity += sign * info.podsWithAffinity.length
    this.summary.podsWithRequiredAntiAffinity += sign * info.podsWithRequiredAntiAffinity.length
    if (info.imageNames.size > 0) this.summary.nodesWithImages += sign
    if (info.node.spec?.taints?.some((t) => t.effect === 'PreferNoSchedule')) this.summary.nodesWithPreferNoScheduleTaints += sign
  }

  private replace(name: string, info: NodeInfo): void {
    const before = this.byName.get(name)
    // Same Node object: only the pods changed (the common case, once per pod update).
    const podsOnly = before !== undefined && before.node === info.node
    if (podsOnly) {
      this.summary.podsWithAffinity += info.podsWithAffinity.length - before.podsWithAffinity.length
      this.summary.podsWithRequiredAntiAffinity += info.podsWithRequiredAntiAffinity.length - before.podsWithRequiredAntiAffinity.length
    } else {
      if (before) this.count(before, -1)
      this.count(info, 1)
    }
    this.byName.set(name, info)
    if (!this.dirty) {
      const i = this.position.get(name)
      if (i !== undefined) {
        this.sorted[i] = info
        if (podsOnly) writePodColumns(this.cols, i, info)
        else writeColumns(this.cols, i, info)
      } else this.dirty = true
    }
  }
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function podKey(pod: Pod): string {
  return `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name ?? ''}`
}

function allocateColumns(n: number): NodeColumns {
  return {
    podCount: new Float64Array(n),
    maxPods: new Float64Array(n),
    allocatableMilliCpu: new Float64Array(n),
    allocatableMemory: new Float64Array(n),
    allocatableEphemeral: new Float64Array(n),
    requestedMilliCpu: new Float64Array(n),
    requestedMemory: new Float64Array(n),
    requestedEphemeral: new Float64Array(n),
    nonZeroMilliCpu: new Float64Array(n),
    nonZeroMemory: new Float64Array(n),
    restricted: new Uint8Array(n),
    scoredRequest: new Int32Array(n).fill(-1),
    scoredTotal: new Float64Array(n),
  }
}

/** The columns of an empty snapshot (zero-length arrays: nothing can be written to them). */
const NO_COLUMNS = allocateColumns(0)

/**
 * The columns that follow the node's pods (the rest follow the Node object). The remembered score
 * stays valid while these numbers do (a pod's status update changes none of them).
 */
function writePodColumns(c: NodeColumns, i: number, info: NodeInfo): void {
  if (
    c.podCount[i] === info.podCount &&
    c.requestedMilliCpu[i] === info.requestedMilliCpu &&
    c.requestedMemory[i] === info.requestedMemoryBytes &&
    c.requestedEphemeral[i] === info.requestedEphemeralBytes &&
    c.nonZeroMilliCpu[i] === info.nonZeroRequested.milliCpu &&
    c.nonZeroMemory[i] === info.nonZeroRequested.memoryBytes
  )
    return
  c.scoredRequest[i] = -1
  c.podCount[i] = info.podCount
  c.requestedMilliCpu[i] = info.requestedMilliCpu
  c.requestedMemory[i] = info.requestedMemoryBytes
  c.requestedEphemeral[i] = info.requestedEphemeralBytes
  c.nonZeroMilliCpu[i] = info.nonZeroRequested.milliCpu
  c.nonZeroMemory[i] = info.nonZeroRequested.memoryBytes
}

function writeColumns(c: NodeColumns, i: number, info: NodeInfo): void {
  writePodColumns(c, i, info)
  c.scoredRequest[i] = -1
  c.maxPods[i] = info.allocatable.pods
  c.allocatableMilliCpu[i] = info.allocatable.milliCpu
  c.allocatableMemory[i] = info.allocatable.memoryBytes
  c.allocatableEphemeral[i] = info.allocatable.ephemeralBytes
  const spec = info.node.spec
  c.restricted[i] = spec && (spec.unschedulable || (spec.taints?.length ?? 0) > 0) ? 1 : 0
}

/** Columns for a NodeInfo list (tests; the snapshot keeps its own current). */
export function computeNodeColumns(infos: readonly NodeInfo[]): NodeColumns {
  const c = allocateColumns(infos.length)
  infos.forEach((info, i) => writeColumns(c, i, info))
  return c
}
