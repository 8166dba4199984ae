// The Progressing condition and the progress-deadline timer (semantics.md §5.9; progress.go
// syncRolloutStatus, requeueStuckDeployment; deployment_util.go DeploymentProgressing,
// DeploymentTimedOut). Pure: the controller writes the result and requeues when asked.
import type { Condition } from '../../api/meta'
import { parseRfc3339 } from '../../sim/time'
import { getCondition, newCondition, REASON, removeCondition, setCondition } from './conditions'
import { hasProgressDeadline, isDeploymentComplete, type DeploymentStatusView, type DeploymentView } from './status'

/** The status with Progressing (and ReplicaFailure) brought up to date. */
export function computeRolloutStatus(d: DeploymentView, computed: DeploymentStatusView, newRSName: string | undefined, replicaFailure: Condition | undefined, nowMs: number): DeploymentStatusView {
  let conditions = computed.conditions ?? []
  if (!hasProgressDeadline(d)) conditions = removeCondition(conditions, 'Progressing')
  const current = getCondition(d.status?.conditions, 'Progressing')
  const complete = computed.replicas === computed.updatedReplicas && current?.reason === REASON.newReplicaSetAvailable
  if (hasProgressDeadline(d) && !complete) {
    const subject = newRSName ? `ReplicaSet "${newRSName}"` : `Deployment "${d.metadata.name}"`
    if (isDeploymentComplete(d, computed)) {
      conditions = setCondition(conditions, newCondition('Progressing', 'True', REASON.newReplicaSetAvailable, `${subject} has successfully progressed.`, nowMs))
    } else if (isProgressing(d, computed)) {
      // Same reason, fresh lastUpdateTime: remove first so the set is not a no-op.
      let condition = newCondition('Progressing', 'True', REASON.replicaSetUpdated, `${subject} is progressing.`, nowMs)
      if (current) {
        if (current.status === 'True') condition = { ...condition, lastTransitionTime: current.lastTransitionTime }
        conditions = removeCondition(conditions, 'Progressing')
      }
      conditions = setCondition(conditions, condition)
    } else if (isTimedOut(d, computed, nowMs)) {
      conditions = setCondition(conditions, newCondition('Progressing', 'False', REASON.progressDeadlineExceeded, `${subject} has timed out progressing.`, nowMs))
    }
  }
  conditions = replicaFailure ? setCondition(conditions, replicaFailure) : removeCondition(conditions, 'ReplicaFailure')
  const status = { ...computed }
  if (conditions.length) status.conditions = conditions
  else delete status.conditions
  return status
}

/** Any sign of progress against the stored status (DeploymentProgressing). */
export function isProgressing(d: DeploymentView, next: DeploymentStatusView): boolean {
  const old = d.status ?? {}
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0)
  const newOld = (next.replicas ?? 0) - (next.updatedReplicas ?? 0)
  return (next.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) || newOld < oldOld || (next.readyReplicas ?? 0) > (old.readyReplicas ?? 0) || (next.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
}

/** No progress for strictly more than progressDeadlineSeconds since the condition's lastUpdateTime. */
export function isTimedOut(d: DeploymentView, status: DeploymentStatusView, nowMs: number): boolean {
  if (!hasProgressDeadline(d)) return false
  const condition = getCondition(status.conditions, 'Progressing')
  if (!condition) return false
  if (condition.reason === REASON.newReplicaSetAvailable) return false
  if (condition.reason === REASON.progressDeadlineExceeded) return true
  const from = parseRfc3339(condition.lastUpdateTime ?? '')
  return !Number.isNaN(from) && from + d.spec.progressDeadlineSeconds! * 1000 < nowMs
}

/**
 * requeueStuckDeployment: when nothing changed and the rollout is neither complete nor timed out,
 * look again just after the deadline (lastUpdateTime + deadline + 1 s). Under a second left, the
 * upstream rate-limited requeue is modelled as a look just past the deadline.
 */
export function computeStuckRequeueMs(d: DeploymentView, next: DeploymentStatusView, nowMs: number): number | undefined {
  const current = getCondition(d.status?.conditions, 'Progressing')
  if (!hasProgressDeadline(d) || !current) return undefined
  if (isDeploymentComplete(d, next) || current.reason === REASON.progressDeadlineExceeded) return undefined
  const from = parseRfc3339(current.lastUpdateTime ?? '')
  if (Number.isNaN(from)) return undefined
  const afterMs = from + d.spec.progressDeadlineSeconds! * 1000 - nowMs
  if (afterMs < 1000) return Math.max(5, afterMs + 1)
  return afterMs + 1000
}
