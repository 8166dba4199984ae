// For equivalence tests that hold a fast rewrite to a reference implementation: deep sameness down to
// what JSON equality cannot see.

/** Same values, own keys in the same order with the same descriptors (so the same holes), same prototypes, -0 apart from 0. */
export function sameShape(a: unknown, b: unknown): boolean {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return Object.is(a, b)
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false
  const ka = Reflect.ownKeys(a)
  const kb = Reflect.ownKeys(b)
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false
  return ka.every((k) => {
    const da = Object.getOwnPropertyDescriptor(a, k)!
    const db = Object.getOwnPropertyDescriptor(b, k)!
    return da.writable === db.writable && da.enumerable === db.enumerable && da.configurable === db.configurable && sameShape(da.value, db.value)
  })
}
