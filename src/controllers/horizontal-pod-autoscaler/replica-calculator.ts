// The HPA's per-metric replica count for resource metrics ([k8s] pkg/controller/podautoscaler/
// replica_calculator.go: GetResourceReplicas, GetRawResourceReplicas, groupPods, calculatePodRequests;
// metrics/utilization.go: GetResourceUtilizationRatio, GetMetricUsageRatio). Pure: pods come in as
// samples with their usage (milli-units) already looked up. Integer arithmetic follows upstream's int64s.

/** Controller defaults (podautoscaler config v1alpha1 defaults.go). */
export const HPA_TOLERANCE = 0.1
export const CPU_INITIALIZATION_PERIOD_MS = 5 * 60_000
export const DELAY_OF_INITIAL_READINESS_STATUS_MS = 30_000
/** The window a simulated metrics sample covers (metrics-server resolution). */
export const METRIC_WINDOW_MS = 15_000

export interface PodSample {
  name: string
  phase: string | undefined
  deleting: boolean
  /** Pod Ready condition, if any. */
  ready?: { status: string; lastTransitionMs: number }
  startTimeMs?: number
  /** Sum of the requests (milli-units) over the containers considered; undefined when one lacks it. */
  requestMilli?: number
  /** Name of the first container lacking a request, for the error message. */
  missingRequestContainer?: string
  /** Current usage in milli-units; undefined when the metrics source has no sample. */
  usageMilli?: number
}

export type ReplicaResult =
  | { ok: true; replicas: number; utilization: number; rawAverageMilli: number }
  | { ok: false; error: string }

interface Grouped {
  readyPodCount: number
  unready: Set<string>
  missing: Set<string>
  ignored: Set<string>
}

/** groupPods: which pods count, which are unready (CPU only), which lack metrics, which are ignored. */
export function groupPods(pods: readonly PodSample[], resource: string, nowMs: number): Grouped {
  const g: Grouped = { readyPodCount: 0, unready: new Set(), missing: new Set(), ignored: new Set() }
  for (const pod of pods) {
    if (pod.deleting || pod.phase === 'Failed') {
      g.ignored.add(pod.name)
      continue
    }
    if (pod.phase === 'Pending') {
      g.unready.add(pod.name)
      continue
    }
    if (pod.usageMilli === undefined) {
      g.missing.add(pod.name)
      continue
    }
    if (resource === 'cpu') {
      let unready: boolean
      if (!pod.ready || pod.startTimeMs === undefined) unready = true
      else if (pod.startTimeMs + CPU_INITIALIZATION_PERIOD_MS > nowMs) {
        // Still initialising: skip unready pods and samples not taken a full window after the last transition.
        unready = pod.ready.status === 'False' || nowMs < pod.ready.lastTransitionMs + METRIC_WINDOW_MS
      } else {
        // Skip a pod that is unready and has never been ready.
        unready = pod.ready.status === 'False' && pod.startTimeMs + DELAY_OF_INITIAL_READINESS_STATUS_MS > pod.ready.lastTransitionMs
      }
      if (unready) {
        g.unready.add(pod.name)
        continue
      }
    }
    g.readyPodCount++
  }
  return g
}

/** usage ratio over pods with both a metric and a request; utilization is an integer percentage. */
function utilizationRatio(metrics: Map<string, number>, requests: Map<string, number>, target: number): { ratio: number; utilization: number; rawAverageMilli: number } | { error: string } {
  let metricsTotal = 0
  let requestsTotal = 0
  let entries = 0
  for (const [name, usage] of metrics) {
    const request = requests.get(name)
    if (request === undefined) continue
    metricsTotal += usage
    requestsTotal += request
    entries++
  }
  if (requestsTotal === 0) return { error: 'no metrics returned matched known pods' }
  const utilization = Math.trunc((metricsTotal * 100) / requestsTotal)
  return { ratio: utilization / target, utilization, rawAverageMilli: Math.trunc(metricsTotal / entries) }
}

