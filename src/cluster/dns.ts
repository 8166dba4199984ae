// What cluster DNS (CoreDNS's kubernetes plugin, zone cluster.local) answers, read from Services and
// EndpointSlices as CoreDNS reads them, so answers follow endpoint readiness:
//   <svc>.<ns>.svc.cluster.local          → the ClusterIP; headless → the ready endpoints' IPs;
//                                            ExternalName → a CNAME to spec.externalName
//   <hostname>.<svc>.<ns>.svc.cluster.local → the ready endpoint with that hostname, headless only (StatefulSet pods)
//   <a-b-c-d>.<ns>.pod.cluster.local       → a.b.c.d ("pods insecure", kubeadm's default)
// Short names are expanded with a pod's resolv.conf search list (<ns>.svc.cluster.local,
// svc.cluster.local, cluster.local; ndots 5), the first name with an answer wins.
import type { EndpointSlice } from '../api/endpoint-slice'
import type { Service } from '../api/service'
import { compareIps, toIpv4Number } from '../controllers/service/ip-range'
import { objectKey } from '../store/keys'
import { fromLabelSelector } from '../store/selectors'
import type { Store } from '../store/store'

export const CLUSTER_DOMAIN = 'cluster.local'

export interface ResolveOptions {
  /** The namespace of the asking pod, for the search list. Default `default`. */
  namespace?: string
}

/** A records (IPs, sorted) or the one CNAME target of an ExternalName Service; empty for NXDOMAIN. */
export function resolveName(store: Store, dnsName: string, options: ResolveOptions = {}): string[] {
  const name = dnsName.trim().toLowerCase()
  if (!name) return []
  if (name.endsWith('.')) return answer(store, name.slice(0, -1))
  const namespace = options.namespace ?? 'default'
  const dots = name.split('.').length - 1
  const search = [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN]
  const candidates = dots >= 5 ? [name, ...search.map((s) => `${name}.${s}`)] : [...search.map((s) => `${name}.${s}`), name]
  for (const candidate of candidates) {
    const found = answer(store, candidate)
    if (found.length) return found
  }
  return []
}

/** The authoritative answer for a fully qualified name (without the trailing dot). */
function answer(store: Store, fqdn: string): string[] {
  const suffix = `.${CLUSTER_DOMAIN}`
  if (!fqdn.endsWith(suffix)) return []
  const labels = fqdn.slice(0, -suffix.length).split('.')
  const zone = labels[labels.length - 1]
  if (zone === 'pod' && labels.length === 3) {
    const ip = labels[0].replace(/-/g, '.')
    return toIpv4Number(ip) !== undefined && store.get('Namespace', labels[1]) ? [ip] : []
  }
  if (zone !== 'svc') return []
  if (labels.length === 3) return serviceRecords(store, labels[1], labels[0])
  if (labels.length === 4) return hostnameRecords(store, labels[2], labels[1], labels[0])
  return []
}

function serviceRecords(store: Store, namespace: string, name: string): string[] {
  const service = store.get<Service>('Service', objectKey(namespace, name))
  if (!service) return []
  if (service.spec.type === 'ExternalName') return service.spec.externalName ? [service.spec.externalName] : []
  if (service.spec.clusterIP && service.spec.clusterIP !== 'None') return [service.spec.clusterIP]
  const ips = new Set<string>()
  for (const slice of slicesOf(store, namespace, name)) for (const ep of slice.endpoints) if (ep.conditions?.ready !== false) for (const ip of ep.addresses) ips.add(ip)
  return [...ips].sort(compareIps)
}

function hostnameRecords(store: Store, namespace: string, serviceName: string, hostname: string): string[] {
  const service = store.get<Service>('Service', objectKey(namespace, serviceName))
  // Only headless Services publish per-endpoint records.
  if (!service || service.spec.type === 'ExternalName' || service.spec.clusterIP !== 'None') return []
  const ips = new Set<string>()
  for (const slice of slicesOf(store, namespace, serviceName))
    for (const ep of slice.endpoints) {
      if (ep.conditions?.ready === false) continue
      // CoreDNS names an endpoint by its hostname, or by its dashed IP when it has none.
      const names = ep.hostname ? [ep.hostname] : ep.addresses.map((ip) => ip.replace(/\./g, '-'))
      if (names.includes(hostname)) for (const ip of ep.addresses) ips.add(ip)
    }
  return [...ips].sort(compareIps)
}

function slicesOf(store: Store, namespace: string, serviceName: string): EndpointSlice[] {
  return store.list<EndpointSlice>('EndpointSlice', { namespace, selector: fromLabelSelector({ matchLabels: { 'kubernetes.io/service-name': serviceName } }) })
}
