// RFC 3339 timestamps to and from milliseconds since the Unix epoch, without the host clock.
// Owns: parseRfc3339 (days-from-civil), formatRfc3339, and Go's time.RFC1123Z layout used by describe.
// Everything is UTC; describe prints times with a +0000 offset, as kubectl does on a UTC machine.

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const mp = (month + 9) % 12
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

/** The civil date of a day count since 1970-01-01 (civil_from_days). */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day }
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/

/** Milliseconds since the epoch of an RFC 3339 timestamp; NaN when it is not one. */
export function parseRfc3339(s: string): number {
  const m = RFC3339.exec(s)
  if (!m) return NaN
  const [, y, mo, d, h, mi, se, frac, z, sign, oh, om] = m
  const days = daysFromCivil(Number(y), Number(mo), Number(d))
  let ms = ((days * 24 + Number(h)) * 60 + Number(mi)) * 60_000 + Number(se) * 1000
  if (frac) ms += Math.floor(Number(`0.${frac}`) * 1000)
  if (!z) {
    const offsetMs = (Number(oh) * 60 + Number(om)) * 60_000
    ms += sign === '+' ? -offsetMs : offsetMs
  }
  return ms
}

/** Milliseconds of an optional timestamp field; undefined when absent or unparsable (Go's zero time). */
export function toMs(value: unknown): number | undefined {
  if (typeof value !== 'string' || value === '') return undefined
  const ms = parseRfc3339(value)
  return Number.isNaN(ms) ? undefined : ms
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

/** `2024-01-01T00:00:00Z`: the seconds-precision form the API server writes. */
export function formatRfc3339(ms: number): string {
  const seconds = Math.floor(ms / 1000)
  const days = Math.floor(seconds / 86400)
  const rest = seconds - days * 86400
  const { year, month, day } = civilFromDays(days)
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(Math.floor(rest / 3600))}:${pad(Math.floor(rest / 60) % 60)}:${pad(rest % 60)}Z`
}

const WEEKDAYS = ['Thu', 'Fri', 'Sat', 'Sun', 'Mon', 'Tue', 'Wed'] // 1970-01-01 was a Thursday
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** Go's time.RFC1123Z in UTC: `Mon, 01 Jan 2024 00:00:00 +0000`. */
export function formatRfc1123z(ms: number): string {
  const seconds = Math.floor(ms / 1000)
  const days = Math.floor(seconds / 86400)
  const rest = seconds - days * 86400
  const { year, month, day } = civilFromDays(days)
  const weekday = WEEKDAYS[((days % 7) + 7) % 7]
  return `${weekday}, ${pad(day)} ${MONTHS[month - 1]} ${year} ${pad(Math.floor(rest / 3600))}:${pad(Math.floor(rest / 60) % 60)}:${pad(rest % 60)} +0000`
}
