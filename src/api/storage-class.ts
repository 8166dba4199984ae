// storage.k8s.io/v1 StorageClass (cluster-scoped, no spec/status: fields sit at the top level). Defaults:
// reclaimPolicy Delete, volumeBindingMode Immediate. provisioner, parameters, reclaimPolicy and
// volumeBindingMode never change after creation.
import { z } from 'zod'
import type { FieldIssue, KindInfo } from './kind-info'
import { ObjectMeta } from './meta'
import { forbiddenIssue, immutableIssue, requiredIssue } from './field-issues'
import { isDeepEqual } from './deep-equal'

export const StorageClass = z.looseObject({
  apiVersion: z.literal('storage.k8s.io/v1'),
  kind: z.literal('StorageClass'),
  metadata: ObjectMeta,
  provisioner: z.string(),
  parameters: z.record(z.string(), z.string()).optional(),
  reclaimPolicy: z.enum(['Retain', 'Delete', 'Recycle']).optional(),
  mountOptions: z.array(z.string()).optional(),
  allowVolumeExpansion: z.boolean().optional(),
  volumeBindingMode: z.enum(['Immediate', 'WaitForFirstConsumer']).optional(),
  allowedTopologies: z.array(z.looseObject({})).optional(),
})
export type StorageClass = z.infer<typeof StorageClass>

export function applyStorageClassDefaults(storageClass: any): void {
  if (typeof storageClass !== 'object' || storageClass === null) return
  storageClass.reclaimPolicy ??= 'Delete'
  storageClass.volumeBindingMode ??= 'Immediate'
}

export function validateStorageClass(storageClass: StorageClass): FieldIssue[] {
  return storageClass.provisioner ? [] : [requiredIssue(['provisioner'])]
}

export function validateStorageClassUpdate(previous: StorageClass, next: StorageClass): FieldIssue[] {
  const issues: FieldIssue[] = []
  if (!isDeepEqual(previous.parameters, next.parameters)) issues.push(forbiddenIssue(['parameters'], 'updates to parameters are forbidden.'))
  if (previous.provisioner !== next.provisioner) issues.push(forbiddenIssue(['provisioner'], 'updates to provisioner are forbidden.'))
  if (previous.reclaimPolicy !== next.reclaimPolicy) issues.push(forbiddenIssue(['reclaimPolicy'], 'updates to reclaimPolicy are forbidden.'))
  if (previous.volumeBindingMode !== next.volumeBindingMode) issues.push(immutableIssue(['volumeBindingMode'], next.volumeBindingMode))
  return issues
}

export const storageClassKind: KindInfo = {
  kind: 'StorageClass',
  group: 'storage.k8s.io',
  version: 'v1',
  apiVersion: 'storage.k8s.io/v1',
  plural: 'storageclasses',
  singular: 'storageclass',
  shortNames: ['sc'],
  namespaced: false,
  nameRule: 'dns1123-subdomain',
  schema: StorageClass,
  tracksGeneration: false,
  statusFields: [],
  applyDefaults: applyStorageClassDefaults,
  validate: validateStorageClass,
  validateUpdate: validateStorageClassUpdate,
}
