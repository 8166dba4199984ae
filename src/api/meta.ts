// Object metadata shared by every kind: ObjectMeta, OwnerReference, LabelSelector, Condition.
// Schemas are loose (unknown fields are kept, as the API server keeps them for forward compatibility)
// and the TypeScript types are inferred from them.
import { z } from 'zod'
import { Int32, Int64 } from './integers'

export const OwnerReference = z.looseObject({
  apiVersion: z.string(),
  kind: z.string(),
  name: z.string(),
  uid: z.string(),
  controller: z.boolean().optional(),
  blockOwnerDeletion: z.boolean().optional(),
})
export type OwnerReference = z.infer<typeof OwnerReference>

export const ObjectMeta = z.looseObject({
  name: z.string().optional(),
  generateName: z.string().optional(),
  namespace: z.string().optional(),
  uid: z.string().optional(),
  resourceVersion: z.string().optional(),
  generation: Int64.optional(),
  creationTimestamp: z.string().optional(),
  deletionTimestamp: z.string().optional(),
  deletionGracePeriodSeconds: Int64.optional(),
  labels: z.record(z.string(), z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
  ownerReferences: z.array(OwnerReference).optional(),
  finalizers: z.array(z.string()).optional(),
})
export type ObjectMeta = z.infer<typeof ObjectMeta>

export const LabelSelectorRequirement = z.looseObject({
  key: z.string(),
  operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
  values: z.array(z.string()).optional(),
})
export type LabelSelectorRequirement = z.infer<typeof LabelSelectorRequirement>

export const LabelSelector = z.looseObject({
  matchLabels: z.record(z.string(), z.string()).optional(),
  matchExpressions: z.array(LabelSelectorRequirement).optional(),
})
export type LabelSelector = z.infer<typeof LabelSelector>

export const Condition = z.looseObject({
  type: z.string(),
  status: z.enum(['True', 'False', 'Unknown']),
  reason: z.string().optional(),
  message: z.string().optional(),
  lastTransitionTime: z.string().optional(),
  lastUpdateTime: z.string().optional(),
  lastProbeTime: z.string().nullable().optional(),
  lastHeartbeatTime: z.string().optional(),
  observedGeneration: Int64.optional(),
})
export type Condition = z.infer<typeof Condition>

/** IntOrString as the wire format carries it: 3 or "25%". */
export const IntOrString = z.union([Int32, z.string()])
export type IntOrString = z.infer<typeof IntOrString>

/** The common shape of every stored object. */
export interface KubeObject {
  apiVersion: string
  kind: string
  metadata: ObjectMeta & { name: string; uid: string; resourceVersion: string; creationTimestamp: string }
  [field: string]: unknown
}

/** What a caller hands to create/apply: metadata may still lack server-assigned fields. */
export interface NewObject {
  apiVersion: string
  kind: string
  metadata: ObjectMeta
  [field: string]: unknown
}

/** What the store returns: server-assigned metadata is always present. */
export type Stored<T> = T & {
  metadata: { name: string; uid: string; resourceVersion: string; creationTimestamp: string }
}

/** Where `kubectl apply` keeps the configuration it last applied (read by apply, undo and describe). */
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration'
