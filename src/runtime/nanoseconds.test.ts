import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { epochNanoseconds, nanosecondsHex } from './nanoseconds'

const viaBigInt = (ms: number, extra: number) => (BigInt(ms) * 1_000_000n + BigInt(extra)).toString(16)

describe('epoch nanoseconds in hex', () => {
  it('spells ms × 10⁶ + extra exactly as BigInt does, across 2⁵³ and the 2²⁴ carries', () => {
    const instants = [0, 1, 16, 17, 16_777_215, 16_777_216, 1_735_689_600_000, 9_007_199_254, 9_007_199_255, Number.MAX_SAFE_INTEGER]
    for (const ms of instants) for (const extra of [0, 1, 15, 999_999, 1_000_000, 16_777_216, 40_000_000]) expect(nanosecondsHex(epochNanoseconds(ms), extra)).toBe(viaBigInt(ms, extra))
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.nat(5_000_000), (ms, extra) => nanosecondsHex(epochNanoseconds(ms), extra) === viaBigInt(ms, extra)),
      { numRuns: 20_000 },
    )
  })

  it('spells every count of a run at one instant, and instants that alternate, as BigInt does (the reused leading digits)', () => {
    for (const ms of [1_735_689_600_000, 1_735_689_600_001, 16_777_215]) {
      const nanos = epochNanoseconds(ms)
      for (let extra = 0; extra < 700; extra++) expect(nanosecondsHex(nanos, extra)).toBe(viaBigInt(ms, extra))
    }
    // Same low bytes, another high part (ms 2²⁴ apart), and back: the kept digits must not leak across.
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(1_735_689_600_000, 1_735_706_377_216, 1_735_689_600_001, 0), fc.nat(1_000)), { minLength: 1, maxLength: 30 }), (calls) =>
        calls.every(([ms, extra]) => nanosecondsHex(epochNanoseconds(ms), extra) === viaBigInt(ms, extra)),
      ),
      { numRuns: 2_000 },
    )
  })

  it('handles instants before the epoch, and rejects a fractional ms as BigInt does', () => {
    for (const ms of [-1, -1_000, -86_400_000_000]) expect(nanosecondsHex(epochNanoseconds(ms), 3)).toBe(viaBigInt(ms, 3))
    expect(() => epochNanoseconds(1.5)).toThrow(new RangeError('The number 1.5 cannot be converted to a BigInt because it is not an integer'))
  })
})
