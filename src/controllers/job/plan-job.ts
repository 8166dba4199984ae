// One Job sync as a pure plan ([k8s] pkg/controller/job/job_controller.go: syncJob, manageJob,
// trackJobStatusAndRemoveFinalizers; semantics §8.3–8.7): which finished pods to account (remove the
// job-tracking finalizer and add them to succeeded/failed), which pods to create (with indexes) or
// delete, the next status (counters, conditions with the delayed terminal condition, times) and the
// events. Guarantees: a sync either creates or deletes pods, never both; counters only grow by pods
// that still carried the finalizer, so no pod is counted twice. Not modelled: backoffLimitPerIndex,
// successPolicy, managedBy, orphan adoption, the 500-per-sync cap on finalizer removal.
import type { Job, JobCondition, JobStatus } from '../../api/job'
import type { Pod } from '../../api/pod'
import { parseRfc3339, toRfc3339 } from '../../sim/time'
import { firstPendingIndexes, formatIndexes, parseIndexes, podCompletionIndex } from './completion-indexes'
import { computeBackoffRecord, computeRemainingBackoffMs, type BackoffRecord } from './pod-failure-backoff'
import { matchPodFailurePolicy } from './pod-failure-policy'

export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking'
export const MAX_POD_CREATE_DELETE_PER_SYNC = 500

export interface JobEvent {
  type: 'Normal' | 'Warning'
  reason: string
  message: string
}

export interface JobPlan {
  /** Pods whose job-tracking finalizer is removed (they are accounted in `status`). */
  uncount: Pod[]
  /** New pods: one entry per pod, the completion index for Indexed Jobs. */
  create: (number | undefined)[]
  delete: Pod[]
  status: JobStatus
  events: JobEvent[]
  backoff: BackoffRecord
  requeueAfterMs?: number
}

export interface JobPlanOptions {
  nowMs: number
  backoff: BackoffRecord
  maxBackoffMs?: number
}

const isTerminal = (pod: Pod) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed'
const hasFinalizer = (pod: Pod) => pod.metadata.finalizers?.includes(JOB_TRACKING_FINALIZER) ?? false
const isReady = (pod: Pod) => pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false

export function isJobFinished(job: Job): boolean {
  return job.status?.conditions?.some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') ?? false
}

export function findCondition(status: JobStatus | undefined, type: string): JobCondition | undefined {
  return status?.conditions?.find((c) => c.type === type && c.status === 'True')
}

/** `isPodFailed`: Failed, or (default policy) being deleted without having succeeded. */
export function isPodFailed(pod: Pod, job: Job): boolean {
  if (pod.status?.phase === 'Failed') return true
  if (job.spec.podReplacementPolicy === 'Failed') return false
  return pod.metadata.deletionTimestamp !== undefined && pod.status?.phase !== 'Succeeded'
}

/** When a pod finished (`getFinishedTime`): latest container finishedAt, else Ready=False time, else deletion − grace, else creation. */
export function computePodFinishedMs(pod: Pod): number {
  let latest = Number.NaN
  for (const s of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
    const at = s.state?.terminated?.finishedAt
    if (at) {
      const ms = parseRfc3339(at)
      if (!(ms <= latest)) latest = ms
    }
  }
  if (!Number.isNaN(latest)) return latest
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'False')
  if (ready?.lastTransitionTime) return parseRfc3339(ready.lastTransitionTime)
  if (pod.metadata.deletionTimestamp) return parseRfc3339(pod.metadata.deletionTimestamp) - (pod.metadata.deletionGracePeriodSeconds ?? 0) * 1000
  return parseRfc3339(pod.metadata.creationTimestamp ?? '')
}

/** `wantActive` of manageJob (semantics §8.5). */
export function computeWantActive(completions: number | undefined, parallelism: number, succeeded: number, active: number): number {
  if (completions === undefined) return succeeded > 0 ? active : parallelism
  return Math.max(0, Math.min(completions - succeeded, parallelism))
}

