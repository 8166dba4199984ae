// Turns zod schema failures into FieldIssues worded like the API server ("Required value",
// "Unsupported value: ...: supported values: ...", "Invalid value: ...: ..."), so schema and semantic
// problems read alike. The object is passed in to quote the offending value.
import type { z } from 'zod'
import type { FieldIssue } from './kind-info'
import { formatFieldValue, requiredIssue, unsupportedIssue, invalidIssue } from './field-issues'

function valueAt(object: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = object
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined
    current = (current as Record<PropertyKey, unknown>)[key]
  }
  return current
}

const typeOf = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value)

export function toFieldIssues(error: z.ZodError, object: unknown): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol')
    const value = valueAt(object, issue.path)
    switch (issue.code) {
      case 'invalid_type':
        if (value === undefined) return requiredIssue(path)
        if (issue.expected === 'int' || (issue.expected === 'number' && typeof value === 'number')) {
          return invalidIssue(path, value, 'must be an integer')
        }
        return invalidIssue(path, value, `expected ${issue.expected}, got ${typeOf(value)}`)
      case 'invalid_value':
        return unsupportedIssue(path, value, issue.values.map((v) => String(v)))
      case 'invalid_union':
        return invalidIssue(path, value, 'must be an integer or a string')
      case 'unrecognized_keys':
        return { path, message: `Unknown fields: ${issue.keys.map((k) => formatFieldValue(k)).join(', ')}` }
      default:
        return invalidIssue(path, value, issue.message)
    }
  })
}
