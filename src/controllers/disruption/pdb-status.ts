// PodDisruptionBudget status as the disruption controller computes it ([k8s] pkg/controller/disruption/
// disruption.go: trySync, getExpectedPodCount, getExpectedScale, buildDisruptedPodMap, countHealthyPods,
// updatePdbStatus; pdb helpers UpdateDisruptionAllowedCondition). Pure: the caller supplies the matched
// pods and how to find each pod's controller scale; nothing here reads the store or the clock.
import type { Condition, Stored } from '../../api/meta'
import type { Pod } from '../../api/pod'
import type { PodDisruptionBudget, PodDisruptionBudgetStatus } from '../../api/pod-disruption-budget'
import { parseRfc3339, toRfc3339 } from '../../sim/time'
import { scaledValueFromIntOrPercent } from './int-or-percent'

/** DeletionTimeout: how long an eviction-granted pod may stay undeleted before it counts again. */
export const DELETION_TIMEOUT_MS = 2 * 60_000

/** What a pod's controller says about the expected scale. */
export type ControllerScale =
  | { kind: 'scale'; uid: string; replicas: number }
  | { kind: 'unmanaged' }
  | { kind: 'missing'; message: string }

export interface PdbCounts {
  expectedPods: number
  desiredHealthy: number
  currentHealthy: number
  disruptionsAllowed: number
  disruptedPods: Record<string, string>
  /** Earliest instant an entry of disruptedPods expires: sync again then. */
  recheckAtMs?: number
  /** Names of matched pods without a controller (event UnmanagedPods). */
  unmanagedPods: string[]
  /** Pods whose disruptedPods entry expired without a deletion (event NotDeleted). */
  notDeleted: Stored<Pod>[]
}

export type PdbComputation = ({ ok: true } & PdbCounts) | { ok: false; error: string }

export function isPodReady(pod: Stored<Pod>): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True')
}

/** getExpectedScale: the sum of spec.replicas over the distinct controllers of the matched pods. */
function expectedScale(pods: readonly Stored<Pod>[], scaleOf: (pod: Stored<Pod>) => ControllerScale): { ok: true; expected: number; unmanaged: string[] } | { ok: false; error: string } {
  const seen = new Map<string, number>()
  const unmanaged: string[] = []
  for (const pod of pods) {
    const scale = scaleOf(pod)
    if (scale.kind === 'unmanaged') unmanaged.push(pod.metadata.name)
    else if (scale.kind === 'missing') return { ok: false, error: scale.message }
    else if (!seen.has(scale.uid)) seen.set(scale.uid, scale.replicas)
  }
  let expected = 0
  for (const replicas of seen.values()) expected += replicas
  return { ok: true, expected, unmanaged }
}

export function computePdbCounts(pdb: Stored<PodDisruptionBudget>, pods: readonly Stored<Pod>[], nowMs: number, scaleOf: (pod: Stored<Pod>) => ControllerScale): PdbComputation {
  let expectedPods = 0
  let desiredHealthy = 0
  let unmanagedPods: string[] = []
  try {
    const { maxUnavailable, minAvailable } = pdb.spec
    if (maxUnavailable !== undefined) {
      const scale = expectedScale(pods, scaleOf)
      if (!scale.ok) return scale
      expectedPods = scale.expected
      unmanagedPods = scale.unmanaged
      desiredHealthy = Math.max(0, expectedPods - scaledValueFromIntOrPercent(maxUnavailable, expectedPods, true))
    } else if (minAvailable !== undefined) {
      if (typeof minAvailable === 'number') {
        desiredHealthy = minAvailable
        expectedPods = pods.length
      } else {
        const scale = expectedScale(pods, scaleOf)
        if (!scale.ok) return scale
        expectedPods = scale.expected
        unmanagedPods = scale.unmanaged
        desiredHealthy = scaledValueFromIntOrPercent(minAvailable, expectedPods, true)
      }
    }
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) }
  }

  // buildDisruptedPodMap: keep entries of pods not yet deleted whose deadline has not passed.
  const disruptedPods: Record<string, string> = {}
  const notDeleted: Stored<Pod>[] = []
  let recheckAtMs: number | undefined
  const granted = pdb.status?.disruptedPods ?? {}
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue
    const at = granted[pod.metadata.name]
    if (at === undefined) continue
    const expectedDeletionMs = parseRfc3339(at) + DELETION_TIMEOUT_MS
    if (expectedDeletionMs < nowMs) notDeleted.push(pod)
    else {
      disruptedPods[pod.metadata.name] = at
      if (recheckAtMs === undefined || expectedDeletionMs < recheckAtMs) recheckAtMs = expectedDeletionMs
    }
  }
  let currentHealthy = 0
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue
    if (disruptedPods[pod.metadata.name] !== undefined) continue
    if (isPodReady(pod)) currentHealthy++
  }
  let disruptionsAllowed = currentHealthy - desiredHealthy
  if (expectedPods <= 0 || disruptionsAllowed <= 0) disruptionsAllowed = 0
  return { ok: true, expectedPods, desiredHealthy, currentHealthy, disruptionsAllowed, disruptedPods, recheckAtMs, unmanagedPods, notDeleted }
}

/** apimeta.SetStatusCondition: lastTransitionTime moves only when the status changes. */
export function setStatusCondition(conditions: readonly Condition[] | undefined, next: Condition, nowMs: number): Condition[] {
  const list = [...(conditions ?? [])]
  const i = list.findIndex((c) => c.type === next.type)
  if (i < 0) return [...list, { ...next, lastTransitionTime: toRfc3339(nowMs) }]
  const current = list[i]
  list[i] = { ...current, ...next, lastTransitionTime: current.status === next.status ? current.lastTransitionTime : toRfc3339(nowMs) }
  return list
}

/** The status updatePdbStatus writes (or failSafe, on an error). */
export function computePdbStatus(pdb: Stored<PodDisruptionBudget>, computation: PdbComputation, nowMs: number): PodDisruptionBudgetStatus {
  const previous = pdb.status ?? {}
  const observedGeneration = pdb.metadata.generation
  if (!computation.ok) {
    return {
      ...previous,
      disruptionsAllowed: 0,
      observedGeneration,
      conditions: setStatusCondition(previous.conditions, { type: 'DisruptionAllowed', status: 'False', reason: 'SyncFailed', message: computation.error, observedGeneration }, nowMs),
    }
  }
  const allowed = computation.disruptionsAllowed > 0
  const status: PodDisruptionBudgetStatus = {
    ...(Object.keys(computation.disruptedPods).length ? { disruptedPods: computation.disruptedPods } : {}),
    disruptionsAllowed: computation.disruptionsAllowed,
    currentHealthy: computation.currentHealthy,
    desiredHealthy: computation.desiredHealthy,
    expectedPods: computation.expectedPods,
    observedGeneration,
    conditions: setStatusCondition(
      previous.conditions,
      { type: 'DisruptionAllowed', status: allowed ? 'True' : 'False', reason: allowed ? 'SufficientPods' : 'InsufficientPods', message: '', observedGeneration },
      nowMs,
    ),
  }
  return status
}
