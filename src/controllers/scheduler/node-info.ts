// NodeInfo: the scheduler's per-node snapshot (upstream framework.NodeInfo) — the node, the pods bound
// to it, and the sums the filters and scores read. Snapshots are immutable values; addPod/removePod
// return a new snapshot in O(pods on the node), so a caller keeps a big cluster's snapshots current
// incrementally instead of recomputing them. Terminal (Succeeded/Failed) pods are not counted.
import type { Pod } from '../../api/pod'
import { parseQuantity } from '../../api/quantity'
import { podIdentity } from './framework'
import type { Node } from '../../api/node'
import { podRequests, toResourceAmounts, type ResourceAmounts } from './pod-requests'

export { podRequests } from './pod-requests'

/** kubelet config v1beta1 MaxPods default, used when a node reports no allocatable pods. */
export const DEFAULT_MAX_PODS = 110

/** A host port a pod holds on a node (upstream HostPortInfo entry). */
export interface HostPort {
  /** '0.0.0.0' when the container did not set hostIP. */
  hostIP: string
  protocol: string
  hostPort: number
}

export interface NodeAllocatable extends ResourceAmounts {
  pods: number
}

export interface NodeInfo {
  readonly node: Node
  readonly name: string
  /** Pods bound to the node and not terminated, in the order they were added. */
  readonly pods: readonly Pod[]
  readonly allocatable: NodeAllocatable
  readonly requestedMilliCpu: number
  readonly requestedMemoryBytes: number
  readonly requestedEphemeralBytes: number
  readonly requestedScalar: Readonly<Record<string, number>>
  readonly podCount: number
  readonly usedHostPorts: readonly HostPort[]
  /** Requests with missing container cpu/memory counted as 100m / 200Mi (LeastAllocated scoring). */
  readonly nonZeroRequested: { readonly milliCpu: number; readonly memoryBytes: number }
  /** Image names the node reports in status.images. */
  readonly imageNames: ReadonlySet<string>
  /** Image name → size in bytes (from status.images, or the default size when the node reports none). */
  readonly imageSizes: ReadonlyMap<string, number>
  /** Pods with any pod affinity/anti-affinity (upstream PodsWithAffinity). */
  readonly podsWithAffinity: readonly Pod[]
  /** Pods with required anti-affinity (upstream PodsWithRequiredAntiAffinity). */
  readonly podsWithRequiredAntiAffinity: readonly Pod[]
}

/** Used for images the node lists without sizeBytes. */
export const DEFAULT_IMAGE_SIZE_BYTES = 500 * 1024 * 1024

interface PodFootprint {
  requests: ResourceAmounts
  nonZero: ResourceAmounts
  ports: HostPort[]
  hasAffinity: boolean
  hasRequiredAntiAffinity: boolean
  /** Extended resources requested (requests.scalar not empty). */
  hasScalar: boolean
  /** The spec parts the footprint was derived from (besides containers, the cache key). */
  readonly from: Pick<Pod['spec'], 'initContainers' | 'resources' | 'overhead' | 'affinity'>
}

// The footprint reads only these spec fields. Store objects are frozen and keep unchanged subtrees
// when rewritten (status updates, binding), so keying on the containers array and checking the other
// parts by identity finds it again for every version of a pod.
const footprints = new WeakMap<object, PodFootprint>()

function footprintOf(pod: Pod): PodFootprint {
  const spec = pod.spec
  let f = footprints.get(spec.containers)
  if (f && f.from.initContainers === spec.initContainers && f.from.resources === spec.resources && f.from.overhead === spec.overhead && f.from.affinity === spec.affinity) return f
  const affinity = spec.affinity
  const requests = podRequests(pod)
  f = {
    requests,
    hasScalar: Object.keys(requests.scalar).length > 0,
    nonZero: podRequests(pod, { nonZero: true }),
    ports: podHostPorts(pod),
    hasAffinity: !!(affinity && (affinity.podAffinity || affinity.podAntiAffinity)),
    hasRequiredAntiAffinity: (affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0,
    from: { initContainers: spec.initContainers, resources: spec.resources, overhead: spec.overhead, affinity },
  }
  // Only frozen (store) specs are cached: a caller may still be editing a plain one.
  if (Object.isFrozen(spec) && Object.isFrozen(spec.containers)) footprints.set(spec.containers, f)
  return f
}

/** Host ports a pod asks for: app containers and sidecars (hostPort > 0). */
export function podHostPorts(pod: Pod): HostPort[] {
  const out: HostPort[] = []
  const containers = [...pod.spec.containers, ...(pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always')]
  for (const c of containers) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort || p.hostPort <= 0) continue
      out.push({ hostIP: p.hostIP && p.hostIP !== '' ? p.hostIP : '0.0.0.0', protocol: p.protocol ?? 'TCP', hostPort: p.hostPort })
    }
  }
  return out
}

