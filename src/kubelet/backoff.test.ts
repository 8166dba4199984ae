import { describe, expect, it } from 'vitest'
import { isInBackOffSince, nextBackoff } from './backoff'

describe('kubelet back-off (semantics.md §2.4)', () => {
  it('starts at 10 s, doubles, caps at 300 s', () => {
    let entry = nextBackoff(undefined, 0)
    const seen = [entry.backoffMs]
    for (let i = 0; i < 7; i++) seen.push((entry = nextBackoff(entry, (i + 1) * 1000)).backoffMs)
    expect(seen).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000])
  })

  it('resets after more than 600 s without an update', () => {
    const entry = { backoffMs: 160_000, lastUpdateMs: 0 }
    expect(nextBackoff(entry, 600_000).backoffMs).toBe(300_000)
    expect(nextBackoff(entry, 600_001).backoffMs).toBe(10_000)
  })

  it('is in back-off while less than the current delay passed since the failure', () => {
    const entry = { backoffMs: 10_000, lastUpdateMs: 0 }
    expect(isInBackOffSince(undefined, 5_000, 5_000)).toBe(false)
    expect(isInBackOffSince(entry, 5_000, 14_999)).toBe(true)
    expect(isInBackOffSince(entry, 5_000, 15_000)).toBe(false)
    expect(isInBackOffSince(entry, 700_000, 700_000)).toBe(false)
  })
})
