// ReplicaSet / ReplicationController status (replica_set_utils.go calculateStatus): counts over the
// claimed active pods, terminatingReplicas (DeploymentReplicaSetTerminatingReplicas, on in 1.35,
// ReplicaSet only), and the ReplicaFailure condition kept while manageReplicas fails. Pure.
import type { Condition } from '../../api/meta'
import type { Pod } from '../../api/pod'
import { toRfc3339 } from '../../sim/time'
import { isPodAvailable, isPodReady, podFacts, readySinceMs } from './pod-state'

export interface ReplicaStatus {
  replicas?: number
  fullyLabeledReplicas?: number
  readyReplicas?: number
  availableReplicas?: number
  terminatingReplicas?: number
  observedGeneration?: number
  conditions?: Condition[]
  [field: string]: unknown
}

export interface ReplicaOwnerView {
  metadata: { generation?: number }
  spec: { replicas?: number; minReadySeconds?: number; template?: { metadata?: { labels?: Record<string, string> } } }
  status?: ReplicaStatus
}

export interface ManageFailure {
  reason: 'FailedCreate' | 'FailedDelete'
  message: string
}

/** What the status counts: claimed active pods by readiness, and terminating ones where reported. */
export interface ReplicaCounts {
  replicas: number
  fullyLabeled: number
  ready: number
  available: number
  /** Undefined when the kind does not report terminatingReplicas. */
  terminating: number | undefined
}

export function countReplicas(owner: ReplicaOwnerView, activePods: readonly Pod[], terminatingPods: readonly Pod[] | undefined, nowMs: number): ReplicaCounts {
  const templateLabels = templateLabelsOf(owner)
  const minReadySeconds = owner.spec.minReadySeconds ?? 0
  let fullyLabeled = 0
  let ready = 0
  let available = 0
  for (const pod of activePods) {
    if (hasAllLabels(pod, templateLabels)) fullyLabeled++
    if (podFacts(pod).ready) {
      ready++
      if (!minReadySeconds || isPodAvailable(pod, minReadySeconds, nowMs)) available++
    }
  }
  return { replicas: activePods.length, fullyLabeled, ready, available, terminating: terminatingPods?.length }
}

/** The template's labels as pairs, for hasAllLabels. */
export function templateLabelsOf(owner: ReplicaOwnerView): readonly (readonly [string, string])[] {
  return Object.entries(owner.spec.template?.metadata?.labels ?? {})
}

export function computeReplicaStatus(owner: ReplicaOwnerView, counts: ReplicaCounts, failure: ManageFailure | undefined, nowMs: number): ReplicaStatus {
  const previous = owner.status ?? {}
  let conditions = previous.conditions ? [...previous.conditions] : undefined
  const failureCondition = conditions?.find((c) => c.type === 'ReplicaFailure')
  if (failure && !failureCondition) {
    conditions = [...(conditions ?? []).filter((c) => c.type !== 'ReplicaFailure'), { type: 'ReplicaFailure', status: 'True', lastTransitionTime: toRfc3339(nowMs), reason: failure.reason, message: failure.message }]
  } else if (!failure && failureCondition) {
    conditions = conditions!.filter((c) => c.type !== 'ReplicaFailure')
  }
  const status: ReplicaStatus = {
    ...previous,
    replicas: counts.replicas,
    fullyLabeledReplicas: counts.fullyLabeled,
    readyReplicas: counts.ready,
    availableReplicas: counts.available,
    observedGeneration: owner.metadata.generation ?? previous.observedGeneration,
  }
  if (counts.terminating !== undefined) status.terminatingReplicas = counts.terminating
  else delete status.terminatingReplicas
  if (conditions?.length) status.conditions = conditions
  else delete status.conditions
  return status
}

/** The pod carries every template label (fullyLabeledReplicas). */
export function hasAllLabels(pod: Pod, required: readonly (readonly [string, string])[]): boolean {
  const labels = pod.metadata.labels ?? {}
  for (let i = 0; i < required.length; i++) if (labels[required[i][0]] !== required[i][1]) return false
  return true
}

/**
 * When the controller must look again to see a ready pod become available: the earliest
 * `readySince + minReadySeconds + 1 s` among ready-but-not-yet-available pods (the RS's updatePod
 * enqueues minReadySeconds + 1 s after a pod turns Ready). Undefined when nothing is pending.
 */
export function computeAvailabilityRecheckMs(activePods: readonly Pod[], minReadySeconds: number, nowMs: number): number | undefined {
  if (!minReadySeconds) return undefined
  let earliest: number | undefined
  for (const pod of activePods) {
    if (!isPodReady(pod) || isPodAvailable(pod, minReadySeconds, nowMs)) continue
    const since = readySinceMs(pod)
    if (since === undefined) continue
    const due = since + minReadySeconds * 1000 + 1000
    if (earliest === undefined || due < earliest) earliest = due
  }
  return earliest === undefined ? undefined : Math.max(1, earliest - nowMs)
}
