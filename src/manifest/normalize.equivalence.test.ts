// normalizeInput's walk (a shared path stack, no per-level closures, copies or walk records) against
// the form it replaced, kept here verbatim as the reference: random inputs with every shape the
// header names (Dates, toJSON, client-node renames, data maps, cycles, Maps, bigints, non-finite
// numbers, holes, keys objects treat specially) must give the same objects, property by property,
// and the same issues.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ValidationIssue } from '../api/errors'
import { toFieldPath } from './field-path'
import { MAX_NESTING_DEPTH } from './limits'
import { normalizeInput } from './normalize'
import { sameShape } from '../../test/same-shape'

const CLIENT_NODE_RENAMES: ReadonlyMap<string, string> = new Map([['_from', 'from'], ['_default', 'default'], ['_continue', 'continue'], ['_int', 'int'], ['_enum', 'enum']])
const FREE_FORM_MAPS = new Set(['data', 'binaryData', 'stringData'])

interface Walk {
  document: number
  issues: ValidationIssue[]
  ancestors: Set<object>
  renames: boolean
}

function referenceToPlainJson(value: unknown, path: (string | number)[], walk: Walk): unknown {
  const fail = (message: string) => {
    walk.issues.push({ document: walk.document, path: toFieldPath(path), message })
    return undefined
  }
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value
    case 'number':
      return Number.isFinite(value) ? value : fail(`${value} is not a valid JSON number`)
    case 'bigint':
      return fail(`the bigint ${value} cannot be written as JSON; use a number or a string`)
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined
  }
  if (value === null) return null
  const object = value as Record<string, unknown>
  if (typeof object.toISOString === 'function') return referenceTimestamp(object as { toISOString(): unknown }, fail)
  if (path.length >= MAX_NESTING_DEPTH) return fail(`nesting deeper than ${MAX_NESTING_DEPTH} levels`)
  if (walk.ancestors.has(object)) return fail('circular reference: the object contains itself')
  if (value instanceof Map || value instanceof Set) return fail(`a ${value instanceof Map ? 'Map' : 'Set'} cannot be written as JSON; use a plain object or an array`)
  if (typeof object.toJSON === 'function') {
    let json: unknown
    try {
      json = (object.toJSON as (key: string) => unknown)(String(path[path.length - 1] ?? ''))
    } catch (error) {
      return fail(`toJSON() failed: ${error instanceof Error ? error.message : String(error)}`)
    }
    if (json !== object) {
      walk.ancestors.add(object)
      const plain = json !== null && typeof json === 'object' && typeof (json as { toJSON?: unknown }).toJSON === 'function'
        ? referenceCopyEntries(json as Record<string, unknown>, path, walk)
        : referenceToPlainJson(json, path, walk)
      walk.ancestors.delete(object)
      return plain
    }
  }
  walk.ancestors.add(object)
  const copy = Array.isArray(object)
    ? object.map((item, i) => referenceToPlainJson(item, [...path, i], { ...walk, renames: true }) ?? null)
    : referenceCopyEntries(object, path, walk)
  walk.ancestors.delete(object)
  return copy
}

function referenceCopyEntries(object: Record<string, unknown>, path: (string | number)[], walk: Walk): Record<string, unknown> {
  const renames = walk.renames ? referenceRenamesOf(object) : undefined
  const copy: Record<string, unknown> = {}
  const renamedFrom = new Map<string, string>()
  for (const key of Object.keys(object)) {
    const wireKey = renames?.get(key) ?? key
    const value = referenceToPlainJson(object[key], [...path, wireKey], { ...walk, renames: !FREE_FORM_MAPS.has(wireKey) })
    if (value === undefined) continue
    if (Object.hasOwn(copy, wireKey)) {
      const first = renamedFrom.get(wireKey) ?? wireKey
      walk.issues.push({ document: walk.document, path: toFieldPath(path), message: `both "${first}" and "${key}" set the field "${wireKey}"; keep one` })
      continue
    }
    if (wireKey !== key) renamedFrom.set(wireKey, key)
    Object.defineProperty(copy, wireKey, { value, writable: true, enumerable: true, configurable: true })
  }
  return copy
}

