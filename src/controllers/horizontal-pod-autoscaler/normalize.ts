// From the metrics' desired count to the count the HPA applies ([k8s] pkg/controller/podautoscaler/
// horizontal.go: stabilizeRecommendation, normalizeDesiredReplicas, convertDesiredReplicasWithRules,
// calculateScaleUpLimit; stabilizeRecommendationWithBehaviors, convertDesiredReplicasWithBehaviorRate,
// calculateScaleUpLimitWithScalingRules, calculateScaleDownLimitWithBehaviors, getReplicasChangePerPeriod).
// Pure: the per-HPA history (recommendations, scale events) goes in and the updated history comes out.
import type { HPAScalingRules } from '../../api/horizontal-pod-autoscaler'

export const DOWNSCALE_STABILIZATION_WINDOW_MS = 300_000
const SCALE_UP_LIMIT_FACTOR = 2.0
const SCALE_UP_LIMIT_MINIMUM = 4.0

export interface TimestampedRecommendation {
  replicas: number
  atMs: number
}

export interface ScaleEvent {
  /** Positive for a scale-up, negative for a scale-down (stored as magnitude per direction). */
  change: number
  atMs: number
}

export interface HpaHistory {
  recommendations: TimestampedRecommendation[]
  scaleUpEvents: ScaleEvent[]
  scaleDownEvents: ScaleEvent[]
}

export interface Normalized {
  replicas: number
  /** AbleToScale reason/message (ScaleDownStabilized, ScaleUpStabilized or ReadyForNewScale). */
  ableToScale: { reason: string; message: string }
  /** ScalingLimited condition. */
  scalingLimited: { status: 'True' | 'False'; reason: string; message: string }
  recommendations: TimestampedRecommendation[]
}

