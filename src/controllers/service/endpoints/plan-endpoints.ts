// What the Endpoints object of a Service should hold (syncService of the endpoints controller):
// for each pod that should be in endpoints and each Service port its targetPort resolves on, the
// pod's address goes to `addresses` (Ready, or publishNotReadyAddresses) or `notReadyAddresses`;
// subsets are repacked (addresses grouped by identical port sets), capped at 1000 addresses with
// the over-capacity annotation, and the object is rewritten only when subsets, labels or the
// capacity annotation differ. Order: addresses by IP then pod uid; ports by name, port, protocol;
// subsets by their ports (upstream orders ports and subsets by a hash: equivalent content, not order).
// [k8s] pkg/controller/endpoint/endpoints_controller.go; pkg/api/v1/endpoints/util.go: RepackSubsets.
import type { EndpointAddress, EndpointPort, EndpointSubset, Endpoints } from '../../../api/endpoints'
import type { Pod } from '../../../api/pod'
import type { Service } from '../../../api/service'
import { isDeepEqual as deepEqual } from '../../../api/deep-equal'
import { toRfc3339 } from '../../../sim/time'
import { findPort, isPodReady, podIP, shouldPodBeInEndpoints, shouldSetHostname } from '../endpoint-pod'
import { compareIps } from '../ip-range'
import { LAST_CHANGE_TRIGGER_TIME } from '../trigger-time-tracker'

export const MAX_ENDPOINTS_CAPACITY = 1000
export const OVER_CAPACITY = 'endpoints.kubernetes.io/over-capacity'
export const HEADLESS_LABEL = 'service.kubernetes.io/headless'

/** The repacked subsets for a Service and its selected pods (before truncation). */
export function computeEndpointSubsets(service: Service, pods: readonly Pod[]): EndpointSubset[] {
  const publish = service.spec.publishNotReadyAddresses === true
  const ports = service.spec.ports ?? []
  // port key → (address key → address, ready)
  const byPort = new Map<string, { port: EndpointPort | undefined; addresses: Map<string, { address: EndpointAddress; ready: boolean }> }>()
  const add = (port: EndpointPort | undefined, address: EndpointAddress, ready: boolean) => {
    const portKey = port ? JSON.stringify([port.name ?? '', port.port, port.protocol ?? 'TCP', port.appProtocol ?? '']) : '-'
    let entry = byPort.get(portKey)
    if (!entry) byPort.set(portKey, (entry = { port, addresses: new Map() }))
    entry.addresses.set(`${address.ip}/${address.targetRef?.uid ?? ''}`, { address, ready })
  }
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, publish)) continue
    const address = toEndpointAddress(service, pod)
    const ready = publish || isPodReady(pod)
    if (ports.length === 0) {
      if (service.spec.clusterIP === 'None') add(undefined, address, ready)
      continue
    }
    for (const servicePort of ports) {
      const number = findPort(pod, servicePort)
      if (number === undefined) continue
      const port: EndpointPort = { ...(servicePort.name ? { name: servicePort.name } : {}), port: number, protocol: servicePort.protocol ?? 'TCP' }
      if (servicePort.appProtocol) port.appProtocol = servicePort.appProtocol
      add(port, address, ready)
    }
  }
  // Group ports that reach exactly the same set of addresses (with the same readiness).
  const groups = new Map<string, { ports: EndpointPort[]; addresses: { address: EndpointAddress; ready: boolean }[] }>()
  for (const { port, addresses } of byPort.values()) {
    const list = [...addresses.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    const groupKey = JSON.stringify(list.map(([k, v]) => [k, v.ready]))
    let group = groups.get(groupKey)
    if (!group) groups.set(groupKey, (group = { ports: [], addresses: list.map(([, v]) => v) }))
    if (port) group.ports.push(port)
  }
  const subsets: EndpointSubset[] = []
  for (const group of groups.values()) {
    const ready = group.addresses.filter((a) => a.ready).map((a) => a.address).sort(compareAddresses)
    const notReady = group.addresses.filter((a) => !a.ready).map((a) => a.address).sort(compareAddresses)
    const subset: EndpointSubset = {}
    if (ready.length) subset.addresses = ready
    if (notReady.length) subset.notReadyAddresses = notReady
    if (group.ports.length) subset.ports = group.ports.sort(comparePorts)
    subsets.push(subset)
  }
  return subsets.sort((a, b) => cmp(JSON.stringify(a.ports ?? []), JSON.stringify(b.ports ?? [])) || cmp(firstIp(a), firstIp(b)))
}

