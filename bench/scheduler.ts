// Scheduler throughput (issue 3): N nodes, M plain pods (100m / 128Mi); wall time of settle() until
// every pod is bound (the kubelets' first reactions at that instant included). One settle is a
// single wall-clock sample on a noisy machine, so the figure is the median of three, each on a fresh
// cluster.
import { createCluster } from './kubesim'
import { median, MemoryPeak, time, type Scenario } from './harness'

const RUNS = 3

function bindAll(nodeCount: number, podCount: number, memory: MemoryPeak): number {
  const cluster = createCluster({ nodes: nodeCount, keepTrace: false })
  cluster.settle()
  for (let i = 0; i < podCount; i++)
    cluster.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `bench-${i}-pod`, labels: { app: `app-${i % 50}` } },
      spec: { containers: [{ name: 'app', image: 'nginx:1.25', resources: { requests: { cpu: '100m', memory: '128Mi' } } }] },
    })
  memory.sample()
  const settled = time(() => cluster.settle())
  memory.sample()
  const bound = cluster.list('Pod').filter((p: any) => p.spec.nodeName).length
  if (bound !== podCount) throw new Error(`scheduler bench: ${bound}/${podCount} pods bound`)
  return settled.ms
}

export const schedulerScenario: Scenario = {
  name: 'scheduler',
  run(quick) {
    const nodeCount = quick ? 500 : 5_000
    const podCount = quick ? 1_000 : 10_000
    const memory = new MemoryPeak()
    const samples = Array.from({ length: RUNS }, () => bindAll(nodeCount, podCount, memory))
    const ms = median(samples)
    const perSecond = (t: number) => Math.round(podCount / (t / 1000))
    return {
      name: 'scheduler',
      wallMs: ms,
      objects: podCount,
      objectsPerSecond: podCount / (ms / 1000),
      peakHeapMiB: memory.heapMiB,
      peakRssMiB: memory.rssMiB,
      nodes: nodeCount,
      runsMs: samples.map((t) => Math.round(t)),
      notes: `${nodeCount} nodes, ${podCount} pods bound; settle median of ${RUNS} ${Math.round(ms)} ms (${perSecond(ms)} pods/s; runs ${samples.map((t) => `${perSecond(t)}`).join(', ')} pods/s)`,
    }
  },
}