const READY_FOR_NEW_SCALE = { reason: 'ReadyForNewScale', message: 'recommended size matches current size' }
const SCALE_DOWN_STABILIZED = { reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' }
const SCALE_UP_STABILIZED = { reason: 'ScaleUpStabilized', message: 'recent recommendations were lower than current one, applying the lowest recent recommendation' }
const WITHIN_RANGE = { reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' }
const SCALE_UP_LIMIT = { reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' }
const TOO_MANY = { reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count' }
const SCALE_DOWN_LIMIT = { reason: 'ScaleDownLimit', message: 'the desired replica count is decreasing faster than the maximum scale rate' }
const TOO_FEW = { reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' }

export function calculateScaleUpLimit(currentReplicas: number): number {
  return Math.trunc(Math.max(SCALE_UP_LIMIT_FACTOR * currentReplicas, SCALE_UP_LIMIT_MINIMUM))
}

/** Without spec.behavior: the highest recommendation of the downscale window, then max(2x, 4) up / min..max. */
export function normalizeDesiredReplicas(args: { currentReplicas: number; desiredReplicas: number; minReplicas: number; maxReplicas: number; nowMs: number; recommendations: readonly TimestampedRecommendation[]; downscaleWindowMs?: number }): Normalized {
  const { currentReplicas, desiredReplicas, minReplicas, maxReplicas, nowMs } = args
  const cutoff = nowMs - (args.downscaleWindowMs ?? DOWNSCALE_STABILIZATION_WINDOW_MS)
  let stabilized = desiredReplicas
  let oldIndex = -1
  args.recommendations.forEach((rec, i) => {
    if (rec.atMs < cutoff) oldIndex = i
    else if (rec.replicas > stabilized) stabilized = rec.replicas
  })
  const recommendations = [...args.recommendations]
  if (oldIndex >= 0) recommendations[oldIndex] = { replicas: desiredReplicas, atMs: nowMs }
  else recommendations.push({ replicas: desiredReplicas, atMs: nowMs })
  const ableToScale = stabilized !== desiredReplicas ? SCALE_DOWN_STABILIZED : READY_FOR_NEW_SCALE

  // convertDesiredReplicasWithRules
  const scaleUpLimit = calculateScaleUpLimit(currentReplicas)
  const [maximumAllowed, limiting] = maxReplicas > scaleUpLimit ? [scaleUpLimit, SCALE_UP_LIMIT] : [maxReplicas, TOO_MANY]
  let replicas = stabilized
  let reason = WITHIN_RANGE
  if (stabilized < minReplicas) [replicas, reason] = [minReplicas, TOO_FEW]
  else if (stabilized > maximumAllowed) [replicas, reason] = [maximumAllowed, limiting]
  return { replicas, ableToScale, scalingLimited: { status: replicas === stabilized ? 'False' : 'True', ...reason }, recommendations }
}

function replicasChangePerPeriod(periodSeconds: number, events: readonly ScaleEvent[], nowMs: number): number {
  const cutoff = nowMs - periodSeconds * 1000
  let change = 0
  for (const e of events) if (e.atMs > cutoff) change += e.change
  return change
}

export function calculateScaleUpLimitWithScalingRules(currentReplicas: number, upEvents: readonly ScaleEvent[], downEvents: readonly ScaleEvent[], rules: HPAScalingRules, nowMs: number): number {
  if (rules.selectPolicy === 'Disabled') return currentReplicas
  const pickMin = rules.selectPolicy === 'Min'
  let result = pickMin ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER
  for (const policy of rules.policies ?? []) {
    const added = replicasChangePerPeriod(policy.periodSeconds, upEvents, nowMs)
    const deleted = replicasChangePerPeriod(policy.periodSeconds, downEvents, nowMs)
    const periodStart = currentReplicas - added + deleted
    const proposed = policy.type === 'Pods' ? periodStart + policy.value : Math.ceil(periodStart * (1 + policy.value / 100))
    result = pickMin ? Math.min(result, proposed) : Math.max(result, proposed)
  }
  return result
}

export function calculateScaleDownLimitWithBehaviors(currentReplicas: number, upEvents: readonly ScaleEvent[], downEvents: readonly ScaleEvent[], rules: HPAScalingRules, nowMs: number): number {
  if (rules.selectPolicy === 'Disabled') return currentReplicas
  const pickMin = rules.selectPolicy === 'Min'
  let result = pickMin ? Number.MIN_SAFE_INTEGER : Number.MAX_SAFE_INTEGER
  for (const policy of rules.policies ?? []) {
    const added = replicasChangePerPeriod(policy.periodSeconds, upEvents, nowMs)
    const deleted = replicasChangePerPeriod(policy.periodSeconds, downEvents, nowMs)
    const periodStart = currentReplicas - added + deleted
    const proposed = policy.type === 'Pods' ? periodStart - policy.value : Math.trunc(periodStart * (1 - policy.value / 100))
    result = pickMin ? Math.max(result, proposed) : Math.min(result, proposed)
  }
  return result
}

/** With spec.behavior: stabilization windows in both directions, then the policies' rate limits. */
export function normalizeDesiredReplicasWithBehaviors(args: {
  currentReplicas: number
  desiredReplicas: number
  minReplicas: number
  maxReplicas: number
  nowMs: number
  scaleUp: HPAScalingRules
  scaleDown: HPAScalingRules
  history: HpaHistory
}): Normalized {
  const { currentReplicas, desiredReplicas, minReplicas, maxReplicas, nowMs, scaleUp, scaleDown, history } = args
  const upWindowMs = (scaleUp.stabilizationWindowSeconds ?? 0) * 1000
  const downWindowMs = scaleDown.stabilizationWindowSeconds !== undefined ? scaleDown.stabilizationWindowSeconds * 1000 : DOWNSCALE_STABILIZATION_WINDOW_MS
  let upRecommendation = desiredReplicas
  let downRecommendation = desiredReplicas
  const obsoleteCutoff = nowMs - Math.max(upWindowMs, downWindowMs)
  let oldIndex = -1
  history.recommendations.forEach((rec, i) => {
    if (rec.atMs > nowMs - upWindowMs) upRecommendation = Math.min(rec.replicas, upRecommendation)
    if (rec.atMs > nowMs - downWindowMs) downRecommendation = Math.max(rec.replicas, downRecommendation)
    if (rec.atMs < obsoleteCutoff) oldIndex = i
  })
  let stabilized = currentReplicas
  if (stabilized < upRecommendation) stabilized = upRecommendation
  if (stabilized > downRecommendation) stabilized = downRecommendation
  const recommendations = [...history.recommendations]
  if (oldIndex >= 0) recommendations[oldIndex] = { replicas: desiredReplicas, atMs: nowMs }
  else recommendations.push({ replicas: desiredReplicas, atMs: nowMs })
  const ableToScale = stabilized !== desiredReplicas ? (desiredReplicas >= currentReplicas ? SCALE_UP_STABILIZED : SCALE_DOWN_STABILIZED) : READY_FOR_NEW_SCALE

  let replicas = stabilized
  let reason = WITHIN_RANGE
  if (stabilized > currentReplicas) {
    const limit = Math.max(currentReplicas, calculateScaleUpLimitWithScalingRules(currentReplicas, history.scaleUpEvents, history.scaleDownEvents, scaleUp, nowMs))
    const [maximumAllowed, limiting] = maxReplicas > limit ? [limit, SCALE_UP_LIMIT] : [maxReplicas, TOO_MANY]
    if (stabilized > maximumAllowed) [replicas, reason] = [maximumAllowed, limiting]
  } else if (stabilized < currentReplicas) {
    const limit = Math.min(currentReplicas, calculateScaleDownLimitWithBehaviors(currentReplicas, history.scaleUpEvents, history.scaleDownEvents, scaleDown, nowMs))
    const [minimumAllowed, limiting] = minReplicas < limit ? [limit, SCALE_DOWN_LIMIT] : [minReplicas, TOO_FEW]
    if (stabilized < minimumAllowed) [replicas, reason] = [minimumAllowed, limiting]
  }
  return { replicas, ableToScale, scalingLimited: { status: replicas === stabilized ? 'False' : 'True', ...reason }, recommendations }
}

/** storeScaleEvent: remember a change for the rate policies, dropping events older than the longest period. */
export function recordScaleEvent(history: HpaHistory, scaleUp: HPAScalingRules, scaleDown: HPAScalingRules, previousReplicas: number, newReplicas: number, nowMs: number): HpaHistory {
  const longest = (rules: HPAScalingRules) => Math.max(0, ...(rules.policies ?? []).map((p) => p.periodSeconds)) * 1000
  const upCutoff = nowMs - longest(scaleUp)
  const downCutoff = nowMs - longest(scaleDown)
  const scaleUpEvents = history.scaleUpEvents.filter((e) => e.atMs >= upCutoff)
  const scaleDownEvents = history.scaleDownEvents.filter((e) => e.atMs >= downCutoff)
  if (newReplicas > previousReplicas) scaleUpEvents.push({ change: newReplicas - previousReplicas, atMs: nowMs })
  else if (newReplicas < previousReplicas) scaleDownEvents.push({ change: previousReplicas - newReplicas, atMs: nowMs })
  return { ...history, scaleUpEvents, scaleDownEvents }
}
