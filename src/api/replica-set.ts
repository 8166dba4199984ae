// apps/v1 ReplicaSet: schema, defaults (replicas 1 and the pod-template defaults), validation
// (selector required and matching the template, restartPolicy Always) and the immutable selector.
import { z } from 'zod'
import { Int32, Int64 } from './integers'
import type { FieldIssue, KindInfo } from './kind-info'
import { Condition, LabelSelector, ObjectMeta } from './meta'
import { PodTemplateSpec } from './pod'
import { applyPodTemplateDefaults } from './pod-spec-defaults'
import { validatePodTemplate, validateSelectorForTemplate } from './pod-template-validation'
import { checkNonNegative, immutableIssue } from './field-issues'
import { isDeepEqual } from './deep-equal'

export const ReplicaSetSpec = z.looseObject({
  replicas: Int32.optional(),
  minReadySeconds: Int32.optional(),
  selector: LabelSelector,
  template: PodTemplateSpec.optional(),
})
export type ReplicaSetSpec = z.infer<typeof ReplicaSetSpec>

export const ReplicaSetStatus = z.looseObject({
  replicas: Int32.optional(),
  fullyLabeledReplicas: Int32.optional(),
  readyReplicas: Int32.optional(),
  availableReplicas: Int32.optional(),
  terminatingReplicas: Int32.optional(),
  observedGeneration: Int64.optional(),
  conditions: z.array(Condition).optional(),
})
export type ReplicaSetStatus = z.infer<typeof ReplicaSetStatus>

export const ReplicaSet = z.looseObject({
  apiVersion: z.literal('apps/v1'),
  kind: z.literal('ReplicaSet'),
  metadata: ObjectMeta,
  spec: ReplicaSetSpec,
  status: ReplicaSetStatus.optional(),
})
export type ReplicaSet = z.infer<typeof ReplicaSet>

export function applyReplicaSetDefaults(replicaSet: any): void {
  const spec = replicaSet?.spec
  if (typeof spec !== 'object' || spec === null) return
  spec.replicas ??= 1
  applyPodTemplateDefaults(spec.template)
}

export function validateReplicaSet(replicaSet: ReplicaSet): FieldIssue[] {
  const spec = replicaSet.spec
  return [
    ...checkNonNegative(['spec', 'replicas'], spec.replicas),
    ...checkNonNegative(['spec', 'minReadySeconds'], spec.minReadySeconds),
    ...validateSelectorForTemplate(spec.selector, spec.template, ['spec'], 'replicaset'),
    ...(spec.template
      ? validatePodTemplate(spec.template, ['spec', 'template'], { restartPolicies: ['Always'], forbidActiveDeadlineIn: 'ReplicaSet' })
      : []),
  ]
}

export function validateReplicaSetUpdate(previous: ReplicaSet, next: ReplicaSet): FieldIssue[] {
  return isDeepEqual(previous.spec?.selector, next.spec?.selector) ? [] : [immutableIssue(['spec', 'selector'], next.spec?.selector)]
}

export const replicaSetKind: KindInfo = {
  kind: 'ReplicaSet',
  group: 'apps',
  version: 'v1',
  apiVersion: 'apps/v1',
  plural: 'replicasets',
  singular: 'replicaset',
  shortNames: ['rs'],
  namespaced: true,
  nameRule: 'dns1123-subdomain',
  schema: ReplicaSet,
  tracksGeneration: true,
  statusFields: ['status'],
  applyDefaults: applyReplicaSetDefaults,
  validate: validateReplicaSet,
  validateUpdate: validateReplicaSetUpdate,
}
