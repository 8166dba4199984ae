import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createRandom, type Random } from '../sim/random'
import { hex } from './random-hex'

/** The digit-by-digit spelling the char-code buffer stands in for. */
function appended(random: Random, length: number): string {
  let s = ''
  for (let i = 0; i < length; i++) s += '0123456789abcdef'[random.int(16)]
  return s
}

describe('hex digits from the seeded stream', () => {
  it('spells the digits one draw each, whatever the lengths in turn, and leaves the stream where appending would', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.nat(70), { maxLength: 6 }), (seed, lengths) => {
        const a = createRandom(seed)
        const b = createRandom(seed)
        for (const length of lengths) expect(hex(a, length)).toBe(appended(b, length))
        expect(a.int(1_000_000)).toBe(b.int(1_000_000))
      }),
      { numRuns: 2_000 },
    )
  })
})
