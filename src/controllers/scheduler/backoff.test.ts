// semantics.md §3.5 and Testable facts (3) #6: 1 s doubling, capped at 10 s.
import { describe, expect, it } from 'vitest'
import { backoffMs } from './backoff'

describe('backoffMs (semantics.md §3.5)', () => {
  it('doubles from 1 s to the 10 s cap', () => {
    expect([1, 2, 3, 4, 5, 6, 20].map((a) => backoffMs(a))).toEqual([1000, 2000, 4000, 8000, 10000, 10000, 10000])
  })
  it('waits 8 s before the 5th attempt after 4 failures (Testable fact 6)', () => {
    expect(backoffMs(4)).toBe(8000)
  })
})