export function isTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase
  return phase === 'Succeeded' || phase === 'Failed'
}

// Nodes of a cluster (and of every cluster made with the same options) share one frozen allocatable
// list and one images list: what is read from them is read once per list object, not once per node.
const allocatables = new WeakMap<object, NodeAllocatable>()
const imageLists = new WeakMap<object, NodeImages>()

function nodeAllocatable(node: Node): NodeAllocatable {
  // Upstream reads status.allocatable only; a simulated node without it falls back to capacity.
  const list = node.status?.allocatable ?? node.status?.capacity
  const cached = list && allocatables.get(list)
  if (cached) return cached
  const r = toResourceAmounts(list)
  const pods = list && list.pods !== undefined ? Math.floor(parseQuantity(list.pods)) : DEFAULT_MAX_PODS
  const out = { ...r, pods }
  // Only frozen (store) lists: a caller may still be editing a plain one.
  if (list && Object.isFrozen(list)) allocatables.set(list, out)
  return out
}

interface NodeImages {
  readonly names: ReadonlySet<string>
  readonly sizes: ReadonlyMap<string, number>
}

/** For nodes that report no images (never written to: NodeInfo hands both out read-only). */
const NO_IMAGES: NodeImages = { names: new Set(), sizes: new Map() }

function nodeImages(node: Node): NodeImages {
  const list = node.status?.images
  if (!list || list.length === 0) return NO_IMAGES
  const cached = imageLists.get(list)
  if (cached) return cached
  const names = new Set<string>()
  const sizes = new Map<string, number>()
  for (const image of list) {
    for (const name of image.names ?? []) {
      names.add(name)
      sizes.set(name, image.sizeBytes ?? DEFAULT_IMAGE_SIZE_BYTES)
    }
  }
  const out = { names, sizes }
  if (Object.isFrozen(list)) imageLists.set(list, out)
  return out
}

type Draft = { -readonly [K in keyof NodeInfo]: NodeInfo[K] }

/**
 * A field-by-field copy to change before handing out. Every NodeInfo is made here or by
 * createNodeInfo's literal, fields in the same order, so all share one object shape (copies by
 * object spread cost microseconds each: one per pod bound or updated).
 */
function draftOf(info: NodeInfo): Draft {
  return {
    node: info.node,
    name: info.name,
    pods: info.pods,
    allocatable: info.allocatable,
    requestedMilliCpu: info.requestedMilliCpu,
    requestedMemoryBytes: info.requestedMemoryBytes,
    requestedEphemeralBytes: info.requestedEphemeralBytes,
    requestedScalar: info.requestedScalar,
    podCount: info.podCount,
    usedHostPorts: info.usedHostPorts,
    nonZeroRequested: info.nonZeroRequested,
    imageNames: info.imageNames,
    imageSizes: info.imageSizes,
    podsWithAffinity: info.podsWithAffinity,
    podsWithRequiredAntiAffinity: info.podsWithRequiredAntiAffinity,
  }
}

/** A snapshot of `node` holding `pods` (the caller picks them: those bound to the node). */
export function createNodeInfo(node: Node, pods: readonly Pod[] = []): NodeInfo {
  const { names, sizes } = nodeImages(node)
  let info: NodeInfo = {
    node,
    name: node.metadata.name ?? '',
    pods: [],
    allocatable: nodeAllocatable(node),
    requestedMilliCpu: 0,
    requestedMemoryBytes: 0,
    requestedEphemeralBytes: 0,
    requestedScalar: {},
    podCount: 0,
    usedHostPorts: [],
    nonZeroRequested: { milliCpu: 0, memoryBytes: 0 },
    imageNames: names,
    imageSizes: sizes,
    podsWithAffinity: [],
    podsWithRequiredAntiAffinity: [],
  }
  for (const pod of pods) info = addPod(info, pod)
  return info
}

