// Event names end in the hex nanoseconds since the epoch (`pod.17f2a3b4c5d6e7f8`). Today's exceed
// 2⁵³, so a plain number would round; a BigInt per event is slow. They are kept as high·2²⁴ + low
// instead, with the high part's hex computed once per instant.

/** Nanoseconds since the epoch of one millisecond instant; a BigInt before the epoch or past 2⁵³ ms. */
export type EpochNanoseconds = { high: number; low: number; highHex: string } | bigint

/** 2²⁴ = 16⁶: under the high part sit exactly six hex digits. */
const LOW_UNIT = 2 ** 24
/** Two hex digits per byte value, `00`..`ff`. */
const BYTE_HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'))

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
  // The names of one instant differ only in their last digits (the count of events before, at that
  // instant): all but the last two digits are kept from the previous call and reused.
  const lowHead = low >>> 8
  if (high !== lastHigh || lowHead !== lastLowHead) {
    lastHigh = high
    lastLowHead = lowHead
    lastHead = (carry === 0 ? nanos.highHex : high.toString(16)) + BYTE_HEX[lowHead >>> 8] + BYTE_HEX[lowHead & 255]
  }
  return lastHead + BYTE_HEX[low & 255]
}

/** The previous call's hex but for its last two digits, and the high part and low bytes it stands for. */
let lastHigh = -1
let lastLowHead = -1
let lastHead = ''
