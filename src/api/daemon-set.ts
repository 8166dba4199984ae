// apps/v1 DaemonSet: schema, defaults (SetDefaults_DaemonSet: RollingUpdate maxUnavailable 1 / maxSurge 0,
// revisionHistoryLimit 10) plus pod-template defaults, validation and the immutable selector.
import { z } from 'zod'
import { Int32, Int64 } from './integers'
import type { FieldIssue, KindInfo } from './kind-info'
import { Condition, IntOrString, LabelSelector, ObjectMeta } from './meta'
import { PodTemplateSpec } from './pod'
import { applyPodTemplateDefaults } from './pod-spec-defaults'
import { validatePodTemplate, validateSelectorForTemplate } from './pod-template-validation'
import { checkIntOrPercent, checkNonNegative, immutableIssue, invalidIssue, isZeroIntOrPercent, forbiddenIssue } from './field-issues'
import { isDeepEqual } from './deep-equal'

export const DaemonSetUpdateStrategy = z.looseObject({
  type: z.enum(['RollingUpdate', 'OnDelete']).optional(),
  rollingUpdate: z.looseObject({ maxUnavailable: IntOrString.optional(), maxSurge: IntOrString.optional() }).optional(),
})
export type DaemonSetUpdateStrategy = z.infer<typeof DaemonSetUpdateStrategy>

export const DaemonSetSpec = z.looseObject({
  selector: LabelSelector,
  template: PodTemplateSpec,
  updateStrategy: DaemonSetUpdateStrategy.optional(),
  minReadySeconds: Int32.optional(),
  revisionHistoryLimit: Int32.optional(),
})
export type DaemonSetSpec = z.infer<typeof DaemonSetSpec>

export const DaemonSetStatus = z.looseObject({
  currentNumberScheduled: Int32.optional(),
  numberMisscheduled: Int32.optional(),
  desiredNumberScheduled: Int32.optional(),
  numberReady: Int32.optional(),
  observedGeneration: Int64.optional(),
  updatedNumberScheduled: Int32.optional(),
  numberAvailable: Int32.optional(),
  numberUnavailable: Int32.optional(),
  collisionCount: Int32.optional(),
  conditions: z.array(Condition).optional(),
})
export type DaemonSetStatus = z.infer<typeof DaemonSetStatus>

export const DaemonSet = z.looseObject({
  apiVersion: z.literal('apps/v1'),
  kind: z.literal('DaemonSet'),
  metadata: ObjectMeta,
  spec: DaemonSetSpec,
  status: DaemonSetStatus.optional(),
})
export type DaemonSet = z.infer<typeof DaemonSet>

export function applyDaemonSetDefaults(daemonSet: any): void {
  const spec = daemonSet?.spec
  if (typeof spec !== 'object' || spec === null) return
  spec.updateStrategy ??= {}
  spec.updateStrategy.type ??= 'RollingUpdate'
  if (spec.updateStrategy.type === 'RollingUpdate') {
    spec.updateStrategy.rollingUpdate ??= {}
    spec.updateStrategy.rollingUpdate.maxUnavailable ??= 1
    spec.updateStrategy.rollingUpdate.maxSurge ??= 0
  }
  spec.revisionHistoryLimit ??= 10
  applyPodTemplateDefaults(spec.template)
}

export function validateDaemonSet(daemonSet: DaemonSet): FieldIssue[] {
  const spec = daemonSet.spec
  const issues: FieldIssue[] = []
  issues.push(...validateSelectorForTemplate(spec.selector, spec.template, ['spec'], 'daemonset'))
  issues.push(...validatePodTemplate(spec.template, ['spec', 'template'], { restartPolicies: ['Always'], forbidActiveDeadlineIn: 'DaemonSet' }))
  issues.push(...checkNonNegative(['spec', 'minReadySeconds'], spec.minReadySeconds))
  issues.push(...checkNonNegative(['spec', 'revisionHistoryLimit'], spec.revisionHistoryLimit))
  const strategy = spec.updateStrategy
  if (strategy?.type === 'OnDelete' && strategy.rollingUpdate) {
    issues.push(forbiddenIssue(['spec', 'updateStrategy', 'rollingUpdate'], "may not be specified when strategy `type` is 'OnDelete'"))
  }
  const rolling = strategy?.type === 'RollingUpdate' ? strategy.rollingUpdate : undefined
  if (rolling) {
    const path = ['spec', 'updateStrategy', 'rollingUpdate']
    issues.push(...checkIntOrPercent([...path, 'maxUnavailable'], rolling.maxUnavailable))
    issues.push(...checkIntOrPercent([...path, 'maxSurge'], rolling.maxSurge))
    if (isZeroIntOrPercent(rolling.maxUnavailable) && isZeroIntOrPercent(rolling.maxSurge)) {
      issues.push(invalidIssue([...path, 'maxUnavailable'], rolling.maxUnavailable, 'may not be 0 when `maxSurge` is 0'))
    }
  }
  return issues
}

export function validateDaemonSetUpdate(previous: DaemonSet, next: DaemonSet): FieldIssue[] {
  return isDeepEqual(previous.spec?.selector, next.spec?.selector) ? [] : [immutableIssue(['spec', 'selector'], next.spec?.selector)]
}

export const daemonSetKind: KindInfo = {
  kind: 'DaemonSet',
  group: 'apps',
  version: 'v1',
  apiVersion: 'apps/v1',
  plural: 'daemonsets',
  singular: 'daemonset',
  shortNames: ['ds'],
  namespaced: true,
  nameRule: 'dns1123-subdomain',
  schema: DaemonSet,
  tracksGeneration: true,
  statusFields: ['status'],
  applyDefaults: applyDaemonSetDefaults,
  validate: validateDaemonSet,
  validateUpdate: validateDaemonSetUpdate,
}
