// coordination.k8s.io/v1 Lease: node heartbeats (namespace kube-node-lease) and leader election.
// Times are MicroTime strings. No defaults, status or generation.
import { z } from 'zod'
import { Int32 } from './integers'
import type { FieldIssue, KindInfo } from './kind-info'
import { ObjectMeta } from './meta'
import { checkNonNegative, checkPositive } from './field-issues'

export const LeaseSpec = z.looseObject({
  holderIdentity: z.string().optional(),
  leaseDurationSeconds: Int32.optional(),
  acquireTime: z.string().nullable().optional(),
  renewTime: z.string().nullable().optional(),
  leaseTransitions: Int32.optional(),
  strategy: z.string().optional(),
  preferredHolder: z.string().optional(),
})
export type LeaseSpec = z.infer<typeof LeaseSpec>

export const Lease = z.looseObject({
  apiVersion: z.literal('coordination.k8s.io/v1'),
  kind: z.literal('Lease'),
  metadata: ObjectMeta,
  spec: LeaseSpec.optional(),
})
export type Lease = z.infer<typeof Lease>

export function validateLease(lease: Lease): FieldIssue[] {
  return [
    ...checkPositive(['spec', 'leaseDurationSeconds'], lease.spec?.leaseDurationSeconds),
    ...checkNonNegative(['spec', 'leaseTransitions'], lease.spec?.leaseTransitions),
  ]
}

export const leaseKind: KindInfo = {
  kind: 'Lease',
  group: 'coordination.k8s.io',
  version: 'v1',
  apiVersion: 'coordination.k8s.io/v1',
  plural: 'leases',
  singular: 'lease',
  shortNames: [],
  namespaced: true,
  nameRule: 'dns1123-subdomain',
  schema: Lease,
  tracksGeneration: false,
  statusFields: [],
  validate: validateLease,
}