/** Sum of container restarts of pending/running pods (`pastBackoffLimitOnFailure`). */
export function isPastBackoffLimitOnFailure(job: Job, pods: readonly Pod[]): boolean {
  if (job.spec.template.spec.restartPolicy !== 'OnFailure') return false
  let restarts = 0
  for (const pod of pods) {
    if (pod.status?.phase !== 'Running' && pod.status?.phase !== 'Pending') continue
    for (const s of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) restarts += s.restartCount ?? 0
  }
  const limit = job.spec.backoffLimit ?? 6
  return limit === 0 ? restarts > 0 : restarts >= limit
}

/** Removal order among active pods (controller.ActivePods): unscheduled, pending, not ready first; then newest. */
export function rankPodsForRemoval(pods: readonly Pod[]): Pod[] {
  const phaseRank = (p: Pod) => (p.status?.phase === 'Pending' || !p.status?.phase ? 0 : p.status?.phase === 'Unknown' ? 1 : 2)
  return [...pods].sort((a, b) => {
    const sa = a.spec.nodeName ? 1 : 0
    const sb = b.spec.nodeName ? 1 : 0
    if (sa !== sb) return sa - sb
    if (phaseRank(a) !== phaseRank(b)) return phaseRank(a) - phaseRank(b)
    const ra = isReady(a) ? 1 : 0
    const rb = isReady(b) ? 1 : 0
    if (ra !== rb) return ra - rb
    const ca = a.metadata.creationTimestamp ?? ''
    const cb = b.metadata.creationTimestamp ?? ''
    if (ca !== cb) return ca > cb ? -1 : 1
    return a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0
  })
}

function condition(type: string, status: 'True' | 'False', reason: string, message: string, now: string): JobCondition {
  return { type, status, lastProbeTime: now, lastTransitionTime: now, reason, message }
}

/** Sets a condition; an unchanged status keeps its transition time. */
function upsertCondition(conditions: JobCondition[], next: JobCondition): JobCondition[] {
  const i = conditions.findIndex((c) => c.type === next.type)
  if (i < 0) return [...conditions, next]
  if (conditions[i].status === next.status && conditions[i].reason === next.reason && conditions[i].message === next.message) return conditions
  const out = [...conditions]
  out[i] = next
  return out
}

