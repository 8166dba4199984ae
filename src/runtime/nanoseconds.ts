// Event names end in the hex nanoseconds since the epoch (`pod.17f2a3b4c5d6e7f8`). Today's exceed
// 2⁵³, so a plain number would round; a BigInt per event is slow. They are kept as high·2²⁴ + low
// instead, with the high part's hex computed once per instant.

/** Nanoseconds since the epoch of one millisecond instant; a BigInt before the epoch or past 2⁵³ ms. */
export type EpochNanoseconds = { high: number; low: number; highHex: string } | bigint

/** 2²⁴ = 16⁶: under the high part sit exactly six hex digits. */
const LOW_UNIT = 2 ** 24
const HEX_CODES = [...'0123456789abcdef'].map((c) => c.charCodeAt(0))

/** ms × 10⁶, exactly. A fractional ms throws the RangeError BigInt() throws. */
export function epochNanoseconds(ms: number): EpochNanoseconds {
  if (!(ms >= 0 && Number.isSafeInteger(ms))) return BigInt(ms) * 1_000_000n
  const rest = ms % LOW_UNIT
  const high = ((ms - rest) / LOW_UNIT) * 1_000_000
  return { high, low: rest * 1_000_000, highHex: high.toString(16) }
}

/** `nanos + extra` (extra ≥ 0, an integer) in lower-case hex without leading zeros, as BigInt's toString(16). */
export function nanosecondsHex(nanos: EpochNanoseconds, extra: number): string {
  if (typeof nanos === 'bigint') return (nanos + BigInt(extra)).toString(16)
  const sum = nanos.low + extra
  const carry = Math.floor(sum / LOW_UNIT)
  const high = nanos.high + carry
  const low = sum - carry * LOW_UNIT
  if (high === 0) return low.toString(16)
  const c = HEX_CODES
  const lowHex = String.fromCharCode(c[low >>> 20], c[(low >>> 16) & 15], c[(low >>> 12) & 15], c[(low >>> 8) & 15], c[(low >>> 4) & 15], c[low & 15])
  return (carry === 0 ? nanos.highHex : high.toString(16)) + lowHex
}
