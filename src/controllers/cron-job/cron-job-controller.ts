// The CronJob controller (`cronjob-controller`, [k8s] pkg/controller/cronjob/cronjob_controllerv2.go,
// semantics §9.3): reconciles status.active with the child Jobs, starts the most recent unmet schedule
// time (concurrencyPolicy, startingDeadlineSeconds, suspend), trims finished Jobs to the history
// limits and wakes again at the next schedule time + 100 ms on the virtual clock — no timers between.
import type { CronJob } from '../../api/cron-job'
import type { Job } from '../../api/job'
import { AlreadyExistsError } from '../../api/errors'
import type { Stored } from '../../api/meta'
import { defineController, type ReconcileContext } from '../../runtime/controller'
import { controllerRefTo, isControlledBy } from '../../runtime/owners'
import { parseRfc3339, toRfc3339 } from '../../sim/time'
import { keyOf, objectKey } from '../../store/keys'
import { computeMostRecentSchedule, computeNextScheduleDelayMs, isKnownTimeZone, parseCronSchedule, type ParsedSchedule } from './cron-schedule'
import { toRfc1123z, toZonedRfc3339 } from './zoned-time'

export const CRONJOB_CONTROLLER = 'cronjob-controller'
export const SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp'
const SOURCE = { component: CRONJOB_CONTROLLER }

type ObjectRef = NonNullable<NonNullable<CronJob['status']>['active']>[number]

