import { describe, expect, it } from 'vitest'
import { planSlowStartBatches } from './slow-start'

describe('planSlowStartBatches (semantics.md §4.2)', () => {
  it('creates 10 pods in batches 1, 2, 4, 3 (testable fact 4.1)', () => {
    expect(planSlowStartBatches(10)).toEqual([1, 2, 4, 3])
  })
  it('doubles up to the remainder: 500 → 1, 2, 4, …, 256, 237', () => {
    const batches = planSlowStartBatches(500)
    expect(batches).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 245])
    expect(batches.reduce((a, b) => a + b, 0)).toBe(500)
  })
  it('plans nothing for zero', () => {
    expect(planSlowStartBatches(0)).toEqual([])
  })
})
