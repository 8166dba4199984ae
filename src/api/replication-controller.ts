// core/v1 ReplicationController: schema, defaults (SetDefaults_ReplicationController: replicas 1; the
// selector, and the RC's own labels, default to the template's labels) and validation. Its selector is a
// plain label map and, unlike apps/v1 workloads, may change.
import { z } from 'zod'
import { Int32, Int64 } from './integers'
import type { FieldIssue, KindInfo } from './kind-info'
import { Condition, ObjectMeta } from './meta'
import { PodTemplateSpec } from './pod'
import { applyPodTemplateDefaults } from './pod-spec-defaults'
import { validatePodTemplate } from './pod-template-validation'
import { checkNonNegative, invalidIssue, requiredIssue } from './field-issues'
import { validateLabels } from './names'

export const ReplicationControllerSpec = z.looseObject({
  replicas: Int32.optional(),
  minReadySeconds: Int32.optional(),
  selector: z.record(z.string(), z.string()).optional(),
  template: PodTemplateSpec.optional(),
})
export type ReplicationControllerSpec = z.infer<typeof ReplicationControllerSpec>

export const ReplicationControllerStatus = z.looseObject({
  replicas: Int32.optional(),
  fullyLabeledReplicas: Int32.optional(),
  readyReplicas: Int32.optional(),
  availableReplicas: Int32.optional(),
  observedGeneration: Int64.optional(),
  conditions: z.array(Condition).optional(),
})
export type ReplicationControllerStatus = z.infer<typeof ReplicationControllerStatus>

export const ReplicationController = z.looseObject({
  apiVersion: z.literal('v1'),
  kind: z.literal('ReplicationController'),
  metadata: ObjectMeta,
  spec: ReplicationControllerSpec,
  status: ReplicationControllerStatus.optional(),
})
export type ReplicationController = z.infer<typeof ReplicationController>

export function applyReplicationControllerDefaults(rc: any): void {
  const spec = rc?.spec
  if (typeof spec !== 'object' || spec === null) return
  const templateLabels = spec.template?.metadata?.labels
  if (templateLabels && Object.keys(templateLabels).length > 0) {
    if (!spec.selector || Object.keys(spec.selector).length === 0) spec.selector = { ...templateLabels }
    if (rc.metadata && (!rc.metadata.labels || Object.keys(rc.metadata.labels).length === 0)) rc.metadata.labels = { ...templateLabels }
  }
  spec.replicas ??= 1
  applyPodTemplateDefaults(spec.template)
}

export function validateReplicationController(rc: ReplicationController): FieldIssue[] {
  const spec = rc.spec
  const issues: FieldIssue[] = [
    ...checkNonNegative(['spec', 'replicas'], spec.replicas),
    ...checkNonNegative(['spec', 'minReadySeconds'], spec.minReadySeconds),
  ]
  const selector = spec.selector ?? {}
  if (Object.keys(selector).length === 0) issues.push(requiredIssue(['spec', 'selector']))
  else issues.push(...validateLabels(selector, ['spec', 'selector']))
  if (!spec.template) {
    issues.push(requiredIssue(['spec', 'template']))
    return issues
  }
  const labels = spec.template.metadata?.labels ?? {}
  if (Object.keys(selector).length > 0 && !Object.entries(selector).every(([k, v]) => labels[k] === v)) {
    issues.push(invalidIssue(['spec', 'template', 'metadata', 'labels'], labels, '`selector` does not match template `labels`'))
  }
  issues.push(...validatePodTemplate(spec.template, ['spec', 'template'], { restartPolicies: ['Always'], forbidActiveDeadlineIn: 'ReplicationController' }))
  return issues
}

export const replicationControllerKind: KindInfo = {
  kind: 'ReplicationController',
  group: '',
  version: 'v1',
  apiVersion: 'v1',
  plural: 'replicationcontrollers',
  singular: 'replicationcontroller',
  shortNames: ['rc'],
  namespaced: true,
  nameRule: 'dns1123-subdomain',
  schema: ReplicationController,
  tracksGeneration: true,
  statusFields: ['status'],
  applyDefaults: applyReplicationControllerDefaults,
  validate: validateReplicationController,
}
