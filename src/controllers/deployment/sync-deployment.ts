// syncDeployment (semantics.md §5.2; deployment_controller.go syncDeployment, sync.go sync /
// isScalingEvent / syncDeploymentStatus, rolling.go rolloutRolling, recreate.go rolloutRecreate,
// progress.go syncRolloutStatus): the ordered steps of one sync. Decisions come from the pure
// planners; this file only sequences them and writes. As upstream, later steps of a sync read the
// ReplicaSet objects captured at its start (so status right after a scale can lag one sync).
import type { Condition, KubeObject } from '../../api/meta'
import type { ReconcileContext, ReconcileResult } from '../../runtime/controller'
import { controllerOf } from '../../runtime/owners'
import { fromLabelSelector, matchesSelector } from '../../store/selectors'
import { DESIRED_REPLICAS, intAnnotation } from './annotations'
import { applyReplicaSetClaims } from './claim-replica-sets'
import { getCondition, newCondition, REASON, setCondition } from './conditions'
import { planHistoryCleanup } from './history-cleanup'
import { getAllReplicaSetsAndSyncRevision } from './new-replica-set'
import { computeRolloutStatus, computeStuckRequeueMs } from './progress'
import { planScale } from './proportional-scale'
import { hasOldPodsRunning } from './recreate'
import { isActive, sumStatusReplicas } from './replica-sets'
import { planNewReplicaSetScale, planOldReplicaSetsScaleDown } from './rolling'
import { computeDeploymentStatus, hasProgressDeadline, isDeploymentComplete } from './status'
import { DeploymentSync, type StoredDeployment, type StoredReplicaSet } from './sync-state'
import type { ObjectKey } from '../../store/keys'
import { keyOf } from '../../store/keys'

