import { describe, expect, it } from 'vitest'
import { createRandom } from './random'

describe('seeded random stream', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const a = createRandom(1)
    const b = createRandom(1)
    const c = createRandom(2)
    const seqA = Array.from({ length: 5 }, () => a.int(1000))
    expect(Array.from({ length: 5 }, () => b.int(1000))).toEqual(seqA)
    expect(Array.from({ length: 5 }, () => c.int(1000))).not.toEqual(seqA)
  })

  it('forks independent streams: drawing from one fork does not shift another', () => {
    const r1 = createRandom(7)
    const r2 = createRandom(7)
    const podA1 = r1.fork('pod-a')
    r1.fork('pod-b').float()
    r1.fork('pod-b').float()
    const podA2 = r2.fork('pod-a')
    expect([podA1.float(), podA1.float()]).toEqual([podA2.float(), podA2.float()])
  })

  it('stays in range and covers it', () => {
    const r = createRandom('range')
    const seen = new Set<number>()
    for (let i = 0; i < 1000; i++) {
      const v = r.int(6)
      expect(v).toBeGreaterThanOrEqual(0)
      expect(v).toBeLessThan(6)
      seen.add(v)
    }
    expect(seen.size).toBe(6)
    expect(r.shuffle([1, 2, 3, 4]).sort()).toEqual([1, 2, 3, 4])
  })
})
