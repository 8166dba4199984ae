// The `kubernetes` Service every cluster has in `default`: ClusterIP 10.96.0.1 (the first address of
// the service CIDR), port 443 named https to the API server's 6443, with the Endpoints and the
// EndpointSlice (named `kubernetes`, no managed-by label) that kube-apiserver itself maintains.
// The control-plane address is the one kind shows, 172.18.0.2.
import type { Random } from '../../sim/random'
import { Client } from '../../store/client'
import type { Store } from '../../store/store'
import { registerServiceAdmission } from './service-admission'

export const KUBERNETES_SERVICE_IP = '10.96.0.1'
export const API_SERVER_ADDRESS = '172.18.0.2'
export const API_SERVER_PORT = 6443

/** Installs the Service registry (allocation on create/update) and creates the `kubernetes` Service. */
export function installServiceApi(store: Store, random: Random): void {
  registerServiceAdmission(store, random)
  createKubernetesService(new Client(store, 'kube-apiserver'))
}

/** Fresh objects, handed over to the store (CreateOptions.owned): nothing else holds them. */
export function createKubernetesService(client: Client): void {
  const owned = { owned: true }
  client.create(
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: { clusterIP: KUBERNETES_SERVICE_IP, ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: API_SERVER_PORT }], type: 'ClusterIP' },
    },
    owned,
  )
  client.create(
    {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
      subsets: [{ addresses: [{ ip: API_SERVER_ADDRESS }], ports: [{ name: 'https', port: API_SERVER_PORT, protocol: 'TCP' }] }],
    },
    owned,
  )
  client.create(
    {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: [API_SERVER_ADDRESS], conditions: { ready: true } }],
      ports: [{ name: 'https', port: API_SERVER_PORT, protocol: 'TCP' }],
    },
    owned,
  )
}
