// batch/v1 Job: schema, defaults (SetDefaults_Job and the registry's generated selector and pod labels, which
// need metadata.uid), validation (restartPolicy OnFailure/Never, selector auto-generated unless manualSelector)
// and the update rules (selector, template, completions, completionMode, podFailurePolicy are immutable).
import { z } from 'zod'
import { Int32, Int64 } from './integers'
import type { FieldIssue, KindInfo } from './kind-info'
import { LabelSelector, ObjectMeta } from './meta'
import { PodTemplateSpec } from './pod'
import { applyPodTemplateDefaults } from './pod-spec-defaults'
import { validatePodTemplate, validateSelectorForTemplate } from './pod-template-validation'
import { checkNonNegative, checkPositive, immutableIssue, invalidIssue, requiredIssue } from './field-issues'
import { isDeepEqual } from './deep-equal'

export const jobControllerUidLabel = 'batch.kubernetes.io/controller-uid'
export const legacyJobControllerUidLabel = 'controller-uid'
export const jobNameLabel = 'batch.kubernetes.io/job-name'
export const legacyJobNameLabel = 'job-name'
const MAX_INT32 = 2147483647

export const PodFailurePolicyRule = z.looseObject({
  action: z.enum(['FailJob', 'FailIndex', 'Ignore', 'Count']),
  onExitCodes: z
    .looseObject({ containerName: z.string().optional(), operator: z.enum(['In', 'NotIn']), values: z.array(Int32) })
    .optional(),
  onPodConditions: z.array(z.looseObject({ type: z.string(), status: z.enum(['True', 'False', 'Unknown']).optional() })).optional(),
})
export type PodFailurePolicyRule = z.infer<typeof PodFailurePolicyRule>

export const JobSpec = z.looseObject({
  parallelism: Int32.optional(),
  completions: Int32.optional(),
  activeDeadlineSeconds: Int64.optional(),
  podFailurePolicy: z.looseObject({ rules: z.array(PodFailurePolicyRule) }).optional(),
  successPolicy: z
    .looseObject({ rules: z.array(z.looseObject({ succeededIndexes: z.string().optional(), succeededCount: Int32.optional() })) })
    .optional(),
  backoffLimit: Int32.optional(),
  backoffLimitPerIndex: Int32.optional(),
  maxFailedIndexes: Int32.optional(),
  selector: LabelSelector.optional(),
  manualSelector: z.boolean().optional(),
  template: PodTemplateSpec,
  ttlSecondsAfterFinished: Int32.optional(),
  completionMode: z.enum(['NonIndexed', 'Indexed']).optional(),
  suspend: z.boolean().optional(),
  podReplacementPolicy: z.enum(['TerminatingOrFailed', 'Failed']).optional(),
  managedBy: z.string().optional(),
})
export type JobSpec = z.infer<typeof JobSpec>

export const JobCondition = z.looseObject({
  type: z.string(), // Complete, Failed, Suspended, FailureTarget, SuccessCriteriaMet
  status: z.enum(['True', 'False', 'Unknown']),
  lastProbeTime: z.string().nullable().optional(),
  lastTransitionTime: z.string().nullable().optional(),
  reason: z.string().optional(),
  message: z.string().optional(),
})
export type JobCondition = z.infer<typeof JobCondition>

export const JobStatus = z.looseObject({
  conditions: z.array(JobCondition).optional(),
  startTime: z.string().optional(),
  completionTime: z.string().optional(),
  active: Int32.optional(),
  succeeded: Int32.optional(),
  failed: Int32.optional(),
  terminating: Int32.optional(),
  ready: Int32.optional(),
  completedIndexes: z.string().optional(),
  failedIndexes: z.string().optional(),
  uncountedTerminatedPods: z.looseObject({ succeeded: z.array(z.string()).optional(), failed: z.array(z.string()).optional() }).optional(),
})
export type JobStatus = z.infer<typeof JobStatus>

export const Job = z.looseObject({
  apiVersion: z.literal('batch/v1'),
  kind: z.literal('Job'),
  metadata: ObjectMeta,
  spec: JobSpec,
  status: JobStatus.optional(),
})
export type Job = z.infer<typeof Job>

/** SetDefaults_Job on a JobSpec (no selector generation; CronJob job templates do not get these). */
export function applyJobSpecDefaults(spec: any): void {
  if (typeof spec !== 'object' || spec === null) return
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1
    spec.parallelism = 1
  }
  spec.parallelism ??= 1
  spec.backoffLimit ??= spec.backoffLimitPerIndex !== undefined ? MAX_INT32 : 6
  spec.completionMode ??= 'NonIndexed'
  spec.suspend ??= false
  spec.podReplacementPolicy ??= spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed'
  for (const rule of spec.podFailurePolicy?.rules ?? []) {
    for (const pattern of rule?.onPodConditions ?? []) pattern.status ??= 'True'
  }
}

/** The selector the API server generates for a Job without manualSelector. */
export function generatedJobSelector(uid: string): { matchLabels: Record<string, string> } {
  return { matchLabels: { [jobControllerUidLabel]: uid } }
}

