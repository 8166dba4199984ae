// StatefulSet status from the observed pods (semantics.md §6.7; [k8s] stateful_set_control.go:
// updateStatus/computeReplicaStatus; stateful_set_utils.go: completeRollingUpdate, inconsistentStatus).
// replicas counts created pods (phase set), terminating ones included; current/updated count created,
// non-terminating pods by their controller-revision-hash label. Pure.
import type { Pod } from '../../api/pod'
import type { StatefulSetStatus } from '../../api/stateful-set'
import { podRevision } from './identity'
import { availableAtMs, isCreated, isRunningAndReady, isTerminating } from './pod-state'

export interface ComputedStatefulSetStatus {
  observedGeneration: number
  replicas: number
  readyReplicas: number
  currentReplicas: number
  updatedReplicas: number
  availableReplicas: number
  currentRevision: string
  updateRevision: string
  collisionCount: number
}

export interface StatusInput {
  generation: number
  pods: readonly Pod[]
  minReadySeconds: number
  nowMs: number
  currentRevision: string
  updateRevision: string
  collisionCount: number
  rollingUpdate: boolean
}

export function computeStatefulSetStatus(input: StatusInput): ComputedStatefulSetStatus {
  const status: ComputedStatefulSetStatus = {
    observedGeneration: input.generation,
    replicas: 0,
    readyReplicas: 0,
    currentReplicas: 0,
    updatedReplicas: 0,
    availableReplicas: 0,
    currentRevision: input.currentRevision,
    updateRevision: input.updateRevision,
    collisionCount: input.collisionCount,
  }
  for (const pod of input.pods) {
    if (isCreated(pod)) status.replicas++
    if (isRunningAndReady(pod)) {
      status.readyReplicas++
      const at = availableAtMs(pod, input.minReadySeconds)
      if (at !== undefined && at <= input.nowMs) status.availableReplicas++
    }
    if (isCreated(pod) && !isTerminating(pod)) {
      const revision = podRevision(pod)
      if (revision === input.currentRevision) status.currentReplicas++
      if (revision === input.updateRevision) status.updatedReplicas++
    }
  }
  // completeRollingUpdate: once every pod is updated and ready, the update revision becomes current.
  if (input.rollingUpdate && status.updatedReplicas === status.replicas && status.readyReplicas === status.replicas) {
    status.currentReplicas = status.updatedReplicas
    status.currentRevision = status.updateRevision
  }
  return status
}

/** inconsistentStatus: whether the stored status differs from the computed one. */
export function isStatusStale(stored: StatefulSetStatus | undefined, computed: ComputedStatefulSetStatus): boolean {
  const s = stored ?? {}
  return (
    s.observedGeneration !== computed.observedGeneration ||
    (s.replicas ?? 0) !== computed.replicas ||
    (s.readyReplicas ?? 0) !== computed.readyReplicas ||
    (s.currentReplicas ?? 0) !== computed.currentReplicas ||
    (s.updatedReplicas ?? 0) !== computed.updatedReplicas ||
    (s.availableReplicas ?? 0) !== computed.availableReplicas ||
    s.currentRevision !== computed.currentRevision ||
    s.updateRevision !== computed.updateRevision ||
    (s.collisionCount ?? 0) !== computed.collisionCount
  )
}
