// Lower-case hex digits drawn from the seeded stream (container IDs, image digests, node UUIDs):
// one draw of int(16) per digit, so the stream advances exactly `length` times.
import type { Random } from '../sim/random'

/** Character codes of '0'–'9' and 'a'–'f'. */
const HEX_CODES = Array.from('0123456789abcdef', (digit) => digit.charCodeAt(0))

/**
 * The digits' codes of the string being built, reused by every call (calls never nest). Appending
 * digit by digit would build a chain of one intermediate string per digit (about 2 KB for a
 * 64-digit ID); one fromCharCode over the codes builds only the result.
 */
const codes: number[] = []

export function hex(random: Random, length: number): string {
  // Resizing is a slow path; the hot callers (container IDs, image digests) all ask for 64 digits.
  if (codes.length !== length) codes.length = length
  for (let i = 0; i < length; i++) codes[i] = HEX_CODES[random.int(16)]
  return String.fromCharCode.apply(null, codes)
}
