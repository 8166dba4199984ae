// discovery.k8s.io/v1 EndpointSlice: schema, defaults (port protocol TCP and name ''), validation of the
// address type and ports. The registry bumps generation on every change, so it tracks generation.
import { z } from 'zod'
import { Int32 } from './integers'
import type { FieldIssue, KindInfo } from './kind-info'
import { ObjectMeta } from './meta'
import { ObjectReference } from './object-reference'
import { immutableIssue, invalidIssue } from './field-issues'

export const EndpointConditions = z.looseObject({
  ready: z.boolean().optional(),
  serving: z.boolean().optional(),
  terminating: z.boolean().optional(),
})
export type EndpointConditions = z.infer<typeof EndpointConditions>

export const Endpoint = z.looseObject({
  addresses: z.array(z.string()),
  conditions: EndpointConditions.optional(),
  hostname: z.string().optional(),
  targetRef: ObjectReference.optional(),
  nodeName: z.string().optional(),
  zone: z.string().optional(),
  hints: z.looseObject({}).optional(),
  deprecatedTopology: z.record(z.string(), z.string()).optional(),
})
export type Endpoint = z.infer<typeof Endpoint>

export const EndpointSlicePort = z.looseObject({
  name: z.string().optional(),
  protocol: z.enum(['TCP', 'UDP', 'SCTP']).optional(),
  port: Int32.optional(),
  appProtocol: z.string().optional(),
})
export type EndpointSlicePort = z.infer<typeof EndpointSlicePort>

export const EndpointSlice = z.looseObject({
  apiVersion: z.literal('discovery.k8s.io/v1'),
  kind: z.literal('EndpointSlice'),
  metadata: ObjectMeta,
  addressType: z.enum(['IPv4', 'IPv6', 'FQDN']),
  endpoints: z.array(Endpoint),
  ports: z.array(EndpointSlicePort).optional(),
})
export type EndpointSlice = z.infer<typeof EndpointSlice>

export function applyEndpointSliceDefaults(slice: any): void {
  if (typeof slice !== 'object' || slice === null) return
  // endpoints is a required list; a slice without endpoints stores an empty one.
  slice.endpoints ??= []
  for (const port of Array.isArray(slice.ports) ? slice.ports : []) {
    if (typeof port !== 'object' || port === null) continue
    port.protocol ??= 'TCP'
    port.name ??= ''
  }
}

export function validateEndpointSlice(slice: EndpointSlice): FieldIssue[] {
  const issues: FieldIssue[] = []
  ;(slice.ports ?? []).forEach((port, i) => {
    if (port.port !== undefined && (port.port < 1 || port.port > 65535)) {
      issues.push(invalidIssue(['ports', i, 'port'], port.port, 'must be between 1 and 65535, inclusive'))
    }
  })
  slice.endpoints.forEach((endpoint, i) => {
    if (endpoint.addresses.length < 1 || endpoint.addresses.length > 100) {
      issues.push(invalidIssue(['endpoints', i, 'addresses'], endpoint.addresses.length, 'must contain at least 1 address but no more than 100'))
    }
  })
  return issues
}

export const endpointSliceKind: KindInfo = {
  kind: 'EndpointSlice',
  group: 'discovery.k8s.io',
  version: 'v1',
  apiVersion: 'discovery.k8s.io/v1',
  plural: 'endpointslices',
  singular: 'endpointslice',
  shortNames: [],
  namespaced: true,
  nameRule: 'dns1123-subdomain',
  schema: EndpointSlice,
  tracksGeneration: true,
  statusFields: [],
  applyDefaults: applyEndpointSliceDefaults,
  validate: validateEndpointSlice,
  validateUpdate: (previous: EndpointSlice, next: EndpointSlice) =>
    previous.addressType === next.addressType ? [] : [immutableIssue(['addressType'], next.addressType)],
}
