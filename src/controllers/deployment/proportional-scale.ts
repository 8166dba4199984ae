// Scaling while paused or on a scaling event (semantics.md §5.7; sync.go scale,
// deployment_util.go FindActiveOrLatest, IsSaturated, GetProportion, getReplicaSetFraction).
// Pure: returns the sizes to write; `annotate` steps are written even when the size stays (they
// refresh desired/max-replicas annotations, as upstream's scaleReplicaSet does).
import { DESIRED_REPLICAS, intAnnotation, MAX_REPLICAS } from './annotations'
import { isRollingUpdate, maxSurge, type StrategyView } from './fenceposts'
import { compareByCreation, isActive, specReplicas, sumSpecReplicas, type RsView } from './replica-sets'

export interface ProportionalStep {
  name: string
  to: number
  /** Write desired/max annotations even if the size is unchanged. */
  annotate: boolean
}

export interface ScaleView extends StrategyView {
  status?: { replicas?: number }
}

export function planScale(d: ScaleView, newRS: RsView | undefined, oldRSs: readonly RsView[]): ProportionalStep[] {
  const replicas = d.spec.replicas ?? 1
  const target = findActiveOrLatest(newRS, oldRSs)
  if (target) return specReplicas(target) === replicas ? [] : [{ name: target.metadata.name, to: replicas, annotate: false }]
  if (isSaturated(replicas, newRS)) return oldRSs.filter(isActive).map((rs) => ({ name: rs.metadata.name, to: 0, annotate: false }))
  if (!isRollingUpdate(d)) return []

  const active = [...oldRSs, ...(newRS ? [newRS] : [])].filter(isActive)
  const allowedSize = replicas > 0 ? replicas + maxSurge(d) : 0
  const toAdd = allowedSize - sumSpecReplicas(active)
  if (toAdd > 0) active.sort((a, b) => specReplicas(b) - specReplicas(a) || compareByCreation(b, a))
  else if (toAdd < 0) active.sort((a, b) => specReplicas(b) - specReplicas(a) || compareByCreation(a, b))
  const sizes = active.map((rs) => specReplicas(rs))
  let added = 0
  if (toAdd !== 0) {
    active.forEach((rs, i) => {
      const proportion = computeProportion(rs, d, toAdd, added)
      sizes[i] += proportion
      added += proportion
    })
    sizes[0] = Math.max(0, sizes[0] + (toAdd - added))
  }
  return active.map((rs, i) => ({ name: rs.metadata.name, to: sizes[i], annotate: true }))
}

/** The only active ReplicaSet, or the newest when none is active; undefined when several are. */
function findActiveOrLatest(newRS: RsView | undefined, oldRSs: readonly RsView[]): RsView | undefined {
  if (!newRS && oldRSs.length === 0) return undefined
  const newestFirst = [...oldRSs].sort((a, b) => compareByCreation(b, a))
  const active = [...newestFirst, ...(newRS ? [newRS] : [])].filter(isActive)
  if (active.length === 0) return newRS ?? newestFirst[0]
  return active.length === 1 ? active[0] : undefined
}

function isSaturated(replicas: number, rs: RsView | undefined): boolean {
  if (!rs) return false
  const desired = intAnnotation(rs.metadata.annotations, DESIRED_REPLICAS)
  return desired !== undefined && specReplicas(rs) === replicas && desired === replicas && (rs.status?.availableReplicas ?? 0) === replicas
}

function computeProportion(rs: RsView, d: ScaleView, toAdd: number, added: number): number {
  if (specReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0
  const fraction = computeFraction(rs, d)
  const allowed = toAdd - added
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed)
}

/** round(size × maxReplicas / max-replicas-before-the-scale) − size; −size when scaling to 0. */
function computeFraction(rs: RsView, d: ScaleView): number {
  const replicas = d.spec.replicas ?? 1
  if (replicas === 0) return -specReplicas(rs)
  const maxReplicas = replicas + maxSurge(d)
  let before = intAnnotation(rs.metadata.annotations, MAX_REPLICAS)
  if (!before) before = d.status?.replicas ?? 0
  if (!before) return 0
  return roundHalfAway((specReplicas(rs) * maxReplicas) / before) - specReplicas(rs)
}

/** Go's math.Round: halves away from zero. */
function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x)
}