export function finishedConditionOf(job: Job): 'Complete' | 'Failed' | undefined {
  const c = job.status?.conditions?.find((x) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True')
  return c?.type as 'Complete' | 'Failed' | undefined
}

/** `<cronjob>-<scheduled time in minutes since the epoch>` (getJobName). */
export function toJobName(cronJobName: string, scheduledMs: number): string {
  return `${cronJobName}-${Math.floor(Math.floor(scheduledMs / 1000) / 60)}`
}

/** Finished Jobs beyond the history limits, oldest start first (`removeOldestJobs`, `byJobStartTime`). */
export function planHistoryCleanup(jobs: readonly Job[], successfulLimit: number | undefined, failedLimit: number | undefined): Job[] {
  const byStart = (a: Job, b: Job) => {
    const sa = a.status?.startTime
    const sb = b.status?.startTime
    if (sa === undefined && sb !== undefined) return 1
    if (sa !== undefined && sb === undefined) return -1
    if (sa !== sb) return sa! < sb! ? -1 : 1
    return a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0
  }
  const out: Job[] = []
  for (const [kind, limit] of [['Complete', successfulLimit], ['Failed', failedLimit]] as const) {
    if (limit === undefined) continue
    const finished = jobs.filter((j) => finishedConditionOf(j) === kind).sort(byStart)
    out.push(...finished.slice(0, Math.max(0, finished.length - limit)))
  }
  return out
}

export function createCronJobController() {
  const parsed = new Map<string, ParsedSchedule>()
  const parse = (schedule: string, zone: string | undefined) => {
    const id = `${zone ?? ''}\u0000${schedule}`
    let p = parsed.get(id)
    if (!p) parsed.set(id, (p = parseCronSchedule(schedule, zone)))
    return p
  }
  return defineController({
    name: CRONJOB_CONTROLLER,
    for: 'CronJob',
    owns: ['Job'],
    reconcile(key, ctx) {
      const cronJob = ctx.store.get<Stored<CronJob>>('CronJob', key)
      if (!cronJob) return
      const children = ctx.store.dependents(cronJob.metadata.uid!).filter((o) => o.kind === 'Job' && isControlledBy(o, cronJob)) as unknown as Stored<Job>[]
      const result = syncCronJob(cronJob, children, ctx, parse)
      const deleted = new Set<string>()
      const cleanup = cronJob.metadata.deletionTimestamp ? [] : planHistoryCleanup(children, cronJob.spec.successfulJobsHistoryLimit, cronJob.spec.failedJobsHistoryLimit)
      for (const job of cleanup) {
        if (!ctx.store.get('Job', keyOf(job))) continue
        ctx.client.delete('Job', keyOf(job), { propagationPolicy: 'Background' })
        deleted.add(job.metadata.uid!)
        ctx.events.record(cronJob, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata.name}`, SOURCE)
      }
      const active = result.active.filter((ref) => !deleted.has(ref.uid ?? ''))
      ctx.client.patchStatus<Stored<CronJob>>('CronJob', key, (draft) => {
        const status = (draft.status ??= {})
        if (active.length) status.active = active
        else delete status.active
        if (result.lastScheduleTime) status.lastScheduleTime = result.lastScheduleTime
        if (result.lastSuccessfulTime) status.lastSuccessfulTime = result.lastSuccessfulTime
      })
      return result.requeueAfterMs !== undefined ? { requeueAfterMs: Math.max(0, result.requeueAfterMs) } : undefined
    },
  })
}

interface SyncResult {
  active: ObjectRef[]
  lastScheduleTime?: string
  lastSuccessfulTime?: string
  requeueAfterMs?: number
}

function syncCronJob(cronJob: Stored<CronJob>, children: readonly Stored<Job>[], ctx: ReconcileContext, parse: (s: string, z: string | undefined) => ParsedSchedule): SyncResult {
  const warn = (reason: string, message: string) => ctx.events.record(cronJob, 'Warning', reason, message, SOURCE)
  const note = (reason: string, message: string) => ctx.events.record(cronJob, 'Normal', reason, message, SOURCE)
  const status = cronJob.status ?? {}
  let active: ObjectRef[] = [...(status.active ?? [])]
  let lastSuccessfulTime = status.lastSuccessfulTime
  const result = (extra: Partial<SyncResult> = {}): SyncResult => ({ active, lastScheduleTime: status.lastScheduleTime, lastSuccessfulTime, ...extra })

  // 1. status.active against the child Jobs.
  const childUids = new Set<string>()
  for (const job of children) {
    childUids.add(job.metadata.uid!)
    const inActive = active.some((r) => r.uid === job.metadata.uid)
    const finished = finishedConditionOf(job)
    if (!inActive && !finished) warn('UnexpectedJob', `Saw a job that the controller did not create or forgot: ${job.metadata.name}`)
    else if (inActive && finished) {
      active = active.filter((r) => r.uid !== job.metadata.uid)
      note('SawCompletedJob', `Saw completed job: ${job.metadata.name}, status: ${finished}`)
    } else if (finished === 'Complete' && job.status?.completionTime) {
      if (!lastSuccessfulTime || parseRfc3339(job.status.completionTime) > parseRfc3339(lastSuccessfulTime)) lastSuccessfulTime = job.status.completionTime
    }
  }
  for (const ref of [...active]) {
    if (childUids.has(ref.uid ?? '')) continue
    if (ref.name && ctx.store.get('Job', objectKey(ref.namespace ?? cronJob.metadata.namespace, ref.name))) continue
    note('MissingJob', `Active job went missing: ${ref.name}`)
    active = active.filter((r) => r !== ref)
  }

  // 2. Nothing more while being deleted, with a bad zone, suspended or unparseable.
  if (cronJob.metadata.deletionTimestamp) return result()
  const zone = cronJob.spec.timeZone
  if (zone !== undefined && !isKnownTimeZone(zone)) {
    warn('UnknownTimeZone', `invalid timeZone: "${zone}": unknown time zone ${zone}`)
    return result()
  }
  if (cronJob.spec.suspend) return result()
  if (cronJob.spec.schedule.includes('TZ')) {
    warn('UnsupportedSchedule', `CRON_TZ or TZ used in schedule "${cronJob.spec.schedule}" is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`)
  }
  const parsed = parse(cronJob.spec.schedule, zone)
  if (!parsed.ok) {
    warn('UnparseableSchedule', `unparseable schedule: "${cronJob.spec.schedule}" : ${parsed.error}`)
    return result()
  }
  const schedule = parsed.schedule
  const nowMs = ctx.clock.now()
  const timing = {
    creationMs: parseRfc3339(cronJob.metadata.creationTimestamp!),
    lastScheduleMs: status.lastScheduleTime ? parseRfc3339(status.lastScheduleTime) : undefined,
    startingDeadlineSeconds: cronJob.spec.startingDeadlineSeconds,
    nowMs,
  }
  const requeue = () => computeNextScheduleDelayMs(schedule, timing)

  // 3. The most recent unmet schedule time.
  const recent = computeMostRecentSchedule(schedule, timing, true)
  if (recent.missed === 'many') warn('TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew')
  const scheduledMs = recent.mostRecentMs
  if (scheduledMs === undefined) return result({ requeueAfterMs: requeue() })

  // 4. Too late to start it.
  if (cronJob.spec.startingDeadlineSeconds !== undefined && scheduledMs + cronJob.spec.startingDeadlineSeconds * 1000 < nowMs) {
    warn('MissSchedule', `Missed scheduled time to start a job: ${toRfc1123z(scheduledMs)}`)
    return result({ requeueAfterMs: requeue() })
  }
  // 5. Already started.
  const jobName = toJobName(cronJob.metadata.name!, scheduledMs)
  if (active.some((r) => r.name === jobName) || timing.lastScheduleMs === scheduledMs) return result({ requeueAfterMs: requeue() })
  // 6. Forbid while one runs.
  if (cronJob.spec.concurrencyPolicy === 'Forbid' && active.length > 0) {
    note('JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid')
    return result({ requeueAfterMs: requeue() })
  }
  // 7. Replace what runs.
  if (cronJob.spec.concurrencyPolicy === 'Replace') {
    for (const ref of [...active]) {
      const jobKey = objectKey(ref.namespace ?? cronJob.metadata.namespace, ref.name ?? '')
      if (ctx.store.get('Job', jobKey)) ctx.client.delete('Job', jobKey, { propagationPolicy: 'Background' })
      active = active.filter((r) => r !== ref)
      note('SuccessfulDelete', `Deleted job ${ref.name}`)
    }
  }
  // 8. Create the Job for the scheduled time.
  const template = cronJob.spec.jobTemplate
  const annotations = { ...(template.metadata?.annotations ?? {}), [SCHEDULED_TIMESTAMP_ANNOTATION]: toZonedRfc3339(scheduledMs, zone) }
  let job: Job
  try {
    job = ctx.client.create<Stored<Job>>({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: jobName,
        namespace: cronJob.metadata.namespace,
        ...(template.metadata?.labels ? { labels: { ...template.metadata.labels } } : {}),
        annotations,
        ownerReferences: [controllerRefTo(cronJob)],
      },
      spec: JSON.parse(JSON.stringify(template.spec)),
    })
    note('SuccessfulCreate', `Created job ${job.metadata.name}`)
  } catch (error) {
    if (!(error instanceof AlreadyExistsError)) throw error
    const existing = ctx.store.get<Stored<Job>>('Job', objectKey(cronJob.metadata.namespace, jobName))
    if (!existing || !isControlledBy(existing, cronJob) || active.some((r) => r.uid === existing.metadata.uid)) return result()
    job = existing
  }
  active = [...active, { kind: 'Job', namespace: job.metadata.namespace, name: job.metadata.name, uid: job.metadata.uid, apiVersion: 'batch/v1', resourceVersion: job.metadata.resourceVersion }]
  const lastScheduleTime = toRfc3339(scheduledMs)
  return { active, lastScheduleTime, lastSuccessfulTime, requeueAfterMs: computeNextScheduleDelayMs(schedule, { ...timing, lastScheduleMs: scheduledMs }) }
}
