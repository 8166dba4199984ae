// The pod's QoS class (upstream qos.GetPodQOS), written to status.qosClass when a Pod is created.
// Only cpu and memory count. Guaranteed: every container limits both and requests equal limits;
// BestEffort: no cpu/memory requests or limits anywhere; Burstable otherwise. Pod-level resources are ignored.
import { parseQuantity } from './quantity'

export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort'

interface ResourcedContainer {
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> }
}

const qosResources = ['cpu', 'memory'] as const

export function computeQosClass(spec: { containers: ResourcedContainer[]; initContainers?: ResourcedContainer[] }): QosClass {
  const requests: Record<string, number> = {}
  const limits: Record<string, number> = {}
  let isGuaranteed = true
  for (const container of [...(spec.initContainers ?? []), ...spec.containers]) {
    for (const name of qosResources) {
      const request = container.resources?.requests?.[name]
      if (request !== undefined && parseQuantity(request) !== 0) requests[name] = (requests[name] ?? 0) + parseQuantity(request)
    }
    let limitedResources = 0
    for (const name of qosResources) {
      const limit = container.resources?.limits?.[name]
      if (limit !== undefined && parseQuantity(limit) !== 0) {
        limits[name] = (limits[name] ?? 0) + parseQuantity(limit)
        limitedResources += 1
      }
    }
    if (limitedResources !== qosResources.length) isGuaranteed = false
  }
  if (Object.keys(requests).length === 0 && Object.keys(limits).length === 0) return 'BestEffort'
  if (isGuaranteed && qosResources.every((name) => requests[name] === limits[name])) return 'Guaranteed'
  return 'Burstable'
}
