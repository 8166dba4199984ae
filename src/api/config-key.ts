// Keys of ConfigMap and Secret data (IsConfigMapKey) and the `immutable` rule both kinds share.
import type { FieldIssue } from './kind-info'
import { forbiddenIssue, invalidIssue } from './field-issues'
import { isDeepEqual } from './deep-equal'

const configKeyMessage =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"

export function configKeyProblems(key: string): string[] {
  const problems: string[] = []
  if (key.length > 253) problems.push('must be no more than 253 characters')
  if (!/^[-._a-zA-Z0-9]+$/.test(key)) problems.push(configKeyMessage)
  if (key === '.') problems.push("must not be '.'")
  else if (key === '..') problems.push("must not be '..'")
  else if (key.startsWith('..')) problems.push("must not start with '..'")
  return problems
}

/** Checks the keys of each data map at top-level `field`, and that no key appears in two of them. */
export function validateConfigKeys(maps: Record<string, Record<string, unknown> | undefined>): FieldIssue[] {
  const issues: FieldIssue[] = []
  const owner = new Map<string, string>()
  for (const [field, map] of Object.entries(maps)) {
    for (const key of Object.keys(map ?? {}).sort()) {
      for (const problem of configKeyProblems(key)) issues.push(invalidIssue([field, key], key, problem))
      const other = owner.get(key)
      if (other !== undefined) issues.push(invalidIssue([field, key], key, `duplicate of key present in ${other}`))
      owner.set(key, field)
    }
  }
  return issues
}

/** Once `immutable: true` is stored, neither the data nor the flag may change. */
export function validateImmutableData(
  previous: Record<string, unknown> & { immutable?: boolean },
  next: Record<string, unknown> & { immutable?: boolean },
  dataFields: readonly string[],
): FieldIssue[] {
  if (previous.immutable !== true) return []
  const issues: FieldIssue[] = []
  if (next.immutable !== true) issues.push(forbiddenIssue(['immutable'], 'field is immutable when `immutable` is set'))
  for (const field of dataFields) {
    if (!isDeepEqual(previous[field], next[field])) issues.push(forbiddenIssue([field], 'field is immutable when `immutable` is set'))
  }
  return issues
}
