// Which pods back a Service and how (shared by the Endpoints and EndpointSlice controllers):
// ShouldPodBeInEndpoints, IsPodReady, FindPort (named targetPort → container port), ShouldSetHostname,
// and the change filter that decides whether a pod update can change any endpoint.
// [k8s] staging/src/k8s.io/endpointslice/util/controller_utils.go; pkg/api/v1/pod/util.go: FindPort.
import type { Pod } from '../../api/pod'
import type { Service, ServicePort } from '../../api/service'

export function isPodReady(pod: Pod): boolean {
  // Asked twice per pod update by the endpoint controllers' change filter: an indexed loop over the
  // (frozen) conditions, no closure and no fallback array.
  const conditions = pod.status?.conditions
  if (conditions) for (let i = 0; i < conditions.length; i++) if (conditions[i].type === 'Ready' && conditions[i].status === 'True') return true
  return false
}

export function isPodTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed'
}

/** The pod's IPv4 address (single-stack cluster), or undefined while it has none. */
export function podIP(pod: Pod): string | undefined {
  return pod.status?.podIP || pod.status?.podIPs?.[0]?.ip || undefined
}

/** Not terminal, has an IP, and (unless terminating pods are included) not being deleted. */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  if (isPodTerminal(pod)) return false
  if (!podIP(pod)) return false
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false
  return true
}

/** The pod port a Service port reaches: the number itself, or the container port with that name and protocol. */
export function findPort(pod: Pod, servicePort: ServicePort): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port
  if (typeof target === 'number') return target
  const protocol = servicePort.protocol ?? 'TCP'
  const sidecars = (pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always')
  for (const container of [...pod.spec.containers, ...sidecars]) {
    for (const port of container.ports ?? []) if (port.name === target && (port.protocol ?? 'TCP') === protocol) return port.containerPort
  }
  return undefined
}

/** A pod with `hostname` whose `subdomain` names this Service (same namespace) gets a DNS hostname record. */
export function shouldSetHostname(pod: Pod, service: Service): boolean {
  return !!pod.spec.hostname && pod.spec.subdomain === service.metadata.name && pod.metadata.namespace === service.metadata.namespace
}

/** Whether a pod update can change what the endpoint controllers write (podEndpointsChanged). */
export function hasEndpointRelevantChange(previous: Pod, next: Pod): boolean {
  if (previous.metadata.labels !== next.metadata.labels) return true
  if (!!previous.metadata.deletionTimestamp !== !!next.metadata.deletionTimestamp) return true
  if (podIP(previous) !== podIP(next)) return true
  if (isPodReady(previous) !== isPodReady(next)) return true
  if (isPodTerminal(previous) !== isPodTerminal(next)) return true
  if (readyTransition(previous) !== readyTransition(next)) return true
  const a = previous.spec
  const b = next.spec
  return a.nodeName !== b.nodeName || a.hostname !== b.hostname || a.subdomain !== b.subdomain || a.containers !== b.containers || a.initContainers !== b.initContainers
}

function readyTransition(pod: Pod): string | undefined {
  return pod.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime ?? undefined
}
