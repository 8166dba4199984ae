// Deployment conditions and their upstream reasons (deployment_util.go constants,
// NewDeploymentCondition, SetDeploymentCondition): setting a condition with the same status and
// reason changes nothing; a changed condition moves to the end of the list; lastTransitionTime is
// kept while the status stays. Pure.
import type { Condition } from '../../api/meta'
import { toRfc3339 } from '../../sim/time'

export const REASON = {
  newReplicaSetCreated: 'NewReplicaSetCreated',
  foundNewReplicaSet: 'FoundNewReplicaSet',
  replicaSetUpdated: 'ReplicaSetUpdated',
  newReplicaSetAvailable: 'NewReplicaSetAvailable',
  progressDeadlineExceeded: 'ProgressDeadlineExceeded',
  failedReplicaSetCreate: 'ReplicaSetCreateError',
  paused: 'DeploymentPaused',
  resumed: 'DeploymentResumed',
  minimumReplicasAvailable: 'MinimumReplicasAvailable',
  minimumReplicasUnavailable: 'MinimumReplicasUnavailable',
} as const

export function newCondition(type: string, status: Condition['status'], reason: string, message: string, nowMs: number): Condition {
  const now = toRfc3339(nowMs)
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message }
}

export function getCondition(conditions: readonly Condition[] | undefined, type: string): Condition | undefined {
  if (conditions) for (let i = 0; i < conditions.length; i++) if (conditions[i].type === type) return conditions[i]
  return undefined
}

/** The list with `condition` set; the list itself when nothing changes (lists are never modified in place). */
export function setCondition(conditions: readonly Condition[] | undefined, condition: Condition): readonly Condition[] {
  const list = conditions ?? []
  const current = getCondition(list, condition.type)
  if (current && current.status === condition.status && current.reason === condition.reason) return list
  const next = current && current.status === condition.status ? { ...condition, lastTransitionTime: current.lastTransitionTime } : condition
  const out: Condition[] = []
  for (const c of list) if (c.type !== condition.type) out.push(c)
  out.push(next)
  return out
}

/** The list without conditions of `type`; the list itself when it has none. */
export function removeCondition(conditions: readonly Condition[] | undefined, type: string): readonly Condition[] {
  const list = conditions ?? []
  return getCondition(list, type) ? list.filter((c) => c.type !== type) : list
}
