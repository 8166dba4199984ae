// Deployment status from its ReplicaSets (semantics.md §5.9; sync.go calculateStatus): sums of the
// ReplicaSets' status, updatedReplicas from the new one, terminatingReplicas (feature on in 1.35),
// and the Available condition against replicas − maxUnavailable. Pure.
import type { Condition } from '../../api/meta'
import { getCondition, newCondition, REASON, setCondition } from './conditions'
import { maxUnavailable, type StrategyView } from './fenceposts'
import { sumAvailable, sumReady, sumSpecReplicas, sumStatusReplicas, sumTerminating, type RsView } from './replica-sets'

export interface DeploymentStatusView {
  observedGeneration?: number
  replicas?: number
  updatedReplicas?: number
  readyReplicas?: number
  availableReplicas?: number
  unavailableReplicas?: number
  terminatingReplicas?: number
  conditions?: readonly Condition[]
  collisionCount?: number
}

export interface DeploymentView extends StrategyView {
  metadata: { name: string; generation?: number; annotations?: Record<string, string>; deletionTimestamp?: string }
  spec: StrategyView['spec'] & { paused?: boolean; progressDeadlineSeconds?: number; revisionHistoryLimit?: number; minReadySeconds?: number; template?: unknown }
  status?: DeploymentStatusView
}

export function computeDeploymentStatus(d: DeploymentView, allRSs: readonly (RsView | undefined)[], newRS: RsView | undefined, nowMs: number): DeploymentStatusView {
  const available = sumAvailable(allRSs)
  const status: DeploymentStatusView = {
    observedGeneration: d.metadata.generation,
    replicas: sumStatusReplicas(allRSs),
    updatedReplicas: newRS?.status?.replicas ?? 0,
    readyReplicas: sumReady(allRSs),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, sumSpecReplicas(allRSs) - available),
  }
  const terminating = sumTerminating(allRSs)
  if (terminating !== undefined) status.terminatingReplicas = terminating
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount
  const replicas = d.spec.replicas ?? 1
  const availableCondition =
    available >= replicas - maxUnavailable(d)
      ? newCondition('Available', 'True', REASON.minimumReplicasAvailable, 'Deployment has minimum availability.', nowMs)
      : newCondition('Available', 'False', REASON.minimumReplicasUnavailable, 'Deployment does not have minimum availability.', nowMs)
  status.conditions = setCondition(d.status?.conditions, availableCondition)
  return status
}

/** DeploymentComplete: every replica updated and available, and the spec observed. */
export function isDeploymentComplete(d: DeploymentView, status: DeploymentStatusView | undefined): boolean {
  const replicas = d.spec.replicas ?? 1
  return (status?.updatedReplicas ?? 0) === replicas && (status?.replicas ?? 0) === replicas && (status?.availableReplicas ?? 0) === replicas && (status?.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
}

export const hasProgressDeadline = (d: DeploymentView): boolean => d.spec.progressDeadlineSeconds !== undefined && d.spec.progressDeadlineSeconds < 2147483647

export { getCondition }