/** Caps the total at 1000 addresses, preferring ready ones, proportionally per subset (truncateEndpoints). */
export function truncateSubsets(subsets: readonly EndpointSubset[]): { subsets: EndpointSubset[]; truncated: boolean } {
  let totalReady = 0
  let totalNotReady = 0
  for (const s of subsets) {
    totalReady += s.addresses?.length ?? 0
    totalNotReady += s.notReadyAddresses?.length ?? 0
  }
  if (totalReady + totalNotReady <= MAX_ENDPOINTS_CAPACITY) return { subsets: [...subsets], truncated: false }
  const truncateReady = totalReady > MAX_ENDPOINTS_CAPACITY
  const max = truncateReady ? MAX_ENDPOINTS_CAPACITY : MAX_ENDPOINTS_CAPACITY - totalReady
  const total = truncateReady ? totalReady : totalNotReady
  let canBeAdded = max
  const out = subsets.map((s) => {
    const inSubset = (truncateReady ? s.addresses?.length : s.notReadyAddresses?.length) ?? 0
    const toBeAdded = Math.min(Math.ceil((inSubset / total) * max), canBeAdded)
    const next: EndpointSubset = { ...s }
    if (truncateReady) {
      next.addresses = (s.addresses ?? []).slice(0, toBeAdded)
      delete next.notReadyAddresses
      canBeAdded -= next.addresses.length
      if (!next.addresses.length) delete next.addresses
    } else {
      next.notReadyAddresses = (s.notReadyAddresses ?? []).slice(0, toBeAdded)
      canBeAdded -= next.notReadyAddresses.length
      if (!next.notReadyAddresses.length) delete next.notReadyAddresses
    }
    return next
  })
  return { subsets: out, truncated: true }
}

export type EndpointsPlan = { action: 'none' } | { action: 'create' | 'update'; object: Endpoints }

/**
 * The Endpoints write for a Service: none when subsets, labels (ignoring the headless label) and
 * the capacity annotation already agree; otherwise the whole desired object. `triggerTimeMs` is the
 * TriggerTimeTracker's answer for this sync (undefined clears the annotation).
 */
export function planEndpoints(service: Service, pods: readonly Pod[], current: Endpoints | undefined, triggerTimeMs: number | undefined): EndpointsPlan {
  const subsets = computeEndpointSubsets(service, pods)
  const serviceLabels = service.metadata.labels ?? {}
  if (current) {
    const { [HEADLESS_LABEL]: _headless, ...compareLabels } = current.metadata.labels ?? {}
    const count = subsets.reduce((n, s) => n + (s.addresses?.length ?? 0) + (s.notReadyAddresses?.length ?? 0), 0)
    const capacityOk = count <= MAX_ENDPOINTS_CAPACITY && !(current.metadata.annotations ?? {})[OVER_CAPACITY]
    if (deepEqual(current.subsets ?? [], subsets) && deepEqual(compareLabels, serviceLabels) && capacityOk) return { action: 'none' }
  }
  const annotations: Record<string, string> = { ...(current?.metadata.annotations ?? {}) }
  if (triggerTimeMs !== undefined) annotations[LAST_CHANGE_TRIGGER_TIME] = toRfc3339(triggerTimeMs)
  else delete annotations[LAST_CHANGE_TRIGGER_TIME]
  const { subsets: kept, truncated } = truncateSubsets(subsets)
  if (truncated) annotations[OVER_CAPACITY] = 'truncated'
  else delete annotations[OVER_CAPACITY]
  const labels: Record<string, string> = { ...serviceLabels }
  if (!isServiceIPSet(service)) labels[HEADLESS_LABEL] = ''
  else delete labels[HEADLESS_LABEL]
  const metadata: Endpoints['metadata'] = { ...(current?.metadata ?? {}), name: service.metadata.name, namespace: service.metadata.namespace }
  if (Object.keys(labels).length) metadata.labels = labels
  else delete metadata.labels
  if (Object.keys(annotations).length) metadata.annotations = annotations
  else delete metadata.annotations
  const object: Endpoints = { apiVersion: 'v1', kind: 'Endpoints', metadata }
  if (kept.length) object.subsets = kept
  return { action: current ? 'update' : 'create', object }
}

/** A Service "has an IP" unless headless (or not yet allocated). */
export function isServiceIPSet(service: Service): boolean {
  const ip = service.spec.clusterIP
  return !!ip && ip !== 'None'
}

function toEndpointAddress(service: Service, pod: Pod): EndpointAddress {
  const address: EndpointAddress = { ip: podIP(pod)! }
  if (shouldSetHostname(pod, service)) address.hostname = pod.spec.hostname
  address.nodeName = pod.spec.nodeName ?? ''
  address.targetRef = { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid }
  return address
}

function compareAddresses(a: EndpointAddress, b: EndpointAddress): number {
  return compareIps(a.ip, b.ip) || cmp(a.targetRef?.uid ?? '', b.targetRef?.uid ?? '')
}

function comparePorts(a: EndpointPort, b: EndpointPort): number {
  return cmp(a.name ?? '', b.name ?? '') || a.port - b.port || cmp(a.protocol ?? '', b.protocol ?? '')
}

function firstIp(s: EndpointSubset): string {
  return s.addresses?.[0]?.ip ?? s.notReadyAddresses?.[0]?.ip ?? ''
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
