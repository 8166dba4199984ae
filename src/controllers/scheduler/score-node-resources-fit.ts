// Score NodeResourcesFit, strategy LeastAllocated, resources cpu and memory with weight 1 each
// ([k8s] .../noderesources/least_allocated.go: leastResourceScorer, leastRequestedScore;
// resource_allocation.go). Requests here are "non-zero": a container without a cpu/memory request
// counts 100m / 200Mi, on the node and for the incoming pod. Integer arithmetic as upstream.
import type { Pod } from '../../api/pod'
import { MAX_NODE_SCORE } from './framework'
import { cachedNonZeroRequests, type NodeInfo } from './node-info'

export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity)
}

export function leastAllocatedScore(pod: Pod, nodeInfo: NodeInfo): number {
  const podReq = cachedNonZeroRequests(pod)
  const cpuAllocatable = nodeInfo.allocatable.milliCpu
  const memoryAllocatable = nodeInfo.allocatable.memoryBytes
  let score = 0
  let weightSum = 0
  if (cpuAllocatable !== 0) {
    score += leastRequestedScore(nodeInfo.nonZeroRequested.milliCpu + podReq.milliCpu, cpuAllocatable)
    weightSum += 1
  }
  if (memoryAllocatable !== 0) {
    score += leastRequestedScore(nodeInfo.nonZeroRequested.memoryBytes + podReq.memoryBytes, memoryAllocatable)
    weightSum += 1
  }
  return weightSum === 0 ? 0 : Math.trunc(score / weightSum)
}

export function scoreNodeResourcesFit(pod: Pod, nodes: readonly NodeInfo[]): number[] {
  return nodes.map((n) => leastAllocatedScore(pod, n))
}
