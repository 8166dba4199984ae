// Test-only builders for the scheduler's unit tests: minimal pods, nodes and a tiny seeded PRNG.
// Not imported by non-test code.
import type { Pod } from '../../api/pod'
import type { SchedulerRandom } from './framework'
import { createNodeInfo, type NodeInfo } from './node-info'
import type { Node, Taint } from '../../api/node'

export interface PodOptions {
  namespace?: string
  labels?: Record<string, string>
  cpu?: string
  memory?: string
  nodeName?: string
  priority?: number
  spec?: Partial<Pod['spec']>
  startTime?: string
  uid?: string
}

let counter = 0

export function makePod(name: string, o: PodOptions = {}): Pod {
  const requests: Record<string, string> = {}
  if (o.cpu) requests.cpu = o.cpu
  if (o.memory) requests.memory = o.memory
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: o.namespace ?? 'default', uid: o.uid ?? `uid-${name}-${++counter}`, labels: o.labels },
    spec: {
      containers: [{ name: 'c', image: 'nginx:1.25', ...(o.cpu || o.memory ? { resources: { requests } } : {}) }],
      ...(o.nodeName ? { nodeName: o.nodeName } : {}),
      ...(o.priority !== undefined ? { priority: o.priority } : {}),
      ...o.spec,
    },
    status: { phase: o.nodeName ? 'Running' : 'Pending', ...(o.startTime ? { startTime: o.startTime } : {}) },
  } as Pod
}

export interface NodeOptions {
  cpu?: string
  memory?: string
  pods?: string
  labels?: Record<string, string>
  taints?: Taint[]
  unschedulable?: boolean
  images?: { names: string[]; sizeBytes?: number }[]
}

export function makeNode(name: string, o: NodeOptions = {}): Node {
  const allocatable = { cpu: o.cpu ?? '4', memory: o.memory ?? '16Gi', pods: o.pods ?? '110' }
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...o.labels } },
    spec: { ...(o.unschedulable ? { unschedulable: true } : {}), ...(o.taints ? { taints: o.taints } : {}) },
    status: { capacity: allocatable, allocatable, ...(o.images ? { images: o.images } : {}) },
  }
}

export function makeNodeInfo(name: string, o: NodeOptions = {}, pods: Pod[] = []): NodeInfo {
  return createNodeInfo(makeNode(name, o), pods)
}

/** mulberry32: a tiny seeded PRNG so tie-breaks are reproducible in tests. */
export function seededRandom(seed: number): SchedulerRandom & { draws: number } {
  let a = seed >>> 0
  const r = {
    draws: 0,
    float() {
      r.draws++
      a = (a + 0x6d2b79f5) >>> 0
      let t = a
      t = Math.imul(t ^ (t >>> 15), t | 1)
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    },
    int(maxExclusive: number) {
      return Math.floor(r.float() * maxExclusive)
    },
  }
  return r
}