/** The same pods on an updated Node object (labels, taints, allocatable changed). */
export function setNode(info: NodeInfo, node: Node): NodeInfo {
  const { names, sizes } = nodeImages(node)
  const out = draftOf(info)
  out.node = node
  out.name = node.metadata.name ?? ''
  out.allocatable = nodeAllocatable(node)
  out.imageNames = names
  out.imageSizes = sizes
  return out
}

function addScalar(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>, sign: 1 | -1): Record<string, number> {
  const out: Record<string, number> = { ...a }
  for (const k of Object.keys(b)) {
    const v = (out[k] ?? 0) + sign * b[k]
    if (v === 0) delete out[k]
    else out[k] = v
  }
  return out
}

/** A new snapshot with `pod` added. Terminal pods and pods already present are ignored. */
export function addPod(info: NodeInfo, pod: Pod): NodeInfo {
  if (isTerminal(pod) || indexOfIdentity(info.pods, podIdentity(pod)) >= 0) return info
  const f = footprintOf(pod)
  const out = draftOf(info)
  const pods = info.pods.slice()
  pods.push(pod)
  out.pods = pods
  out.requestedMilliCpu = info.requestedMilliCpu + f.requests.milliCpu
  out.requestedMemoryBytes = info.requestedMemoryBytes + f.requests.memoryBytes
  out.requestedEphemeralBytes = info.requestedEphemeralBytes + f.requests.ephemeralBytes
  if (f.hasScalar) out.requestedScalar = addScalar(info.requestedScalar, f.requests.scalar, 1)
  out.podCount = info.podCount + 1
  if (f.ports.length) out.usedHostPorts = [...info.usedHostPorts, ...f.ports]
  out.nonZeroRequested = { milliCpu: info.nonZeroRequested.milliCpu + f.nonZero.milliCpu, memoryBytes: info.nonZeroRequested.memoryBytes + f.nonZero.memoryBytes }
  if (f.hasAffinity) out.podsWithAffinity = [...info.podsWithAffinity, pod]
  if (f.hasRequiredAntiAffinity) out.podsWithRequiredAntiAffinity = [...info.podsWithRequiredAntiAffinity, pod]
  return out
}

/** Where the node holds the pod with `pod`'s identity (uid, else namespace/name); -1 if it does not. */
export function indexOfPod(info: NodeInfo, pod: Pod): number {
  const pods = info.pods
  // Identities are unique on a node, so the stored object itself (what callers usually pass) is the
  // answer; looking for it first skips reading every pod's identity. Newest first: updates follow binds.
  for (let i = pods.length - 1; i >= 0; i--) if (pods[i] === pod) return i
  return indexOfIdentity(pods, podIdentity(pod))
}

function indexOfIdentity(pods: readonly Pod[], id: string): number {
  for (let i = pods.length - 1; i >= 0; i--) if (podIdentity(pods[i]) === id) return i
  return -1
}

/** A copy of `pods` without the one at `index` (shifted down in the copy: no spliced-out array). */
function copyWithout(pods: readonly Pod[], index: number): Pod[] {
  const out = pods.slice()
  for (let i = index; i < out.length - 1; i++) out[i] = out[i + 1]
  out.pop()
  return out
}

function withoutIdentity(pods: readonly Pod[], id: string): Pod[] {
  return pods.filter((p) => podIdentity(p) !== id)
}

