// scheduling.k8s.io/v1 PriorityClass (cluster-scoped): the priority `value` pods get through
// priorityClassName, at most one globalDefault, and preemptionPolicy (default PreemptLowerPriority).
// value and preemptionPolicy never change; user classes stay at or below 1e9.
import { z } from 'zod'
import { Int32 } from './integers'
import type { FieldIssue, KindInfo } from './kind-info'
import { ObjectMeta } from './meta'
import { forbiddenIssue, immutableIssue } from './field-issues'

/** Highest value a user-defined class may have (HighestUserDefinablePriority). */
export const HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000
/** The built-in classes and their values. */
export const systemPriorityClasses: Readonly<Record<string, number>> = {
  'system-cluster-critical': 2_000_000_000,
  'system-node-critical': 2_000_001_000,
}

export const PriorityClass = z.looseObject({
  apiVersion: z.literal('scheduling.k8s.io/v1'),
  kind: z.literal('PriorityClass'),
  metadata: ObjectMeta,
  value: Int32,
  globalDefault: z.boolean().optional(),
  description: z.string().optional(),
  preemptionPolicy: z.enum(['PreemptLowerPriority', 'Never']).optional(),
})
export type PriorityClass = z.infer<typeof PriorityClass>

export function applyPriorityClassDefaults(priorityClass: any): void {
  if (typeof priorityClass === 'object' && priorityClass !== null) priorityClass.preemptionPolicy ??= 'PreemptLowerPriority'
}

export function validatePriorityClass(priorityClass: PriorityClass): FieldIssue[] {
  const name = priorityClass.metadata.name ?? ''
  const systemValue = systemPriorityClasses[name]
  if (systemValue !== undefined) {
    return priorityClass.value === systemValue ? [] : [forbiddenIssue(['value'], `value of ${name} must be ${systemValue}`)]
  }
  if (name.startsWith('system-')) {
    return [forbiddenIssue(['metadata', 'name'], "priority class names with 'system-' prefix are reserved")]
  }
  if (priorityClass.value > HIGHEST_USER_DEFINABLE_PRIORITY) {
    return [forbiddenIssue(['value'], `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`)]
  }
  return []
}

export function validatePriorityClassUpdate(previous: PriorityClass, next: PriorityClass): FieldIssue[] {
  const issues: FieldIssue[] = []
  if (previous.value !== next.value) issues.push(forbiddenIssue(['value'], 'may not be changed in an update.'))
  if (previous.preemptionPolicy !== next.preemptionPolicy) issues.push(immutableIssue(['preemptionPolicy'], next.preemptionPolicy))
  return issues
}

export const priorityClassKind: KindInfo = {
  kind: 'PriorityClass',
  group: 'scheduling.k8s.io',
  version: 'v1',
  apiVersion: 'scheduling.k8s.io/v1',
  plural: 'priorityclasses',
  singular: 'priorityclass',
  shortNames: ['pc'],
  namespaced: false,
  nameRule: 'dns1123-subdomain',
  schema: PriorityClass,
  tracksGeneration: false,
  statusFields: [],
  applyDefaults: applyPriorityClassDefaults,
  validate: validatePriorityClass,
  validateUpdate: validatePriorityClassUpdate,
}
