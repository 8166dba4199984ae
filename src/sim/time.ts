// RFC 3339 timestamps from virtual milliseconds, without the Date global (which would tempt
// wall-clock reads). Kubernetes API timestamps have second resolution; MicroTime has microseconds.

const MS_PER_DAY = 86_400_000

/** Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

/** The civil date of a day number since 1970-01-01. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp + (mp < 10 ? 3 : -9)
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day }
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

function civilParts(ms: number) {
  const days = Math.floor(ms / MS_PER_DAY)
  const msOfDay = ms - days * MS_PER_DAY
  const { year, month, day } = civilFromDays(days)
  const hour = Math.floor(msOfDay / 3_600_000)
  const minute = Math.floor((msOfDay % 3_600_000) / 60_000)
  const second = Math.floor((msOfDay % 60_000) / 1000)
  return { year, month, day, hour, minute, second, millis: msOfDay % 1000 }
}

/** `2025-01-01T00:00:05Z`: an API timestamp (metav1.Time), truncated to the second as upstream. */
export function toRfc3339(ms: number): string {
  // Writes at one instant stamp the same second over and over: keep the last text (and share it).
  const second = Math.floor(ms / 1000)
  if (second === lastSecond) return lastText
  const p = civilParts(ms)
  lastText = `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}Z`
  lastSecond = second
  return lastText
}

let lastSecond = Number.NaN
let lastText = ''

/** `2025-01-01T00:00:05.123000Z`: metav1.MicroTime, as used by Event.eventTime. */
export function toRfc3339Micro(ms: number): string {
  const p = civilParts(ms)
  const micros = pad(Math.floor((ms - Math.floor(ms / 1000) * 1000) * 1000), 6)
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}.${micros}Z`
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/

/** Milliseconds since the epoch of an RFC 3339 timestamp; NaN when it is not one. */
export function parseRfc3339(text: string): number {
  // Controllers parse the same few timestamps (conditions, creation times) on every reconcile.
  const known = parsed.get(text)
  if (known !== undefined) return known
  const ms = parseUncached(text)
  if (parsed.size >= 4096) parsed.clear()
  parsed.set(text, ms)
  return ms
}

const parsed = new Map<string, number>()

function parseUncached(text: string): number {
  const m = RFC3339.exec(text)
  if (!m) return Number.NaN
  const [, y, mo, d, h, mi, s, frac, zulu, sign, oh, om] = m
  const month = Number(mo)
  const day = Number(d)
  if (month < 1 || month > 12 || day < 1 || day > 31) return Number.NaN
  let ms = daysFromCivil(Number(y), month, day) * MS_PER_DAY + Number(h) * 3_600_000 + Number(mi) * 60_000 + Number(s) * 1000
  if (frac) ms += Math.floor(Number(`0.${frac}`) * 1000)
  if (!zulu) ms -= (sign === '-' ? -1 : 1) * (Number(oh) * 3_600_000 + Number(om) * 60_000)
  return ms
}