/** The plan for one sync of `job`, given the pods it controls. */
export function planJob(job: Job, pods: readonly Pod[], options: JobPlanOptions): JobPlan {
  const { nowMs } = options
  const now = toRfc3339(nowMs)
  const spec = job.spec
  const previous = job.status ?? {}
  const plan: JobPlan = { uncount: [], create: [], delete: [], status: {}, events: [], backoff: options.backoff }
  const indexed = spec.completionMode === 'Indexed'
  const completions = spec.completions ?? undefined
  const parallelism = spec.parallelism ?? 1
  const suspended = spec.suspend === true

  // Finished Jobs only release their pods.
  if (isJobFinished(job)) {
    plan.uncount = pods.filter(hasFinalizer)
    plan.status = previous
    return plan
  }

  // ---- account newly finished pods --------------------------------------------------------------
  let succeeded = previous.succeeded ?? 0
  let failed = previous.failed ?? 0
  const succeededIndexes = new Set(indexed ? parseIndexes(previous.completedIndexes, completions ?? 0) : [])
  const newSucceededMs: number[] = []
  const newFailedMs: number[] = []
  let failJobMessage: string | undefined
  for (const pod of pods) {
    if (!hasFinalizer(pod)) continue
    if (pod.status?.phase === 'Succeeded') {
      plan.uncount.push(pod)
      newSucceededMs.push(computePodFinishedMs(pod))
      if (indexed) {
        const index = podCompletionIndex(pod.metadata.annotations, completions ?? 0)
        if (index !== undefined) succeededIndexes.add(index)
      } else succeeded++
    } else if (isPodFailed(pod, job)) {
      plan.uncount.push(pod)
      // Pods removed because the Job was suspended are not failures.
      if (suspended && pod.status?.phase !== 'Failed') continue
      newFailedMs.push(computePodFinishedMs(pod))
      const match = pod.status?.phase === 'Failed' ? matchPodFailurePolicy(spec.podFailurePolicy, pod) : undefined
      if (match?.action === 'Ignore') continue
      if (match?.action === 'FailJob' && failJobMessage === undefined) failJobMessage = match.message
      failed++
    }
  }
  if (indexed) succeeded = succeededIndexes.size
  plan.backoff = computeBackoffRecord(options.backoff, newSucceededMs, newFailedMs)

  const active = pods.filter((p) => !isTerminal(p) && p.metadata.deletionTimestamp === undefined)
  const terminatingPods = pods.filter((p) => !isTerminal(p) && p.metadata.deletionTimestamp !== undefined)

  // ---- startTime, suspension -----------------------------------------------------------------------
  let conditions: JobCondition[] = [...(previous.conditions ?? [])]
  let startTime = previous.startTime
  const wasSuspended = conditions.some((c) => c.type === 'Suspended' && c.status === 'True')
  if (suspended && !wasSuspended && !findCondition(previous, 'FailureTarget') && !findCondition(previous, 'SuccessCriteriaMet')) {
    conditions = upsertCondition(conditions, condition('Suspended', 'True', 'JobSuspended', 'Job suspended', now))
    plan.events.push({ type: 'Normal', reason: 'Suspended', message: 'Job suspended' })
  } else if (!suspended && wasSuspended) {
    conditions = upsertCondition(conditions, condition('Suspended', 'False', 'JobResumed', 'Job resumed', now))
    plan.events.push({ type: 'Normal', reason: 'Resumed', message: 'Job resumed' })
    // Resuming restarts the activeDeadlineSeconds clock.
    startTime = now
  }
  if (!suspended && !startTime) startTime = now

  // ---- finished condition (first match wins) -------------------------------------------------------
  type Finish = { kind: 'Failed' | 'Complete'; reason: string; message: string }
  let finish: Finish | undefined
  const failureTarget = findCondition(previous, 'FailureTarget')
  const successTarget = findCondition(previous, 'SuccessCriteriaMet')
  const backoffLimit = spec.backoffLimit ?? 6
  if (failureTarget) finish = { kind: 'Failed', reason: failureTarget.reason ?? '', message: failureTarget.message ?? '' }
  else if (successTarget) finish = { kind: 'Complete', reason: successTarget.reason ?? '', message: successTarget.message ?? '' }
  else if (failJobMessage !== undefined) finish = { kind: 'Failed', reason: 'PodFailurePolicy', message: failJobMessage }
  else if (failed > backoffLimit || isPastBackoffLimitOnFailure(job, active)) {
    finish = { kind: 'Failed', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' }
  } else if (spec.activeDeadlineSeconds !== undefined && !suspended && startTime) {
    const deadlineMs = parseRfc3339(startTime) + spec.activeDeadlineSeconds * 1000
    if (nowMs >= deadlineMs) finish = { kind: 'Failed', reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' }
    else plan.requeueAfterMs = deadlineMs - nowMs
  }

  let activeCount = active.length
  if (finish) {
    // Terminate whatever still runs; the terminal condition waits until no pod is left terminating.
    plan.delete = active.slice(0, MAX_POD_CREATE_DELETE_PER_SYNC)
    activeCount -= plan.delete.length
  } else {
    // ---- manageJob --------------------------------------------------------------------------------
    const activeIndexes = new Set<number>()
    const duplicates: Pod[] = []
    if (indexed) {
      for (const pod of [...active].sort((a, b) => (a.metadata.creationTimestamp ?? '') < (b.metadata.creationTimestamp ?? '') ? -1 : 1)) {
        const index = podCompletionIndex(pod.metadata.annotations, completions ?? 0)
        if (index === undefined || activeIndexes.has(index) || succeededIndexes.has(index)) duplicates.push(pod)
        else activeIndexes.add(index)
      }
    }
    const wantActive = suspended ? 0 : computeWantActive(completions, parallelism, succeeded, activeCount)
    const excess = Math.max(0, activeCount - wantActive)
    if (duplicates.length > 0 || excess > 0) {
      const extra = rankPodsForRemoval(active.filter((p) => !duplicates.includes(p)))
      const chosen = [...duplicates, ...extra.slice(0, Math.max(0, excess - duplicates.length))]
      plan.delete = chosen.slice(0, MAX_POD_CREATE_DELETE_PER_SYNC)
      activeCount -= plan.delete.length
    } else {
      const terminating = spec.podReplacementPolicy === 'Failed' ? terminatingPods.length : 0
      let diff = wantActive - terminating - activeCount
      if (diff > 0) {
        const remainingMs = computeRemainingBackoffMs(plan.backoff, nowMs, options.maxBackoffMs)
        if (remainingMs > 0) plan.requeueAfterMs = Math.min(plan.requeueAfterMs ?? Infinity, remainingMs)
        else {
          diff = Math.min(diff, MAX_POD_CREATE_DELETE_PER_SYNC)
          if (indexed) {
            if (spec.podReplacementPolicy === 'Failed') {
              for (const pod of terminatingPods) {
                const index = podCompletionIndex(pod.metadata.annotations, completions ?? 0)
                if (index !== undefined) activeIndexes.add(index)
              }
            }
            plan.create = firstPendingIndexes(completions ?? 0, succeededIndexes, activeIndexes, diff)
          } else plan.create = Array.from({ length: diff }, () => undefined)
          activeCount += plan.create.length
        }
      }
    }
    const complete = completions === undefined ? succeeded > 0 && activeCount === 0 : succeeded >= completions && activeCount === 0
    if (complete) finish = { kind: 'Complete', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' }
  }

  // ---- conditions: interim target first, terminal once nothing is left terminating ---------------
  let completionTime = previous.completionTime
  const stillTerminating = terminatingPods.length + plan.delete.length
  const uncountedLeft = pods.some((p) => hasFinalizer(p) && !plan.uncount.includes(p) && (isTerminal(p) || p.metadata.deletionTimestamp !== undefined))
  if (finish) {
    const target = finish.kind === 'Failed' ? 'FailureTarget' : 'SuccessCriteriaMet'
    conditions = upsertCondition(conditions, condition(target, 'True', finish.reason, finish.message, now))
    if (stillTerminating === 0 && !uncountedLeft) {
      conditions = upsertCondition(conditions, condition(finish.kind, 'True', finish.reason, finish.message, now))
      if (finish.kind === 'Complete') {
        completionTime = now
        plan.events.push({ type: 'Normal', reason: 'Completed', message: 'Job completed' })
      } else plan.events.push({ type: 'Warning', reason: finish.reason, message: finish.message })
      plan.requeueAfterMs = undefined
      activeCount = 0
    }
  }

  const ready = active.filter((p) => !plan.delete.includes(p) && isReady(p)).length
  const status: JobStatus = {}
  if (conditions.length) status.conditions = conditions
  if (startTime) status.startTime = startTime
  if (completionTime) status.completionTime = completionTime
  if (activeCount > 0) status.active = activeCount
  if (succeeded > 0) status.succeeded = succeeded
  if (failed > 0) status.failed = failed
  status.terminating = stillTerminating
  if (indexed) {
    const text = formatIndexes(succeededIndexes)
    if (text) status.completedIndexes = text
  }
  status.uncountedTerminatedPods = {}
  status.ready = ready
  plan.status = status
  return plan
}
