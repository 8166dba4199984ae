// Store throughput: create N ConfigMaps through the API, then list them by label (issue: kernel).
import { createCluster } from './kubesim'
import { MemoryPeak, time, type Scenario } from './harness'

export const storeScenario: Scenario = {
  name: 'store',
  run(quick) {
    const count = quick ? 10_000 : 100_000
    const memory = new MemoryPeak()
    const cluster = createCluster({ nodes: 0, keepTrace: false })
    const created = time(() => {
      for (let i = 0; i < count; i++)
        cluster.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, labels: { app: `app-${i % 100}`, tier: i % 2 ? 'fe' : 'be' } }, data: { index: String(i) } })
    })
    memory.sample()
    const listed = time(() => {
      let found = 0
      for (let a = 0; a < 100; a++) found += cluster.list('ConfigMap', { labelSelector: `app=app-${a},tier=fe` }).length
      return found
    })
    const all = time(() => cluster.list('ConfigMap').length)
    memory.sample()
    if (listed.value !== count / 2 || all.value !== count) throw new Error(`store bench: listed ${listed.value}/${all.value}, expected ${count / 2}/${count}`)
    const per10k = (ms: number) => Math.round((ms / count) * 10_000 * 100) / 100
    return {
      name: 'store',
      wallMs: created.ms + listed.ms,
      objects: count,
      objectsPerSecond: count / (created.ms / 1000),
      peakHeapMiB: memory.heapMiB,
      peakRssMiB: memory.rssMiB,
      createMsPer10k: per10k(created.ms),
      listByLabelMsPer10k: per10k(listed.ms),
      listAllMs: Math.round(all.ms),
      notes: `create ${per10k(created.ms)} ms/10k; 100 label lists ${Math.round(listed.ms)} ms total; list all ${Math.round(all.ms)} ms`,
    }
  },
}
