// The HorizontalPodAutoscaler controller (`horizontal-pod-autoscaler`, autoscaling/v2): every 15 s per
// HPA (the first sync 15 s after it appears, as upstream's fixed-interval queue) it reads the target's
// scale, computes a replica count per metric from the simulated metrics source, stabilizes and
// rate-limits it, writes spec.replicas of the target (the scale subresource) and the HPA status.
// Resource and ContainerResource metrics are modelled; Pods/Object/External have no source here.
// Upstream: pkg/controller/podautoscaler/horizontal.go (reconcileAutoscaler, computeReplicasForMetrics).
import type { HorizontalPodAutoscaler, MetricSpec, MetricStatus } from '../../api/horizontal-pod-autoscaler'
import { defaultScaleDownRules, defaultScaleUpRules } from '../../api/horizontal-pod-autoscaler'
import type { Condition, KubeObject, Stored } from '../../api/meta'
import type { Pod } from '../../api/pod'
import { parseBytes, parseCpuMillis } from '../../api/quantity'
import { defineController, type ControllerSpec, type ReconcileContext } from '../../runtime/controller'
import { objectKey, type ObjectKey } from '../../store/keys'
import { fromLabelSelector } from '../../store/selectors'
import { parseRfc3339, toRfc3339 } from '../../sim/time'
import { normalizeDesiredReplicas, normalizeDesiredReplicasWithBehaviors, recordScaleEvent, type HpaHistory } from './normalize'
import type { PodMetricsSource } from './pod-metrics-source'
import { formatMilliQuantity } from './quantity-text'
import { computeRawResourceReplicas, computeResourceReplicas, type PodSample, type ReplicaResult } from './replica-calculator'

export const HPA_CONTROLLER = 'horizontal-pod-autoscaler'
export const HPA_SYNC_PERIOD_MS = 15_000
const EVENT_SOURCE = { component: HPA_CONTROLLER }
const SCALABLE: Record<string, string> = { Deployment: 'deployments.apps', ReplicaSet: 'replicasets.apps', StatefulSet: 'statefulsets.apps', ReplicationController: 'replicationcontrollers' }

/** A resource quantity in milli-units (cpu: millicores; anything else: milli of the base unit). */
export function toMilli(resource: string, quantity: string | number): number {
  return resource === 'cpu' ? parseCpuMillis(quantity) : Math.round(parseBytes(quantity) * 1000)
}

/** The HPA's view of one pod for one resource metric. */
export function toPodSample(pod: Stored<Pod>, resource: string, container: string | undefined, metrics: PodMetricsSource): PodSample {
  let requestMilli: number | undefined = 0
  let missingRequestContainer: string | undefined
  for (const c of pod.spec.containers) {
    if (container && c.name !== container) continue
    const request = (c.resources?.requests as Record<string, string | number> | undefined)?.[resource]
    if (request === undefined) {
      requestMilli = undefined
      missingRequestContainer = c.name
      break
    }
    requestMilli += toMilli(resource, request)
  }
  const ready = (pod.status?.conditions ?? []).find((c) => c.type === 'Ready')
  return {
    name: pod.metadata.name,
    phase: pod.status?.phase,
    deleting: Boolean(pod.metadata.deletionTimestamp),
    ready: ready ? { status: ready.status, lastTransitionMs: ready.lastTransitionTime ? parseRfc3339(ready.lastTransitionTime) : 0 } : undefined,
    startTimeMs: pod.status?.startTime ? parseRfc3339(pod.status.startTime) : undefined,
    requestMilli,
    missingRequestContainer,
    usageMilli: pod.status?.phase === 'Running' ? metrics.usageMilli(pod, resource, container) : undefined,
  }
}

interface MetricOutcome {
  replicas: number
  name: string
  status?: MetricStatus
  error?: { reason: string; message: string }
}

function computeMetric(spec: MetricSpec, currentReplicas: number, pods: readonly Stored<Pod>[], metrics: PodMetricsSource, nowMs: number): MetricOutcome {
  const source = spec.type === 'Resource' ? spec.resource : spec.type === 'ContainerResource' ? spec.containerResource : undefined
  if (!source) {
    const reason = { Pods: 'FailedGetPodsMetric', Object: 'FailedGetObjectMetric', External: 'FailedGetExternalMetric' }[spec.type as 'Pods'] ?? 'InvalidMetricSourceType'
    return { replicas: 0, name: '', error: { reason, message: `unable to get ${spec.type.toLowerCase()} metric: kubesim simulates resource metrics only (no custom or external metrics API)` } }
  }
  const resource = source.name
  const container = spec.type === 'ContainerResource' ? spec.containerResource!.container : undefined
  const failedReason = spec.type === 'Resource' ? 'FailedGetResourceMetric' : 'FailedGetContainerResourceMetric'
  const samples = pods.map((pod) => toPodSample(pod, resource, container, metrics))
  const target = source.target
  let result: ReplicaResult
  let name: string
  if (target.averageValue !== undefined) {
    result = computeRawResourceReplicas({ currentReplicas, targetAverageMilli: toMilli(resource, target.averageValue as string), resource, pods: samples, nowMs })
    name = `${resource} resource`
    if (!result.ok) return { replicas: 0, name, error: { reason: failedReason, message: `failed to get ${resource} usage: ${result.error}` } }
  } else if (target.averageUtilization !== undefined) {
    result = computeResourceReplicas({ currentReplicas, targetUtilization: target.averageUtilization, resource, pods: samples, nowMs })
    name = `${resource} ${container ? 'container ' : ''}resource utilization (percentage of request)`
    if (!result.ok) return { replicas: 0, name, error: { reason: failedReason, message: `failed to get ${resource} utilization: ${result.error}` } }
  } else {
    return { replicas: 0, name: '', error: { reason: failedReason, message: 'invalid resource metric source: neither an average utilization target nor an average value (usage) target was set' } }
  }
  const current = target.averageValue !== undefined ? { averageValue: formatMilliQuantity(result.rawAverageMilli) } : { averageUtilization: result.utilization, averageValue: formatMilliQuantity(result.rawAverageMilli) }
  const status: MetricStatus =
    spec.type === 'Resource' ? { type: 'Resource', resource: { name: resource, current } } : { type: 'ContainerResource', containerResource: { name: resource, container: container!, current } }
  return { replicas: result.replicas, name, status }
}

