// apps/v1 StatefulSet: schema, defaults (SetDefaults_StatefulSet: replicas 1, OrderedReady, RollingUpdate with
// partition 0, revisionHistoryLimit 10, PVC retention Retain/Retain; claim templates get volumeMode Filesystem
// and phase Pending), validation, and the update rule that only a few spec fields may change.
import { z } from 'zod'
import { Int32, Int64 } from './integers'
import type { FieldIssue, KindInfo } from './kind-info'
import { Condition, IntOrString, LabelSelector, ObjectMeta } from './meta'
import { PodTemplateSpec } from './pod'
import { applyPodTemplateDefaults } from './pod-spec-defaults'
import { validatePodTemplate, validateSelectorForTemplate } from './pod-template-validation'
import { applyPersistentVolumeClaimDefaults, PersistentVolumeClaimTemplate, validatePersistentVolumeClaimSpec } from './persistent-volume-claim'
import { checkIntOrPercent, checkNonNegative, duplicateIssue, forbiddenIssue, invalidIssue, immutableIssue, requiredIssue } from './field-issues'
import { isDeepEqual } from './deep-equal'
import { dnsProblems } from './names'

export const StatefulSetUpdateStrategy = z.looseObject({
  type: z.enum(['RollingUpdate', 'OnDelete']).optional(),
  rollingUpdate: z
    .looseObject({
      partition: Int32.optional(),
      maxUnavailable: IntOrString.optional(),
    })
    .optional(),
})
export type StatefulSetUpdateStrategy = z.infer<typeof StatefulSetUpdateStrategy>

const RetentionPolicyType = z.enum(['Retain', 'Delete'])

export const StatefulSetSpec = z.looseObject({
  replicas: Int32.optional(),
  selector: LabelSelector,
  template: PodTemplateSpec,
  volumeClaimTemplates: z.array(PersistentVolumeClaimTemplate).optional(),
  serviceName: z.string().optional(),
  podManagementPolicy: z.enum(['OrderedReady', 'Parallel']).optional(),
  updateStrategy: StatefulSetUpdateStrategy.optional(),
  revisionHistoryLimit: Int32.optional(),
  minReadySeconds: Int32.optional(),
  persistentVolumeClaimRetentionPolicy: z
    .looseObject({ whenDeleted: RetentionPolicyType.optional(), whenScaled: RetentionPolicyType.optional() })
    .optional(),
  ordinals: z.looseObject({ start: Int32.optional() }).optional(),
})
export type StatefulSetSpec = z.infer<typeof StatefulSetSpec>

export const StatefulSetStatus = z.looseObject({
  observedGeneration: Int64.optional(),
  replicas: Int32.optional(),
  readyReplicas: Int32.optional(),
  currentReplicas: Int32.optional(),
  updatedReplicas: Int32.optional(),
  availableReplicas: Int32.optional(),
  currentRevision: z.string().optional(),
  updateRevision: z.string().optional(),
  collisionCount: Int32.optional(),
  conditions: z.array(Condition).optional(),
})
export type StatefulSetStatus = z.infer<typeof StatefulSetStatus>

export const StatefulSet = z.looseObject({
  apiVersion: z.literal('apps/v1'),
  kind: z.literal('StatefulSet'),
  metadata: ObjectMeta,
  spec: StatefulSetSpec,
  status: StatefulSetStatus.optional(),
})
export type StatefulSet = z.infer<typeof StatefulSet>

export function applyStatefulSetDefaults(statefulSet: any): void {
  const spec = statefulSet?.spec
  if (typeof spec !== 'object' || spec === null) return
  spec.podManagementPolicy ??= 'OrderedReady'
  spec.updateStrategy ??= {}
  if (spec.updateStrategy.type === undefined) {
    spec.updateStrategy.type = 'RollingUpdate'
    spec.updateStrategy.rollingUpdate ??= {}
  }
  // Upstream defaults the partition only when rollingUpdate is present.
  if (spec.updateStrategy.type === 'RollingUpdate' && spec.updateStrategy.rollingUpdate) spec.updateStrategy.rollingUpdate.partition ??= 0
  spec.persistentVolumeClaimRetentionPolicy ??= {}
  spec.persistentVolumeClaimRetentionPolicy.whenDeleted ??= 'Retain'
  spec.persistentVolumeClaimRetentionPolicy.whenScaled ??= 'Retain'
  spec.replicas ??= 1
  spec.revisionHistoryLimit ??= 10
  applyPodTemplateDefaults(spec.template)
  if (Array.isArray(spec.volumeClaimTemplates)) {
    for (const claim of spec.volumeClaimTemplates) {
      if (typeof claim !== 'object' || claim === null) continue
      // The API server serializes embedded claims with their type meta.
      claim.apiVersion ??= 'v1'
      claim.kind ??= 'PersistentVolumeClaim'
      applyPersistentVolumeClaimDefaults(claim)
    }
  }
}

