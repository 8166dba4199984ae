// Score NodeResourcesBalancedAllocation, cpu and memory ([k8s] .../noderesources/balanced_allocation.go:
// balancedResourceScorer): fractions min(1, requested_after / allocatable) with *actual* requests;
// std = |f_cpu - f_mem| / 2 for two resources (population std-dev in general); score = int((1-std)*100).
// Best-effort pods (no cpu/memory request) are skipped (0 everywhere), as upstream does since v1.33.
import type { Pod } from '../../api/pod'
import { MAX_NODE_SCORE } from './framework'
import { cachedPodRequests, type NodeInfo } from './node-info'

export function balancedResourceScore(requested: readonly number[], allocatable: readonly number[]): number {
  const fractions: number[] = []
  let total = 0
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue
    const f = Math.min(1, requested[i] / allocatable[i])
    fractions.push(f)
    total += f
  }
  let std = 0
  if (fractions.length === 2) std = Math.abs((fractions[0] - fractions[1]) / 2)
  else if (fractions.length > 2) {
    const mean = total / fractions.length
    let sum = 0
    for (const f of fractions) sum += (f - mean) * (f - mean)
    std = Math.sqrt(sum / fractions.length)
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE)
}

export function scoreBalancedAllocation(pod: Pod, nodes: readonly NodeInfo[]): number[] {
  const req = cachedPodRequests(pod)
  if (req.milliCpu === 0 && req.memoryBytes === 0) return nodes.map(() => 0)
  return nodes.map((n) => {
    const cpu = n.allocatable.milliCpu
    const memory = n.allocatable.memoryBytes
    if (cpu === 0 || memory === 0) {
      return balancedResourceScore([n.requestedMilliCpu + req.milliCpu, n.requestedMemoryBytes + req.memoryBytes], [cpu, memory])
    }
    // The two-resource case of balancedResourceScore, without arrays (same arithmetic).
    const fCpu = Math.min(1, (n.requestedMilliCpu + req.milliCpu) / cpu)
    const fMemory = Math.min(1, (n.requestedMemoryBytes + req.memoryBytes) / memory)
    return Math.trunc((1 - Math.abs((fCpu - fMemory) / 2)) * MAX_NODE_SCORE)
  })
}