export function applyJobDefaults(job: any): void {
  const spec = job?.spec
  if (typeof spec !== 'object' || spec === null) return
  applyJobSpecDefaults(spec)
  applyPodTemplateDefaults(spec.template)
  const uid: string | undefined = job.metadata?.uid
  const name: string | undefined = job.metadata?.name
  // jobStrategy.PrepareForCreate → generateSelector: labels are added only where absent; conflicts fail validation.
  if (spec.manualSelector !== true && uid && name && typeof spec.template === 'object' && spec.template !== null) {
    spec.template.metadata ??= {}
    spec.template.metadata.labels ??= {}
    const labels = spec.template.metadata.labels
    labels[jobControllerUidLabel] ??= uid
    labels[legacyJobControllerUidLabel] ??= uid
    labels[jobNameLabel] ??= name
    labels[legacyJobNameLabel] ??= name
    spec.selector ??= generatedJobSelector(uid)
  }
  // SetDefaults_Job: a Job without labels takes its template's labels (visible on every read).
  const templateLabels = spec.template?.metadata?.labels
  if (job.metadata && templateLabels && (!job.metadata.labels || Object.keys(job.metadata.labels).length === 0)) {
    job.metadata.labels = { ...templateLabels }
  }
}

/** ValidateJobSpec without the selector rules (shared with CronJob job templates); `path` points at the spec. */
export function validateJobSpec(spec: JobSpec, path: readonly (string | number)[]): FieldIssue[] {
  const issues: FieldIssue[] = []
  issues.push(...checkNonNegative([...path, 'parallelism'], spec.parallelism))
  issues.push(...checkNonNegative([...path, 'completions'], spec.completions))
  issues.push(...checkPositive([...path, 'activeDeadlineSeconds'], spec.activeDeadlineSeconds))
  issues.push(...checkNonNegative([...path, 'backoffLimit'], spec.backoffLimit))
  issues.push(...checkNonNegative([...path, 'backoffLimitPerIndex'], spec.backoffLimitPerIndex))
  issues.push(...checkNonNegative([...path, 'ttlSecondsAfterFinished'], spec.ttlSecondsAfterFinished))
  if (spec.completionMode === 'Indexed' && spec.completions === undefined) {
    issues.push(requiredIssue([...path, 'completions'], 'when completion mode is Indexed'))
  }
  issues.push(...validatePodTemplate(spec.template, [...path, 'template'], { restartPolicies: ['OnFailure', 'Never'] }))
  if (spec.podFailurePolicy && spec.template.spec.restartPolicy !== 'Never') {
    issues.push(
      invalidIssue([...path, 'template', 'spec', 'restartPolicy'], spec.template.spec.restartPolicy ?? '', 'only "Never" is supported when podFailurePolicy is specified'),
    )
  }
  return issues
}

export function validateJob(job: Job): FieldIssue[] {
  const spec = job.spec
  const issues = validateJobSpec(spec, ['spec'])
  if (spec.manualSelector === true) {
    issues.push(...validateSelectorForTemplate(spec.selector, spec.template, ['spec'], 'job'))
  } else if (job.metadata.uid) {
    // Before the store assigns a uid there is nothing to compare with.
    if (!isDeepEqual(spec.selector, generatedJobSelector(job.metadata.uid))) {
      issues.push(invalidIssue(['spec', 'selector'], spec.selector ?? null, '`selector` not auto-generated'))
    } else issues.push(...validateSelectorForTemplate(spec.selector, spec.template, ['spec'], 'job'))
  }
  return issues
}

/** Scheduling directives may change while a never-started Job is suspended. */
const mutableWhileSuspended = ['nodeSelector', 'tolerations', 'affinity', 'schedulingGates'] as const

export function validateJobUpdate(previous: Job, next: Job): FieldIssue[] {
  const before = previous.spec
  const after = next.spec
  const issues: FieldIssue[] = []
  if (!isDeepEqual(before.selector, after.selector)) issues.push(immutableIssue(['spec', 'selector'], after.selector ?? null))
  let template: unknown = after.template
  if (before.suspend === true && !previous.status?.startTime) {
    const spec: Record<string, unknown> = { ...after.template.spec }
    for (const field of mutableWhileSuspended) spec[field] = (before.template.spec as Record<string, unknown>)[field]
    const metadata = { ...after.template.metadata, labels: before.template.metadata?.labels, annotations: before.template.metadata?.annotations }
    template = { ...after.template, metadata, spec }
  }
  if (!isDeepEqual(before.template, template)) issues.push(immutableIssue(['spec', 'template'], after.template))
  // Elastic Indexed Jobs may change completions together with parallelism.
  const elastic = after.completionMode === 'Indexed' && after.completions === after.parallelism
  if (!elastic && before.completions !== after.completions) issues.push(immutableIssue(['spec', 'completions'], after.completions ?? null))
  for (const field of ['completionMode', 'podFailurePolicy', 'backoffLimitPerIndex', 'managedBy'] as const) {
    if (!isDeepEqual(before[field], after[field])) issues.push(immutableIssue(['spec', field], after[field] ?? null))
  }
  return issues
}

export const jobKind: KindInfo = {
  kind: 'Job',
  group: 'batch',
  version: 'v1',
  apiVersion: 'batch/v1',
  plural: 'jobs',
  singular: 'job',
  shortNames: [],
  namespaced: true,
  nameRule: 'dns1123-subdomain',
  schema: Job,
  tracksGeneration: true,
  statusFields: ['status'],
  applyDefaults: applyJobDefaults,
  validate: validateJob,
  validateUpdate: validateJobUpdate,
}
