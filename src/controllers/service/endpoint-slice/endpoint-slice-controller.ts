// The EndpointSlice controller (`endpointslice-controller`; slices carry the managed-by value
// `endpointslice-controller.k8s.io`): keeps the IPv4 EndpointSlices of every Service with a
// selector. Pods map to the Services selecting them through a selector index; slice changes map
// back to their Service. Slices of a deleted Service go with it through their owner reference.
import type { EndpointSlice } from '../../../api/endpoint-slice'
import type { Node } from '../../../api/node'
import type { Pod } from '../../../api/pod'
import type { Service } from '../../../api/service'
import { defineController, type ControllerSpec } from '../../../runtime/controller'
import { keyOf, objectKey, splitKey } from '../../../store/keys'
import { fromLabelSelector } from '../../../store/selectors'
import type { Store } from '../../../store/store'
import { ServiceSelectorIndex } from '../service-selector-index'
import { TriggerTimeTracker } from '../trigger-time-tracker'
import { ENDPOINTSLICE_CONTROLLER_NAME, MANAGED_BY_LABEL, planSlices, SERVICE_NAME_LABEL } from './plan-slices'

export const ENDPOINTSLICE_CONTROLLER = 'endpointslice-controller'

export function createEndpointSliceController(store: Store, options: { maxEndpointsPerSlice?: number } = {}): ControllerSpec {
  const index = new ServiceSelectorIndex(store)
  const triggers = new TriggerTimeTracker()
  return defineController({
    name: ENDPOINTSLICE_CONTROLLER,
    watches: [
      {
        kind: 'Service',
        map(svc, event) {
          index.observe(event)
          return keyOf(svc)
        },
      },
      {
        kind: 'Pod',
        map(_pod, event) {
          return index.servicesForPodEvent(event)
        },
      },
      {
        kind: 'EndpointSlice',
        map(slice) {
          const labels = slice.metadata.labels ?? {}
          const service = labels[SERVICE_NAME_LABEL]
          return service && labels[MANAGED_BY_LABEL] === ENDPOINTSLICE_CONTROLLER_NAME ? objectKey(slice.metadata.namespace, service) : undefined
        },
      },
    ],
    reconcile(key, ctx) {
      const service = ctx.store.get<Service>('Service', key)
      if (!service) {
        triggers.delete(key)
        return
      }
      const selector = service.spec.selector
      if (service.spec.type === 'ExternalName' || !selector || Object.keys(selector).length === 0) return
      const namespace = splitKey(key).namespace
      const pods = ctx.store.list<Pod>('Pod', { namespace, selector: fromLabelSelector({ matchLabels: selector }) })
      const existing = ctx.store
        .list<EndpointSlice>('EndpointSlice', {
          namespace,
          selector: fromLabelSelector({ matchLabels: { [SERVICE_NAME_LABEL]: service.metadata.name ?? '', [MANAGED_BY_LABEL]: ENDPOINTSLICE_CONTROLLER_NAME } }),
        })
        .filter((s) => !s.metadata.deletionTimestamp)
      const plan = planSlices({
        service,
        pods,
        existing,
        node: (name) => (name ? ctx.store.get<Node>('Node', name)?.metadata : undefined),
        maxEndpointsPerSlice: options.maxEndpointsPerSlice,
        triggerTimeMs: triggers.compute(key, service, pods),
      })
      for (const slice of plan.delete) ctx.client.delete('EndpointSlice', keyOf(slice))
      for (const slice of plan.update) ctx.client.update(slice)
      for (const slice of plan.create) ctx.client.create(slice)
    },
  })
}
