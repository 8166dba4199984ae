// Turns object input (a manifest object, an array of them, a cdk8s Chart or App, client-node or
// kubernetes-models instances) into plain JSON data in the wire format, as a JSON round-trip would,
// plus what a round-trip gets wrong: Date fields become RFC 3339 with whole seconds (as the API
// server writes metav1.Time), client-node's renamed properties (`_from`, `_default`…) get their wire
// names back. Never throws on bad data: cycles, non-finite numbers, bigints, Maps and nesting deeper
// than MAX_NESTING_DEPTH become issues. Output objects are fresh; the caller's objects are never modified.
import type { ValidationIssue } from '../api/errors'
import type { FieldPath } from '../api/field-issues'
import { toFieldPath } from './field-path'
import { MAX_NESTING_DEPTH } from './limits'

export interface NormalizedInput {
  objects: { index: number; object: Record<string, unknown> }[]
  issues: ValidationIssue[]
}

/**
 * client-node renames properties whose JSON names are reserved words. Its classes carry the exact
 * mapping (`attributeTypeMap`); this table covers object literals typed with its classes and JSON
 * round-trips of instances, which keep the TypeScript names.
 */
const CLIENT_NODE_RENAMES: ReadonlyMap<string, string> = new Map([
  ['_from', 'from'],
  ['_default', 'default'],
  ['_continue', 'continue'],
  ['_int', 'int'],
  ['_enum', 'enum'],
])
/** Maps whose keys are user data (ConfigMap and Secret keys may well start with `_`): never renamed. */
const FREE_FORM_MAPS = new Set(['data', 'binaryData', 'stringData'])

const EXPECTED = 'expected a Kubernetes object (a mapping with apiVersion and kind)'

/**
 * Normalizes non-text input. Documents are numbered from 1: the position in an array, in a Chart's
 * `toJson()` output, or across an App's charts in order. `null`/`undefined` entries are skipped like
 * empty YAML documents but keep their number.
 */
export function normalizeInput(input: unknown): NormalizedInput {
  const result: NormalizedInput = { objects: [], issues: [] }
  const entries = expandInput(input, result.issues)
  entries.forEach((entry, i) => {
    const index = i + 1
    if (entry === null || entry === undefined) return
    if (typeof entry !== 'object' || Array.isArray(entry)) {
      result.issues.push({ document: index, path: '', message: `${EXPECTED}, got ${Array.isArray(entry) ? 'a list' : `a ${typeof entry}`}` })
      return
    }
    const issues: ValidationIssue[] = []
    const object = toPlainJson(entry, [], { document: index, issues, ancestors: new Set() }, true)
    result.issues.push(...issues)
    if (issues.length > 0) return
    if (object === null || typeof object !== 'object' || Array.isArray(object)) {
      // e.g. a toJSON() that returned a string
      result.issues.push({ document: index, path: '', message: `${EXPECTED}, got ${object === null ? 'null' : Array.isArray(object) ? 'a list' : `a ${typeof object}`}` })
      return
    }
    result.objects.push({ index, object: object as Record<string, unknown> })
  })
  return result
}

/** The list of documents an input stands for: one object, an array, a Chart's objects, an App's charts' objects. */
function expandInput(input: unknown, issues: ValidationIssue[]): unknown[] {
  if (Array.isArray(input)) return input
  if (input === null || input === undefined || typeof input !== 'object') {
    issues.push({
      path: '',
      message: `expected YAML or JSON text, a Kubernetes object, an array of objects, or a cdk8s Chart or App; got ${input === null ? 'null' : typeof input}`,
    })
    return []
  }
  const candidate = input as { toJson?: unknown; charts?: unknown }
  if (typeof candidate.toJson === 'function') {
    // A cdk8s Chart; a lone cdk8s ApiObject's toJson() returns one object instead of an array.
    const output = callToJson(candidate as { toJson(): unknown }, 'toJson()', issues)
    return output === undefined ? [] : Array.isArray(output) ? output : [output]
  }
  if (Array.isArray(candidate.charts) && candidate.charts.every((chart) => typeof (chart as { toJson?: unknown } | null)?.toJson === 'function')) {
    // A cdk8s App: charts in its (topological) order.
    return (candidate.charts as { toJson(): unknown }[]).flatMap((chart, i) => {
      const output = callToJson(chart, `charts[${i}].toJson()`, issues)
      return output === undefined ? [] : Array.isArray(output) ? output : [output]
    })
  }
  return [input]
}

function callToJson(chart: { toJson(): unknown }, what: string, issues: ValidationIssue[]): unknown {
  try {
    return chart.toJson()
  } catch (error) {
    issues.push({ path: '', message: `${what} failed: ${error instanceof Error ? error.message : String(error)}` })
    return undefined
  }
}

interface Walk {
  document: number
  issues: ValidationIssue[]
  /** Objects on the current path, to detect cycles (a JSON round-trip would throw on them). */
  ancestors: Set<object>
}

function fail(walk: Walk, path: readonly (string | number)[], message: string): undefined {
  walk.issues.push({ document: walk.document, path: toFieldPath(path), message })
  return undefined
}

/**
 * A JSON copy of `value`, following JSON.stringify's rules except where the header says otherwise.
 * `path` is where `value` sits, as a stack shared by the whole walk (each level pushes its key and
 * pops it again), so no level copies it; `renames` is false directly inside ConfigMap/Secret data,
 * whose keys belong to the user.
 */
