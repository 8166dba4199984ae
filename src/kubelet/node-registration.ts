// The Node and Lease objects a kubelet writes when it registers its node (semantics.md §11.1):
// well-known labels, podCIDR, capacity (allocatable = capacity: no kube/system reservations are
// modelled), the four kubelet conditions, addresses, nodeInfo and the kube-node-lease Lease.
// Pure. Addressing is deterministic by registration index: pod CIDR 10.244.<i+1>.0/24 for the
// first 255 nodes (then 10.245.x … 10.255.x, 10.0.x …), InternalIP 172.18.0.<i+2> (a kind-like network).
// Sources: [k8s] pkg/kubelet/kubelet_node_status.go `initialNode`; pkg/kubelet/nodestatus/setters.go.
import type { Random } from '../sim/random'
import { toRfc3339, toRfc3339Micro } from '../sim/time'
import { cloneJson } from '../store/json'
import { hex } from './random-hex'

export interface NodeRegistrationInput {
  name: string
  labels?: Record<string, string>
  taints?: { key: string; value?: string; effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' }[]
  unschedulable?: boolean
  zone?: string
  capacity?: { cpu?: string; memory?: string; pods?: string; 'ephemeral-storage'?: string }
}

export const KUBELET_VERSION = 'v1.34.0'
export const CONTAINER_RUNTIME_VERSION = 'containerd://1.7.27'
export const OS_IMAGE = 'Debian GNU/Linux 12 (bookworm)'
export const KERNEL_VERSION = '6.8.0-1021-generic'
export const NODE_LEASE_DURATION_SECONDS = 40
export const KUBELET_PORT = 10250

export const DEFAULT_CAPACITY = { cpu: '4', memory: '16Gi', pods: '110', 'ephemeral-storage': '100Gi' } as const

/** The /24 pod network of the node with this registration index. */
export function podCidrPrefix(index: number): string {
  const n = index + 1
  return `10.${(244 + (n >> 8)) % 256}.${n & 255}`
}

export function nodeInternalIP(index: number): string {
  const n = index + 2
  return `172.${18 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`
}

/** A v4 UUID from `random`, its groups joined by `separator` ('' for a machine-id). */
function uuid(random: Random, separator = '-'): string {
  return `${hex(random, 8)}${separator}${hex(random, 4)}${separator}4${hex(random, 3)}${separator}${'89ab'[random.int(4)]}${hex(random, 3)}${separator}${hex(random, 12)}`
}

/**
 * The Node a kubelet registers, built fresh so the caller may hand it to the store as is
 * (CreateOptions.owned): exactly what the store's copy of it would be. Only the parts that come from
 * `input` could hold what a copy changes (undefined members, shared or foreign objects), so those
 * parts are copied here, and a name that is not text (untyped callers) gets the whole object copied.
 */
export function computeNodeObject(input: NodeRegistrationInput, index: number, random: Random, nowMs: number): any {
  const now = toRfc3339(nowMs)
  const name = input.name
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
  }
  if (input.zone) labels['topology.kubernetes.io/zone'] = input.zone
  Object.assign(labels, input.labels ?? {})
  const capacity = cloneJson({
    cpu: input.capacity?.cpu ?? DEFAULT_CAPACITY.cpu,
    'ephemeral-storage': input.capacity?.['ephemeral-storage'] ?? DEFAULT_CAPACITY['ephemeral-storage'],
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: input.capacity?.memory ?? DEFAULT_CAPACITY.memory,
    pods: input.capacity?.pods ?? DEFAULT_CAPACITY.pods,
  })
  const cidr = `${podCidrPrefix(index)}.0/24`
  const spec: Record<string, unknown> = { podCIDR: cidr, podCIDRs: [cidr] }
  if (input.taints?.length) spec.taints = input.taints.map((t) => cloneJson({ ...t }))
  if (input.unschedulable) spec.unschedulable = true
  const stream = random.fork(`node/${name}`)
  const node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: cloneJson(labels),
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
    },
    spec,
    status: {
      capacity,
      allocatable: cloneJson(capacity),
      conditions: [
        nodeCondition(now, 'MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        nodeCondition(now, 'DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        nodeCondition(now, 'PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        nodeCondition(now, 'Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      addresses: [
        { type: 'InternalIP', address: nodeInternalIP(index) },
        { type: 'Hostname', address: name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: KUBELET_PORT } },
      nodeInfo: {
        machineID: uuid(stream, ''),
        systemUUID: uuid(stream),
        bootID: uuid(stream),
        kernelVersion: KERNEL_VERSION,
        osImage: OS_IMAGE,
        containerRuntimeVersion: CONTAINER_RUNTIME_VERSION,
        kubeletVersion: KUBELET_VERSION,
        kubeProxyVersion: '',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  }
  return typeof name === 'string' ? node : cloneJson(node)
}

function nodeCondition(now: string, type: string, status: 'True' | 'False', reason: string, message: string) {
  return { type, status, lastHeartbeatTime: now, lastTransitionTime: now, reason, message }
}

export function computeNodeLease(node: { metadata: { name: string; uid?: string } }, nowMs: number): any {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name: node.metadata.name,
      namespace: 'kube-node-lease',
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node.metadata.name, uid: node.metadata.uid }],
    },
    spec: { holderIdentity: node.metadata.name, leaseDurationSeconds: NODE_LEASE_DURATION_SECONDS, renewTime: toRfc3339Micro(nowMs) },
  }
}
