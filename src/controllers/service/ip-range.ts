// IPv4 ranges for the Service allocators: parse a CIDR, turn addresses into numbers and back.
// Only IPv4: the simulated cluster is single-stack (ipFamilies [IPv4]).

export interface Ipv4Range {
  cidr: string
  /** The network address as a number. */
  base: number
  /** Number of addresses in the range, network and broadcast included. */
  size: number
}

/**
 * `10.96.0.5` → 174063621; undefined when the text is not a dotted-quad IPv4 address: four parts of
 * one to three ASCII digits, each at most 255. Read character by character (every Service admission
 * and endpoint sort asks): no split, no regular expression.
 */
export function toIpv4Number(text: string): number | undefined {
  let n = 0
  let octet = 0
  let digits = 0
  let parts = 1
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 46) {
      // '.': closes a non-empty part; a fifth part is not an address.
      if (digits === 0 || octet > 255 || parts === 4) return undefined
      n = n * 256 + octet
      octet = 0
      digits = 0
      parts++
    } else if (c >= 48 && c <= 57 && digits < 3) {
      octet = octet * 10 + (c - 48)
      digits++
    } else return undefined
  }
  if (parts !== 4 || digits === 0 || octet > 255) return undefined
  return n * 256 + octet
}

export function toIpv4Text(n: number): string {
  return [Math.floor(n / 16777216) % 256, Math.floor(n / 65536) % 256, Math.floor(n / 256) % 256, n % 256].join('.')
}

export function parseIpv4Cidr(cidr: string): Ipv4Range {
  const [address, bitsText] = cidr.split('/')
  const ip = toIpv4Number(address)
  const bits = Number(bitsText)
  if (ip === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) throw new RangeError(`invalid IPv4 CIDR ${JSON.stringify(cidr)}`)
  const size = 2 ** (32 - bits)
  return { cidr, base: ip - (ip % size), size }
}

/** Compares dotted-quad addresses numerically (`10.0.0.9` < `10.0.0.10`); non-IPs sort after, by text. */
export function compareIps(a: string, b: string): number {
  const x = cachedIpv4Number(a)
  const y = cachedIpv4Number(b)
  if (x !== undefined && y !== undefined) return x - y
  if (x !== undefined) return -1
  if (y !== undefined) return 1
  return a < b ? -1 : a > b ? 1 : 0
}

// Sorting thousands of endpoint addresses parses the same few texts again and again.
const parsed = new Map<string, number | undefined>()
function cachedIpv4Number(text: string): number | undefined {
  if (parsed.has(text)) return parsed.get(text)
  if (parsed.size > 100_000) parsed.clear()
  const n = toIpv4Number(text)
  parsed.set(text, n)
  return n
}
