// What a user's unit test pays (issue 9): createCluster with 3 nodes, the nginx Deployment (3
// replicas), run until available. Median of many runs (after a warm-up); target ≤ 2 ms.
import { kubesimSmall } from './peer'
import { median, MemoryPeak, type Scenario } from './harness'

export const smallScenario: Scenario = {
  name: 'small',
  run(quick) {
    const runs = quick ? 50 : 500
    const memory = new MemoryPeak()
    for (let i = 0; i < 20; i++) kubesimSmall()
    const times: number[] = []
    for (let i = 0; i < runs; i++) {
      times.push(kubesimSmall())
      if (i % 50 === 0) memory.sample()
    }
    const sorted = [...times].sort((a, b) => a - b)
    const p90 = sorted[Math.floor(sorted.length * 0.9)]
    const m = median(times)
    return {
      name: 'small',
      wallMs: m,
      objects: 3,
      peakHeapMiB: memory.heapMiB,
      peakRssMiB: memory.rssMiB,
      runs,
      minMs: Math.round(sorted[0] * 1000) / 1000,
      p90Ms: Math.round(p90 * 1000) / 1000,
      notes: `3 nodes, nginx Deployment ×3 until available: median ${m.toFixed(2)} ms of ${runs} runs (min ${sorted[0].toFixed(2)}, p90 ${p90.toFixed(2)})`,
    }
  },
}
