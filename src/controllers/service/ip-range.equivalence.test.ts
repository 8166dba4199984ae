// toIpv4Number reads addresses character by character; this checks it against the split-and-regex
// reading it replaced, on edge cases and on generated near-addresses.
import { describe, expect, it } from 'vitest'
import { toIpv4Number } from './ip-range'

function reference(text: string): number | undefined {
  const parts = text.split('.')
  if (parts.length !== 4) return undefined
  let n = 0
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined
    const octet = Number(part)
    if (octet > 255) return undefined
    n = n * 256 + octet
  }
  return n
}

describe('toIpv4Number', () => {
  it('agrees with the split-and-regex reading', () => {
    const fixed = ['10.96.0.1', '0.0.0.0', '255.255.255.255', '256.1.1.1', '1.1.1.256', '01.002.3.4', '1.2.3', '1.2.3.4.5', '1..2.3', '.1.2.3', '1.2.3.', '']
    fixed.push('1.2.3.4 ', ' 1.2.3.4', '1.2.3.4\n', '1.2.3.0x1', '1.2.3.1e2', '1.2.3.-1', '1.2.3.+1', '1.2.3.٣', '1234.1.1.1', 'a.b.c.d', '10.96.0.0/12')
    for (const text of fixed) expect(toIpv4Number(text), text).toBe(reference(text))
    // Deterministic near-addresses: mostly four parts (else three or five) of zero to four characters, mostly digits.
    let seed = 12345
    const next = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
      return (seed >>> 8) % n
    }
    const alphabet = '0123456789012345678901234567892555 x-'
    let valid = 0
    for (let i = 0; i < 20_000; i++) {
      const parts: string[] = []
      for (let p = next(4) === 0 ? 3 + 2 * next(2) : 4; p > 0; p--) {
        let part = ''
        for (let c = next(8) === 0 ? next(2) * 4 : 1 + next(3); c > 0; c--) part += alphabet[next(alphabet.length)]
        parts.push(part)
      }
      const text = parts.join('.')
      const expected = reference(text)
      if (expected !== undefined) valid++
      expect(toIpv4Number(text), JSON.stringify(text)).toBe(expected)
    }
    expect(valid).toBeGreaterThan(1000)
  })
})