function toPlainJson(value: unknown, path: (string | number)[], walk: Walk, renames: boolean): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value
    case 'number':
      return Number.isFinite(value) ? value : fail(walk, path, `${value} is not a valid JSON number`)
    case 'bigint':
      return fail(walk, path, `the bigint ${value} cannot be written as JSON; use a number or a string`)
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined // dropped from objects, null in arrays, as JSON.stringify does
  }
  if (value === null) return null
  const object = value as Record<string, unknown>
  if (typeof object.toISOString === 'function') return toTimestamp(object as { toISOString(): unknown }, walk, path)
  if (path.length >= MAX_NESTING_DEPTH) return fail(walk, path, `nesting deeper than ${MAX_NESTING_DEPTH} levels`)
  if (walk.ancestors.has(object)) return fail(walk, path, 'circular reference: the object contains itself')
  if (value instanceof Map || value instanceof Set) return fail(walk, path, `a ${value instanceof Map ? 'Map' : 'Set'} cannot be written as JSON; use a plain object or an array`)

  if (typeof object.toJSON === 'function') {
    // kubernetes-models instances (and anything else that serializes itself): JSON.stringify calls
    // toJSON once and serializes what it returns.
    let json: unknown
    try {
      json = (object.toJSON as (key: string) => unknown)(String(path[path.length - 1] ?? ''))
    } catch (error) {
      return fail(walk, path, `toJSON() failed: ${error instanceof Error ? error.message : String(error)}`)
    }
    if (json !== object) {
      walk.ancestors.add(object)
      const plain = json !== null && typeof json === 'object' && typeof (json as { toJSON?: unknown }).toJSON === 'function'
        ? copyEntries(json as Record<string, unknown>, path, walk, renames) // do not call toJSON twice, like JSON.stringify
        : toPlainJson(json, path, walk, renames)
      walk.ancestors.delete(object)
      return plain
    }
  }

  walk.ancestors.add(object)
  const copy = Array.isArray(object) ? copyItems(object, path, walk) : copyEntries(object, path, walk, renames)
  walk.ancestors.delete(object)
  return copy
}

/** Items as JSON.stringify writes them (a dropped value becomes null); a hole stays a hole, as `map` leaves it. */
function copyItems(items: unknown[], path: (string | number)[], walk: Walk): unknown[] {
  return items.map((item, i) => {
    path.push(i)
    const value = toPlainJson(item, path, walk, true)
    path.pop()
    return value ?? null
  })
}

function copyEntries(object: Record<string, unknown>, path: (string | number)[], walk: Walk, renames: boolean): Record<string, unknown> {
  const wireNames = renames ? renamesOf(object) : undefined
  const copy: Record<string, unknown> = {}
  let renamedFrom: Map<string, string> | undefined
  for (const key of Object.keys(object)) {
    const wireKey = wireNames?.get(key) ?? key
    const field = object[key]
    path.push(wireKey)
    const value = toPlainJson(field, path, walk, !FREE_FORM_MAPS.has(wireKey))
    path.pop()
    if (value === undefined) continue
    if (Object.hasOwn(copy, wireKey)) {
      const first = renamedFrom?.get(wireKey) ?? wireKey
      walk.issues.push({ document: walk.document, path: toFieldPath(path), message: `both "${first}" and "${key}" set the field "${wireKey}"; keep one` })
      continue
    }
    if (wireKey !== key) (renamedFrom ??= new Map()).set(wireKey, key)
    // A key the prototype also has (`__proto__`, `constructor`) must become an own data property:
    // assignment would call the `__proto__` setter, or fail on a frozen Object.prototype.
    if (wireKey in copy) Object.defineProperty(copy, wireKey, { value, writable: true, enumerable: true, configurable: true })
    else copy[wireKey] = value
  }
  return copy
}

/** Property renames for one object: its client-node class's exact table, else the generic one. */
function renamesOf(object: Record<string, unknown>): ReadonlyMap<string, string> {
  const map = (object.constructor as { attributeTypeMap?: unknown } | undefined)?.attributeTypeMap
  if (!Array.isArray(map)) return CLIENT_NODE_RENAMES
  const renames = new Map(CLIENT_NODE_RENAMES)
  for (const entry of map as { name?: unknown; baseName?: unknown }[]) {
    if (typeof entry?.name === 'string' && typeof entry.baseName === 'string' && entry.name !== entry.baseName) renames.set(entry.name, entry.baseName)
  }
  return renames
}

/**
 * A Date-like value as the API server writes it: metav1.Time is RFC 3339 in whole seconds
 * (`2024-01-01T00:00:00Z`); client-node's V1MicroTime already prints 6 fractional digits, which is
 * exactly metav1.MicroTime's format, so it is kept.
 */
function toTimestamp(date: { toISOString(): unknown }, walk: Walk, path: readonly (string | number)[]): string | undefined {
  let iso: unknown
  try {
    iso = date.toISOString()
  } catch {
    return fail(walk, path, 'invalid date')
  }
  if (typeof iso !== 'string') return fail(walk, path, 'toISOString() did not return a string')
  return iso.replace(/^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.\d{3}Z$/, '$1Z')
}