/** A new snapshot without the pod with `pod`'s identity (uid, else namespace/name); unchanged if absent. */
export function removePod(info: NodeInfo, pod: Pod): NodeInfo {
  const id = podIdentity(pod)
  const index = indexOfPod(info, pod)
  if (index < 0) return info
  const stored = info.pods[index]
  const f = footprintOf(stored)
  let ports = info.usedHostPorts
  if (f.ports.length) {
    const remaining = [...info.usedHostPorts]
    for (const p of f.ports) {
      const i = remaining.findIndex((q) => q.hostIP === p.hostIP && q.protocol === p.protocol && q.hostPort === p.hostPort)
      if (i >= 0) remaining.splice(i, 1)
    }
    ports = remaining
  }
  const out = draftOf(info)
  out.pods = copyWithout(info.pods, index)
  out.requestedMilliCpu = info.requestedMilliCpu - f.requests.milliCpu
  out.requestedMemoryBytes = info.requestedMemoryBytes - f.requests.memoryBytes
  out.requestedEphemeralBytes = info.requestedEphemeralBytes - f.requests.ephemeralBytes
  if (f.hasScalar) out.requestedScalar = addScalar(info.requestedScalar, f.requests.scalar, -1)
  out.podCount = info.podCount - 1
  out.usedHostPorts = ports
  out.nonZeroRequested = { milliCpu: info.nonZeroRequested.milliCpu - f.nonZero.milliCpu, memoryBytes: info.nonZeroRequested.memoryBytes - f.nonZero.memoryBytes }
  if (f.hasAffinity) out.podsWithAffinity = withoutIdentity(info.podsWithAffinity, id)
  if (f.hasRequiredAntiAffinity) out.podsWithRequiredAntiAffinity = withoutIdentity(info.podsWithRequiredAntiAffinity, id)
  return out
}

/**
 * addPod(removePod(info, before), after) — `index` is where `before` is held (indexOfPod). A new
 * version of the same pod without host ports, extended resources or affinity terms (a status update)
 * is done in one copy with the same arithmetic; anything else takes the two steps.
 */
export function updatePod(info: NodeInfo, before: Pod, after: Pod, index = indexOfPod(info, before)): NodeInfo {
  if (index < 0 || isTerminal(after) || podIdentity(after) !== podIdentity(before)) return addPod(removePod(info, before), after)
  const leaving = footprintOf(info.pods[index])
  const joining = footprintOf(after)
  if (!isSimple(leaving) || !isSimple(joining)) return addPod(removePod(info, before), after)
  const next = draftOf(info)
  // The pod moves to the end, as removePod then addPod would put it.
  const pods = copyWithout(info.pods, index)
  pods.push(after)
  next.pods = pods
  next.requestedMilliCpu = info.requestedMilliCpu - leaving.requests.milliCpu + joining.requests.milliCpu
  next.requestedMemoryBytes = info.requestedMemoryBytes - leaving.requests.memoryBytes + joining.requests.memoryBytes
  next.requestedEphemeralBytes = info.requestedEphemeralBytes - leaving.requests.ephemeralBytes + joining.requests.ephemeralBytes
  const nonZeroMilliCpu = info.nonZeroRequested.milliCpu - leaving.nonZero.milliCpu + joining.nonZero.milliCpu
  const nonZeroMemoryBytes = info.nonZeroRequested.memoryBytes - leaving.nonZero.memoryBytes + joining.nonZero.memoryBytes
  // A status update leaves the sums as they were: keep the same object (one allocation less per update).
  const sameNonZero = nonZeroMilliCpu === info.nonZeroRequested.milliCpu && nonZeroMemoryBytes === info.nonZeroRequested.memoryBytes
  next.nonZeroRequested = sameNonZero ? info.nonZeroRequested : { milliCpu: nonZeroMilliCpu, memoryBytes: nonZeroMemoryBytes }
  return next
}

/** No host ports, extended resources or affinity terms: only the plain sums change with the pod. */
function isSimple(f: PodFootprint): boolean {
  return f.ports.length === 0 && !f.hasAffinity && !f.hasRequiredAntiAffinity && !f.hasScalar
}

/** isSimple for a pod, from its cached footprint (nothing computed again per scheduling cycle). */
export function hasSimpleFootprint(pod: Pod): boolean {
  return isSimple(footprintOf(pod))
}

/** The request the pod adds to a node (cached per pod object). */
export function cachedPodRequests(pod: Pod): ResourceAmounts {
  return footprintOf(pod).requests
}

export function cachedNonZeroRequests(pod: Pod): ResourceAmounts {
  return footprintOf(pod).nonZero
}