function referenceRenamesOf(object: Record<string, unknown>): ReadonlyMap<string, string> {
  const map = (object.constructor as { attributeTypeMap?: unknown } | undefined)?.attributeTypeMap
  if (!Array.isArray(map)) return CLIENT_NODE_RENAMES
  const renames = new Map(CLIENT_NODE_RENAMES)
  for (const entry of map as { name?: unknown; baseName?: unknown }[]) {
    if (typeof entry?.name === 'string' && typeof entry.baseName === 'string' && entry.name !== entry.baseName) renames.set(entry.name, entry.baseName)
  }
  return renames
}

function referenceTimestamp(date: { toISOString(): unknown }, fail: (message: string) => undefined): string | undefined {
  let iso: unknown
  try {
    iso = date.toISOString()
  } catch {
    return fail('invalid date')
  }
  if (typeof iso !== 'string') return fail('toISOString() did not return a string')
  return iso.replace(/^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.\d{3}Z$/, '$1Z')
}

class V1Peer {
  constructor(public _from?: unknown, public ports?: unknown) {}
  static readonly attributeTypeMap = [{ name: '_from', baseName: 'from' }, { name: 'ports', baseName: 'ports' }]
}

function withKeys(entries: [string, unknown][]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, writable: true, enumerable: true, configurable: true })
  return out
}

const key = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'toString', '_from', 'from', '_default', 'default', 'data', 'stringData', 'metadata', 'a.b', 'x y', '0', '10'), fc.string({ maxLength: 3 }))
const leaf = fc.oneof(
  fc.string({ maxLength: 4 }),
  fc.double(),
  fc.constantFrom(-0, NaN, Infinity, 1n, undefined, null, true, () => 1, Symbol('s')),
  fc.constantFrom(new Date(0), new Date(Number.NaN), new Map(), new Set([1])),
)
const value = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, tie('list'), tie('map'), tie('special')),
  list: fc.array(tie('value'), { maxLength: 4 }).map((items) => (items.length > 2 ? (delete items[1], items) : items)),
  map: fc.array(fc.tuple(key, tie('value')), { maxLength: 4 }).map(withKeys),
  special: fc.oneof(
    tie('value').map((v) => ({ toJSON: () => v })),
    tie('value').map((v) => ({ toJSON: () => ({ toJSON: () => 1, inner: v }) })),
    fc.constant({ toJSON: () => { throw new Error('boom') } }),
    fc.tuple(tie('value'), tie('value')).map(([a, b]) => new V1Peer(a, b)),
    tie('map').map((m) => Object.assign(m as object, { self: m })),
  ),
})).value

describe('normalizeInput', () => {
  it('copies and reports exactly as the walk it replaced', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 3 }), (entries) => {
        const result = normalizeInput(entries)
        const issues: ValidationIssue[] = []
        const objects: unknown[] = []
        entries.forEach((entry, i) => {
          if (entry === null || entry === undefined || typeof entry !== 'object' || Array.isArray(entry)) return
          const own: ValidationIssue[] = []
          const object = referenceToPlainJson(entry, [], { document: i + 1, issues: own, ancestors: new Set(), renames: true })
          issues.push(...own)
          if (!own.length && object !== null && typeof object === 'object' && !Array.isArray(object)) objects.push(object)
        })
        // normalizeInput's own checks of what a document is (unchanged code) are left out of the comparison.
        expect(result.issues.filter((issue) => !issue.message.startsWith('expected a Kubernetes object'))).toEqual(issues)
        expect(result.objects.length).toBe(objects.length)
        result.objects.forEach((o, i) => expect(sameShape(o.object, objects[i])).toBe(true))
      }),
      { numRuns: 3_000 },
    )
  })

  it('refuses nesting deeper than the limit at the same path', () => {
    let deep: unknown = 'leaf'
    for (let i = 0; i < MAX_NESTING_DEPTH + 2; i++) deep = { a: [deep] }
    const issues: ValidationIssue[] = []
    referenceToPlainJson(deep, [], { document: 1, issues, ancestors: new Set(), renames: true })
    expect(normalizeInput(deep).issues).toEqual(issues)
  })
})
