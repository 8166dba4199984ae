// Taint/toleration matching for NoExecute eviction ([k8s] core/v1 toleration.go ToleratesTaint;
// component-helpers GetMatchingTolerations; tainteviction getMinTolerationTime). Pure.
import type { Taint } from '../../api/node'
import type { Toleration } from '../../api/pod'

export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false
  if (toleration.key && toleration.key !== taint.key) return false
  if (toleration.operator === 'Exists') return true
  if (toleration.operator === undefined || toleration.operator === 'Equal') return (toleration.value ?? '') === (taint.value ?? '')
  return false
}

/** For each taint the first toleration that tolerates it; allTolerated false when one taint has none. */
export function matchingTolerations(taints: readonly Taint[], tolerations: readonly Toleration[]): { allTolerated: boolean; used: Toleration[] } {
  const used: Toleration[] = []
  for (const taint of taints) {
    const match = tolerations.find((t) => toleratesTaint(t, taint))
    if (!match) return { allTolerated: false, used: [] }
    used.push(match)
  }
  return { allTolerated: true, used }
}

/** The shortest tolerationSeconds among the used tolerations in ms; -1 = forever; <= 0 seconds = 0. */
export function minTolerationMs(used: readonly Toleration[]): number {
  let min = -1
  for (const t of used) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue
    const seconds = t.tolerationSeconds as number
    if (seconds <= 0) return 0
    if (min < 0 || seconds * 1000 < min) min = seconds * 1000
  }
  return min
}
