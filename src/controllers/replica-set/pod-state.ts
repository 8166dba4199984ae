// What the workload controllers read off a pod (controller_utils.go IsPodActive / FilterTerminatingPods,
// pkg/api/v1/pod/util.go IsPodReady / IsPodAvailable). Pure; shared by the ReplicaSet and
// Deployment planners. Times are virtual ms; API timestamps have 1 s resolution.
import type { Pod } from '../../api/pod'
import { controllerOf } from '../../runtime/owners'
import { parseRfc3339 } from '../../sim/time'

/** A pod counts toward replicas: not terminal and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp
}

/** Being deleted but not yet terminal (`terminatingReplicas`). */
export function isPodTerminating(pod: Pod): boolean {
  const phase = pod.status?.phase
  return !!pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed'
}

function readyCondition(pod: Pod) {
  const conditions = pod.status?.conditions
  if (!conditions) return undefined
  for (let i = 0; i < conditions.length; i++) if (conditions[i].type === 'Ready') return conditions[i]
  return undefined
}

export function isPodReady(pod: Pod): boolean {
  return readyCondition(pod)?.status === 'True'
}

/** When the pod's Ready condition last turned True, in ms; undefined when not ready or unknown. */
export function readySinceMs(pod: Pod): number | undefined {
  const c = readyCondition(pod)
  if (c?.status !== 'True' || !c.lastTransitionTime) return undefined
  const ms = parseRfc3339(c.lastTransitionTime)
  return Number.isNaN(ms) ? undefined : ms
}

/** Ready, and Ready for strictly more than minReadySeconds (semantics.md §2.7). */
export function isPodAvailable(pod: Pod, minReadySeconds: number, nowMs: number): boolean {
  if (!isPodReady(pod)) return false
  if (!minReadySeconds) return true
  const since = readySinceMs(pod)
  return since !== undefined && since + minReadySeconds * 1000 < nowMs
}

/** What a ReplicaSet sync asks of each of its pods. */
export interface PodFacts {
  /** The uid of the pod's controllerRef. */
  controllerUid: string | undefined
  active: boolean
  terminating: boolean
  ready: boolean
}

/** The pod's facts, read afresh: for a reader that sees each pod version once (a watch). */
export function readPodFacts(pod: Pod): PodFacts {
  return { controllerUid: controllerOf(pod)?.uid, active: isPodActive(pod), terminating: isPodTerminating(pod), ready: isPodReady(pod) }
}

// A sync visits every pod of its owner and most are unchanged since the last one: stored pods are
// frozen, so their facts are read once per version.
const factsByPod = new WeakMap<Pod, PodFacts>()

export function podFacts(pod: Pod): PodFacts {
  let facts = factsByPod.get(pod)
  if (facts === undefined) {
    facts = readPodFacts(pod)
    if (Object.isFrozen(pod)) factsByPod.set(pod, facts)
  }
  return facts
}
