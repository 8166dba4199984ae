// Structural equality of JSON-like API values (semantic.DeepEqual for plain objects).
// Treats a missing key and a key holding undefined alike; arrays compare in order. Allocation-free,
// because the store runs it on every write to detect writes that change nothing.

export function isDeepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!isDeepEqual(a[i], b[i])) return false
    return true
  }
  if (Array.isArray(b)) return false
  const left = a as Record<string, unknown>
  const right = b as Record<string, unknown>
  let leftCount = 0
  for (const key in left) {
    if (left[key] === undefined) continue
    leftCount++
    if (!isDeepEqual(left[key], right[key])) return false
  }
  let rightCount = 0
  for (const key in right) if (right[key] !== undefined) rightCount++
  return leftCount === rightCount
}
