// Kubernetes resource quantities ('100m', '1Gi', '1e3', '2'): parsing, rounding and formatting.
// Parsing is exact (BigInt mantissa and exponents), so millicores and bytes round up exactly as
// upstream resource.Quantity's MilliValue()/Value() do, without float drift ('0.29' → 290m, not 291m).
// It does not keep the original format: callers that need to echo a quantity keep the string.
import { z } from 'zod'

/** The upstream validation pattern, quoted in error messages. */
export const quantityPattern = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'

const quantityRegex = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/

const decimalSuffixes: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 }
const binarySuffixes: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 }

/** value = sign × mantissa × 10^exp10 × 2^exp2, exactly. */
interface ExactQuantity {
  negative: boolean
  mantissa: bigint
  exp10: number
  exp2: number
}

/** A parsed quantity and the values read from it so far. */
interface Parsed {
  readonly exact: ExactQuantity
  value: number | undefined
  millis: number | undefined
  bytes: number | undefined
}

// Clusters repeat a handful of quantity strings ('100m', '128Mi', '4') millions of times; parsing
// (a regex) and rounding (BigInt arithmetic) are memoised per input, bounded so odd inputs cannot
// grow the memo forever.
const parsedCache = new Map<string | number, Parsed>()
const PARSED_CACHE_LIMIT = 10_000

function parsed(q: string | number): Parsed {
  const cached = parsedCache.get(q)
  if (cached) return cached
  const entry: Parsed = { exact: parseExact(q), value: undefined, millis: undefined, bytes: undefined }
  if (parsedCache.size >= PARSED_CACHE_LIMIT) parsedCache.clear()
  parsedCache.set(q, entry)
  return entry
}

function parseExact(q: string | number): ExactQuantity {
  const text = typeof q === 'number' ? numberToText(q) : q.trim()
  const match = quantityRegex.exec(text)
  if (!match) throw new Error(`quantities must match the regular expression '${quantityPattern}': ${JSON.stringify(q)}`)
  const [, sign, number, suffix = ''] = match
  const [whole, fraction = ''] = number.split('.')
  const mantissa = BigInt(`${whole}${fraction}` || '0')
  let exp10 = -fraction.length
  let exp2 = 0
  if (suffix in binarySuffixes) exp2 = binarySuffixes[suffix]
  else if (suffix in decimalSuffixes) exp10 += decimalSuffixes[suffix]
  else exp10 += Number(suffix.slice(1))
  return { negative: sign === '-', mantissa, exp10, exp2 }
}

function numberToText(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`quantity must be a finite number: ${n}`)
  // String(1e21) is '1e+21', which the regex accepts; String(1e-7) is '1e-7', also accepted.
  return String(n)
}

/** Whether `s` is a valid quantity string (or a finite number). */
export function isQuantity(s: unknown): boolean {
  if (typeof s === 'number') return Number.isFinite(s)
  return typeof s === 'string' && quantityRegex.test(s.trim())
}

/** The quantity in base units as a float: '100m' → 0.1, '1Gi' → 1073741824, '1e3' → 1000. Throws on garbage. */
export function parseQuantity(q: string | number): number {
  const p = parsed(q)
  return (p.value ??= toFloat(p.exact))
}

function toFloat({ negative, mantissa, exp10, exp2 }: ExactQuantity): number {
  // Number('123e-3') is correctly rounded, unlike 123 * 0.001.
  const value = Number(`${mantissa}e${exp10}`) * 2 ** exp2
  return negative ? -value : value
}

/** Rounds the exact value × 10^scale up to an integer (towards +∞, as upstream's ScaledValue does for positives). */
function scaledCeil({ negative, mantissa, exp10, exp2 }: ExactQuantity, scale: number): number {
  let numerator = mantissa * 2n ** BigInt(exp2)
  let denominator = 1n
  const e = exp10 + scale
  if (e >= 0) numerator *= 10n ** BigInt(e)
  else denominator = 10n ** BigInt(-e)
  let result = numerator / denominator
  // Upstream rounds away from zero for both signs; negative quantities are rare (never for requests).
  if (numerator % denominator !== 0n) result += 1n
  return Number(negative ? -result : result)
}

/** Integer millicores, rounded up like upstream MilliValue(): '100m' → 100, '0.5' → 500, '1' → 1000, '0.1m' → 1. */
export function parseCpuMillis(q: string | number): number {
  const p = parsed(q)
  return (p.millis ??= scaledCeil(p.exact, 3))
}

/** Integer base units (bytes for memory and storage), rounded up like upstream Value(): '1Gi' → 1073741824. */
export function parseBytes(q: string | number): number {
  const p = parsed(q)
  return (p.bytes ??= scaledCeil(p.exact, 0))
}

/** Millicores as kubectl prints them: 1000 → '1', 250 → '250m'. */
export function formatCpuMillis(millis: number): string {
  return millis % 1000 === 0 ? String(millis / 1000) : `${millis}m`
}

/** Bytes in the largest binary suffix that divides them exactly: 1073741824 → '1Gi', 1500 → '1500'. */
export function formatBytes(bytes: number): string {
  if (bytes === 0 || !Number.isInteger(bytes)) return String(bytes)
  const suffixes = ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki'] as const
  for (const suffix of suffixes) {
    const unit = 2 ** binarySuffixes[suffix]
    if (bytes % unit === 0) return `${bytes / unit}${suffix}`
  }
  return String(bytes)
}

/** The stored form of a quantity: numbers from YAML (`cpu: 1`) become the string '1', as the API server writes them. */
export function toQuantityString(q: string | number): string {
  return typeof q === 'number' ? numberToText(q) : q
}

/** A quantity field: numbers from YAML are accepted and stored as strings; anything else must match the pattern. */
export const Quantity = z.preprocess(
  (value) => (typeof value === 'number' && Number.isFinite(value) ? toQuantityString(value) : value),
  z.string().refine((s) => isQuantity(s), { message: `quantities must match the regular expression '${quantityPattern}'` }),
)
export type Quantity = z.infer<typeof Quantity>

/** A map of resource name to quantity (requests, limits, capacity, allocatable). */
export const ResourceList = z.record(z.string(), Quantity)
export type ResourceList = z.infer<typeof ResourceList>

/** Normalizes a resource map in place so that every quantity is stored as a string. */
export function normalizeResourceList(list: Record<string, unknown> | undefined): void {
  if (!list) return
  for (const [name, value] of Object.entries(list)) if (typeof value === 'number') list[name] = toQuantityString(value)
}
