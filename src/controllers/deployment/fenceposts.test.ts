import { describe, expect, it } from 'vitest'
import { maxSurge, maxUnavailable, resolveFenceposts } from './fenceposts'

const rolling = (replicas: number, surge: number | string = '25%', unavailable: number | string = '25%') => ({
  spec: { replicas, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: surge, maxUnavailable: unavailable } } },
})

describe('fencepost resolution (semantics.md §5.4)', () => {
  it.each([
    [1, 1, 0],
    [2, 1, 0],
    [3, 1, 0],
    [4, 1, 1],
    [10, 3, 2],
    [100, 25, 25],
  ])('25%%/25%% of %i replicas resolves to surge %i, unavailable %i', (replicas, surge, unavailable) => {
    expect(maxSurge(rolling(replicas))).toBe(surge)
    expect(maxUnavailable(rolling(replicas))).toBe(unavailable)
  })

  it('forces maxUnavailable to 1 when both round to 0 (testable fact 5.5)', () => {
    expect(resolveFenceposts(0, '25%', 3)).toEqual({ surge: 0, unavailable: 1 })
  })

  it('caps maxUnavailable at replicas and reports 0 for Recreate or zero replicas', () => {
    expect(maxUnavailable(rolling(2, 0, 5))).toBe(2)
    expect(maxUnavailable(rolling(0))).toBe(0)
    expect(maxUnavailable({ spec: { replicas: 3, strategy: { type: 'Recreate' } } })).toBe(0)
    expect(maxSurge({ spec: { replicas: 3, strategy: { type: 'Recreate' } } })).toBe(0)
  })
})
