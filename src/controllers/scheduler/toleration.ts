// Taint/toleration matching ([k8s] staging/src/k8s.io/api/core/v1/toleration.go: ToleratesTaint;
// component-helpers/scheduling/corev1/helpers.go: FindMatchingUntoleratedTaint). Pure predicates.
// The feature-gated numeric Lt/Gt toleration operators are not modelled (they never match here).
import type { Toleration } from '../../api/pod'
import type { Taint } from '../../api/node'

/** Whether one toleration tolerates the taint: effect, key and value (operator Equal/empty or Exists). */
export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false
  if (toleration.key && toleration.key !== taint.key) return false
  switch (toleration.operator) {
    case undefined:
    case 'Equal':
      return (toleration.value ?? '') === (taint.value ?? '')
    case 'Exists':
      return true
    default:
      return false
  }
}

export function tolerationsTolerateTaint(tolerations: readonly Toleration[] | undefined, taint: Taint): boolean {
  for (const t of tolerations ?? []) if (toleratesTaint(t, taint)) return true
  return false
}

/** Effects the Filter cares about (helper.DoNotScheduleTaintsFilterFunc). */
export function isDoNotScheduleTaint(taint: Taint): boolean {
  return taint.effect === 'NoSchedule' || taint.effect === 'NoExecute'
}

/** The first NoSchedule/NoExecute taint no toleration tolerates, or undefined. */
export function findUntoleratedTaint(taints: readonly Taint[] | undefined, tolerations: readonly Toleration[] | undefined): Taint | undefined {
  for (const taint of taints ?? []) {
    if (!isDoNotScheduleTaint(taint)) continue
    if (!tolerationsTolerateTaint(tolerations, taint)) return taint
  }
  return undefined
}
