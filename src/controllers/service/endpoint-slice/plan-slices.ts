// What the EndpointSlices of a Service should become (the endpointslice reconciler, one address
// type, IPv4): desired endpoints are grouped by their resolved port set; existing slices keep the
// endpoints still desired (updated in place when their conditions change), emptied slices go, and
// new endpoints fill slices being updated (fullest first), then the unchanged slice that fits them
// best, then new slices of at most `maxEndpointsPerSlice`. A Service with no endpoints keeps one
// placeholder slice. Creates that coincide with deletes become updates of the doomed slices (names
// stay stable). Upstream pops "any" desired endpoint: here, in pod-key order.
// [k8s] staging/src/k8s.io/endpointslice/reconciler.go, utils.go: podToEndpoint, newEndpointSlice.
import type { Endpoint, EndpointSlice, EndpointSlicePort } from '../../../api/endpoint-slice'
import { isDeepEqual } from '../../../api/deep-equal'
import type { Pod } from '../../../api/pod'
import type { Service } from '../../../api/service'
import { controllerRefTo } from '../../../runtime/owners'
import { toRfc3339 } from '../../../sim/time'
import { findPort, isPodReady, podIP, shouldPodBeInEndpoints, shouldSetHostname } from '../endpoint-pod'
import { LAST_CHANGE_TRIGGER_TIME } from '../trigger-time-tracker'

export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by'
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name'
export const HEADLESS_LABEL = 'service.kubernetes.io/headless'
export const ENDPOINTSLICE_CONTROLLER_NAME = 'endpointslice-controller.k8s.io'
export const DEFAULT_MAX_ENDPOINTS_PER_SLICE = 100
export const ZONE_LABEL = 'topology.kubernetes.io/zone'

export interface SlicePlanInput {
  service: Service
  /** The pods the Service selects, sorted by key. */
  pods: readonly Pod[]
  /** The node a pod runs on: undefined when there is no such Node (its pods are left out, as upstream). */
  node: (name: string) => { labels?: Readonly<Record<string, string>> } | undefined
  /** Slices of this Service managed by this controller. */
  existing: readonly EndpointSlice[]
  maxEndpointsPerSlice?: number
  triggerTimeMs?: number
}

export interface SlicePlan {
  /** New slices (metadata.generateName set, no name). */
  create: EndpointSlice[]
  update: EndpointSlice[]
  delete: EndpointSlice[]
}

interface Desired {
  ports: EndpointSlicePort[]
  endpoints: Map<string, Endpoint>
}

export function planSlices(input: SlicePlanInput): SlicePlan {
  const { service, existing } = input
  const max = input.maxEndpointsPerSlice ?? DEFAULT_MAX_ENDPOINTS_PER_SLICE
  const desired = desiredEndpointsByPorts(input)
  const existingByPorts = new Map<string, EndpointSlice[]>()
  for (const slice of existing) {
    const k = portsKey(slice.ports ?? [])
    existingByPorts.set(k, [...(existingByPorts.get(k) ?? []), slice])
  }
  let create: EndpointSlice[] = []
  const update: EndpointSlice[] = []
  const remove: EndpointSlice[] = []
  for (const [k, want] of desired) {
    const result = reconcilePortMapping(service, existingByPorts.get(k) ?? [], want, max)
    create.push(...result.create)
    update.push(...result.update)
    remove.push(...result.delete)
  }
  for (const [k, slices] of existingByPorts) if (!desired.has(k)) remove.push(...slices)
  // When no slice would exist, keep (or create) one placeholder without endpoints.
  if (existing.length === remove.length && create.length === 0) {
    const placeholder = newSlice(service, [])
    if (remove.length === 1 && isPlaceholderLike(remove[0], placeholder)) remove.length = 0
    else create.push(placeholder)
  }
  // Turn creates into updates of slices about to be deleted (same owner, same address type).
  for (let i = 0; i < remove.length && create.length > 0; ) {
    const doomed = remove[i]
    if (doomed.addressType === 'IPv4' && doomed.metadata.ownerReferences?.some((r) => r.uid === service.metadata.uid)) {
      const slice = create[create.length - 1]
      create = create.slice(0, -1)
      const { generateName: _g, ...meta } = slice.metadata
      update.push({ ...slice, metadata: { ...doomed.metadata, ...meta, name: doomed.metadata.name, labels: slice.metadata.labels } })
      remove.splice(i, 1)
    } else i++
  }
  const stamp = (slice: EndpointSlice): EndpointSlice => withTriggerTime(slice, input.triggerTimeMs)
  return { create: create.map(stamp), update: update.map(stamp), delete: remove }
}