export function syncDeployment(key: ObjectKey, ctx: ReconcileContext): ReconcileResult {
  const stored = ctx.store.get<StoredDeployment>('Deployment', key)
  if (!stored) return
  const selector = stored.spec.selector
  if (!selector || (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0)) {
    ctx.events.record(stored, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.', { component: 'deployment-controller' })
    if ((stored.status?.observedGeneration ?? 0) < (stored.metadata.generation ?? 0)) {
      ctx.client.writeStatus('Deployment', key, { ...(stored.status ?? {}), observedGeneration: stored.metadata.generation })
    }
    return
  }
  const sync = new DeploymentSync(ctx, stored, applyReplicaSetClaims(ctx, stored))
  if (stored.metadata.deletionTimestamp) return syncStatusOnly(sync)
  checkPausedConditions(sync)
  if (sync.d.spec.paused) return syncScale(sync)
  if (isScalingEvent(sync)) return syncScale(sync)
  return sync.d.spec.strategy?.type === 'Recreate' ? rolloutRecreate(sync) : rolloutRolling(sync)
}

function syncStatusOnly(sync: DeploymentSync): ReconcileResult {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(sync, false)
  sync.writeStatus(computeDeploymentStatus(sync.d, [...oldRSs, newRS], newRS, sync.nowMs))
}

/** Progressing Unknown DeploymentPaused / DeploymentResumed, unless a timeout is already reported. */
function checkPausedConditions(sync: DeploymentSync): void {
  if (!hasProgressDeadline(sync.d)) return
  const current = getCondition(sync.d.status?.conditions, 'Progressing')
  if (current?.reason === REASON.progressDeadlineExceeded) return
  const pausedShown = current?.reason === REASON.paused
  if (sync.d.spec.paused && !pausedShown) {
    sync.setConditions(setCondition(sync.d.status?.conditions, newCondition('Progressing', 'Unknown', REASON.paused, 'Deployment is paused', sync.nowMs)))
  } else if (!sync.d.spec.paused && pausedShown) {
    sync.setConditions(setCondition(sync.d.status?.conditions, newCondition('Progressing', 'Unknown', REASON.resumed, 'Deployment is resumed', sync.nowMs)))
  }
}

/** Some active ReplicaSet was sized for a different spec.replicas. */
function isScalingEvent(sync: DeploymentSync): boolean {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(sync, false)
  for (const rs of oldRSs) if (sizedForOtherReplicas(rs, sync.replicas)) return true
  return sizedForOtherReplicas(newRS, sync.replicas)
}

function sizedForOtherReplicas(rs: StoredReplicaSet | undefined, replicas: number): boolean {
  if (!isActive(rs)) return false
  const desired = intAnnotation(rs.metadata.annotations, DESIRED_REPLICAS)
  return desired !== undefined && desired !== replicas
}

/** `sync`: proportional scaling, history clean-up while paused, status. */
function syncScale(sync: DeploymentSync): ReconcileResult {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(sync, false)
  for (const step of planScale(sync.d, newRS, oldRSs)) {
    const rs = sync.byName(step.name)
    if (!rs) continue
    if (step.annotate) sync.scaleReplicaSet(rs, step.to)
    else sync.scaleIfNeeded(rs, step.to)
  }
  if (sync.d.spec.paused) cleanupHistory(sync, oldRSs)
  sync.writeStatus(computeDeploymentStatus(sync.d, [...oldRSs, newRS], newRS, sync.nowMs))
}

function rolloutRolling(sync: DeploymentSync): ReconcileResult {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(sync, true)
  const allRSs = [...oldRSs, newRS]
  if (!newRS) return syncRolloutStatus(sync, allRSs, newRS)
  const target = planNewReplicaSetScale(sync.d, allRSs, newRS)
  if (target !== undefined && sync.scaleIfNeeded(newRS, target).scaled) return syncRolloutStatus(sync, allRSs, newRS)

  const plan = planOldReplicaSetsScaleDown(sync.d, allRSs, oldRSs.filter(isActive), newRS)
  for (const step of plan.steps) {
    const rs = sync.byName(step.name)
    if (rs) sync.scaleIfNeeded(rs, step.to)
  }
  if (plan.scaledDown) return syncRolloutStatus(sync, allRSs, newRS)

  if (isDeploymentComplete(sync.d, sync.d.status)) cleanupHistory(sync, oldRSs)
  return syncRolloutStatus(sync, allRSs, newRS)
}

function rolloutRecreate(sync: DeploymentSync): ReconcileResult {
  let { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(sync, false)
  let allRSs = [...oldRSs, newRS]
  let scaledDown = false
  for (const rs of oldRSs.filter(isActive)) if (sync.scaleIfNeeded(rs, 0).scaled) scaledDown = true
  if (scaledDown) return syncRolloutStatus(sync, allRSs, newRS)

  if (hasOldPodsRunning(sumStatusReplicas(oldRSs), podsByReplicaSet(sync), newRS?.metadata.uid)) return syncRolloutStatus(sync, allRSs, newRS)

  if (!newRS) {
    ;({ newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(sync, true))
    allRSs = [...oldRSs, newRS]
  }
  if (newRS) sync.scaleIfNeeded(newRS, sync.replicas)
  if (isDeploymentComplete(sync.d, sync.d.status)) cleanupHistory(sync, oldRSs)
  return syncRolloutStatus(sync, allRSs, newRS)
}

/** getPodMapForDeployment: pods matching the Deployment's selector, by controlling ReplicaSet uid. */
function podsByReplicaSet(sync: DeploymentSync): Map<string, KubeObject[]> {
  const selector = fromLabelSelector(sync.d.spec.selector as never)
  const map = new Map<string, KubeObject[]>()
  for (const rs of sync.rsList) {
    const pods = sync.ctx.store.dependents(rs.metadata.uid).filter((o) => o.kind === 'Pod' && controllerOf(o)?.uid === rs.metadata.uid && matchesSelector(selector, o.metadata.labels))
    map.set(rs.metadata.uid, pods)
  }
  return map
}

function cleanupHistory(sync: DeploymentSync, oldRSs: readonly StoredReplicaSet[]): void {
  for (const name of planHistoryCleanup(sync.d.spec.revisionHistoryLimit, oldRSs)) {
    const rs = oldRSs.find((r) => r.metadata.name === name)!
    if (sync.ctx.store.get('ReplicaSet', keyOf(rs))) sync.ctx.client.delete('ReplicaSet', keyOf(rs))
  }
}

function syncRolloutStatus(sync: DeploymentSync, allRSs: readonly (StoredReplicaSet | undefined)[], newRS: StoredReplicaSet | undefined): ReconcileResult {
  const computed = computeDeploymentStatus(sync.d, allRSs, newRS, sync.nowMs)
  const next = computeRolloutStatus(sync.d, computed, newRS?.metadata.name, replicaFailure(allRSs, newRS), sync.nowMs)
  if (!sync.writeStatus(next)) {
    const requeueAfterMs = computeStuckRequeueMs(sync.d, next, sync.nowMs)
    return requeueAfterMs === undefined ? undefined : { requeueAfterMs }
  }
}

/** getReplicaFailures: the new ReplicaSet's ReplicaFailure condition first, else any other's. */
function replicaFailure(allRSs: readonly (StoredReplicaSet | undefined)[], newRS: StoredReplicaSet | undefined): Condition | undefined {
  let c = replicaFailureOf(newRS)
  for (let i = 0; !c && i < allRSs.length; i++) c = replicaFailureOf(allRSs[i])
  if (!c) return undefined
  return { type: 'ReplicaFailure', status: c.status, lastTransitionTime: c.lastTransitionTime, lastUpdateTime: c.lastTransitionTime, reason: c.reason, message: c.message }
}

const replicaFailureOf = (rs: StoredReplicaSet | undefined): Condition | undefined => getCondition(rs?.status?.conditions as readonly Condition[] | undefined, 'ReplicaFailure')
