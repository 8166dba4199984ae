// maxSurge / maxUnavailable resolution (semantics.md §5.4; deployment_util.go ResolveFenceposts,
// MaxSurge, MaxUnavailable; intstr GetScaledValueFromIntOrPercent): surge rounds up, unavailable
// rounds down, and when both resolve to 0 unavailable becomes 1. Pure.
import type { IntOrString } from '../../api/meta'

export interface StrategyView {
  spec: { replicas?: number; strategy?: { type?: string; rollingUpdate?: { maxSurge?: IntOrString; maxUnavailable?: IntOrString } } }
}

/** An absolute number, or a percentage of `total` rounded up or down. */
export function scaledValue(value: IntOrString | undefined, total: number, roundUp: boolean): number {
  if (value === undefined) return 0
  if (typeof value === 'number') return value
  const percent = /^(-?\d+)%$/.exec(value)
  if (!percent) {
    const n = Number.parseInt(value, 10)
    return Number.isNaN(n) ? 0 : n
  }
  const scaled = (Number(percent[1]) * total) / 100
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled)
}

export function resolveFenceposts(maxSurge: IntOrString | undefined, maxUnavailable: IntOrString | undefined, desired: number): { surge: number; unavailable: number } {
  const surge = scaledValue(maxSurge, desired, true)
  let unavailable = scaledValue(maxUnavailable, desired, false)
  if (surge === 0 && unavailable === 0) unavailable = 1
  return { surge, unavailable }
}

export function isRollingUpdate(d: StrategyView): boolean {
  return (d.spec.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate'
}

/** Resolved maxSurge; 0 for Recreate. */
export function maxSurge(d: StrategyView): number {
  if (!isRollingUpdate(d)) return 0
  return fenceposts(d.spec).surge
}

/** Resolved maxUnavailable, capped at replicas; 0 for Recreate or zero replicas. */
export function maxUnavailable(d: StrategyView): number {
  const replicas = d.spec.replicas ?? 1
  if (!isRollingUpdate(d) || replicas === 0) return 0
  return Math.min(fenceposts(d.spec).unavailable, replicas)
}

// A sync resolves the fenceposts several times and most syncs see the same stored (deeply frozen)
// spec: resolved once per spec object.
const resolvedBySpec = new WeakMap<StrategyView['spec'], { surge: number; unavailable: number }>()

function fenceposts(spec: StrategyView['spec']): { surge: number; unavailable: number } {
  let resolved = resolvedBySpec.get(spec)
  if (resolved === undefined) {
    const r = spec.strategy?.rollingUpdate
    resolved = resolveFenceposts(r?.maxSurge, r?.maxUnavailable, spec.replicas ?? 1)
    if (Object.isFrozen(spec)) resolvedBySpec.set(spec, resolved)
  }
  return resolved
}
