// The `endpoints.kubernetes.io/last-change-trigger-time` computation (TriggerTimeTracker): the
// earliest trigger among the changes observed since the previous sync of the Service, where a pod's
// trigger is its Ready condition's lastTransitionTime and the Service's is its creationTimestamp.
// A Service seen for the first time reports its creation time. Per-controller memory, as upstream.
// [k8s] staging/src/k8s.io/endpointslice/util/trigger_time_tracker.go
import type { Pod } from '../../api/pod'
import type { Service } from '../../api/service'
import { parseRfc3339 } from '../../sim/time'
import type { ObjectKey } from '../../store/keys'

export const LAST_CHANGE_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time'

interface State {
  serviceMs: number
  podMs: Map<string, number>
}

export class TriggerTimeTracker {
  private readonly states = new Map<ObjectKey, State>()

  /** Trigger time in ms since the epoch, or undefined when nothing that carries one has changed. */
  compute(key: ObjectKey, service: Service, pods: readonly Pod[]): number | undefined {
    const known = this.states.get(key)
    const podMs = new Map<string, number>()
    let min: number | undefined
    for (const pod of pods) {
      const text = pod.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime
      const ms = text ? parseCached(text) : Number.NaN
      if (Number.isNaN(ms)) continue
      const name = pod.metadata.name ?? ''
      podMs.set(name, ms)
      if (ms > (known?.podMs.get(name) ?? Number.NEGATIVE_INFINITY)) min = min === undefined ? ms : Math.min(min, ms)
    }
    const created = service.metadata.creationTimestamp ? parseRfc3339(service.metadata.creationTimestamp) : Number.NaN
    const serviceMs = Number.isNaN(created) ? 0 : created
    this.states.set(key, { serviceMs, podMs })
    if (!known) return serviceMs
    if (serviceMs > known.serviceMs) min = min === undefined ? serviceMs : Math.min(min, serviceMs)
    return min
  }

  delete(key: ObjectKey): void {
    this.states.delete(key)
  }
}

// Ready transition times repeat across pods and syncs; parse each text once.
const parsed = new Map<string, number>()
function parseCached(text: string): number {
  let ms = parsed.get(text)
  if (ms === undefined) {
    if (parsed.size > 100_000) parsed.clear()
    parsed.set(text, (ms = parseRfc3339(text)))
  }
  return ms
}
