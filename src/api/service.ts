// core/v1 Service: schema, defaults (SetDefaults_Service: type ClusterIP, sessionAffinity None, port protocol
// TCP, targetPort = port, internalTrafficPolicy Cluster, externalTrafficPolicy Cluster for NodePort and
// LoadBalancer; and the registry's SingleStack/IPv4 families), validation, and the clusterIP that cannot
// change once set. The clusterIP and node ports themselves are allocated outside this module.
import { z } from 'zod'
import { Int32 } from './integers'
import type { FieldIssue, KindInfo } from './kind-info'
import { Condition, IntOrString, ObjectMeta } from './meta'
import { dnsProblems, validateLabels } from './names'
import { duplicateIssue, forbiddenIssue, immutableIssue, invalidIssue, requiredIssue } from './field-issues'

export const ServiceType = z.enum(['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'])
export type ServiceType = z.infer<typeof ServiceType>

export const ServicePort = z.looseObject({
  name: z.string().optional(),
  protocol: z.enum(['TCP', 'UDP', 'SCTP']).optional(),
  appProtocol: z.string().optional(),
  port: Int32,
  targetPort: IntOrString.optional(),
  nodePort: Int32.optional(),
})
export type ServicePort = z.infer<typeof ServicePort>

export const ServiceSpec = z.looseObject({
  ports: z.array(ServicePort).optional(),
  selector: z.record(z.string(), z.string()).optional(),
  clusterIP: z.string().optional(),
  clusterIPs: z.array(z.string()).optional(),
  type: ServiceType.optional(),
  externalIPs: z.array(z.string()).optional(),
  sessionAffinity: z.enum(['ClientIP', 'None']).optional(),
  loadBalancerIP: z.string().optional(),
  loadBalancerSourceRanges: z.array(z.string()).optional(),
  externalName: z.string().optional(),
  externalTrafficPolicy: z.enum(['Cluster', 'Local']).optional(),
  healthCheckNodePort: Int32.optional(),
  publishNotReadyAddresses: z.boolean().optional(),
  sessionAffinityConfig: z.looseObject({ clientIP: z.looseObject({ timeoutSeconds: Int32.optional() }).optional() }).optional(),
  ipFamilies: z.array(z.enum(['IPv4', 'IPv6'])).optional(),
  ipFamilyPolicy: z.enum(['SingleStack', 'PreferDualStack', 'RequireDualStack']).optional(),
  allocateLoadBalancerNodePorts: z.boolean().optional(),
  loadBalancerClass: z.string().optional(),
  internalTrafficPolicy: z.enum(['Cluster', 'Local']).optional(),
  trafficDistribution: z.string().optional(),
})
export type ServiceSpec = z.infer<typeof ServiceSpec>

export const LoadBalancerIngress = z.looseObject({
  ip: z.string().optional(),
  hostname: z.string().optional(),
  ipMode: z.string().optional(),
  ports: z.array(z.looseObject({ port: Int32, protocol: z.string(), error: z.string().optional() })).optional(),
})

export const ServiceStatus = z.looseObject({
  loadBalancer: z.looseObject({ ingress: z.array(LoadBalancerIngress).optional() }).optional(),
  conditions: z.array(Condition).optional(),
})
export type ServiceStatus = z.infer<typeof ServiceStatus>

export const Service = z.looseObject({
  apiVersion: z.literal('v1'),
  kind: z.literal('Service'),
  metadata: ObjectMeta,
  spec: ServiceSpec,
  status: ServiceStatus.optional(),
})
export type Service = z.infer<typeof Service>

export function applyServiceDefaults(service: any): void {
  if (typeof service !== 'object' || service === null) return
  service.spec ??= {}
  const spec = service.spec
  spec.sessionAffinity ??= 'None'
  spec.type ??= 'ClusterIP'
  for (const port of Array.isArray(spec.ports) ? spec.ports : []) {
    if (typeof port !== 'object' || port === null) continue
    port.protocol ??= 'TCP'
    if (port.targetPort === undefined || port.targetPort === 0 || port.targetPort === '') port.targetPort = port.port
  }
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') spec.externalTrafficPolicy ??= 'Cluster'
  if (spec.type !== 'ExternalName') spec.internalTrafficPolicy ??= 'Cluster'
  if (spec.sessionAffinity === 'ClientIP') {
    spec.sessionAffinityConfig ??= {}
    spec.sessionAffinityConfig.clientIP ??= {}
    spec.sessionAffinityConfig.clientIP.timeoutSeconds ??= 10800
  }
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true
  // The registry picks the families of a single-stack IPv4 cluster.
  if (spec.type !== 'ExternalName') {
    spec.ipFamilyPolicy ??= 'SingleStack'
    spec.ipFamilies ??= ['IPv4']
  }
  if (typeof spec.clusterIP === 'string' && spec.clusterIP !== '' && spec.clusterIPs === undefined) spec.clusterIPs = [spec.clusterIP]
}

