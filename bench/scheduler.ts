// Scheduler throughput (issue 3): N nodes, M plain pods (100m / 128Mi); wall time of settle() until
// every pod is bound (the kubelets' first reactions at that instant included).
import { createCluster } from '../src/index'
import { MemoryPeak, time, type Scenario } from './harness'

export const schedulerScenario: Scenario = {
  name: 'scheduler',
  run(quick) {
    const nodeCount = quick ? 500 : 5_000
    const podCount = quick ? 1_000 : 10_000
    const memory = new MemoryPeak()
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
    return {
      name: 'scheduler',
      wallMs: settled.ms,
      objects: podCount,
      objectsPerSecond: podCount / (settled.ms / 1000),
      peakHeapMiB: memory.heapMiB,
      peakRssMiB: memory.rssMiB,
      nodes: nodeCount,
      notes: `${nodeCount} nodes, ${podCount} pods bound; settle ${Math.round(settled.ms)} ms (${Math.round(podCount / (settled.ms / 1000))} pods/s)`,
    }
  },
}
