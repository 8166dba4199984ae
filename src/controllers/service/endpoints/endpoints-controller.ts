// The endpoints controller (`endpoint-controller`): keeps one Endpoints object per Service with a
// selector, named after the Service, and deletes it when the Service goes. Pods map to the Services
// selecting them through a selector index (old and new labels), and only changes that can alter an
// endpoint (IP, readiness, labels, deletion, node, hostname, ports) enqueue anything. ExternalName
// Services and Services without a selector get nothing from it.
import type { Endpoints } from '../../../api/endpoints'
import type { Pod } from '../../../api/pod'
import type { Service } from '../../../api/service'
import { defineController, type ControllerSpec } from '../../../runtime/controller'
import { keyOf, splitKey } from '../../../store/keys'
import { fromLabelSelector } from '../../../store/selectors'
import type { Store } from '../../../store/store'
import { ServiceSelectorIndex } from '../service-selector-index'
import { TriggerTimeTracker } from '../trigger-time-tracker'
import { planEndpoints } from './plan-endpoints'

export const ENDPOINTS_CONTROLLER = 'endpoint-controller'

export function createEndpointsController(store: Store): ControllerSpec {
  const index = new ServiceSelectorIndex(store)
  const triggers = new TriggerTimeTracker()
  return defineController({
    name: ENDPOINTS_CONTROLLER,
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
      // A deleted Endpoints object is recreated.
      {
        kind: 'Endpoints',
        map(ep, event) {
          return event.type === 'DELETED' ? keyOf(ep) : undefined
        },
      },
    ],
    reconcile(key, ctx) {
      const service = ctx.store.get<Service>('Service', key)
      const current = ctx.store.get<Endpoints>('Endpoints', key)
      if (!service) {
        triggers.delete(key)
        if (current) ctx.client.delete('Endpoints', key)
        return
      }
      const selector = service.spec.selector
      if (service.spec.type === 'ExternalName' || !selector || Object.keys(selector).length === 0) return
      const pods = ctx.store.list<Pod>('Pod', { namespace: splitKey(key).namespace, selector: fromLabelSelector({ matchLabels: selector }) })
      const triggerMs = triggers.compute(key, service, pods)
      const plan = planEndpoints(service, pods, current, triggerMs)
      if (plan.action === 'create') ctx.client.create(plan.object)
      else if (plan.action === 'update') ctx.client.update(plan.object)
    },
  })
}

