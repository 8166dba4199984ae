// Field paths in kubectl's notation, as the API server writes them in `Invalid value` errors:
// `spec.template.spec.containers[0].name`. Numbers are list indexes (`[0]`); map keys that are
// not plain identifiers (label keys, ConfigMap data keys) are bracketed (`metadata.labels[app.kubernetes.io/name]`),
// as apimachinery's field.Path renders `Key()` segments.

import type { FieldPath } from '../api/field-issues'

export type { FieldPath }

const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/

/** `['spec', 'containers', 0, 'name']` → `spec.containers[0].name`; `[]` → `''`. */
export function toFieldPath(path: FieldPath): string {
  let out = ''
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`
    else if (IDENTIFIER.test(segment)) out += out === '' ? segment : `.${segment}`
    else out += `[${segment}]`
  }
  return out
}
