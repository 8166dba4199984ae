// RollingUpdate arithmetic (semantics.md §5.5; rolling.go reconcileNewReplicaSet,
// reconcileOldReplicaSets, cleanupUnhealthyReplicas, scaleDownOldReplicaSetsForRollingUpdate;
// deployment_util.go NewRSNewReplicas). Pure planners: the controller applies their steps in order,
// one phase per sync (a scale-up returns before any scale-down, as upstream).
import { maxUnavailable, scaledValue, type StrategyView } from './fenceposts'
import { compareByCreation, specReplicas, sumAvailable, sumSpecReplicas, type RsView } from './replica-sets'

export interface ScaleStep {
  name: string
  from: number
  to: number
}

/** How many replicas the new ReplicaSet may have now (NewRSNewReplicas). */
export function computeNewReplicaSetReplicas(d: StrategyView, allRSs: readonly (RsView | undefined)[], newRS: RsView): number {
  const replicas = d.spec.replicas ?? 1
  if ((d.spec.strategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return replicas
  const surge = scaledValue(d.spec.strategy?.rollingUpdate?.maxSurge, replicas, true)
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
  const size = new Map(sorted.map((rs) => [rs.metadata.name, specReplicas(rs)]))
  const steps: ScaleStep[] = []
  const scale = (rs: RsView, count: number) => {
    const from = size.get(rs.metadata.name)!
    steps.push({ name: rs.metadata.name, from, to: from - count })
    size.set(rs.metadata.name, from - count)
  }

  // cleanupUnhealthyReplicas
  let cleaned = 0
  for (const rs of sorted) {
    if (cleaned >= maxScaledDown) break
    const current = size.get(rs.metadata.name)!
    const available = rs.status?.availableReplicas ?? 0
    if (current === 0 || current === available) continue
    const count = Math.min(maxScaledDown - cleaned, current - available)
    // Upstream errors out ("invalid request to scale down") when status reports more available
    // pods than the spec now asks for; the sync then counts as not scaled.
    if (count < 0) return { steps, scaledDown: false }
    scale(rs, count)
    cleaned += count
  }

  // scaleDownOldReplicaSetsForRollingUpdate: status is unchanged by the clean-up above.
  const availableNow = sumAvailable([...oldRSs, newRS])
  let scaled = 0
  if (availableNow > minAvailable) {
    const budget = availableNow - minAvailable
    for (const rs of sorted) {
      if (scaled >= budget) break
      const current = size.get(rs.metadata.name)!
      if (current === 0) continue
      const count = Math.min(current, budget - scaled)
      scale(rs, count)
      scaled += count
    }
  }
  return { steps, scaledDown: cleaned + scaled > 0 }
}
