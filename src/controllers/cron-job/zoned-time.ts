// Go time formats the CronJob controller writes, from epoch milliseconds without the Date global:
// RFC 3339 in an IANA zone (the scheduled-timestamp annotation) and RFC 1123Z in UTC (MissSchedule).
// Zone offsets come from Intl, which accepts epoch numbers.
import { toRfc3339 } from '../../sim/time'

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const formatters = new Map<string, Intl.DateTimeFormat>()

/** The zone's UTC offset at an instant, in minutes east of UTC. */
export function zoneOffsetMinutes(ms: number, zone: string): number {
  let f = formatters.get(zone)
  if (!f) formatters.set(zone, (f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })))
  const name = f.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT'
  const m = /^GMT([+-])(\d{2}):?(\d{2})?$/.exec(name)
  if (!m) return 0
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0))
}

/** Go's time.RFC3339 of `ms` in `zone`: "2024-01-01T09:00:00+09:00", or "…Z" for UTC. */
export function toZonedRfc3339(ms: number, zone: string | undefined): string {
  if (!zone || zone === 'UTC') return toRfc3339(ms)
  const offset = zoneOffsetMinutes(ms, zone)
  if (offset === 0) return toRfc3339(ms)
  const local = toRfc3339(ms + offset * 60_000).slice(0, -1)
  const abs = Math.abs(offset)
  return `${local}${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}

/** Go's time.RFC1123Z in UTC: "Mon, 01 Jan 2024 00:05:00 +0000". */
export function toRfc1123z(ms: number): string {
  const text = toRfc3339(ms) // 2024-01-01T00:05:00Z
  const days = Math.floor(ms / 86_400_000)
  const weekday = WEEKDAYS[(((days + 4) % 7) + 7) % 7]
  const [date, time] = text.slice(0, -1).split('T')
  const [year, month, day] = date.split('-')
  return `${weekday}, ${day} ${MONTHS[Number(month) - 1]} ${year} ${time} +0000`
}