function setCondition(conditions: Condition[], type: string, status: 'True' | 'False', reason: string, message: string, nowMs: number): void {
  const i = conditions.findIndex((c) => c.type === type)
  const previous = i >= 0 ? conditions[i] : undefined
  const next: Condition = { type, status, lastTransitionTime: previous && previous.status === status ? previous.lastTransitionTime : toRfc3339(nowMs), reason, message }
  if (i >= 0) conditions[i] = next
  else conditions.push(next)
}

export function createHorizontalPodAutoscalerController(metrics: PodMetricsSource): ControllerSpec {
  const histories = new Map<ObjectKey, HpaHistory>()
  const nextSyncMs = new Map<ObjectKey, number>()

  function reconcile(key: ObjectKey, ctx: ReconcileContext): { requeueAfterMs: number } | undefined {
    const hpa = ctx.store.get<Stored<HorizontalPodAutoscaler>>('HorizontalPodAutoscaler', key)
    if (!hpa) {
      histories.delete(key)
      nextSyncMs.delete(key)
      return undefined
    }
    const nowMs = ctx.clock.now()
    const due = nextSyncMs.get(key)
    if (due === undefined) {
      nextSyncMs.set(key, nowMs + HPA_SYNC_PERIOD_MS)
      return { requeueAfterMs: HPA_SYNC_PERIOD_MS }
    }
    if (nowMs < due) return { requeueAfterMs: due - nowMs }
    nextSyncMs.set(key, nowMs + HPA_SYNC_PERIOD_MS)
    syncAutoscaler(key, hpa, ctx, nowMs)
    return { requeueAfterMs: HPA_SYNC_PERIOD_MS }
  }

  function syncAutoscaler(key: ObjectKey, hpa: Stored<HorizontalPodAutoscaler>, ctx: ReconcileContext, nowMs: number): void {
    const conditions: Condition[] = (hpa.status?.conditions ?? []).map((c) => ({ ...c }))
    const writeStatus = (status: Record<string, unknown>) =>
      ctx.client.patchStatus<Stored<HorizontalPodAutoscaler>>('HorizontalPodAutoscaler', key, (draft) => {
        draft.status = { ...status, conditions } as any
      })
    const ref = hpa.spec.scaleTargetRef
    const namespace = hpa.metadata.namespace
    const resource = SCALABLE[ref.kind]
    const target = resource ? (ctx.store.get(ref.kind, objectKey(namespace, ref.name)) as any) : undefined
    if (!target) {
      const message = resource ? `${resource} "${ref.name}" not found` : `no matches for kind "${ref.kind}" in group "${(ref.apiVersion ?? '').split('/')[0]}"`
      ctx.events.record(hpa as KubeObject, 'Warning', 'FailedGetScale', message, EVENT_SOURCE)
      setCondition(conditions, 'AbleToScale', 'False', 'FailedGetScale', `the HPA controller was unable to get the target's current scale: ${message}`, nowMs)
      writeStatus({ ...(hpa.status ?? {}), currentReplicas: hpa.status?.currentReplicas ?? 0, desiredReplicas: hpa.status?.desiredReplicas ?? 0, observedGeneration: hpa.metadata.generation })
      return
    }
    setCondition(conditions, 'AbleToScale', 'True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale", nowMs)
    const currentReplicas: number = target.spec?.replicas ?? 1
    const minReplicas = hpa.spec.minReplicas ?? 1
    const maxReplicas = hpa.spec.maxReplicas
    let history = histories.get(key) ?? { recommendations: [{ replicas: currentReplicas, atMs: nowMs }], scaleUpEvents: [], scaleDownEvents: [] }

    let desiredReplicas = 0
    let rescaleReason = ''
    let metricStatuses: MetricStatus[] = hpa.status?.currentMetrics ? [...hpa.status.currentMetrics] : []
    if (currentReplicas === 0 && minReplicas !== 0) {
      desiredReplicas = 0
      setCondition(conditions, 'ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero', nowMs)
    } else if (currentReplicas > maxReplicas) {
      rescaleReason = 'Current number of replicas above Spec.MaxReplicas'
      desiredReplicas = maxReplicas
    } else if (currentReplicas < minReplicas) {
      rescaleReason = 'Current number of replicas below Spec.MinReplicas'
      desiredReplicas = minReplicas
    } else {
      const selector = fromLabelSelector(target.spec?.selector)
      const pods = selector ? ctx.store.list<Stored<Pod>>('Pod', { namespace, selector }) : []
      const specs = hpa.spec.metrics ?? []
      let metricDesired = 0
      let metricName = ''
      let invalid = 0
      let firstError: { reason: string; message: string } | undefined
      metricStatuses = []
      for (const spec of specs) {
        const outcome = computeMetric(spec, currentReplicas, pods, metrics, nowMs)
        if (outcome.error) {
          if (!firstError) firstError = outcome.error
          invalid++
          ctx.events.record(hpa as KubeObject, 'Warning', outcome.error.reason, outcome.error.message, EVENT_SOURCE)
          metricStatuses.push({ type: spec.type } as MetricStatus)
          continue
        }
        if (outcome.status) metricStatuses.push(outcome.status)
        if (metricDesired === 0 || outcome.replicas > metricDesired) {
          metricDesired = outcome.replicas
          metricName = outcome.name
        }
      }
      if (firstError && (invalid >= specs.length || metricDesired < currentReplicas)) {
        setCondition(conditions, 'ScalingActive', 'False', firstError.reason, `the HPA was unable to compute the replica count: ${firstError.message}`, nowMs)
        ctx.events.record(hpa as KubeObject, 'Warning', 'FailedComputeMetricsReplicas', `invalid metrics (${invalid} invalid out of ${specs.length}), first error is: ${firstError.message}`, EVENT_SOURCE)
        histories.set(key, history)
        writeStatus({ ...(hpa.status ?? {}), currentReplicas, desiredReplicas: hpa.status?.desiredReplicas ?? 0, currentMetrics: metricStatuses, observedGeneration: hpa.metadata.generation })
        return
      }
      setCondition(conditions, 'ScalingActive', 'True', 'ValidMetricFound', `the HPA was able to successfully calculate a replica count from ${metricName}`, nowMs)
      let rescaleMetric = ''
      if (metricDesired > desiredReplicas) {
        desiredReplicas = metricDesired
        rescaleMetric = metricName
      }
      if (desiredReplicas > currentReplicas) rescaleReason = `${rescaleMetric} above target`
      if (desiredReplicas < currentReplicas) rescaleReason = 'All metrics below target'
      const normalized = hpa.spec.behavior
        ? normalizeDesiredReplicasWithBehaviors({
            currentReplicas,
            desiredReplicas,
            minReplicas,
            maxReplicas,
            nowMs,
            scaleUp: hpa.spec.behavior.scaleUp ?? defaultScaleUpRules(),
            scaleDown: hpa.spec.behavior.scaleDown ?? defaultScaleDownRules(),
            history,
          })
        : normalizeDesiredReplicas({ currentReplicas, desiredReplicas, minReplicas, maxReplicas, nowMs, recommendations: history.recommendations })
      history = { ...history, recommendations: normalized.recommendations }
      setCondition(conditions, 'AbleToScale', 'True', normalized.ableToScale.reason, normalized.ableToScale.message, nowMs)
      setCondition(conditions, 'ScalingLimited', normalized.scalingLimited.status, normalized.scalingLimited.reason, normalized.scalingLimited.message, nowMs)
      desiredReplicas = normalized.replicas
    }

    const rescale = desiredReplicas !== currentReplicas
    let lastScaleTime = hpa.status?.lastScaleTime
    if (rescale) {
      ctx.client.patch<any>(target.kind, objectKey(namespace, ref.name), (draft) => {
        draft.spec.replicas = desiredReplicas
      })
      setCondition(conditions, 'AbleToScale', 'True', 'SucceededRescale', `the HPA controller was able to update the target scale to ${desiredReplicas}`, nowMs)
      ctx.events.record(hpa as KubeObject, 'Normal', 'SuccessfulRescale', `New size: ${desiredReplicas}; reason: ${rescaleReason}`, EVENT_SOURCE)
      if (hpa.spec.behavior) history = recordScaleEvent(history, hpa.spec.behavior.scaleUp ?? defaultScaleUpRules(), hpa.spec.behavior.scaleDown ?? defaultScaleDownRules(), currentReplicas, desiredReplicas, nowMs)
      lastScaleTime = toRfc3339(nowMs)
    }
    histories.set(key, history)
    writeStatus({
      observedGeneration: hpa.metadata.generation,
      ...(lastScaleTime ? { lastScaleTime } : {}),
      currentReplicas,
      desiredReplicas,
      ...(metricStatuses.length ? { currentMetrics: metricStatuses } : {}),
    })
  }

  return defineController({ name: HPA_CONTROLLER, for: 'HorizontalPodAutoscaler', reconcile })
}
