// The Job controller (`job-controller`, [k8s] pkg/controller/job/job_controller.go): level-triggered over
// the Job and the pods it controls; decisions come from planJob, this file only writes (pod creation
// with the job-tracking finalizer and completion index, graceful deletion, finalizer removal, status,
// events). The pod-failure back-off record lives in memory per Job, as upstream's backoffStore.
import type { Job } from '../../api/job'
import type { Pod } from '../../api/pod'
import type { KubeObject, Stored } from '../../api/meta'
import { defineController, type ReconcileContext } from '../../runtime/controller'
import { controllerOf, controllerRefTo, isControlledBy } from '../../runtime/owners'
import type { Store } from '../../store/store'
import { keyOf, type ObjectKey } from '../../store/keys'
import { fromLabelSelector } from '../../store/selectors'
import { COMPLETION_INDEX_ANNOTATION } from './completion-indexes'
import { EMPTY_BACKOFF, MAX_POD_FAILURE_BACKOFF_MS, type BackoffRecord } from './pod-failure-backoff'
import { JOB_TRACKING_FINALIZER, planJob } from './plan-job'

export const JOB_CONTROLLER = 'job-controller'
const SOURCE = { component: JOB_CONTROLLER }

export interface JobControllerOptions {
  /** Cap of the pod failure back-off (600 s in current Kubernetes, 360 s in older releases). */
  maxBackoffMs?: number
}

export function createJobController(store: Store, options: JobControllerOptions = {}) {
  const backoffs = new Map<string, BackoffRecord>()
  return defineController({
    name: JOB_CONTROLLER,
    for: 'Job',
    owns: ['Pod'],
    watches: [
      // Orphans (upstream enqueueOrphanPod/syncOrphanPod): a pod still holding the tracking finalizer
      // whose Job is gone must be released, or it would stay Terminating forever.
      { kind: 'Pod', map: (pod) => (holdsTrackingFinalizer(pod) && !liveJobOf(pod, store) ? ORPHAN + keyOf(pod) : undefined) },
      { kind: 'Job', map: (job, event) => (event.type === 'DELETED' ? store.dependents(job.metadata.uid).filter((d) => d.kind === 'Pod' && holdsTrackingFinalizer(d)).map((d) => ORPHAN + keyOf(d)) : undefined) },
    ],
    reconcile(key, ctx) {
      if (key.startsWith(ORPHAN)) {
        const pod = ctx.store.get<Stored<Pod>>('Pod', key.slice(ORPHAN.length))
        if (pod && holdsTrackingFinalizer(pod) && !liveJobOf(pod, ctx.store)) removeFinalizer(ctx, pod)
        return
      }
      const job = ctx.store.get<Stored<Job>>('Job', key)
      if (!job) return
      const uid = job.metadata.uid!
      const selector = fromLabelSelector(job.spec.selector)
      const pods = ctx.store.list<Stored<Pod>>('Pod', { namespace: job.metadata.namespace, selector }).filter((p) => isControlledBy(p, job))
      if (job.metadata.deletionTimestamp) {
        // A Job being deleted creates nothing; it only releases its pods so that they can go.
        for (const pod of pods) removeFinalizer(ctx, pod)
        return
      }
      const plan = planJob(job, pods, { nowMs: ctx.clock.now(), backoff: backoffs.get(uid) ?? EMPTY_BACKOFF, maxBackoffMs: options.maxBackoffMs ?? MAX_POD_FAILURE_BACKOFF_MS })
      backoffs.set(uid, plan.backoff)
      for (const pod of plan.uncount) removeFinalizer(ctx, pod)
      for (const pod of plan.delete) {
        ctx.client.delete('Pod', keyOf(pod))
        ctx.events.record(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, SOURCE)
      }
      for (const index of plan.create) {
        const created = ctx.client.create<Stored<Pod>>(toPod(job, index))
        ctx.events.record(job, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, SOURCE)
      }
      ctx.client.patchStatus<Stored<Job>>('Job', key, (draft) => {
        draft.status = plan.status as typeof draft.status
      })
      const latest = ctx.store.get<Stored<Job>>('Job', key) ?? job
      for (const event of plan.events) ctx.events.record(latest, event.type, event.reason, event.message, SOURCE)
      if (plan.requeueAfterMs !== undefined) return { requeueAfterMs: plan.requeueAfterMs }
      return undefined
    },
  })
}

const ORPHAN = 'orphan|'

function holdsTrackingFinalizer(pod: { metadata: { finalizers?: readonly string[] } }): boolean {
  return pod.metadata.finalizers?.includes(JOB_TRACKING_FINALIZER) ?? false
}

/** The Job that controls this pod, if it still exists (same uid). */
function liveJobOf(pod: KubeObject, store: Store): KubeObject | undefined {
  const ref = controllerOf(pod)
  if (!ref || ref.kind !== 'Job') return undefined
  const job = store.byUid(ref.uid)
  return job && job.kind === 'Job' ? job : undefined
}

function removeFinalizer(ctx: ReconcileContext, pod: Pod): void {
  const key: ObjectKey = keyOf(pod)
  if (!ctx.store.get('Pod', key)) return
  ctx.client.patch<Stored<Pod>>('Pod', key, (draft) => {
    const rest = (draft.metadata.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER)
    if (rest.length) draft.metadata.finalizers = rest
    else delete draft.metadata.finalizers
  })
}

/** The pod a Job creates (semantics §8.2): template + controller reference + finalizer (+ index). */
export function toPod(job: Stored<Job>, index: number | undefined): Pod {
  const template = job.spec.template
  const name = job.metadata.name!
  const labels: Record<string, string> = { ...(template.metadata?.labels ?? {}) }
  const annotations: Record<string, string> = { ...(template.metadata?.annotations ?? {}) }
  const spec = JSON.parse(JSON.stringify(template.spec)) as Pod['spec']
  if (index !== undefined) {
    annotations[COMPLETION_INDEX_ANNOTATION] = String(index)
    labels[COMPLETION_INDEX_ANNOTATION] = String(index)
    spec.hostname ??= `${name}-${index}`
    const env = { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${COMPLETION_INDEX_ANNOTATION}']` } } }
    for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
      if (!(c.env ?? []).some((e) => e.name === env.name)) c.env = [...(c.env ?? []), env]
    }
  }
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: index === undefined ? `${name}-` : `${name}-${index}-`,
      namespace: job.metadata.namespace,
      labels,
      ...(Object.keys(annotations).length ? { annotations } : {}),
      ownerReferences: [controllerRefTo(job)],
      finalizers: [JOB_TRACKING_FINALIZER],
    },
    spec,
  }
}
