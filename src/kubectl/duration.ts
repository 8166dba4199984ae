// Ages and durations exactly as apimachinery's pkg/util/duration prints them.
// Owns: humanDuration (HumanDuration, used by AGE, DURATION and event ages), shortHumanDuration,
// and translateTimestampSince (the `<unknown>` rule for absent timestamps).
import { timestampMs } from './time'

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE

/** Go's int(d.Seconds()): truncation toward zero. */
const truncate = (x: number): number => Math.trunc(x)

/** apimachinery duration.HumanDuration: `59s`, `3m10s`, `10m`, `3h1m`, `8h`, `2d1h`, `8d`, `2y1d`, `8y`. */
export function humanDuration(ms: number): string {
  const seconds = truncate(ms / SECOND)
  if (seconds < -1) return '<invalid>'
  if (seconds < 0) return '0s'
  if (seconds < 60 * 2) return `${seconds}s`
  const minutes = truncate(ms / MINUTE)
  if (minutes < 10) {
    const s = seconds % 60
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`
  }
  if (minutes < 60 * 3) return `${minutes}m`
  const hours = truncate(ms / HOUR)
  if (hours < 8) {
    const m = minutes % 60
    return m === 0 ? `${hours}h` : `${hours}h${m}m`
  }
  if (hours < 48) return `${hours}h`
  if (hours < 24 * 8) {
    const h = hours % 24
    return h === 0 ? `${truncate(hours / 24)}d` : `${truncate(hours / 24)}d${h}h`
  }
  if (hours < 24 * 365 * 2) return `${truncate(hours / 24)}d`
  if (hours < 24 * 365 * 8) {
    const dy = truncate(hours / 24) % 365
    const years = truncate(hours / 24 / 365)
    return dy === 0 ? `${years}y` : `${years}y${dy}d`
  }
  return `${truncate(hours / 24 / 365)}y`
}

/** apimachinery duration.ShortHumanDuration: one unit only (`45s`, `3m`, `5h`, `12d`, `2y`). */
export function shortHumanDuration(ms: number): string {
  const seconds = truncate(ms / SECOND)
  if (seconds < -1) return '<invalid>'
  if (seconds < 0) return '0s'
  if (seconds < 60) return `${seconds}s`
  const minutes = truncate(ms / MINUTE)
  if (minutes < 60) return `${minutes}m`
  const hours = truncate(ms / HOUR)
  if (hours < 24) return `${hours}h`
  if (hours < 24 * 365) return `${truncate(hours / 24)}d`
  return `${truncate(ms / HOUR / 24 / 365)}y`
}

/** printers' translateTimestampSince: `<unknown>` for an absent timestamp, else HumanDuration(now − t). */
export function translateTimestampSince(timestamp: unknown, nowMs: number): string {
  return translateMsSince(timestampMs(timestamp), nowMs)
}

/** The same for a time already in milliseconds (undefined = Go's zero time). */
export function translateMsSince(ms: number | undefined, nowMs: number): string {
  return ms === undefined ? '<unknown>' : humanDuration(nowMs - ms)
}