/** GetResourceReplicas: target as a percentage of the pods' requests. */
export function computeResourceReplicas(args: { currentReplicas: number; targetUtilization: number; resource: string; pods: readonly PodSample[]; nowMs: number; tolerance?: number }): ReplicaResult {
  const { currentReplicas, targetUtilization, resource, pods, nowMs } = args
  const tolerance = args.tolerance ?? HPA_TOLERANCE
  if (pods.length === 0) return { ok: false, error: 'no pods returned by selector while calculating replica count' }
  const requests = new Map<string, number>()
  for (const pod of pods) {
    if (pod.requestMilli === undefined) return { ok: false, error: `missing request for ${resource} in container ${pod.missingRequestContainer ?? ''} of Pod ${pod.name}` }
    requests.set(pod.name, pod.requestMilli)
  }
  const g = groupPods(pods, resource, nowMs)
  const metrics = new Map<string, number>()
  for (const pod of pods) if (pod.usageMilli !== undefined && !g.ignored.has(pod.name) && !g.unready.has(pod.name)) metrics.set(pod.name, pod.usageMilli)
  if (metrics.size === 0) return { ok: false, error: 'did not receive metrics for targeted pods (pods might be unready)' }
  const first = utilizationRatio(metrics, requests, targetUtilization)
  if ('error' in first) return { ok: false, error: first.error }
  const { ratio, utilization, rawAverageMilli } = first
  const keep = { ok: true as const, replicas: currentReplicas, utilization, rawAverageMilli }
  const scaleUpWithUnready = g.unready.size > 0 && ratio > 1.0
  if (!scaleUpWithUnready && g.missing.size === 0) {
    if (Math.abs(1.0 - ratio) <= tolerance) return keep
    return { ok: true, replicas: Math.ceil(ratio * g.readyPodCount), utilization, rawAverageMilli }
  }
  if (g.missing.size > 0) {
    // Scale-down: missing pods count as 100 % of their request (or the target, if above 100 %); scale-up: 0 %.
    const fallback = Math.max(100, targetUtilization)
    for (const name of g.missing) metrics.set(name, ratio < 1.0 ? Math.trunc((requests.get(name)! * fallback) / 100) : 0)
  }
  if (scaleUpWithUnready) for (const name of g.unready) metrics.set(name, 0)
  const second = utilizationRatio(metrics, requests, targetUtilization)
  if ('error' in second) return { ok: false, error: second.error }
  const newRatio = second.ratio
  if (Math.abs(1.0 - newRatio) <= tolerance || (ratio < 1.0 && newRatio > 1.0) || (ratio > 1.0 && newRatio < 1.0)) return keep
  const replicas = Math.ceil(newRatio * metrics.size)
  if ((newRatio < 1.0 && replicas > currentReplicas) || (newRatio > 1.0 && replicas < currentReplicas)) return keep
  return { ok: true, replicas, utilization, rawAverageMilli }
}

/** GetRawResourceReplicas: target as an average value per pod (milli-units). */
export function computeRawResourceReplicas(args: { currentReplicas: number; targetAverageMilli: number; resource: string; pods: readonly PodSample[]; nowMs: number; tolerance?: number }): ReplicaResult {
  const { currentReplicas, targetAverageMilli, resource, pods, nowMs } = args
  const tolerance = args.tolerance ?? HPA_TOLERANCE
  if (pods.length === 0) return { ok: false, error: 'no pods returned by selector while calculating replica count' }
  const g = groupPods(pods, resource, nowMs)
  const metrics = new Map<string, number>()
  for (const pod of pods) if (pod.usageMilli !== undefined && !g.ignored.has(pod.name) && !g.unready.has(pod.name)) metrics.set(pod.name, pod.usageMilli)
  if (metrics.size === 0) return { ok: false, error: 'did not receive metrics for targeted pods (pods might be unready)' }
  const average = (m: Map<string, number>) => {
    let total = 0
    for (const v of m.values()) total += v
    return Math.trunc(total / m.size)
  }
  const usage = average(metrics)
  const ratio = usage / targetAverageMilli
  const keep = { ok: true as const, replicas: currentReplicas, utilization: 0, rawAverageMilli: usage }
  const scaleUpWithUnready = g.unready.size > 0 && ratio > 1.0
  if (!scaleUpWithUnready && g.missing.size === 0) {
    if (Math.abs(1.0 - ratio) <= tolerance) return keep
    return { ok: true, replicas: Math.ceil(ratio * g.readyPodCount), utilization: 0, rawAverageMilli: usage }
  }
  if (g.missing.size > 0) for (const name of g.missing) metrics.set(name, ratio < 1.0 ? targetAverageMilli : 0)
  if (scaleUpWithUnready) for (const name of g.unready) metrics.set(name, 0)
  const newRatio = average(metrics) / targetAverageMilli
  if (Math.abs(1.0 - newRatio) <= tolerance || (ratio < 1.0 && newRatio > 1.0) || (ratio > 1.0 && newRatio < 1.0)) return keep
  const replicas = Math.ceil(newRatio * metrics.size)
  if ((newRatio < 1.0 && replicas > currentReplicas) || (newRatio > 1.0 && replicas < currentReplicas)) return keep
  return { ok: true, replicas, utilization: 0, rawAverageMilli: usage }
}
