// Builders for FieldIssue in the API server's wording (apimachinery field.Error kinds):
// "Required value", "Invalid value: <v>: <detail>", "Forbidden: ...", "Duplicate value: <v>",
// "Unsupported value: <v>: supported values: ...". Paths are arrays from the object root.
import type { FieldIssue } from './kind-info'

export type FieldPath = readonly (string | number)[]

/** A value as the API server prints it in messages: strings quoted, numbers bare, objects as JSON. */
export function formatFieldValue(value: unknown): string {
  if (value === undefined || value === null) return 'null'
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  return JSON.stringify(value)
}

export function requiredIssue(path: FieldPath, detail?: string): FieldIssue {
  return { path, message: detail ? `Required value: ${detail}` : 'Required value' }
}

export function invalidIssue(path: FieldPath, value: unknown, detail: string): FieldIssue {
  return { path, message: `Invalid value: ${formatFieldValue(value)}: ${detail}` }
}

export function forbiddenIssue(path: FieldPath, detail: string): FieldIssue {
  return { path, message: `Forbidden: ${detail}` }
}

export function duplicateIssue(path: FieldPath, value: unknown): FieldIssue {
  return { path, message: `Duplicate value: ${formatFieldValue(value)}` }
}

export function unsupportedIssue(path: FieldPath, value: unknown, supported: readonly string[]): FieldIssue {
  return { path, message: `Unsupported value: ${formatFieldValue(value)}: supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}` }
}

/** ValidateImmutableField: the new value must equal the old one. */
export function immutableIssue(path: FieldPath, value: unknown): FieldIssue {
  return invalidIssue(path, value, 'field is immutable')
}

/** Non-negative integer check (ValidateNonnegativeField). */
export function checkNonNegative(path: FieldPath, value: number | undefined): FieldIssue[] {
  return value !== undefined && value < 0 ? [invalidIssue(path, value, 'must be greater than or equal to 0')] : []
}

/** Positive integer check (ValidatePositiveField is "greater than 0"). */
export function checkPositive(path: FieldPath, value: number | undefined): FieldIssue[] {
  return value !== undefined && value <= 0 ? [invalidIssue(path, value, 'must be greater than 0')] : []
}

const percentMessage =
  "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"

/** ValidatePositiveIntOrPercent (+ IsNotMoreThan100Percent): 3, '25%'; not -1, '25', '150%'. */
export function checkIntOrPercent(path: FieldPath, value: number | string | undefined, maxPercent = 100): FieldIssue[] {
  if (value === undefined) return []
  if (typeof value === 'number') return checkNonNegative(path, value)
  if (!/^[0-9]+%$/.test(value)) return [invalidIssue(path, value, percentMessage)]
  if (Number(value.slice(0, -1)) > maxPercent) return [invalidIssue(path, value, `must not be greater than ${maxPercent}%`)]
  return []
}

/** Whether an IntOrString is zero (0 or '0%'). */
export function isZeroIntOrPercent(value: number | string | undefined): boolean {
  return value === 0 || value === '0%'
}
