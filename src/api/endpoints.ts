// core/v1 Endpoints (legacy, still maintained by the endpoints controller): subsets of ready and not-ready
// addresses with their ports. Defaults: port protocol TCP. No spec or status; no generation.
import { z } from 'zod'
import { Int32 } from './integers'
import type { KindInfo } from './kind-info'
import { ObjectMeta } from './meta'
import { ObjectReference } from './object-reference'

export const EndpointAddress = z.looseObject({
  ip: z.string(),
  hostname: z.string().optional(),
  nodeName: z.string().optional(),
  targetRef: ObjectReference.optional(),
})
export type EndpointAddress = z.infer<typeof EndpointAddress>

export const EndpointPort = z.looseObject({
  name: z.string().optional(),
  port: Int32,
  protocol: z.enum(['TCP', 'UDP', 'SCTP']).optional(),
  appProtocol: z.string().optional(),
})
export type EndpointPort = z.infer<typeof EndpointPort>

export const EndpointSubset = z.looseObject({
  addresses: z.array(EndpointAddress).optional(),
  notReadyAddresses: z.array(EndpointAddress).optional(),
  ports: z.array(EndpointPort).optional(),
})
export type EndpointSubset = z.infer<typeof EndpointSubset>

export const Endpoints = z.looseObject({
  apiVersion: z.literal('v1'),
  kind: z.literal('Endpoints'),
  metadata: ObjectMeta,
  subsets: z.array(EndpointSubset).optional(),
})
export type Endpoints = z.infer<typeof Endpoints>

export function applyEndpointsDefaults(endpoints: any): void {
  for (const subset of Array.isArray(endpoints?.subsets) ? endpoints.subsets : []) {
    for (const port of Array.isArray(subset?.ports) ? subset.ports : []) if (port && typeof port === 'object') port.protocol ??= 'TCP'
  }
}

export const endpointsKind: KindInfo = {
  kind: 'Endpoints',
  group: '',
  version: 'v1',
  apiVersion: 'v1',
  plural: 'endpoints',
  singular: 'endpoints',
  shortNames: ['ep'],
  namespaced: true,
  nameRule: 'dns1123-subdomain',
  schema: Endpoints,
  tracksGeneration: false,
  statusFields: [],
  applyDefaults: applyEndpointsDefaults,
}
