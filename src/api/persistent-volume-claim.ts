// core/v1 PersistentVolumeClaim: schema (also embedded as StatefulSet volumeClaimTemplates), defaults
// (volumeMode Filesystem, status.phase Pending), validation, and the update rule: the spec is immutable
// except a growing storage request, volumeAttributesClassName, and volumeName set once by the binder.
import { z } from 'zod'
import type { FieldIssue, KindInfo } from './kind-info'
import { Condition, LabelSelector, ObjectMeta } from './meta'
import { isQuantity, normalizeResourceList, parseQuantity, ResourceList } from './quantity'
import { forbiddenIssue, requiredIssue } from './field-issues'
import { isDeepEqual } from './deep-equal'
import { validateLabelSelector } from './label-selector'

export const PersistentVolumeAccessMode = z.enum(['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'])
export type PersistentVolumeAccessMode = z.infer<typeof PersistentVolumeAccessMode>

export const PersistentVolumeMode = z.enum(['Filesystem', 'Block'])

const TypedObjectReference = z.looseObject({
  apiGroup: z.string().optional(),
  kind: z.string(),
  name: z.string(),
  namespace: z.string().optional(),
})

export const PersistentVolumeClaimSpec = z.looseObject({
  accessModes: z.array(PersistentVolumeAccessMode).optional(),
  selector: LabelSelector.optional(),
  resources: z.looseObject({ requests: ResourceList.optional(), limits: ResourceList.optional() }).optional(),
  volumeName: z.string().optional(),
  storageClassName: z.string().nullable().optional(),
  volumeMode: PersistentVolumeMode.optional(),
  dataSource: TypedObjectReference.optional(),
  dataSourceRef: TypedObjectReference.optional(),
  volumeAttributesClassName: z.string().optional(),
})
export type PersistentVolumeClaimSpec = z.infer<typeof PersistentVolumeClaimSpec>

export const PersistentVolumeClaimStatus = z.looseObject({
  phase: z.enum(['Pending', 'Bound', 'Lost']).optional(),
  accessModes: z.array(PersistentVolumeAccessMode).optional(),
  capacity: ResourceList.optional(),
  conditions: z.array(Condition).optional(),
  allocatedResources: ResourceList.optional(),
})
export type PersistentVolumeClaimStatus = z.infer<typeof PersistentVolumeClaimStatus>

export const PersistentVolumeClaim = z.looseObject({
  apiVersion: z.literal('v1'),
  kind: z.literal('PersistentVolumeClaim'),
  metadata: ObjectMeta,
  spec: PersistentVolumeClaimSpec,
  status: PersistentVolumeClaimStatus.optional(),
})
export type PersistentVolumeClaim = z.infer<typeof PersistentVolumeClaim>

/** A claim template inside a StatefulSet: apiVersion and kind are optional there. */
export const PersistentVolumeClaimTemplate = z.looseObject({
  apiVersion: z.string().optional(),
  kind: z.string().optional(),
  metadata: ObjectMeta.optional(),
  spec: PersistentVolumeClaimSpec,
  status: PersistentVolumeClaimStatus.optional(),
})
export type PersistentVolumeClaimTemplate = z.infer<typeof PersistentVolumeClaimTemplate>

/** SetDefaults_PersistentVolumeClaim(+Spec): volumeMode Filesystem and phase Pending. */
export function applyPersistentVolumeClaimDefaults(claim: any): void {
  if (typeof claim !== 'object' || claim === null) return
  if (typeof claim.spec === 'object' && claim.spec !== null) {
    claim.spec.volumeMode ??= 'Filesystem'
    normalizeResourceList(claim.spec.resources?.requests)
    normalizeResourceList(claim.spec.resources?.limits)
  }
  if (typeof claim.status !== 'object' || claim.status === null) claim.status = {}
  claim.status.phase ??= 'Pending'
  normalizeResourceList(claim.status.capacity)
}

/** ValidatePersistentVolumeClaimSpec (the parts that matter here); `path` points at the spec. */
export function validatePersistentVolumeClaimSpec(spec: PersistentVolumeClaimSpec, path: readonly (string | number)[]): FieldIssue[] {
  const issues: FieldIssue[] = []
  if (!spec.accessModes || spec.accessModes.length === 0) {
    issues.push(requiredIssue([...path, 'accessModes'], 'at least 1 access mode is required'))
  }
  if (spec.accessModes?.includes('ReadWriteOncePod') && spec.accessModes.length > 1) {
    issues.push(forbiddenIssue([...path, 'accessModes'], 'may not use ReadWriteOncePod with other access modes'))
  }
  const storage = spec.resources?.requests?.storage
  if (storage === undefined) issues.push(requiredIssue([...path, 'resources', 'requests', 'storage']))
  else if (isQuantity(storage) && parseQuantity(storage) <= 0) {
    issues.push({ path: [...path, 'resources', 'requests', 'storage'], message: `Invalid value: ${JSON.stringify(storage)}: must be greater than zero` })
  }
  issues.push(...validateLabelSelector(spec.selector, [...path, 'selector']))
  return issues
}

export const persistentVolumeClaimUpdateMessage =
  'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims'

export function validatePersistentVolumeClaimUpdate(previous: PersistentVolumeClaim, next: PersistentVolumeClaim): FieldIssue[] {
  const before = previous.spec
  const after = next.spec
  const issues: FieldIssue[] = []
  const masked = {
    ...after,
    resources: after.resources || before.resources ? { ...after.resources, requests: before.resources?.requests } : undefined,
    volumeAttributesClassName: before.volumeAttributesClassName,
    // The binder fills volumeName once; the simulator has no separate binding subresource.
    volumeName: !before.volumeName ? before.volumeName : after.volumeName,
  }
  if (!isDeepEqual(before, masked)) issues.push(forbiddenIssue(['spec'], persistentVolumeClaimUpdateMessage))
  const oldStorage = before.resources?.requests?.storage
  const newStorage = after.resources?.requests?.storage
  if (oldStorage && newStorage && isQuantity(oldStorage) && isQuantity(newStorage) && parseQuantity(newStorage) < parseQuantity(oldStorage)) {
    issues.push(forbiddenIssue(['spec', 'resources', 'requests', 'storage'], 'field can not be less than previous value'))
  }
  return issues
}

export const persistentVolumeClaimKind: KindInfo = {
  kind: 'PersistentVolumeClaim',
  group: '',
  version: 'v1',
  apiVersion: 'v1',
  plural: 'persistentvolumeclaims',
  singular: 'persistentvolumeclaim',
  shortNames: ['pvc'],
  namespaced: true,
  nameRule: 'dns1123-subdomain',
  schema: PersistentVolumeClaim,
  tracksGeneration: false,
  statusFields: ['status'],
  applyDefaults: applyPersistentVolumeClaimDefaults,
  validate: (claim: PersistentVolumeClaim) => validatePersistentVolumeClaimSpec(claim.spec, ['spec']),
  validateUpdate: validatePersistentVolumeClaimUpdate,
}
