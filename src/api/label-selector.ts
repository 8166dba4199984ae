// LabelSelector matching and validation (metav1.LabelSelectorAsSelector and ValidateLabelSelector).
// Matching: matchLabels and matchExpressions are ANDed; NotIn and DoesNotExist match absent keys;
// an empty selector matches everything (callers decide whether `undefined` selects nothing).
import type { FieldIssue } from './kind-info'
import type { LabelSelector } from './meta'
import { forbiddenIssue, invalidIssue, requiredIssue, type FieldPath } from './field-issues'
import { labelKeyProblems, labelValueProblems } from './names'

export function matchesLabelSelector(selector: LabelSelector, labels: Record<string, string> | undefined): boolean {
  const have = labels ?? {}
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) if (have[key] !== value) return false
  for (const requirement of selector.matchExpressions ?? []) {
    const present = Object.prototype.hasOwnProperty.call(have, requirement.key)
    const values = requirement.values ?? []
    switch (requirement.operator) {
      case 'In':
        if (!present || !values.includes(have[requirement.key])) return false
        break
      case 'NotIn':
        if (present && values.includes(have[requirement.key])) return false
        break
      case 'Exists':
        if (!present) return false
        break
      case 'DoesNotExist':
        if (present) return false
        break
    }
  }
  return true
}

export function isEmptyLabelSelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0
}

/** ValidateLabelSelector: keys and values are valid label parts; operators agree with their values. */
export function validateLabelSelector(selector: LabelSelector | undefined, path: FieldPath): FieldIssue[] {
  if (!selector) return []
  const issues: FieldIssue[] = []
  for (const key of Object.keys(selector.matchLabels ?? {}).sort()) {
    const value = selector.matchLabels![key]
    for (const problem of labelKeyProblems(key)) issues.push(invalidIssue([...path, 'matchLabels'], key, problem))
    for (const problem of labelValueProblems(value)) issues.push(invalidIssue([...path, 'matchLabels'], value, problem))
  }
  ;(selector.matchExpressions ?? []).forEach((requirement, i) => {
    const requirementPath = [...path, 'matchExpressions', i]
    const values = requirement.values ?? []
    if ((requirement.operator === 'In' || requirement.operator === 'NotIn') && values.length === 0) {
      issues.push(requiredIssue([...requirementPath, 'values'], "must be specified when `operator` is 'In' or 'NotIn'"))
    }
    if ((requirement.operator === 'Exists' || requirement.operator === 'DoesNotExist') && values.length > 0) {
      issues.push(forbiddenIssue([...requirementPath, 'values'], "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"))
    }
    for (const problem of labelKeyProblems(requirement.key)) issues.push(invalidIssue([...requirementPath, 'key'], requirement.key, problem))
  })
  return issues
}
