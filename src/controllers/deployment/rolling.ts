// RollingUpdate arithmetic (semantics.md §5.5; rolling.go reconcileNewReplicaSet,
// reconcileOldReplicaSets, cleanupUnhealthyReplicas, scaleDownOldReplicaSetsForRollingUpdate;
// deployment_util.go NewRSNewReplicas). Pure planners: the controller applies their steps in order,
// one phase per sync (a scale-up returns before any scale-down, as upstream).
import { isRollingUpdate, maxSurge, maxUnavailable, type StrategyView } from './fenceposts'
import { compareByCreation, specReplicas, sumAvailable, sumSpecReplicas, type RsView } from './replica-sets'

export interface ScaleStep {
  name: string
  from: number
  to: number
}

/** How many replicas the new ReplicaSet may have now (NewRSNewReplicas). */
export function computeNewReplicaSetReplicas(d: StrategyView, allRSs: readonly (RsView | undefined)[], newRS: RsView): number {
  const replicas = d.spec.replicas ?? 1
  if (!isRollingUpdate(d)) return replicas
  const surge = maxSurge(d)
  const current = sumSpecReplicas(allRSs)
  const maxTotal = replicas + surge
  if (current >= maxTotal) return specReplicas(newRS)
  return specReplicas(newRS) + Math.min(maxTotal - current, replicas - specReplicas(newRS))
}

/** reconcileNewReplicaSet: the new ReplicaSet's next size, or undefined when it stays. */
export function planNewReplicaSetScale(d: StrategyView, allRSs: readonly (RsView | undefined)[], newRS: RsView): number | undefined {
  const replicas = d.spec.replicas ?? 1
  const current = specReplicas(newRS)
  if (current === replicas) return undefined
  if (current > replicas) return replicas
  const next = computeNewReplicaSetReplicas(d, allRSs, newRS)
  return next === current ? undefined : next
}

export interface OldScaleDownPlan {
  /** In order: unhealthy clean-up first, then the availability-budgeted scale-down. */
  steps: ScaleStep[]
  /** Whether the sync counts as "scaled down" (and so returns after writing status). */
  scaledDown: boolean
}

/**
 * reconcileOldReplicaSets. `oldRSs` are the active old ReplicaSets. maxScaledDown = all replicas −
 * minAvailable − unavailable new replicas; unhealthy old replicas go first, then old ReplicaSets
 * (oldest first) shrink by the available budget above minAvailable.
 */
export function planOldReplicaSetsScaleDown(d: StrategyView, allRSs: readonly (RsView | undefined)[], oldRSs: readonly RsView[], newRS: RsView): OldScaleDownPlan {
  const none: OldScaleDownPlan = { steps: [], scaledDown: false }
  if (sumSpecReplicas(oldRSs) === 0) return none
  const replicas = d.spec.replicas ?? 1
  const minAvailable = replicas - maxUnavailable(d)
  const newUnavailable = specReplicas(newRS) - (newRS.status?.availableReplicas ?? 0)
  const maxScaledDown = sumSpecReplicas(allRSs) - minAvailable - newUnavailable
  if (maxScaledDown <= 0) return none

  const sorted = [...oldRSs].sort(compareByCreation)
  // Each old ReplicaSet's size as the plan shrinks it, by its place in `sorted`.
  const size = sorted.map(specReplicas)
  const steps: ScaleStep[] = []

  // cleanupUnhealthyReplicas
  let cleaned = 0
  for (let i = 0; i < sorted.length; i++) {
    if (cleaned >= maxScaledDown) break
    const current = size[i]
    const available = sorted[i].status?.availableReplicas ?? 0
    if (current === 0 || current === available) continue
    const count = Math.min(maxScaledDown - cleaned, current - available)
    // Upstream errors out ("invalid request to scale down") when status reports more available
    // pods than the spec now asks for; the sync then counts as not scaled.
    if (count < 0) return { steps, scaledDown: false }
    size[i] = current - count
    steps.push({ name: sorted[i].metadata.name, from: current, to: size[i] })
    cleaned += count
  }

  // scaleDownOldReplicaSetsForRollingUpdate: status is unchanged by the clean-up above.
  const availableNow = sumAvailable(oldRSs) + (newRS.status?.availableReplicas ?? 0)
  let scaled = 0
  if (availableNow > minAvailable) {
    const budget = availableNow - minAvailable
    for (let i = 0; i < sorted.length; i++) {
      if (scaled >= budget) break
      const current = size[i]
      if (current === 0) continue
      const count = Math.min(current, budget - scaled)
      size[i] = current - count
      steps.push({ name: sorted[i].metadata.name, from: current, to: size[i] })
      scaled += count
    }
  }
  return { steps, scaledDown: cleaned + scaled > 0 }
}
