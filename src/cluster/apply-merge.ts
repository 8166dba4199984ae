// What `kubectl apply` writes over an existing object: a three-way merge of the live object, the
// configuration last applied (kept in an annotation, as kubectl does) and the new manifest. Fields
// the manifest sets win; fields it stopped setting are removed; fields nobody applied (defaults,
// `kubectl scale`, controllers) are kept. Lists are replaced whole (kubectl merges some by key).

import { LAST_APPLIED_ANNOTATION as LAST_APPLIED } from '../api/meta'

export { LAST_APPLIED }

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

const isMap = (v: unknown): v is Record<string, Json> => v !== null && typeof v === 'object' && !Array.isArray(v)

export function threeWayMerge(live: Json, lastApplied: Json | undefined, manifest: Json): Json {
  if (!isMap(live) || !isMap(manifest)) return manifest
  const out: Record<string, Json> = { ...live }
  const last = isMap(lastApplied) ? lastApplied : {}
  for (const key of Object.keys(last)) if (!(key in manifest)) delete out[key]
  for (const key of Object.keys(manifest)) out[key] = threeWayMerge(live[key] as Json, last[key], manifest[key])
  return out
}

/**
 * `JSON.parse(JSON.stringify(value))` for plain data (documents, stored objects), without the text:
 * non-finite numbers become null, -0 becomes 0, holes and dropped items in lists become null,
 * undefined, functions and symbols vanish from maps, a bigint throws JSON.stringify's own TypeError,
 * and a `__proto__` key stays an own key, as JSON.parse makes it.
 */
export function jsonRoundTrip<T>(value: T): T {
  return copyJson(value) as T
}

function copyJson(value: unknown): unknown {
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value) ? value + 0 : null
    case 'bigint':
      return JSON.stringify(value)
    case 'object':
      break
    default:
      return value
  }
  if (value === null) return null
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length)
    for (let i = 0; i < value.length; i++) {
      const item = value[i]
      out[i] = isSkipped(item) ? null : copyJson(item)
    }
    return out
  }
  const object = value as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(object)) {
    const v = object[key]
    if (isSkipped(v)) continue
    // A key the prototype also has (`__proto__`, `constructor`) must become an own data property.
    if (key in out) Object.defineProperty(out, key, { value: copyJson(v), writable: true, enumerable: true, configurable: true })
    else out[key] = copyJson(v)
  }
  return out
}

/**
 * The annotation value kubectl writes: compact JSON with keys sorted (Go's map marshalling) and a
 * newline, without the annotation itself. `manifest` is plain data (a ParsedDocument object). Written
 * in one pass, as JSON.stringify would write the manifest after a JSON round-trip, without the
 * annotation (and without `annotations` when nothing else is left), with every object's keys sorted.
 */
export function lastAppliedAnnotation(manifest: Record<string, unknown>): string {
  return `${writeSorted(manifest, MANIFEST)}\n`
}

/** Where writeSorted is: the manifest, its metadata, its annotations (which drop LAST_APPLIED), elsewhere. */
const ELSEWHERE = 0
const MANIFEST = 1
const METADATA = 2
const ANNOTATIONS = 3
type Scope = typeof ELSEWHERE | typeof MANIFEST | typeof METADATA | typeof ANNOTATIONS

/** What JSON.stringify leaves out of an object (and writes as null in an array). */
const isSkipped = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol'

function writeSorted(value: unknown, scope: Scope): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value)
  if (Array.isArray(value)) {
    let out = '['
    for (let i = 0; i < value.length; i++) {
      const item = value[i]
      out += `${i === 0 ? '' : ','}${isSkipped(item) ? 'null' : writeSorted(item, ELSEWHERE)}`
    }
    return `${out}]`
  }
  const object = value as Record<string, unknown>
  const keys: string[] = []
  for (const key of Object.keys(object)) {
    const v = object[key]
    if (isSkipped(v)) continue
    if (scope === ANNOTATIONS && key === LAST_APPLIED) continue
    if (scope === METADATA && key === 'annotations' && annotationsDropped(v)) continue
    keys.push(key)
  }
  let out = '{'
  let first = true
  for (const key of jsonKeyOrder(keys)) {
    // Assigning `__proto__` to a fresh object sets its prototype: the round-tripped copy never kept it.
    if (key === '__proto__') continue
    const childScope = scope === MANIFEST && key === 'metadata' ? METADATA : scope === METADATA && key === 'annotations' ? ANNOTATIONS : ELSEWHERE
    out += `${first ? '' : ','}${JSON.stringify(key)}:${writeSorted(object[key], childScope)}`
    first = false
  }
  return `${out}}`
}

/**
 * Whether `annotations` left nothing once the annotation is removed. In the JSON copy, a truthy value
 * with no keys went: a map with only the annotation, an empty list, a non-zero finite number, true.
 */
function annotationsDropped(annotations: unknown): boolean {
  if (annotations === null) return false
  switch (typeof annotations) {
    case 'number':
      return Number.isFinite(annotations) && annotations !== 0
    case 'boolean':
      return annotations
    case 'object':
      if (Array.isArray(annotations)) return annotations.length === 0
      for (const key of Object.keys(annotations)) if (key !== LAST_APPLIED && !isSkipped((annotations as Record<string, unknown>)[key])) return false
      return true
    default:
      return false
  }
}

/** Sorted keys in the order an object built by inserting them sorted lists them: array indexes first, by value. */
function jsonKeyOrder(keys: string[]): string[] {
  keys.sort()
  let indexes: string[] | undefined
  for (const key of keys) if (isArrayIndex(key)) (indexes ??= []).push(key)
  if (!indexes) return keys
  return [...indexes.sort((a, b) => Number(a) - Number(b)), ...keys.filter((key) => !isArrayIndex(key))]
}

function isArrayIndex(key: string): boolean {
  const c = key.charCodeAt(0)
  return c >= 48 && c <= 57 && /^(?:0|[1-9]\d*)$/.test(key) && Number(key) < 4294967295
}
