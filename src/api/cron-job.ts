// batch/v1 CronJob: schema, defaults (SetDefaults_CronJob: concurrencyPolicy Allow, suspend false, history
// limits 3/1, plus the job template's pod-template defaults) and validation (name at most 52 characters,
// a 5-field or descriptor schedule without TZ=, timeZone known, job template valid).
import { z } from 'zod'
import { Int32, Int64 } from './integers'
import type { FieldIssue, KindInfo } from './kind-info'
import { ObjectMeta } from './meta'
import { JobSpec, validateJobSpec } from './job'
import { ObjectReference } from './object-reference'
import { applyPodTemplateDefaults } from './pod-spec-defaults'
import { checkNonNegative, invalidIssue, requiredIssue, unsupportedIssue } from './field-issues'
import { validateAnnotationKeys, validateLabels } from './names'

/** 63 (DNS-1035 label) minus 11 characters reserved for the '-<scheduled minutes>' suffix of Job names. */
export const CRONJOB_NAME_MAX_LENGTH = 52

export const JobTemplateSpec = z.looseObject({
  metadata: ObjectMeta.optional(),
  spec: JobSpec,
})
export type JobTemplateSpec = z.infer<typeof JobTemplateSpec>

export const CronJobSpec = z.looseObject({
  schedule: z.string(),
  timeZone: z.string().optional(),
  startingDeadlineSeconds: Int64.optional(),
  concurrencyPolicy: z.enum(['Allow', 'Forbid', 'Replace']).optional(),
  suspend: z.boolean().optional(),
  jobTemplate: JobTemplateSpec,
  successfulJobsHistoryLimit: Int32.optional(),
  failedJobsHistoryLimit: Int32.optional(),
})
export type CronJobSpec = z.infer<typeof CronJobSpec>

export const CronJobStatus = z.looseObject({
  active: z.array(ObjectReference).optional(),
  lastScheduleTime: z.string().optional(),
  lastSuccessfulTime: z.string().optional(),
})
export type CronJobStatus = z.infer<typeof CronJobStatus>

export const CronJob = z.looseObject({
  apiVersion: z.literal('batch/v1'),
  kind: z.literal('CronJob'),
  metadata: ObjectMeta,
  spec: CronJobSpec,
  status: CronJobStatus.optional(),
})
export type CronJob = z.infer<typeof CronJob>

export function applyCronJobDefaults(cronJob: any): void {
  const spec = cronJob?.spec
  if (typeof spec !== 'object' || spec === null) return
  spec.concurrencyPolicy ??= 'Allow'
  spec.suspend ??= false
  spec.successfulJobsHistoryLimit ??= 3
  spec.failedJobsHistoryLimit ??= 1
  applyPodTemplateDefaults(spec.jobTemplate?.spec?.template)
}

const descriptors = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']

/** A light check of the robfig/cron standard syntax; the CronJob controller does the real parsing. */
function scheduleProblem(schedule: string): string | undefined {
  if (/(^|\s)(CRON_)?TZ=/.test(schedule)) return 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'
  const trimmed = schedule.trim()
  if (trimmed.startsWith('@')) {
    if (descriptors.includes(trimmed) || /^@every\s+\S+$/.test(trimmed)) return undefined
    return `unrecognized descriptor: ${trimmed}`
  }
  const fields = trimmed.split(/\s+/).filter((f) => f !== '')
  if (fields.length !== 5) return `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`
  return undefined
}

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

export function validateCronJob(cronJob: CronJob): FieldIssue[] {
  const spec = cronJob.spec
  const issues: FieldIssue[] = []
  const name = cronJob.metadata.name
  if (name && name.length > CRONJOB_NAME_MAX_LENGTH) {
    issues.push(invalidIssue(['metadata', 'name'], name, `must be no more than ${CRONJOB_NAME_MAX_LENGTH} characters`))
  }
  if (!spec.schedule) issues.push(requiredIssue(['spec', 'schedule']))
  else {
    const problem = scheduleProblem(spec.schedule)
    if (problem) issues.push(invalidIssue(['spec', 'schedule'], spec.schedule, problem))
  }
  if (spec.timeZone !== undefined && (spec.timeZone === '' || !isKnownTimeZone(spec.timeZone))) {
    issues.push(invalidIssue(['spec', 'timeZone'], spec.timeZone, `unknown time zone ${spec.timeZone}`))
  }
  issues.push(...checkNonNegative(['spec', 'startingDeadlineSeconds'], spec.startingDeadlineSeconds))
  issues.push(...checkNonNegative(['spec', 'successfulJobsHistoryLimit'], spec.successfulJobsHistoryLimit))
  issues.push(...checkNonNegative(['spec', 'failedJobsHistoryLimit'], spec.failedJobsHistoryLimit))
  const template = spec.jobTemplate
  issues.push(...validateLabels(template.metadata?.labels, ['spec', 'jobTemplate', 'metadata', 'labels']))
  issues.push(...validateAnnotationKeys(template.metadata?.annotations, ['spec', 'jobTemplate', 'metadata', 'annotations']))
  issues.push(...validateJobSpec(template.spec, ['spec', 'jobTemplate', 'spec']))
  // The Jobs' selectors are always generated.
  if (template.spec.selector) {
    issues.push(invalidIssue(['spec', 'jobTemplate', 'spec', 'selector'], template.spec.selector, '`selector` will be auto-generated'))
  }
  if (template.spec.manualSelector === true) {
    issues.push(unsupportedIssue(['spec', 'jobTemplate', 'spec', 'manualSelector'], true, ['nil', 'false']))
  }
  return issues
}

export const cronJobKind: KindInfo = {
  kind: 'CronJob',
  group: 'batch',
  version: 'v1',
  apiVersion: 'batch/v1',
  plural: 'cronjobs',
  singular: 'cronjob',
  shortNames: ['cj'],
  namespaced: true,
  nameRule: 'dns1123-subdomain',
  schema: CronJob,
  tracksGeneration: true,
  statusFields: ['status'],
  applyDefaults: applyCronJobDefaults,
  validate: validateCronJob,
}
