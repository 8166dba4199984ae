// The Node and Lease objects a kubelet writes when it registers its node (semantics.md §11.1):
// well-known labels, podCIDR, capacity (allocatable = capacity: no kube/system reservations are
// modelled), the four kubelet conditions, addresses, nodeInfo and the kube-node-lease Lease.
// Pure. Addressing is deterministic by registration index: pod CIDR 10.244.<i+1>.0/24 for the
// first 255 nodes (then 10.245.x … 10.255.x, 10.0.x …), InternalIP 172.18.0.<i+2> (a kind-like network).
// Sources: [k8s] pkg/kubelet/kubelet_node_status.go `initialNode`; pkg/kubelet/nodestatus/setters.go.
import type { Random } from '../sim/random'
import { toRfc3339, toRfc3339Micro } from '../sim/time'
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

function uuid(random: Random): string {
  return `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-${'89ab'[random.int(4)]}${hex(random, 3)}-${hex(random, 12)}`
}

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
  const capacity = {
    cpu: input.capacity?.cpu ?? DEFAULT_CAPACITY.cpu,
    'ephemeral-storage': input.capacity?.['ephemeral-storage'] ?? DEFAULT_CAPACITY['ephemeral-storage'],
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: input.capacity?.memory ?? DEFAULT_CAPACITY.memory,
    pods: input.capacity?.pods ?? DEFAULT_CAPACITY.pods,
  }
  const cidr = `${podCidrPrefix(index)}.0/24`
  const spec: Record<string, unknown> = { podCIDR: cidr, podCIDRs: [cidr] }
  if (input.taints?.length) spec.taints = input.taints.map((t) => ({ ...t }))
  if (input.unschedulable) spec.unschedulable = true
  const condition = (type: string, status: 'True' | 'False', reason: string, message: string) => ({ type, status, lastHeartbeatTime: now, lastTransitionTime: now, reason, message })
  const stream = random.fork(`node/${name}`)
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels,
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
    },
    spec,
    status: {
      capacity,
      allocatable: { ...capacity },
      conditions: [
        condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      addresses: [
        { type: 'InternalIP', address: nodeInternalIP(index) },
        { type: 'Hostname', address: name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: KUBELET_PORT } },
      nodeInfo: {
        machineID: uuid(stream).replace(/-/g, ''),
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
