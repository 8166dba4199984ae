// Plain-JSON helpers for stored objects: deep copy of caller input (so nothing the caller holds
// aliases the store), deep freezing of what the store keeps, and structural sharing between versions.
import { isDeepEqual } from '../api/deep-equal'

export function cloneJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(cloneJson) as T
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value as object)) {
    const v = (value as Record<string, unknown>)[key]
    if (v === undefined) continue
    if (key === '__proto__') Object.defineProperty(out, key, { value: cloneJson(v), enumerable: true, writable: true, configurable: true })
    else out[key] = cloneJson(v)
  }
  return out as T
}

/**
 * Whether JSON text identifies `value`: only null, strings, booleans, finite numbers, arrays and
 * plain objects, and no undefined (JSON would drop it, or write null), all the way down.
 */
export function isPlainJson(value: unknown): boolean {
  if (value === null) return true
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true
    case 'number':
      return Number.isFinite(value)
    case 'object':
      break
    default:
      return false
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!isPlainJson(value[i])) return false
    return true
  }
  const prototype = Object.getPrototypeOf(value)
  if (prototype !== Object.prototype && prototype !== null) return false
  const record = value as Record<string, unknown>
  for (const key in record) if (!isPlainJson(record[key])) return false
  return true
}

/** Deep-freezes a freshly built plain object (immer's produce freezes what it builds; this covers creates). */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) freezeTree(value)
  return value
}

function freezeTree(value: object): void {
  Object.freeze(value)
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v = value[i]
      if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) freezeTree(v)
    }
  } else {
    const record = value as Record<string, unknown>
    for (const key in record) {
      const v = record[key]
      if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) freezeTree(v)
    }
  }
}

/**
 * Structural sharing for a write: replaces each subtree of `next` that deep-equals the subtree at
 * the same path in `previous` by `previous`'s (frozen) one, so unchanged parts are neither frozen
 * again nor kept twice. Returns `previous` when the whole value deep-equals it (as isDeepEqual:
 * a missing key and an undefined one are alike), else `next`. Mutates only unfrozen parts of
 * `next`, and only by swapping a value for a deep-equal one; `next` must be private to the caller.
 */
export function shareEqual<T>(next: T, previous: unknown): T {
  if (next === previous) return next
  if (next === null || typeof next !== 'object' || previous === null || typeof previous !== 'object') return next
  if (Object.isFrozen(next)) return (isDeepEqual(next, previous) ? previous : next) as T
  if (Array.isArray(next)) {
    if (!Array.isArray(previous)) return next
    let same = next.length === previous.length
    for (let i = 0; i < next.length; i++) {
      const v = next[i]
      const prev = i < previous.length ? previous[i] : undefined
      const s = shareEqual(v, prev)
      if (s !== v) next[i] = s
      if (s !== prev) same = false
    }
    return (same ? previous : next) as T
  }
  if (Array.isArray(previous)) return next
  const target = next as Record<string, unknown>
  const prev = previous as Record<string, unknown>
  let same = true
  let count = 0
  for (const key in target) {
    const v = target[key]
    if (v === undefined) continue
    count++
    const p = prev[key]
    const s = shareEqual(v, p)
    if (s !== v) target[key] = s
    if (s !== p) same = false
  }
  if (!same) return next
  for (const key in prev) if (prev[key] !== undefined && --count < 0) return next
  return (count === 0 ? previous : next) as T
}
