// Filter NodeResourcesFit ([k8s] pkg/scheduler/framework/plugins/noderesources/fit.go: fitsRequest):
// one reason per short resource ("Too many pods", "Insufficient cpu", "Insufficient memory",
// "Insufficient ephemeral-storage", "Insufficient <extended>"). Only resources the pod requests (> 0)
// are checked, so a pod with no requests fails only on the pod count. The node is unresolvable (no
// preemption can help) when a request exceeds the node's whole allocatable.
import type { Pod } from '../../api/pod'
import { reject, type FilterResult } from './framework'
import { cachedPodRequests, type NodeInfo } from './node-info'
import { isZeroRequest, type ResourceAmounts } from './pod-requests'

export function filterNodeResourcesFit(pod: Pod, nodeInfo: NodeInfo, request: ResourceAmounts = cachedPodRequests(pod)): FilterResult {
  if (fitsQuickly(nodeInfo, request)) return undefined
  const reasons: string[] = []
  let unresolvable = false
  const a = nodeInfo.allocatable
  if (nodeInfo.podCount + 1 > a.pods) reasons.push('Too many pods')
  if (!isZeroRequest(request)) {
    if (request.milliCpu > 0 && request.milliCpu > a.milliCpu - nodeInfo.requestedMilliCpu) {
      reasons.push('Insufficient cpu')
      if (request.milliCpu > a.milliCpu) unresolvable = true
    }
    if (request.memoryBytes > 0 && request.memoryBytes > a.memoryBytes - nodeInfo.requestedMemoryBytes) {
      reasons.push('Insufficient memory')
      if (request.memoryBytes > a.memoryBytes) unresolvable = true
    }
    if (request.ephemeralBytes > 0 && request.ephemeralBytes > a.ephemeralBytes - nodeInfo.requestedEphemeralBytes) {
      reasons.push('Insufficient ephemeral-storage')
      if (request.ephemeralBytes > a.ephemeralBytes) unresolvable = true
    }
    for (const name of Object.keys(request.scalar).sort()) {
      const wanted = request.scalar[name]
      if (wanted === 0) continue
      const capacity = a.scalar[name] ?? 0
      if (wanted > capacity - (nodeInfo.requestedScalar[name] ?? 0)) {
        reasons.push(`Insufficient ${name}`)
        if (wanted > capacity) unresolvable = true
      }
    }
  }
  return reasons.length ? reject('NodeResourcesFit', reasons, unresolvable) : undefined
}

/** The common case without allocating: no extended resources requested and everything fits. */
function fitsQuickly(nodeInfo: NodeInfo, request: ResourceAmounts): boolean {
  const a = nodeInfo.allocatable
  if (nodeInfo.podCount + 1 > a.pods) return false
  for (const _ in request.scalar) return false
  if (request.milliCpu > 0 && request.milliCpu > a.milliCpu - nodeInfo.requestedMilliCpu) return false
  if (request.memoryBytes > 0 && request.memoryBytes > a.memoryBytes - nodeInfo.requestedMemoryBytes) return false
  if (request.ephemeralBytes > 0 && request.ephemeralBytes > a.ephemeralBytes - nodeInfo.requestedEphemeralBytes) return false
  return true
}
