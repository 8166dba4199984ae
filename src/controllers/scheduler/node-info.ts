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
}

// Pods are frozen store objects, so what we derive from one never goes stale.
const footprints = new WeakMap<Pod, PodFootprint>()

function footprintOf(pod: Pod): PodFootprint {
  let f = footprints.get(pod)
  if (!f) {
    const affinity = pod.spec.affinity
    f = {
      requests: podRequests(pod),
      nonZero: podRequests(pod, { nonZero: true }),
      ports: podHostPorts(pod),
      hasAffinity: !!(affinity && (affinity.podAffinity || affinity.podAntiAffinity)),
      hasRequiredAntiAffinity: (affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0,
    }
    // Only frozen (store) objects are cached: a caller may still be editing a plain one.
    if (Object.isFrozen(pod)) footprints.set(pod, f)
  }
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

function nodeAllocatable(node: Node): NodeAllocatable {
  // Upstream reads status.allocatable only; a simulated node without it falls back to capacity.
  const list = node.status?.allocatable ?? node.status?.capacity
  const r = toResourceAmounts(list)
  const pods = list && list.pods !== undefined ? Math.floor(parseQuantity(list.pods)) : DEFAULT_MAX_PODS
  return { ...r, pods }
}

function nodeImages(node: Node): { names: Set<string>; sizes: Map<string, number> } {
  const names = new Set<string>()
  const sizes = new Map<string, number>()
  for (const image of node.status?.images ?? []) {
    for (const name of image.names ?? []) {
      names.add(name)
      sizes.set(name, image.sizeBytes ?? DEFAULT_IMAGE_SIZE_BYTES)
    }
  }
  return { names, sizes }
}

/** A snapshot of `node` holding `pods` (the caller picks them: those bound to the node). */
export function createNodeInfo(node: Node, pods: readonly Pod[] = []): NodeInfo {
  const images = nodeImages(node)
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
    imageNames: images.names,
    imageSizes: images.sizes,
    podsWithAffinity: [],
    podsWithRequiredAntiAffinity: [],
  }
  for (const pod of pods) info = addPod(info, pod)
  return info
}

/** The same pods on an updated Node object (labels, taints, allocatable changed). */
export function setNode(info: NodeInfo, node: Node): NodeInfo {
  const images = nodeImages(node)
  return { ...info, node, name: node.metadata.name ?? '', allocatable: nodeAllocatable(node), imageNames: images.names, imageSizes: images.sizes }
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
  if (isTerminal(pod)) return info
  const id = podIdentity(pod)
  if (info.pods.some((p) => podIdentity(p) === id)) return info
  const f = footprintOf(pod)
  return {
    ...info,
    pods: [...info.pods, pod],
    requestedMilliCpu: info.requestedMilliCpu + f.requests.milliCpu,
    requestedMemoryBytes: info.requestedMemoryBytes + f.requests.memoryBytes,
    requestedEphemeralBytes: info.requestedEphemeralBytes + f.requests.ephemeralBytes,
    requestedScalar: Object.keys(f.requests.scalar).length ? addScalar(info.requestedScalar, f.requests.scalar, 1) : info.requestedScalar,
    podCount: info.podCount + 1,
    usedHostPorts: f.ports.length ? [...info.usedHostPorts, ...f.ports] : info.usedHostPorts,
    nonZeroRequested: {
      milliCpu: info.nonZeroRequested.milliCpu + f.nonZero.milliCpu,
      memoryBytes: info.nonZeroRequested.memoryBytes + f.nonZero.memoryBytes,
    },
    podsWithAffinity: f.hasAffinity ? [...info.podsWithAffinity, pod] : info.podsWithAffinity,
    podsWithRequiredAntiAffinity: f.hasRequiredAntiAffinity ? [...info.podsWithRequiredAntiAffinity, pod] : info.podsWithRequiredAntiAffinity,
  }
}

/** A new snapshot without the pod with `pod`'s identity (uid, else namespace/name); unchanged if absent. */
export function removePod(info: NodeInfo, pod: Pod): NodeInfo {
  const id = podIdentity(pod)
  const index = info.pods.findIndex((p) => podIdentity(p) === id)
  if (index < 0) return info
  const stored = info.pods[index]
  const f = footprintOf(stored)
  const without = (list: readonly Pod[]) => list.filter((p) => podIdentity(p) !== id)
  let ports = info.usedHostPorts
  if (f.ports.length) {
    const remaining = [...info.usedHostPorts]
    for (const p of f.ports) {
      const i = remaining.findIndex((q) => q.hostIP === p.hostIP && q.protocol === p.protocol && q.hostPort === p.hostPort)
      if (i >= 0) remaining.splice(i, 1)
    }
    ports = remaining
  }
  return {
    ...info,
    pods: without(info.pods),
    requestedMilliCpu: info.requestedMilliCpu - f.requests.milliCpu,
    requestedMemoryBytes: info.requestedMemoryBytes - f.requests.memoryBytes,
    requestedEphemeralBytes: info.requestedEphemeralBytes - f.requests.ephemeralBytes,
    requestedScalar: Object.keys(f.requests.scalar).length ? addScalar(info.requestedScalar, f.requests.scalar, -1) : info.requestedScalar,
    podCount: info.podCount - 1,
    usedHostPorts: ports,
    nonZeroRequested: {
      milliCpu: info.nonZeroRequested.milliCpu - f.nonZero.milliCpu,
      memoryBytes: info.nonZeroRequested.memoryBytes - f.nonZero.memoryBytes,
    },
    podsWithAffinity: f.hasAffinity ? without(info.podsWithAffinity) : info.podsWithAffinity,
    podsWithRequiredAntiAffinity: f.hasRequiredAntiAffinity ? without(info.podsWithRequiredAntiAffinity) : info.podsWithRequiredAntiAffinity,
  }
}

/** The request the pod adds to a node (cached per pod object). */
export function cachedPodRequests(pod: Pod): ResourceAmounts {
  return footprintOf(pod).requests
}

export function cachedNonZeroRequests(pod: Pod): ResourceAmounts {
  return footprintOf(pod).nonZero
}
