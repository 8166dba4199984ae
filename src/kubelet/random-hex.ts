// Lower-case hex digits drawn from the seeded stream (container IDs, image digests, node UUIDs):
// one draw of int(16) per digit, so the stream advances exactly `length` times.
import type { Random } from '../sim/random'

const HEX_DIGITS = '0123456789abcdef'

export function hex(random: Random, length: number): string {
  let s = ''
  for (let i = 0; i < length; i++) s += HEX_DIGITS[random.int(16)]
  return s
}
