// policy/v1 PodDisruptionBudget: minAvailable or maxUnavailable (never both) over the pods its selector
// matches; an empty selector selects every pod in the namespace. Status is the disruption controller's.
import { z } from 'zod'
import { Int32, Int64 } from './integers'
import type { FieldIssue, KindInfo } from './kind-info'
import { Condition, IntOrString, LabelSelector, ObjectMeta } from './meta'
import { checkIntOrPercent, invalidIssue } from './field-issues'
import { validateLabelSelector } from './label-selector'

export const PodDisruptionBudgetSpec = z.looseObject({
  minAvailable: IntOrString.optional(),
  maxUnavailable: IntOrString.optional(),
  selector: LabelSelector.optional(),
  unhealthyPodEvictionPolicy: z.enum(['IfHealthyBudget', 'AlwaysAllow']).optional(),
})
export type PodDisruptionBudgetSpec = z.infer<typeof PodDisruptionBudgetSpec>

export const PodDisruptionBudgetStatus = z.looseObject({
  observedGeneration: Int64.optional(),
  /** Pod name → time the eviction was granted. */
  disruptedPods: z.record(z.string(), z.string()).optional(),
  disruptionsAllowed: Int32.optional(),
  currentHealthy: Int32.optional(),
  desiredHealthy: Int32.optional(),
  expectedPods: Int32.optional(),
  conditions: z.array(Condition).optional(),
})
export type PodDisruptionBudgetStatus = z.infer<typeof PodDisruptionBudgetStatus>

export const PodDisruptionBudget = z.looseObject({
  apiVersion: z.literal('policy/v1'),
  kind: z.literal('PodDisruptionBudget'),
  metadata: ObjectMeta,
  spec: PodDisruptionBudgetSpec,
  status: PodDisruptionBudgetStatus.optional(),
})
export type PodDisruptionBudget = z.infer<typeof PodDisruptionBudget>

export function validatePodDisruptionBudget(budget: PodDisruptionBudget): FieldIssue[] {
  const spec = budget.spec
  const issues: FieldIssue[] = []
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) {
    issues.push(invalidIssue(['spec'], spec, 'minAvailable and maxUnavailable cannot be both set'))
  }
  issues.push(...checkIntOrPercent(['spec', 'minAvailable'], spec.minAvailable))
  issues.push(...checkIntOrPercent(['spec', 'maxUnavailable'], spec.maxUnavailable))
  issues.push(...validateLabelSelector(spec.selector, ['spec', 'selector']))
  return issues
}

export const podDisruptionBudgetKind: KindInfo = {
  kind: 'PodDisruptionBudget',
  group: 'policy',
  version: 'v1',
  apiVersion: 'policy/v1',
  plural: 'poddisruptionbudgets',
  singular: 'poddisruptionbudget',
  shortNames: ['pdb'],
  namespaced: true,
  nameRule: 'dns1123-subdomain',
  schema: PodDisruptionBudget,
  tracksGeneration: true,
  statusFields: ['status'],
  validate: validatePodDisruptionBudget,
}
