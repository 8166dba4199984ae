// Test helpers for the scheduler scenarios: Nodes registered with status (as a kubelet would) and
// plain pods with requests. Used until createCluster({ nodes }) builds nodes itself.
import type { Cluster } from '../../src/cluster/cluster'
import { Client } from '../../src/store/client'

export interface TestNode {
  cpu?: string
  memory?: string
  pods?: string
  labels?: Record<string, string>
  taints?: { key: string; value?: string; effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' }[]
  unschedulable?: boolean
}

export function addNode(cluster: Cluster, name: string, o: TestNode = {}): void {
  const existing = cluster.get('Node', name)
  const resources = { cpu: o.cpu ?? '4', memory: o.memory ?? '16Gi', pods: o.pods ?? '110' }
  const node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', ...o.labels } },
    spec: { ...(o.taints ? { taints: o.taints } : {}), ...(o.unschedulable ? { unschedulable: true } : {}) },
    status: { capacity: resources, allocatable: resources, conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }] },
  }
  if (existing) return
  new Client(cluster.env.store, 'test-node-registrar').create(node, { withStatus: true })
}

/** Nodes the cluster did not create itself (createCluster may or may not build node-1..N). */
export function ensureNodes(cluster: Cluster, names: readonly string[], o: TestNode = {}): void {
  for (const n of names) addNode(cluster, n, o)
}

export function pod(name: string, o: { cpu?: string; memory?: string; labels?: Record<string, string>; spec?: Record<string, unknown> } = {}) {
  const requests: Record<string, string> = {}
  if (o.cpu) requests.cpu = o.cpu
  if (o.memory) requests.memory = o.memory
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, ...(o.labels ? { labels: o.labels } : {}) },
    spec: { containers: [{ name: 'app', image: 'nginx:1.25', ...(Object.keys(requests).length ? { resources: { requests } } : {}) }], ...o.spec },
  }
}

export function condition(cluster: Cluster, name: string, type: string): any {
  return (cluster.get('Pod', name) as any)?.status?.conditions?.find((c: any) => c.type === type)
}

export function schedulerEvents(cluster: Cluster, name: string, reason?: string): any[] {
  return cluster.events({ involvedObject: { kind: 'Pod', name } }).filter((e: any) => e.source?.component === 'default-scheduler' && (!reason || e.reason === reason))
}
