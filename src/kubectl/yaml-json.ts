// `kubectl get -o yaml` and `-o json`. kubectl prints unstructured objects, which Go marshals with
// map keys sorted, so both outputs list fields alphabetically whatever order the store holds them in.
// JSON: json.MarshalIndent with 4 spaces and Go's HTML-safe escaping of <, > and &.
// YAML: sigs.k8s.io/yaml (go-yaml v2), see go-yaml.ts. managedFields are stripped, as kubectl does
// unless --show-managed-fields. Several objects (or a list request) print as a `kind: List`.
import { toGoYaml } from './go-yaml'
import type { Obj } from './object'

export interface OutputOptions {
  /** Print a `kind: List` even for one object (a `get <kind>` without a name). Default: objects.length !== 1. */
  list?: boolean
}

/** What kubectl prints: the objects as they are, or wrapped in a List. */
export function toOutputObject(objects: readonly Obj[], options: OutputOptions = {}): unknown {
  const asList = options.list ?? objects.length !== 1
  const items = objects.map(stripManagedFields)
  if (!asList) return items[0]
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } }
}

export function renderYaml(objects: readonly Obj[], options: OutputOptions = {}): string {
  return toGoYaml(toOutputObject(objects, options))
}

export function renderJson(objects: readonly Obj[], options: OutputOptions = {}): string {
  return toGoJson(toOutputObject(objects, options))
}

/** Go's json.MarshalIndent(value, "", "    ") of a value decoded into maps: keys sorted, HTML-safe. */
export function toGoJson(value: unknown): string {
  return writeJson(value, '') + '\n'
}

const compareKeys = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

// Written by hand rather than with JSON.stringify, whose objects put integer-like keys first.
function writeJson(value: unknown, indent: string): string {
  if (value === null || value === undefined) return 'null'
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]'
    const inner = indent + '    '
    return `[\n${value.map((v) => inner + writeJson(v, inner)).join(',\n')}\n${indent}]`
  }
  if (typeof value === 'object') {
    const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort(compareKeys)
    if (keys.length === 0) return '{}'
    const inner = indent + '    '
    const entries = keys.map((k) => `${inner}${quoteJson(k)}: ${writeJson((value as Record<string, unknown>)[k], inner)}`)
    return `{\n${entries.join(',\n')}\n${indent}}`
  }
  if (typeof value === 'string') return quoteJson(value)
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null'
  return String(value)
}

function quoteJson(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

function stripManagedFields(obj: Obj): Obj {
  if (!obj.metadata || !('managedFields' in obj.metadata)) return obj
  const { managedFields: _managedFields, ...metadata } = obj.metadata
  return { ...obj, metadata }
}
