// How the StatefulSet controller reads a pod's state ([k8s] stateful_set_utils.go: isCreated, isPending,
// isFailed, isSucceeded, isTerminating, isRunningAndReady, isRunningAndAvailable, isHealthy).
// "Created" means the kubelet has given it a phase. Availability: Ready for minReadySeconds, measured
// from the Ready condition's lastTransitionTime (we count the instant itself as available).
import type { Pod } from '../../api/pod'
import { parseRfc3339 } from '../../sim/time'

export function isCreated(pod: Pod): boolean {
  return (pod.status?.phase ?? '') !== ''
}

export function isPending(pod: Pod): boolean {
  return pod.status?.phase === 'Pending'
}

export function isFailed(pod: Pod): boolean {
  return pod.status?.phase === 'Failed'
}

export function isSucceeded(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded'
}

export function isTerminating(pod: Pod): boolean {
  return pod.metadata.deletionTimestamp !== undefined && pod.metadata.deletionTimestamp !== null
}

function readyCondition(pod: Pod) {
  return pod.status?.conditions?.find((c) => c.type === 'Ready')
}

export function isRunningAndReady(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && readyCondition(pod)?.status === 'True'
}

/** When a running, ready pod becomes available (ms), or undefined when it is not running and ready. */
export function availableAtMs(pod: Pod, minReadySeconds: number): number | undefined {
  if (!isRunningAndReady(pod)) return undefined
  if (minReadySeconds <= 0) return Number.NEGATIVE_INFINITY
  const since = readyCondition(pod)?.lastTransitionTime
  const sinceMs = since ? parseRfc3339(since) : Number.NaN
  return Number.isNaN(sinceMs) ? Number.POSITIVE_INFINITY : sinceMs + minReadySeconds * 1000
}

export function isRunningAndAvailable(pod: Pod, minReadySeconds: number, nowMs: number): boolean {
  const at = availableAtMs(pod, minReadySeconds)
  return at !== undefined && at <= nowMs
}

/** Running, Ready and not being deleted. */
export function isHealthy(pod: Pod): boolean {
  return isRunningAndReady(pod) && !isTerminating(pod)
}
