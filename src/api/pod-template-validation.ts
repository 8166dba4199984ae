// Validation shared by the workloads that embed a pod template (ReplicaSet, RC, Deployment, StatefulSet,
// DaemonSet, Job, CronJob): the selector is required and non-empty, the template's labels must match it,
// the template's labels and PodSpec are valid, and restartPolicy is one the controller supports.
import type { FieldIssue } from './kind-info'
import type { LabelSelector } from './meta'
import type { PodTemplateSpec } from './pod'
import { invalidIssue, requiredIssue, unsupportedIssue, forbiddenIssue, type FieldPath } from './field-issues'
import { isEmptyLabelSelector, matchesLabelSelector, validateLabelSelector } from './label-selector'
import { validateAnnotationKeys, validateLabels } from './names'
import { validatePodSpec } from './pod-spec-validation'

export interface PodTemplateRules {
  /** restartPolicy values the controller supports (['Always'] for long-running workloads). */
  restartPolicies: readonly ('Always' | 'OnFailure' | 'Never')[]
  /** The kind named in "activeDeadlineSeconds in <kind> is not Supported", for controllers that forbid it. */
  forbidActiveDeadlineIn?: string
  /** Volume names provided outside the pod spec (StatefulSet volumeClaimTemplates). */
  extraVolumeNames?: readonly string[]
}

/**
 * Problems of deeply frozen templates by identity, then by path and rules: stored templates are
 * shared between versions (a scale or an annotation write keeps the template), so an update
 * re-validates only a template it changed.
 */
const templateProblems = new WeakMap<object, Map<string, readonly FieldIssue[]>>()

/** ValidatePodTemplateSpec and the controller-specific restrictions; `path` points at the template. */
export function validatePodTemplate(template: PodTemplateSpec | undefined, path: FieldPath, rules: PodTemplateRules): FieldIssue[] {
  if (!template) return [requiredIssue(path)]
  if (!Object.isFrozen(template)) return checkPodTemplate(template, path, rules)
  let byRules = templateProblems.get(template)
  if (!byRules) templateProblems.set(template, (byRules = new Map()))
  const key = `${path.join('\0')}\n${rules.restartPolicies.join('\0')}\n${rules.forbidActiveDeadlineIn ?? ''}\n${rules.extraVolumeNames?.join('\0') ?? ''}`
  let issues = byRules.get(key)
  if (!issues) byRules.set(key, (issues = checkPodTemplate(template, path, rules)))
  return [...issues]
}

function checkPodTemplate(template: PodTemplateSpec, path: FieldPath, rules: PodTemplateRules): FieldIssue[] {
  const issues: FieldIssue[] = []
  issues.push(...validateLabels(template.metadata?.labels, [...path, 'metadata', 'labels']))
  issues.push(...validateAnnotationKeys(template.metadata?.annotations, [...path, 'metadata', 'annotations']))
  issues.push(...validatePodSpec(template.spec, [...path, 'spec'], rules.extraVolumeNames))
  const restartPolicy = template.spec.restartPolicy
  if (restartPolicy !== undefined && !rules.restartPolicies.includes(restartPolicy)) {
    issues.push(unsupportedIssue([...path, 'spec', 'restartPolicy'], restartPolicy, rules.restartPolicies))
  }
  if (rules.forbidActiveDeadlineIn && template.spec.activeDeadlineSeconds !== undefined) {
    issues.push(forbiddenIssue([...path, 'spec', 'activeDeadlineSeconds'], `activeDeadlineSeconds in ${rules.forbidActiveDeadlineIn} is not Supported`))
  }
  return issues
}

/**
 * The selector of an apps/v1 workload: required, non-empty, valid, and matching the template's labels.
 * `specPath` points at the spec; `kindWord` is the lowercase kind used in "empty selector is invalid for ...".
 */
export function validateSelectorForTemplate(
  selector: LabelSelector | undefined,
  template: PodTemplateSpec | undefined,
  specPath: FieldPath,
  kindWord: string,
): FieldIssue[] {
  const selectorPath = [...specPath, 'selector']
  if (!selector) return [requiredIssue(selectorPath)]
  const issues = validateLabelSelector(selector, selectorPath)
  if (isEmptyLabelSelector(selector)) {
    issues.push(invalidIssue(selectorPath, selector, `empty selector is invalid for ${kindWord}`))
    return issues
  }
  const labels = template?.metadata?.labels ?? {}
  if (template && issues.length === 0 && !matchesLabelSelector(selector, labels)) {
    issues.push(invalidIssue([...specPath, 'template', 'metadata', 'labels'], labels, '`selector` does not match template `labels`'))
  }
  return issues
}
