// apps/v1 Deployment: schema, upstream defaults (SetDefaults_Deployment: replicas 1, RollingUpdate 25%/25%,
// revisionHistoryLimit 10, progressDeadlineSeconds 600) plus pod-template defaults, validation
// (ValidateDeploymentSpec) and the immutable selector.
import { z } from 'zod'
import { Int32, Int64 } from './integers'
import type { FieldIssue, KindInfo } from './kind-info'
import { Condition, IntOrString, LabelSelector, ObjectMeta } from './meta'
import { PodTemplateSpec } from './pod'
import { applyPodTemplateDefaults } from './pod-spec-defaults'
import { validatePodTemplate, validateSelectorForTemplate } from './pod-template-validation'
import { checkIntOrPercent, checkNonNegative, forbiddenIssue, immutableIssue, invalidIssue, isZeroIntOrPercent } from './field-issues'
import { isDeepEqual } from './deep-equal'

export const RollingUpdateDeployment = z.looseObject({
  maxUnavailable: IntOrString.optional(),
  maxSurge: IntOrString.optional(),
})
export type RollingUpdateDeployment = z.infer<typeof RollingUpdateDeployment>

export const DeploymentStrategy = z.looseObject({
  type: z.enum(['RollingUpdate', 'Recreate']).optional(),
  rollingUpdate: RollingUpdateDeployment.optional(),
})
export type DeploymentStrategy = z.infer<typeof DeploymentStrategy>

export const DeploymentSpec = z.looseObject({
  replicas: Int32.optional(),
  selector: LabelSelector,
  template: PodTemplateSpec,
  strategy: DeploymentStrategy.optional(),
  minReadySeconds: Int32.optional(),
  revisionHistoryLimit: Int32.optional(),
  paused: z.boolean().optional(),
  progressDeadlineSeconds: Int32.optional(),
})
export type DeploymentSpec = z.infer<typeof DeploymentSpec>

export const DeploymentStatus = z.looseObject({
  observedGeneration: Int64.optional(),
  replicas: Int32.optional(),
  updatedReplicas: Int32.optional(),
  readyReplicas: Int32.optional(),
  availableReplicas: Int32.optional(),
  unavailableReplicas: Int32.optional(),
  terminatingReplicas: Int32.optional(),
  conditions: z.array(Condition).optional(),
  collisionCount: Int32.optional(),
})
export type DeploymentStatus = z.infer<typeof DeploymentStatus>

export const Deployment = z.looseObject({
  apiVersion: z.literal('apps/v1'),
  kind: z.literal('Deployment'),
  metadata: ObjectMeta,
  spec: DeploymentSpec,
  status: DeploymentStatus.optional(),
})
export type Deployment = z.infer<typeof Deployment>

export function applyDeploymentDefaults(deployment: any): void {
  const spec = deployment?.spec
  if (typeof spec !== 'object' || spec === null) return
  spec.replicas ??= 1
  spec.strategy ??= {}
  spec.strategy.type ??= 'RollingUpdate'
  if (spec.strategy.type === 'RollingUpdate') {
    spec.strategy.rollingUpdate ??= {}
    spec.strategy.rollingUpdate.maxUnavailable ??= '25%'
    spec.strategy.rollingUpdate.maxSurge ??= '25%'
  }
  spec.revisionHistoryLimit ??= 10
  spec.progressDeadlineSeconds ??= 600
  applyPodTemplateDefaults(spec.template)
}

export function validateDeployment(deployment: Deployment): FieldIssue[] {
  const spec = deployment.spec
  const issues: FieldIssue[] = []
  issues.push(...checkNonNegative(['spec', 'replicas'], spec.replicas))
  issues.push(...validateSelectorForTemplate(spec.selector, spec.template, ['spec'], 'deployment'))
  issues.push(...validatePodTemplate(spec.template, ['spec', 'template'], { restartPolicies: ['Always'], forbidActiveDeadlineIn: 'ReplicaSet' }))
  const strategy = spec.strategy
  if (strategy?.type === 'Recreate' && strategy.rollingUpdate) {
    issues.push(forbiddenIssue(['spec', 'strategy', 'rollingUpdate'], "may not be specified when strategy `type` is 'Recreate'"))
  }
  const rolling = strategy?.rollingUpdate
  if (strategy?.type !== 'Recreate' && rolling) {
    const path = ['spec', 'strategy', 'rollingUpdate']
    issues.push(...checkIntOrPercent([...path, 'maxUnavailable'], rolling.maxUnavailable))
    issues.push(...checkIntOrPercent([...path, 'maxSurge'], rolling.maxSurge, Number.POSITIVE_INFINITY))
    if (isZeroIntOrPercent(rolling.maxUnavailable) && isZeroIntOrPercent(rolling.maxSurge)) {
      issues.push(invalidIssue([...path, 'maxUnavailable'], rolling.maxUnavailable, 'may not be 0 when `maxSurge` is 0'))
    }
  }
  issues.push(...checkNonNegative(['spec', 'revisionHistoryLimit'], spec.revisionHistoryLimit))
  issues.push(...checkNonNegative(['spec', 'minReadySeconds'], spec.minReadySeconds))
  if (spec.progressDeadlineSeconds !== undefined) {
    issues.push(...checkNonNegative(['spec', 'progressDeadlineSeconds'], spec.progressDeadlineSeconds))
    if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
      issues.push(invalidIssue(['spec', 'progressDeadlineSeconds'], spec.progressDeadlineSeconds, 'must be greater than minReadySeconds'))
    }
  }
  return issues
}

/** apps/v1 made the selector immutable. */
export function validateDeploymentUpdate(previous: Deployment, next: Deployment): FieldIssue[] {
  return isDeepEqual(previous.spec?.selector, next.spec?.selector) ? [] : [immutableIssue(['spec', 'selector'], next.spec?.selector)]
}

export const deploymentKind: KindInfo = {
  kind: 'Deployment',
  group: 'apps',
  version: 'v1',
  apiVersion: 'apps/v1',
  plural: 'deployments',
  singular: 'deployment',
  shortNames: ['deploy'],
  namespaced: true,
  nameRule: 'dns1123-subdomain',
  schema: Deployment,
  tracksGeneration: true,
  statusFields: ['status'],
  applyDefaults: applyDeploymentDefaults,
  validate: validateDeployment,
  validateUpdate: validateDeploymentUpdate,
}
