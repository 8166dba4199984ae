// core/v1 PersistentVolume (cluster-scoped): schema, defaults (SetDefaults_PersistentVolume: reclaim policy
// Retain, volumeMode Filesystem, status.phase Pending) and light validation. Binding is not done here.
import { z } from 'zod'
import type { FieldIssue, KindInfo } from './kind-info'
import { ObjectMeta } from './meta'
import { normalizeResourceList, ResourceList } from './quantity'
import { NodeSelector } from './pod'
import { PersistentVolumeAccessMode, PersistentVolumeMode } from './persistent-volume-claim'
import { requiredIssue } from './field-issues'
import { ObjectReference } from './object-reference'

export const PersistentVolumeSpec = z.looseObject({
  capacity: ResourceList.optional(),
  accessModes: z.array(PersistentVolumeAccessMode).optional(),
  claimRef: ObjectReference.optional(),
  persistentVolumeReclaimPolicy: z.enum(['Retain', 'Delete', 'Recycle']).optional(),
  storageClassName: z.string().optional(),
  mountOptions: z.array(z.string()).optional(),
  volumeMode: PersistentVolumeMode.optional(),
  nodeAffinity: z.looseObject({ required: NodeSelector.optional() }).optional(),
  volumeAttributesClassName: z.string().optional(),
  hostPath: z.looseObject({ path: z.string(), type: z.string().optional() }).optional(),
  local: z.looseObject({ path: z.string(), fsType: z.string().optional() }).optional(),
  nfs: z.looseObject({ server: z.string(), path: z.string(), readOnly: z.boolean().optional() }).optional(),
  csi: z.looseObject({ driver: z.string(), volumeHandle: z.string() }).optional(),
})
export type PersistentVolumeSpec = z.infer<typeof PersistentVolumeSpec>

export const PersistentVolumeStatus = z.looseObject({
  phase: z.enum(['Pending', 'Available', 'Bound', 'Released', 'Failed']).optional(),
  message: z.string().optional(),
  reason: z.string().optional(),
  lastPhaseTransitionTime: z.string().optional(),
})
export type PersistentVolumeStatus = z.infer<typeof PersistentVolumeStatus>

export const PersistentVolume = z.looseObject({
  apiVersion: z.literal('v1'),
  kind: z.literal('PersistentVolume'),
  metadata: ObjectMeta,
  spec: PersistentVolumeSpec,
  status: PersistentVolumeStatus.optional(),
})
export type PersistentVolume = z.infer<typeof PersistentVolume>

export function applyPersistentVolumeDefaults(volume: any): void {
  if (typeof volume !== 'object' || volume === null) return
  if (typeof volume.spec === 'object' && volume.spec !== null) {
    volume.spec.persistentVolumeReclaimPolicy ??= 'Retain'
    volume.spec.volumeMode ??= 'Filesystem'
    normalizeResourceList(volume.spec.capacity)
    if (volume.spec.hostPath) volume.spec.hostPath.type ??= ''
  }
  if (typeof volume.status !== 'object' || volume.status === null) volume.status = {}
  volume.status.phase ??= 'Pending'
}

export function validatePersistentVolume(volume: PersistentVolume): FieldIssue[] {
  const issues: FieldIssue[] = []
  if (!volume.spec.accessModes?.length) issues.push(requiredIssue(['spec', 'accessModes']))
  if (volume.spec.capacity?.storage === undefined) issues.push(requiredIssue(['spec', 'capacity']))
  return issues
}

export const persistentVolumeKind: KindInfo = {
  kind: 'PersistentVolume',
  group: '',
  version: 'v1',
  apiVersion: 'v1',
  plural: 'persistentvolumes',
  singular: 'persistentvolume',
  shortNames: ['pv'],
  namespaced: false,
  nameRule: 'dns1123-subdomain',
  schema: PersistentVolume,
  tracksGeneration: false,
  statusFields: ['status'],
  applyDefaults: applyPersistentVolumeDefaults,
  validate: validatePersistentVolume,
}