export function validateStatefulSet(statefulSet: StatefulSet): FieldIssue[] {
  const spec = statefulSet.spec
  const issues: FieldIssue[] = []
  issues.push(...checkNonNegative(['spec', 'replicas'], spec.replicas))
  issues.push(...checkNonNegative(['spec', 'minReadySeconds'], spec.minReadySeconds))
  issues.push(...checkNonNegative(['spec', 'revisionHistoryLimit'], spec.revisionHistoryLimit))
  issues.push(...checkNonNegative(['spec', 'ordinals', 'start'], spec.ordinals?.start))
  issues.push(...validateSelectorForTemplate(spec.selector, spec.template, ['spec'], 'statefulset'))
  const claimVolumes = (spec.volumeClaimTemplates ?? []).flatMap((claim) => (claim.metadata?.name ? [claim.metadata.name] : []))
  issues.push(
    ...validatePodTemplate(spec.template, ['spec', 'template'], {
      restartPolicies: ['Always'],
      forbidActiveDeadlineIn: 'StatefulSet',
      extraVolumeNames: claimVolumes,
    }),
  )
  if (spec.serviceName) {
    for (const problem of dnsProblems('dns1035-label', spec.serviceName)) issues.push(invalidIssue(['spec', 'serviceName'], spec.serviceName, problem))
  }
  const strategy = spec.updateStrategy
  if (strategy?.type === 'OnDelete' && strategy.rollingUpdate) {
    issues.push(invalidIssue(['spec', 'updateStrategy', 'rollingUpdate'], strategy.rollingUpdate, "only allowed for updateStrategy 'RollingUpdate'"))
  }
  if (strategy?.type === 'RollingUpdate' && strategy.rollingUpdate) {
    const path = ['spec', 'updateStrategy', 'rollingUpdate']
    issues.push(...checkNonNegative([...path, 'partition'], strategy.rollingUpdate.partition))
    const maxUnavailable = strategy.rollingUpdate.maxUnavailable
    issues.push(...checkIntOrPercent([...path, 'maxUnavailable'], maxUnavailable))
    if (maxUnavailable === 0 || maxUnavailable === '0%') issues.push(invalidIssue([...path, 'maxUnavailable'], maxUnavailable, 'must be greater than 0'))
  }
  const claimNames = new Set<string>()
  ;(spec.volumeClaimTemplates ?? []).forEach((claim, i) => {
    const name = claim.metadata?.name
    if (!name) issues.push(requiredIssue(['spec', 'volumeClaimTemplates', i, 'metadata', 'name']))
    else if (claimNames.has(name)) issues.push(duplicateIssue(['spec', 'volumeClaimTemplates', i, 'metadata', 'name'], name))
    if (name) claimNames.add(name)
    issues.push(...validatePersistentVolumeClaimSpec(claim.spec, ['spec', 'volumeClaimTemplates', i, 'spec']))
  })
  return issues
}

export const statefulSetUpdateForbiddenMessage =
  "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', " +
  "'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"

const mutableStatefulSetFields = [
  'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds',
] as const

export function validateStatefulSetUpdate(previous: StatefulSet, next: StatefulSet): FieldIssue[] {
  if (!isDeepEqual(previous.spec?.selector, next.spec?.selector)) return [immutableIssue(['spec', 'selector'], next.spec?.selector)]
  const masked: Record<string, unknown> = { ...next.spec }
  for (const field of mutableStatefulSetFields) masked[field] = (previous.spec as Record<string, unknown>)[field]
  return isDeepEqual(previous.spec, masked) ? [] : [forbiddenIssue(['spec'], statefulSetUpdateForbiddenMessage)]
}

export const statefulSetKind: KindInfo = {
  kind: 'StatefulSet',
  group: 'apps',
  version: 'v1',
  apiVersion: 'apps/v1',
  plural: 'statefulsets',
  singular: 'statefulset',
  shortNames: ['sts'],
  namespaced: true,
  nameRule: 'dns1123-subdomain',
  schema: StatefulSet,
  tracksGeneration: true,
  statusFields: ['status'],
  applyDefaults: applyStatefulSetDefaults,
  validate: validateStatefulSet,
  validateUpdate: validateStatefulSetUpdate,
}
