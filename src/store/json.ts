// Plain-JSON helpers for stored objects: deep copy of caller input (so nothing the caller holds
// aliases the store) and deep freezing of what the store keeps.

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

/** Deep-freezes a freshly built plain object (immer's produce freezes what it builds; this covers creates). */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const key of Object.keys(value as object)) deepFreeze((value as any)[key])
  }
  return value
}