function reconcilePortMapping(service: Service, existing: readonly EndpointSlice[], want: Desired, max: number): SlicePlan {
  const remaining = new Map(want.endpoints)
  const toUpdate: EndpointSlice[] = []
  const toDelete: EndpointSlice[] = []
  let unchanged: EndpointSlice[] = []
  // 1. Keep the endpoints still desired in the slices that hold them.
  for (const slice of existing) {
    const kept: Endpoint[] = []
    let changed = false
    for (const endpoint of slice.endpoints) {
      const k = endpointKey(endpoint)
      const got = remaining.get(k)
      if (!got) continue
      kept.push(got)
      if (!isDeepEqual(got, endpoint)) changed = true
      remaining.delete(k)
    }
    const { labels, changed: labelsChanged } = sliceLabels(slice.metadata.labels, service)
    if (changed || kept.length !== slice.endpoints.length) {
      if (kept.length === 0) toDelete.push(slice)
      else toUpdate.push({ ...slice, metadata: { ...slice.metadata, labels }, endpoints: kept })
    } else if (labelsChanged) toUpdate.push({ ...slice, metadata: { ...slice.metadata, labels } })
    else unchanged.push(slice)
  }
  const queue = [...remaining.values()]
  // 2. Fill the slices being updated, fullest first.
  if (queue.length && toUpdate.length) {
    toUpdate.sort((a, b) => b.endpoints.length - a.endpoints.length)
    for (let i = 0; i < toUpdate.length; i++) {
      const room = max - toUpdate[i].endpoints.length
      if (room > 0 && queue.length) toUpdate[i] = { ...toUpdate[i], endpoints: [...toUpdate[i].endpoints, ...queue.splice(0, room)] }
    }
  }
  // 3. Put the rest in the unchanged slice that fits them best, or in new slices.
  const toCreate: EndpointSlice[] = []
  while (queue.length) {
    let target: EndpointSlice | undefined
    if (queue.length < max && unchanged.length) {
      let closest = max
      for (const slice of unchanged) {
        const diff = max - (queue.length + slice.endpoints.length)
        if (diff >= 0 && diff < closest) {
          closest = diff
          target = slice
          if (diff === 0) break
        }
      }
      if (target) unchanged = unchanged.filter((s) => s !== target)
    }
    const base = target ?? newSlice(service, want.ports)
    const filled = { ...base, endpoints: [...base.endpoints, ...queue.splice(0, max - base.endpoints.length)] }
    if (target) toUpdate.push(filled)
    else toCreate.push(filled)
  }
  return { create: toCreate, update: toUpdate, delete: toDelete }
}

function desiredEndpointsByPorts(input: SlicePlanInput): Map<string, Desired> {
  const { service } = input
  const out = new Map<string, Desired>()
  for (const pod of input.pods) {
    if (!shouldPodBeInEndpoints(pod, true)) continue
    const node = input.node(pod.spec.nodeName ?? '')
    if (!node) continue
    const endpoint = toEndpoint(pod, node, service)
    const ports = endpointPorts(service, pod)
    const k = portsKey(ports)
    let entry = out.get(k)
    if (!entry) out.set(k, (entry = { ports, endpoints: new Map() }))
    entry.endpoints.set(endpointKey(endpoint), endpoint)
  }
  return out
}

