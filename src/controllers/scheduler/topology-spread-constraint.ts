// Topology spread constraints as the PodTopologySpread plugin sees them ([k8s]
// pkg/scheduler/framework/plugins/podtopologyspread/common.go, plugin.go): the pod's own constraints
// for one whenUnsatisfiable action, or the system defaults (hostname maxSkew 3, zone maxSkew 5,
// ScheduleAnyway) for pods of a Service/RC/RS/StatefulSet. matchLabelKeys are folded into the selector.
// Defaults: minDomains 1, nodeAffinityPolicy Honor, nodeTaintsPolicy Ignore.
import type { LabelSelector } from '../../api/meta'
import type { Pod } from '../../api/pod'
import { isEmptyLabelSelector } from '../../api/label-selector'
import { matchesLabelSelector } from '../../store/selectors'
import { isTerminating, LABEL_HOSTNAME, LABEL_TOPOLOGY_ZONE, podNamespace } from './framework'
import { matchesRequiredNodeAffinity } from './node-affinity-match'
import type { Node } from '../../api/node'
import { findUntoleratedTaint } from './toleration'

export interface SpreadConstraint {
  maxSkew: number
  topologyKey: string
  /** undefined matches no pod (a constraint without labelSelector counts nothing). */
  selector: LabelSelector | undefined
  minDomains: number
  nodeAffinityPolicy: 'Honor' | 'Ignore'
  nodeTaintsPolicy: 'Honor' | 'Ignore'
}

export type WhenUnsatisfiable = 'DoNotSchedule' | 'ScheduleAnyway'

/** The pod's own constraints with the given action. */
export function podSpreadConstraints(pod: Pod, action: WhenUnsatisfiable): SpreadConstraint[] {
  const out: SpreadConstraint[] = []
  const labels = pod.metadata.labels ?? {}
  for (const c of pod.spec.topologySpreadConstraints ?? []) {
    if (c.whenUnsatisfiable !== action) continue
    let selector = c.labelSelector
    const keys = (c.matchLabelKeys ?? []).filter((k) => k in labels)
    if (selector && keys.length > 0) {
      selector = {
        ...selector,
        matchExpressions: [...(selector.matchExpressions ?? []), ...keys.map((key) => ({ key, operator: 'In' as const, values: [labels[key]] }))],
      }
    }
    out.push({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      selector,
      minDomains: c.minDomains ?? 1,
      nodeAffinityPolicy: c.nodeAffinityPolicy ?? 'Honor',
      nodeTaintsPolicy: c.nodeTaintsPolicy ?? 'Ignore',
    })
  }
  return out
}

/** plugin.go systemDefaultConstraints: maxSkew of the hostname and the zone constraint. */
export const SYSTEM_DEFAULT_HOSTNAME_MAX_SKEW = 3
export const SYSTEM_DEFAULT_ZONE_MAX_SKEW = 5

/** Whether system default spreading applies: the selector selects something. */
export function hasSystemDefaultSpreading(selector: LabelSelector | undefined): selector is LabelSelector {
  return !!selector && !isEmptyLabelSelector(selector)
}

/** plugin.go systemDefaultConstraints, bound to the selector of the pod's Services/controllers. */
export function systemDefaultSpreadConstraints(selector: LabelSelector | undefined): SpreadConstraint[] {
  if (!hasSystemDefaultSpreading(selector)) return []
  const base = { selector, minDomains: 1, nodeAffinityPolicy: 'Honor' as const, nodeTaintsPolicy: 'Ignore' as const }
  return [
    { ...base, maxSkew: SYSTEM_DEFAULT_HOSTNAME_MAX_SKEW, topologyKey: LABEL_HOSTNAME },
    { ...base, maxSkew: SYSTEM_DEFAULT_ZONE_MAX_SKEW, topologyKey: LABEL_TOPOLOGY_ZONE },
  ]
}

export function nodeHasTopologyKeys(node: Node, constraints: readonly SpreadConstraint[]): boolean {
  const labels = node.metadata.labels ?? {}
  for (const c of constraints) if (!Object.prototype.hasOwnProperty.call(labels, c.topologyKey)) return false
  return true
}

/** matchNodeInclusionPolicies: whether the node's domain counts for this constraint. */
export function nodeIncludedBy(c: SpreadConstraint, pod: Pod, node: Node): boolean {
  if (c.nodeAffinityPolicy === 'Honor' && !matchesRequiredNodeAffinity(pod, node)) return false
  if (c.nodeTaintsPolicy === 'Honor' && findUntoleratedTaint(node.spec?.taints, pod.spec.tolerations)) return false
  return true
}

/** countPodsMatchSelector: same namespace, not terminating, labels match. */
const countsByPodList = new WeakMap<readonly Pod[], Map<string, number>>()

/**
 * countMatchingPods, memoised per node pod list: snapshots replace a node's list whenever its pods
 * change, so counting every node for every scheduled pod costs a lookup per unchanged node instead
 * of a pass over all pods in the cluster. `cacheKey` identifies (selector, namespace).
 */
export function countMatchingPodsCached(pods: readonly Pod[], selector: LabelSelector | undefined, namespace: string, cacheKey: string): number {
  let counts = countsByPodList.get(pods)
  if (!counts) countsByPodList.set(pods, (counts = new Map()))
  let n = counts.get(cacheKey)
  if (n === undefined) counts.set(cacheKey, (n = countMatchingPods(pods, selector, namespace)))
  return n
}

export function countMatchingPods(pods: readonly Pod[], selector: LabelSelector | undefined, namespace: string): number {
  if (!selector) return 0
  let n = 0
  for (const p of pods) {
    if (isTerminating(p) || podNamespace(p) !== namespace) continue
    if (matchesLabelSelector(selector, p.metadata.labels)) n++
  }
  return n
}