export const isHeadlessService = (service: { spec?: { clusterIP?: string } }): boolean => service.spec?.clusterIP === 'None'

function checkPort(path: (string | number)[], value: number): FieldIssue[] {
  return value < 1 || value > 65535 ? [invalidIssue(path, value, 'must be between 1 and 65535, inclusive')] : []
}

export function validateService(service: Service): FieldIssue[] {
  const spec = service.spec
  const issues: FieldIssue[] = []
  const ports = spec.ports ?? []
  const type = spec.type ?? 'ClusterIP'
  if (type === 'ExternalName') {
    if (!spec.externalName) issues.push(requiredIssue(['spec', 'externalName']))
    else for (const problem of dnsProblems('dns1123-subdomain', spec.externalName)) issues.push(invalidIssue(['spec', 'externalName'], spec.externalName, problem))
  } else if (ports.length === 0 && !isHeadlessService(service)) {
    issues.push(requiredIssue(['spec', 'ports']))
  }
  const names = new Set<string>()
  ports.forEach((port, i) => {
    const path = ['spec', 'ports', i]
    if (ports.length > 1 && !port.name) issues.push(requiredIssue([...path, 'name']))
    if (port.name) {
      for (const problem of dnsProblems('dns1123-label', port.name)) issues.push(invalidIssue([...path, 'name'], port.name, problem))
      if (names.has(port.name)) issues.push(duplicateIssue([...path, 'name'], port.name))
      names.add(port.name)
    }
    issues.push(...checkPort([...path, 'port'], port.port))
    if (typeof port.targetPort === 'number') issues.push(...checkPort([...path, 'targetPort'], port.targetPort))
    if (port.nodePort !== undefined && port.nodePort !== 0 && type !== 'NodePort' && type !== 'LoadBalancer') {
      issues.push(forbiddenIssue([...path, 'nodePort'], `may not be used when \`type\` is '${type}'`))
    }
  })
  issues.push(...validateLabels(spec.selector, ['spec', 'selector']))
  if (spec.externalTrafficPolicy !== undefined && type !== 'NodePort' && type !== 'LoadBalancer') {
    issues.push(invalidIssue(['spec', 'externalTrafficPolicy'], spec.externalTrafficPolicy, 'may only be set for externally-accessible services'))
  }
  if (type === 'ExternalName' && spec.clusterIP && spec.clusterIP !== '') {
    issues.push(forbiddenIssue(['spec', 'clusterIP'], 'may not be set for ExternalName services'))
  }
  return issues
}

/**
 * The clusterIP cannot change once allocated (except by turning the Service into an ExternalName). An update
 * that omits it is not an error: the API server copies the allocated value over, so callers should too.
 */
export function validateServiceUpdate(previous: Service, next: Service): FieldIssue[] {
  const before = previous.spec?.clusterIP
  const after = next.spec?.clusterIP
  if (!before || after === undefined || after === '' || next.spec.type === 'ExternalName') return []
  return before === after ? [] : [immutableIssue(['spec', 'clusterIP'], after)]
}

export const serviceKind: KindInfo = {
  kind: 'Service',
  group: '',
  version: 'v1',
  apiVersion: 'v1',
  plural: 'services',
  singular: 'service',
  shortNames: ['svc'],
  namespaced: true,
  nameRule: 'dns1035-label',
  schema: Service,
  // Services carry no metadata.generation upstream.
  tracksGeneration: false,
  statusFields: ['status'],
  applyDefaults: applyServiceDefaults,
  validate: validateService,
  validateUpdate: validateServiceUpdate,
}