/** podToEndpoint: serving = Ready; terminating = being deleted; ready = publishNotReadyAddresses || (serving && !terminating). */
export function toEndpoint(pod: Pod, node: { labels?: Readonly<Record<string, string>> } | undefined, service: Service): Endpoint {
  const serving = isPodReady(pod)
  const terminating = !!pod.metadata.deletionTimestamp
  const ready = service.spec.publishNotReadyAddresses === true || (serving && !terminating)
  const endpoint: Endpoint = { addresses: [podIP(pod)!], conditions: { ready, serving, terminating } }
  if (shouldSetHostname(pod, service)) endpoint.hostname = pod.spec.hostname
  if (pod.spec.nodeName) endpoint.nodeName = pod.spec.nodeName
  endpoint.targetRef = { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid }
  const zone = node?.labels?.[ZONE_LABEL]
  if (zone) endpoint.zone = zone
  return endpoint
}

/** The Service ports this pod serves, target ports resolved (ports a pod lacks are left out). */
export function endpointPorts(service: Service, pod: Pod): EndpointSlicePort[] {
  const out: EndpointSlicePort[] = []
  for (const servicePort of service.spec.ports ?? []) {
    const port = findPort(pod, servicePort)
    if (port === undefined) continue
    const p: EndpointSlicePort = { name: servicePort.name ?? '', port, protocol: servicePort.protocol ?? 'TCP' }
    if (servicePort.appProtocol) p.appProtocol = servicePort.appProtocol
    out.push(p)
  }
  return out
}

export function newSlice(service: Service, ports: EndpointSlicePort[]): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      generateName: `${service.metadata.name}-`,
      namespace: service.metadata.namespace,
      labels: sliceLabels(undefined, service).labels,
      ownerReferences: [controllerRefTo(service as never)],
    },
    addressType: 'IPv4',
    endpoints: [],
    ports,
  }
}

/** setEndpointSliceLabels: the Service's labels (reserved keys excluded) plus the reserved ones; `changed` as upstream reports it. */
export function sliceLabels(current: Readonly<Record<string, string>> | undefined, service: Service): { labels: Record<string, string>; changed: boolean } {
  const reserved = (k: string) => k === SERVICE_NAME_LABEL || k === MANAGED_BY_LABEL || k === HEADLESS_LABEL
  const labels: Record<string, string> = {}
  for (const [k, v] of Object.entries(service.metadata.labels ?? {})) if (!reserved(k)) labels[k] = v
  let changed = false
  for (const [k, v] of Object.entries(current ?? {})) if (!reserved(k) && labels[k] !== v) changed = true
  const ip = service.spec.clusterIP
  if (!ip || ip === 'None') labels[HEADLESS_LABEL] = ''
  labels[SERVICE_NAME_LABEL] = service.metadata.name ?? ''
  labels[MANAGED_BY_LABEL] = ENDPOINTSLICE_CONTROLLER_NAME
  return { labels, changed }
}

/** hashEndpoint's identity: addresses, hostname and the target pod's namespace/name. */
function endpointKey(endpoint: Endpoint): string {
  const addresses = endpoint.addresses.length === 1 ? endpoint.addresses[0] : [...endpoint.addresses].sort().join(',')
  return `${addresses}\u0000${endpoint.hostname ?? ''}\u0000${endpoint.targetRef?.namespace ?? ''}\u0000${endpoint.targetRef?.name ?? ''}`
}

function portsKey(ports: readonly EndpointSlicePort[]): string {
  return JSON.stringify(ports.map((p) => [p.name ?? '', p.port ?? 0, p.protocol ?? 'TCP', p.appProtocol ?? '']).sort())
}

function isPlaceholderLike(slice: EndpointSlice, placeholder: EndpointSlice): boolean {
  return slice.endpoints.length === 0 && (slice.ports ?? []).length === 0 && slice.addressType === placeholder.addressType && isDeepEqual(slice.metadata.labels ?? {}, placeholder.metadata.labels)
}

function withTriggerTime(slice: EndpointSlice, triggerTimeMs: number | undefined): EndpointSlice {
  const annotations: Record<string, string> = { ...(slice.metadata.annotations ?? {}) }
  if (triggerTimeMs !== undefined) annotations[LAST_CHANGE_TRIGGER_TIME] = toRfc3339(triggerTimeMs)
  else delete annotations[LAST_CHANGE_TRIGGER_TIME]
  const metadata = { ...slice.metadata, annotations }
  if (!Object.keys(annotations).length) delete (metadata as { annotations?: unknown }).annotations
  return { ...slice, metadata }
}
