// CronJob schedules (semantics §9.2): robfig/cron's ParseStandard syntax (five fields or a descriptor,
// day-of-month OR day-of-week, `@every <duration>`) evaluated in an IANA time zone, on virtual
// milliseconds. croner does the calendar arithmetic; it is handed and returns instants only as RFC 3339
// text and epoch milliseconds (the simulation never reads the wall clock). Pure.
import { Cron } from 'croner'
import { toRfc3339 } from '../../sim/time'

export interface CronSchedule {
  /** The first schedule time strictly after `afterMs` (whole seconds), or undefined when there is none. */
  next(afterMs: number): number | undefined
}

export type ParsedSchedule = { ok: true; schedule: CronSchedule } | { ok: false; error: string }

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
}

const GO_DURATION = /^(?:(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h))+$/
const GO_PART = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g
const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 }

/** Whether the runtime knows an IANA zone name (Go's time.LoadLocation). */
export function isKnownTimeZone(zone: string): boolean {
  if (zone === '' || zone === 'Local') return zone === ''
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/**
 * Parses like `cron.ParseStandard(formatSchedule(cj))`: `TZ=`/`CRON_TZ=` prefixes (accepted by the
 * parser but rejected by API validation) select the zone; otherwise `timeZone` (default UTC).
 */
export function parseCronSchedule(schedule: string, timeZone?: string): ParsedSchedule {
  let text = schedule.trim()
  let zone = timeZone || 'UTC'
  const tz = /^(?:CRON_TZ|TZ)=(\S+)\s+(.*)$/.exec(text)
  if (tz) {
    zone = tz[1]
    text = tz[2].trim()
  }
  if (!isKnownTimeZone(zone)) return { ok: false, error: `provided bad location ${zone}: unknown time zone ${zone}` }
  if (text === '') return { ok: false, error: 'empty spec string' }
  if (text.startsWith('@every')) {
    const duration = text.slice('@every'.length).trim()
    if (!GO_DURATION.test(duration)) return { ok: false, error: `failed to parse duration ${text}: time: invalid duration "${duration}"` }
    let delayMs = 0
    for (const m of duration.matchAll(GO_PART)) delayMs += Number(m[1]) * UNIT_MS[m[2]]
    // robfig rounds an @every delay below one second up to one second, and truncates to whole seconds.
    const stepMs = Math.max(1000, Math.floor(delayMs / 1000) * 1000)
    return { ok: true, schedule: { next: (afterMs) => Math.floor(afterMs / 1000) * 1000 + stepMs } }
  }
  if (text.startsWith('@')) {
    const expanded = DESCRIPTORS[text]
    if (!expanded) return { ok: false, error: `unrecognized descriptor: ${text}` }
    text = expanded
  }
  const fields = text.split(/\s+/)
  if (fields.length !== 5) return { ok: false, error: `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]` }
  let cron: Cron
  try {
    cron = new Cron(fields.join(' '), { paused: true, mode: '5-part', timezone: zone === 'UTC' ? undefined : zone, domAndDow: false })
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) }
  }
  // A sync asks for the same few instants again and again (last schedule, creation, the slot after):
  // remembering recent answers keeps croner's calendar arithmetic off the per-minute path.
  const memo = new Map<number, number | undefined>()
  return {
    ok: true,
    schedule: {
      next(afterMs) {
        const second = Math.floor(afterMs / 1000)
        if (memo.has(second)) return memo.get(second)
        const found = cron.nextRun(toRfc3339(afterMs))
        const ms = found ? found.getTime() : undefined
        if (memo.size >= 64) memo.clear()
        memo.set(second, ms)
        return ms
      },
    },
  }
}

export type MissedSchedules = 'none' | 'few' | 'many'

export interface MostRecentSchedule {
  earliestMs: number
  mostRecentMs: number | undefined
  missed: MissedSchedules
}

/**
 * `mostRecentScheduleTime` (pkg/controller/cronjob/utils.go): the latest schedule time in
 * (earliest, now], where earliest = lastScheduleTime or creation, raised to now − startingDeadlineSeconds
 * when asked. The number of missed times is estimated from the first interval, as upstream does.
 */
export function computeMostRecentSchedule(
  schedule: CronSchedule,
  input: { creationMs: number; lastScheduleMs?: number; startingDeadlineSeconds?: number; nowMs: number },
  includeStartingDeadline: boolean,
): MostRecentSchedule {
  const { nowMs } = input
  let earliestMs = input.lastScheduleMs ?? input.creationMs
  if (includeStartingDeadline && input.startingDeadlineSeconds !== undefined) {
    earliestMs = Math.max(earliestMs, nowMs - input.startingDeadlineSeconds * 1000)
  }
  const t1 = schedule.next(earliestMs)
  if (t1 === undefined || nowMs < t1) return { earliestMs, mostRecentMs: undefined, missed: 'none' }
  const t2 = schedule.next(t1)
  if (t2 === undefined || nowMs < t2) return { earliestMs, mostRecentMs: t1, missed: 'few' }
  const intervalSeconds = Math.round((t2 - t1) / 1000)
  if (intervalSeconds < 1) return { earliestMs, mostRecentMs: undefined, missed: 'none' }
  const missedCount = Math.floor(Math.floor((nowMs - t1) / 1000) / intervalSeconds) + 1
  let mostRecentMs: number | undefined
  const potentialEarliestMs = t1 + (missedCount - 2) * intervalSeconds * 1000
  for (let t = schedule.next(potentialEarliestMs); t !== undefined && t <= nowMs; t = schedule.next(t)) mostRecentMs = t
  return { earliestMs, mostRecentMs, missed: missedCount > 100 ? 'many' : 'few' }
}

/** The requeue delay after a sync: next schedule time after the most recent one, + 100 ms (`nextScheduleDelta`). */
export const NEXT_SCHEDULE_DELTA_MS = 100

export function computeNextScheduleDelayMs(schedule: CronSchedule, input: { creationMs: number; lastScheduleMs?: number; nowMs: number }): number | undefined {
  const recent = computeMostRecentSchedule(schedule, input, false)
  const from = recent.mostRecentMs ?? recent.earliestMs
  const next = schedule.next(from)
  if (next === undefined) return undefined
  return next + NEXT_SCHEDULE_DELTA_MS - input.nowMs
}
