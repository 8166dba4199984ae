// The schema check of a user write (zod), remembered by the object's JSON text. A test suite applies
// the same manifests again and again, and `apply` checks every document twice (a dry run of all,
// then the writes); a Deployment's check is 10-250 µs of zod (the slow end when its code has gone
// cold between applies), its JSON text 2-10 µs (native code). The text identifies the value only
// when the value is plain JSON (no undefined, NaN, functions…), which is checked first.
import type { z } from 'zod'
import type { FieldIssue } from '../api/kind-info'
import { isPlainJson } from './json'

/** Remembered results per schema; a schema's table is emptied when it reaches this many texts. */
const MAX_REMEMBERED = 256

const remembered = new WeakMap<z.ZodType, Map<string, readonly FieldIssue[]>>()

/** The schema's issues with `object`, as `schema.safeParse` reports them (path and message). */
export function schemaIssues(schema: z.ZodType, object: unknown): readonly FieldIssue[] {
  if (!isPlainJson(object)) return check(schema, object)
  const text = JSON.stringify(object)
  let table = remembered.get(schema)
  const known = table?.get(text)
  if (known) return known
  const issues = check(schema, object)
  // Frozen: the same issues may be handed to many errors.
  for (const issue of issues) {
    Object.freeze(issue.path)
    Object.freeze(issue)
  }
  Object.freeze(issues)
  if (!table) remembered.set(schema, (table = new Map()))
  else if (table.size >= MAX_REMEMBERED) table.clear()
  table.set(text, issues)
  return issues
}

function check(schema: z.ZodType, object: unknown): FieldIssue[] {
  const result = schema.safeParse(object)
  if (result.success) return []
  return result.error.issues.map((issue) => ({ path: issue.path as (string | number)[], message: issue.message }))
}
