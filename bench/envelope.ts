// The envelope (issue 9): Kubernetes' supported maximum, 5,000 nodes and 150,000 pods (1,500
// Deployments × 100 replicas), from apply to every Deployment available (all pods Ready). Also the
// floor: the same number of pod objects and pod writes done with plain objects and a Map in this
// process, and the ratio envelope/floor. --quick: 100 nodes, 3,000 pods (30 × 100).
// Non-quick runs go to a child process (bench/run.ts) with a larger heap limit, so that the peak is
// measured alone and a run over the 4 GiB target still finishes and reports.
import { createCluster } from './kubesim'
import { MemoryPeak, time, type Scenario, type ScenarioResult } from './harness'

export interface EnvelopeSize {
  nodes: number
  deployments: number
  replicas: number
  /** Wall-clock budget: past it the run stops and reports how far it got (keeps `npm run bench` bounded). */
  budgetMs?: number
}

export const ENVELOPE_FULL: EnvelopeSize = { nodes: 5_000, deployments: 1_500, replicas: 100, budgetMs: 150_000 }
export const ENVELOPE_QUICK: EnvelopeSize = { nodes: 100, deployments: 30, replicas: 100 }

const deployment = (i: number, replicas: number) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: `app-${i}`, labels: { app: `app-${i}` } },
  spec: {
    replicas,
    selector: { matchLabels: { app: `app-${i}` } },
    template: {
      metadata: { labels: { app: `app-${i}` } },
      spec: { containers: [{ name: 'web', image: `registry.example/app-${i}:1`, resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
    },
  },
})

export function runEnvelope(size: EnvelopeSize): ScenarioResult {
  const memory = new MemoryPeak()
  const r = simulate(size, memory)
  const objects = r.completed ? r.pods : r.ready
  const measured = {
    name: 'envelope',
    wallMs: r.wallMs,
    virtualMs: r.virtualMs,
    objects,
    objectsPerSecond: objects / (r.wallMs / 1000),
    peakHeapMiB: memory.heapMiB,
    peakRssMiB: memory.rssMiB,
    setupMs: Math.round(r.setupMs),
    nodes: size.nodes,
  }
  if (!r.completed) {
    return {
      ...measured,
      completed: false,
      notes: `${size.nodes} nodes, ${size.deployments}×${size.replicas} pods: NOT DONE within the ${Math.round((size.budgetMs ?? 0) / 1000)} s budget: ${r.ready} pods Ready, ${r.created} created, ${r.bound} bound after ${Math.round(r.wallMs)} ms wall (node setup ${Math.round(r.setupMs)} ms), ${r.writes} writes`,
    }
  }
  // The floor runs once the cluster is garbage, so it does not pay for the cluster's heap.
  ;(globalThis as { gc?: () => void }).gc?.()
  const floorMs = floor(r.pods, r.podWrites)
  const ratio = Math.round((r.wallMs / floorMs) * 10) / 10
  return {
    ...measured,
    writes: r.writes,
    podWrites: r.podWrites,
    floorMs: Math.round(floorMs * 10) / 10,
    ratio,
    notes: `${size.nodes} nodes, ${size.deployments}×${size.replicas} pods Ready: ${Math.round(r.wallMs)} ms wall (node setup ${Math.round(r.setupMs)} ms), ${r.writes} writes (${r.podWrites} to pods); floor ${Math.round(floorMs)} ms → ${ratio}×`,
  }
}

function simulate(size: EnvelopeSize, memory: MemoryPeak) {
  const { nodes, deployments, replicas } = size
  const pods = deployments * replicas
  const setup = time(() => createCluster({ nodes, keepTrace: false }))
  const cluster = setup.value
  memory.sample()
  // Pod writes, for the floor: creates, binds and status writes (counted by a watch on pods).
  let podWrites = 0
  let started = Number.POSITIVE_INFINITY
  const overBudget = new Error('over budget')
  // One instant can hold most of the run (everything starts at once), so the budget is checked here,
  // on pod writes, rather than between instants.
  cluster.env.store.watch('Pod', () => {
    if (++podWrites % 1024 === 0 && size.budgetMs !== undefined && performance.now() - started > size.budgetMs) throw overBudget
  })
  const revision0 = cluster.env.store.revision
  const startMs = cluster.now()
  const pending = new Set<string>()
  for (let i = 0; i < deployments; i++) pending.add(`app-${i}`)
  let checks = 0
  started = performance.now()
  let completed = true
  const run = time(() => {
    cluster.apply(Array.from({ length: deployments }, (_, i) => deployment(i, replicas)))
    memory.sample()
    try {
      cluster.runUntil(
        () => {
          if (++checks % 16 === 0) memory.sample()
          for (const name of pending) {
            const d = cluster.get('Deployment', name) as any
            if (d?.status?.availableReplicas !== replicas || d.status.updatedReplicas !== replicas || d.status.observedGeneration !== d.metadata.generation) return false
            pending.delete(name)
          }
          return true
        },
        { timeout: '2h' },
      )
    } catch (error) {
      if (error !== overBudget) throw error
      completed = false
    }
  })
  memory.sample()
  const virtualMs = cluster.now() - startMs
  const writes = cluster.env.store.revision - revision0
  const all = cluster.env.store.list('Pod') as any[]
  const ready = all.filter((p) => p.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True')).length
  if (completed && ready !== pods) throw new Error(`envelope bench: ${ready} of ${pods} pods Ready`)
  return { completed, pods, ready, created: all.length, bound: all.filter((p) => p.spec.nodeName).length, podWrites, writes, virtualMs, wallMs: run.ms, setupMs: setup.ms }
}

/**
 * The floor: `pods` plain pod objects created and put in a Map, then `podWrites - pods` replacements
 * (a new object with a new status, as a write does), round-robin over the pods. Best of three.
 */
export function floor(pods: number, podWrites: number): number {
  let best = Infinity
  for (let attempt = 0; attempt < 3; attempt++) {
    const start = performance.now()
    const map = new Map<string, any>()
    const keys: string[] = []
    for (let i = 0; i < pods; i++) {
      const name = `app-${i % 1500}-${i}`
      const key = `default/${name}`
      keys.push(key)
      map.set(key, {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, namespace: 'default', uid: `uid-${i}`, resourceVersion: String(i), labels: { app: `app-${i % 1500}` }, ownerReferences: [{ kind: 'ReplicaSet', name: 'rs', uid: 'rs', controller: true }] },
        spec: { containers: [{ name: 'web', image: 'registry.example/app:1', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
        status: { phase: 'Pending' },
      })
    }
    const updates = Math.max(0, podWrites - pods)
    for (let w = 0; w < updates; w++) {
      const key = keys[w % pods]
      const p = map.get(key)
      map.set(key, { ...p, metadata: { ...p.metadata, resourceVersion: String(pods + w) }, status: { ...p.status, phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2025-01-01T00:00:00Z' }] } })
    }
    if (map.size !== pods) throw new Error('floor: lost pods')
    best = Math.min(best, performance.now() - start)
  }
  return best
}

export const envelopeScenario: Scenario = {
  name: 'envelope',
  run: (quick) => runEnvelope(quick ? ENVELOPE_QUICK : ENVELOPE_FULL),
}
