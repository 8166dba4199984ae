// Label and selector text as apimachinery formats them: labels.FormatLabels, metav1.FormatLabelSelector
// and labels.Selector.String() (requirements sorted by key, `in`/`notin` value lists sorted).
import { compareStrings } from './object'

/** `k=v,k2=v2` sorted by key, or `<none>`. */
export function formatLabels(labels: Record<string, string> | undefined | null): string {
  const keys = Object.keys(labels ?? {}).sort(compareStrings)
  if (keys.length === 0) return '<none>'
  return keys.map((k) => `${k}=${labels![k]}`).join(',')
}

interface LabelSelector {
  matchLabels?: Record<string, string>
  matchExpressions?: { key: string; operator: string; values?: string[] }[]
}

/** labels.Selector.String() of a LabelSelector; '' for nil or empty selectors. */
export function selectorString(selector: LabelSelector | undefined | null): string {
  if (!selector) return ''
  const requirements: { key: string; text: string }[] = []
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) requirements.push({ key, text: `${key}=${value}` })
  for (const expression of selector.matchExpressions ?? []) {
    const values = [...(expression.values ?? [])].sort(compareStrings).join(',')
    const text =
      expression.operator === 'In' ? `${expression.key} in (${values})`
      : expression.operator === 'NotIn' ? `${expression.key} notin (${values})`
      : expression.operator === 'Exists' ? expression.key
      : expression.operator === 'DoesNotExist' ? `!${expression.key}`
      : `${expression.key} ${expression.operator} (${values})`
    requirements.push({ key: expression.key, text })
  }
  // selector.Add sorts requirements by key; the sort is stable for equal keys.
  return requirements
    .map((r, i) => ({ ...r, i }))
    .sort((a, b) => compareStrings(a.key, b.key) || a.i - b.i)
    .map((r) => r.text)
    .join(',')
}

/** metav1.FormatLabelSelector: the selector string, or `<none>` when it selects nothing/everything. */
export function formatLabelSelector(selector: LabelSelector | undefined | null): string {
  return selectorString(selector) || '<none>'
}
