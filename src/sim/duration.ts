// Durations in the public API: milliseconds as a number, or Go-style strings ('500ms', '30s', '1h30m').

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 }
const PART = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/y

export type Duration = number | string

/** Parses a duration to milliseconds; throws a RangeError naming the bad input. */
export function toMs(duration: Duration): number {
  if (typeof duration === 'number') {
    if (!Number.isFinite(duration) || duration < 0) throw new RangeError(`invalid duration ${duration}: expected a non-negative number of milliseconds`)
    return duration
  }
  const text = duration.trim()
  if (text === '0') return 0
  let total = 0
  PART.lastIndex = 0
  let consumed = 0
  while (consumed < text.length) {
    PART.lastIndex = consumed
    const m = PART.exec(text)
    if (!m) throw new RangeError(`invalid duration "${duration}": expected a Go-style duration such as '500ms', '30s', '5m' or '1h30m'`)
    total += Number(m[1]) * UNIT_MS[m[2]]
    consumed = PART.lastIndex
  }
  if (consumed === 0) throw new RangeError(`invalid duration "${duration}": expected a Go-style duration such as '500ms', '30s', '5m' or '1h30m'`)
  return total
}
