// Timestamps as kubectl shows them. RFC 3339 parsing and formatting come from the simulation's own
// calendar code (sim/time.ts); this file adds what only kubectl needs: optional fields and Go's
// time.RFC1123Z layout used by describe. Everything is UTC (+0000), as kubectl on a UTC machine.
import { civilFromDays, parseRfc3339, toRfc3339 } from '../sim/time'

export { parseRfc3339 }

/** `2024-01-01T00:00:00Z`: the seconds-precision form the API server writes. */
export const formatRfc3339 = toRfc3339

/** Milliseconds of an optional timestamp field; undefined when absent or unparsable (Go's zero time). */
export function timestampMs(value: unknown): number | undefined {
  if (typeof value !== 'string' || value === '') return undefined
  const ms = parseRfc3339(value)
  return Number.isNaN(ms) ? undefined : ms
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')
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
