// Plain-JSON helpers for stored objects: deep copy of caller input (so nothing the caller holds
// aliases the store) and structural equality (so a write that changes nothing writes nothing).

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

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false
    return true
  }
  if (Array.isArray(b)) return false
  const ka = Object.keys(a).filter((k) => (a as any)[k] !== undefined)
  const kb = Object.keys(b).filter((k) => (b as any)[k] !== undefined)
  if (ka.length !== kb.length) return false
  for (const k of ka) if (!deepEqual((a as any)[k], (b as any)[k])) return false
  return true
}

/** Deep-freezes a freshly built plain object (immer's produce freezes what it builds; this covers creates). */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const key of Object.keys(value as object)) deepFreeze((value as any)[key])
  }
  return value
}
