// CronJob schedule parsing and the most-recent-unmet-time rule (semantics §9.2–9.3).
import { describe, expect, it } from 'vitest'
import { parseRfc3339 } from '../../sim/time'
import { computeMostRecentSchedule, computeNextScheduleDelayMs, parseCronSchedule } from './cron-schedule'
import { planHistoryCleanup, toJobName } from './cron-job-controller'
import { toRfc1123z, toZonedRfc3339 } from './zoned-time'

const t = (s: string) => parseRfc3339(s)
const next = (schedule: string, after: string, zone?: string) => {
  const p = parseCronSchedule(schedule, zone)
  if (!p.ok) throw new Error(p.error)
  const ms = p.schedule.next(t(after))
  return ms === undefined ? undefined : new Intl.DateTimeFormat('en-CA', { timeZone: 'UTC', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(ms)
}

describe('schedules (§9.2)', () => {
  it('evaluates five-field schedules and descriptors in UTC', () => {
    expect(next('*/1 * * * *', '2024-01-01T00:00:30Z')).toBe('2024-01-01, 00:01')
    expect(next('0 * * * *', '2024-01-01T00:00:00Z')).toBe('2024-01-01, 01:00')
    expect(next('@daily', '2024-01-01T05:00:00Z')).toBe('2024-01-02, 00:00')
    expect(next('@weekly', '2024-01-01T05:00:00Z')).toBe('2024-01-07, 00:00')
    expect(next('@monthly', '2024-01-15T00:00:00Z')).toBe('2024-02-01, 00:00')
    expect(next('@yearly', '2024-01-15T00:00:00Z')).toBe('2025-01-01, 00:00')
  })
  it('ORs day-of-month and day-of-week like robfig/cron', () => {
    expect(next('0 0 13 * 5', '2024-01-06T00:00:00Z')).toBe('2024-01-12, 00:00')
  })
  it('applies spec.timeZone', () => {
    expect(next('30 2 * * *', '2024-01-01T00:00:00Z', 'America/New_York')).toBe('2024-01-01, 07:30')
    expect(next('0 9 * * *', '2024-01-01T00:00:00Z', 'Asia/Tokyo')).toBe('2024-01-02, 00:00')
  })
  it('rejects wrong field counts and unknown descriptors with robfig messages', () => {
    expect(parseCronSchedule('* * * *')).toEqual({ ok: false, error: 'expected exactly 5 fields, found 4: [* * * *]' })
    expect(parseCronSchedule('@fortnightly')).toEqual({ ok: false, error: 'unrecognized descriptor: @fortnightly' })
  })
  it('understands @every', () => {
    const p = parseCronSchedule('@every 90s')
    expect(p.ok && p.schedule.next(t('2024-01-01T00:00:00Z'))).toBe(t('2024-01-01T00:01:30Z'))
  })
})

describe('most recent unmet schedule time (§9.3)', () => {
  const hourly = (parseCronSchedule('0 * * * *') as { ok: true; schedule: any }).schedule
  it('starts only the most recent of several missed times', () => {
    const r = computeMostRecentSchedule(hourly, { creationMs: t('2024-01-01T00:30:00Z'), nowMs: t('2024-01-01T03:30:00Z') }, true)
    expect(r.mostRecentMs).toBe(t('2024-01-01T03:00:00Z'))
    expect(r.missed).toBe('few')
  })
  it('flags more than 100 missed times', () => {
    const r = computeMostRecentSchedule(hourly, { creationMs: t('2024-01-01T00:30:00Z'), nowMs: t('2024-01-06T00:30:00Z') }, true)
    expect(r.missed).toBe('many')
    expect(r.mostRecentMs).toBe(t('2024-01-06T00:00:00Z'))
  })
  it('startingDeadlineSeconds moves the earliest time forward', () => {
    const r = computeMostRecentSchedule(hourly, { creationMs: t('2024-01-01T00:30:00Z'), startingDeadlineSeconds: 60, nowMs: t('2024-01-01T03:30:00Z') }, true)
    expect(r.mostRecentMs).toBeUndefined()
  })
  it('wakes at the next schedule time plus 100 ms', () => {
    expect(computeNextScheduleDelayMs(hourly, { creationMs: t('2024-01-01T00:30:00Z'), lastScheduleMs: t('2024-01-01T03:00:00Z'), nowMs: t('2024-01-01T03:00:00.100Z') })).toBe(3_600_000)
  })
})

describe('job names, annotations and history', () => {
  it('names Jobs by scheduled minutes since the epoch (§9 fact 1)', () => {
    expect(toJobName('hello', t('2024-01-01T00:00:00Z'))).toBe('hello-28401120')
  })
  it('formats the scheduled timestamp in the CronJob zone and MissSchedule times as RFC 1123Z', () => {
    expect(toZonedRfc3339(t('2024-01-01T00:00:00Z'), undefined)).toBe('2024-01-01T00:00:00Z')
    expect(toZonedRfc3339(t('2024-01-01T00:00:00Z'), 'Asia/Tokyo')).toBe('2024-01-01T09:00:00+09:00')
    expect(toZonedRfc3339(t('2024-07-01T12:00:00Z'), 'America/New_York')).toBe('2024-07-01T08:00:00-04:00')
    expect(toRfc1123z(t('2024-01-01T00:05:00Z'))).toBe('Mon, 01 Jan 2024 00:05:00 +0000')
  })
  it('deletes the oldest finished Jobs beyond the limits, by start time', () => {
    const job = (name: string, start: string, type: 'Complete' | 'Failed') => ({
      apiVersion: 'batch/v1' as const,
      kind: 'Job' as const,
      metadata: { name },
      spec: { template: { spec: { containers: [] } } },
      status: { startTime: start, conditions: [{ type, status: 'True' as const }] },
    })
    const jobs = [job('a', '2024-01-01T00:03:00Z', 'Complete'), job('b', '2024-01-01T00:01:00Z', 'Complete'), job('c', '2024-01-01T00:02:00Z', 'Complete'), job('d', '2024-01-01T00:04:00Z', 'Complete'), job('e', '2024-01-01T00:00:00Z', 'Failed'), job('f', '2024-01-01T00:05:00Z', 'Failed')]
    expect(planHistoryCleanup(jobs, 3, 1).map((j) => j.metadata.name)).toEqual(['b', 'e'])
  })
})
