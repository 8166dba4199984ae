// core/v1 Node: schema, defaults (allocatable = capacity when unset) and validation (taints unique by
// key and effect). Nodes are cluster-scoped and do not track generation; status is written by the kubelet
// and the node lifecycle controller.
import { z } from 'zod'
import { Int32 } from './integers'
import type { FieldIssue, KindInfo } from './kind-info'
import { ObjectMeta } from './meta'
import { normalizeResourceList, ResourceList } from './quantity'
import { forbiddenIssue, immutableIssue, invalidIssue } from './field-issues'
import { labelKeyProblems, labelValueProblems } from './names'

export const TaintEffect = z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute'])
export type TaintEffect = z.infer<typeof TaintEffect>

export const Taint = z.looseObject({
  key: z.string(),
  value: z.string().optional(),
  effect: TaintEffect,
  timeAdded: z.string().nullable().optional(),
})
export type Taint = z.infer<typeof Taint>

export const NodeSpec = z.looseObject({
  podCIDR: z.string().optional(),
  podCIDRs: z.array(z.string()).optional(),
  providerID: z.string().optional(),
  unschedulable: z.boolean().optional(),
  taints: z.array(Taint).optional(),
  externalID: z.string().optional(),
})
export type NodeSpec = z.infer<typeof NodeSpec>

export const NodeCondition = z.looseObject({
  type: z.string(),
  status: z.enum(['True', 'False', 'Unknown']),
  lastHeartbeatTime: z.string().nullable().optional(),
  lastTransitionTime: z.string().nullable().optional(),
  reason: z.string().optional(),
  message: z.string().optional(),
})
export type NodeCondition = z.infer<typeof NodeCondition>

export const NodeAddress = z.looseObject({
  type: z.string(), // Hostname, InternalIP, ExternalIP, InternalDNS, ExternalDNS
  address: z.string(),
})
export type NodeAddress = z.infer<typeof NodeAddress>

export const NodeSystemInfo = z.looseObject({
  machineID: z.string().optional(),
  systemUUID: z.string().optional(),
  bootID: z.string().optional(),
  kernelVersion: z.string().optional(),
  osImage: z.string().optional(),
  containerRuntimeVersion: z.string().optional(),
  kubeletVersion: z.string().optional(),
  kubeProxyVersion: z.string().optional(),
  operatingSystem: z.string().optional(),
  architecture: z.string().optional(),
})
export type NodeSystemInfo = z.infer<typeof NodeSystemInfo>

export const NodeStatus = z.looseObject({
  capacity: ResourceList.optional(),
  allocatable: ResourceList.optional(),
  phase: z.string().optional(),
  conditions: z.array(NodeCondition).optional(),
  addresses: z.array(NodeAddress).optional(),
  daemonEndpoints: z.looseObject({ kubeletEndpoint: z.looseObject({ Port: Int32 }).optional() }).optional(),
  nodeInfo: NodeSystemInfo.optional(),
  images: z.array(z.looseObject({ names: z.array(z.string()).optional(), sizeBytes: z.number().optional() })).optional(),
  volumesInUse: z.array(z.string()).optional(),
  volumesAttached: z.array(z.looseObject({ name: z.string(), devicePath: z.string() })).optional(),
})
export type NodeStatus = z.infer<typeof NodeStatus>

export const Node = z.looseObject({
  apiVersion: z.literal('v1'),
  kind: z.literal('Node'),
  metadata: ObjectMeta,
  spec: NodeSpec.optional(),
  status: NodeStatus.optional(),
})
export type Node = z.infer<typeof Node>

/** SetDefaults_NodeStatus: allocatable defaults to capacity; quantities are stored as strings. */
export function applyNodeDefaults(node: any): void {
  const status = node?.status
  if (typeof status !== 'object' || status === null) return
  normalizeResourceList(status.capacity)
  normalizeResourceList(status.allocatable)
  if (status.allocatable === undefined && status.capacity !== undefined) status.allocatable = { ...status.capacity }
}

export function validateNode(node: Node): FieldIssue[] {
  const issues: FieldIssue[] = []
  const seen = new Set<string>()
  ;(node.spec?.taints ?? []).forEach((taint, i) => {
    const path = ['spec', 'taints', i]
    for (const problem of labelKeyProblems(taint.key)) issues.push(invalidIssue([...path, 'key'], taint.key, problem))
    if (taint.value) for (const problem of labelValueProblems(taint.value)) issues.push(invalidIssue([...path, 'value'], taint.value, problem))
    const id = `${taint.key}\u0000${taint.effect}`
    if (seen.has(id)) issues.push(invalidIssue(['spec', 'taints'], node.spec?.taints, 'taints must be unique by key and effect pair'))
    seen.add(id)
  })
  return issues
}

/** podCIDR(s) may be set once (by the IPAM controller) and never changed. */
export function validateNodeUpdate(previous: Node, next: Node): FieldIssue[] {
  const issues: FieldIssue[] = []
  const before = previous.spec?.podCIDR
  if (before && next.spec?.podCIDR !== before) {
    issues.push(forbiddenIssue(['spec', 'podCIDR'], 'node updates may not change podCIDR except from "" to valid'))
  }
  const beforeList = previous.spec?.podCIDRs
  if (beforeList?.length && JSON.stringify(beforeList) !== JSON.stringify(next.spec?.podCIDRs)) {
    issues.push(immutableIssue(['spec', 'podCIDRs'], next.spec?.podCIDRs ?? null))
  }
  return issues
}

export const nodeKind: KindInfo = {
  kind: 'Node',
  group: '',
  version: 'v1',
  apiVersion: 'v1',
  plural: 'nodes',
  singular: 'node',
  shortNames: ['no'],
  namespaced: false,
  nameRule: 'dns1123-subdomain',
  schema: Node,
  tracksGeneration: false,
  statusFields: ['status'],
  applyDefaults: applyNodeDefaults,
  validate: validateNode,
  validateUpdate: validateNodeUpdate,
}
