// Filter PodTopologySpread, DoNotSchedule constraints ([k8s] pkg/scheduler/framework/plugins/podtopologyspread/filtering.go).
// PreFilter counts matching pods per topology domain once over all eligible nodes (node has every
// topology key and passes the inclusion policies). Filter: a node missing a topology key is
// unresolvable; otherwise it fits iff count(domain) + selfMatch - globalMin <= maxSkew, where globalMin
// is 0 while fewer than minDomains domains exist.
import type { Pod } from '../../api/pod'
import { matchesLabelSelector } from '../../store/selectors'
import { podNamespace, reject, type FilterResult } from './framework'
import type { NodeInfo } from './node-info'
import type { Node } from '../../api/node'
import { countMatchingPods, nodeHasTopologyKeys, nodeIncludedBy, podSpreadConstraints, type SpreadConstraint } from './topology-spread-constraint'

export const ERR_REASON_SPREAD_CONSTRAINTS = "node(s) didn't match pod topology spread constraints"
export const ERR_REASON_SPREAD_MISSING_LABEL = `${ERR_REASON_SPREAD_CONSTRAINTS} (missing required label)`

export interface TopologySpreadState {
  readonly pod: Pod
  readonly constraints: readonly SpreadConstraint[]
  /** Per constraint: topology value → matching pods in that domain. */
  readonly matchCounts: Map<string, number>[]
  /** Per constraint: the smallest count over its domains (Infinity when there are none). */
  readonly minCounts: number[]
}

function recomputeMin(state: TopologySpreadState, i: number): void {
  let min = Infinity
  for (const v of state.matchCounts[i].values()) if (v < min) min = v
  state.minCounts[i] = min
}

export function preFilterPodTopologySpread(pod: Pod, allNodeInfos: readonly NodeInfo[]): TopologySpreadState | undefined {
  const constraints = podSpreadConstraints(pod, 'DoNotSchedule')
  if (constraints.length === 0) return undefined
  const state: TopologySpreadState = { pod, constraints, matchCounts: constraints.map(() => new Map()), minCounts: constraints.map(() => Infinity) }
  const namespace = podNamespace(pod)
  for (const info of allNodeInfos) {
    const node = info.node
    if (!nodeHasTopologyKeys(node, constraints)) continue
    const labels = node.metadata.labels!
    constraints.forEach((c, i) => {
      if (!nodeIncludedBy(c, pod, node)) return
      const value = labels[c.topologyKey]
      const counts = state.matchCounts[i]
      counts.set(value, (counts.get(value) ?? 0) + countMatchingPods(info.pods, c.selector, namespace))
    })
  }
  constraints.forEach((_, i) => recomputeMin(state, i))
  return state
}

/** Adds/removes one existing pod on `node` (upstream preFilterState.updateWithPod), for preemption's what-ifs. */
export function updateTopologySpreadState(state: TopologySpreadState, existing: Pod, node: Node, delta: 1 | -1): void {
  if (podNamespace(existing) !== podNamespace(state.pod) || existing.metadata.deletionTimestamp !== undefined) return
  if (!nodeHasTopologyKeys(node, state.constraints)) return
  const labels = node.metadata.labels!
  state.constraints.forEach((c, i) => {
    if (!c.selector || !matchesLabelSelector(c.selector, existing.metadata.labels)) return
    if (!nodeIncludedBy(c, state.pod, node)) return
    const value = labels[c.topologyKey]
    state.matchCounts[i].set(value, (state.matchCounts[i].get(value) ?? 0) + delta)
    recomputeMin(state, i)
  })
}

export function cloneTopologySpreadState(state: TopologySpreadState): TopologySpreadState {
  return { ...state, matchCounts: state.matchCounts.map((m) => new Map(m)), minCounts: [...state.minCounts] }
}

export function filterPodTopologySpread(pod: Pod, nodeInfo: NodeInfo, state: TopologySpreadState | undefined): FilterResult {
  if (!state) return undefined
  const labels = nodeInfo.node.metadata.labels ?? {}
  for (let i = 0; i < state.constraints.length; i++) {
    const c = state.constraints[i]
    if (!Object.prototype.hasOwnProperty.call(labels, c.topologyKey)) return reject('PodTopologySpread', ERR_REASON_SPREAD_MISSING_LABEL, true)
    const domains = state.matchCounts[i].size
    const minMatch = domains < c.minDomains ? 0 : state.minCounts[i]
    const selfMatch = c.selector && matchesLabelSelector(c.selector, pod.metadata.labels) ? 1 : 0
    const matchNum = state.matchCounts[i].get(labels[c.topologyKey]) ?? 0
    if (matchNum + selfMatch - minMatch > c.maxSkew) return reject('PodTopologySpread', ERR_REASON_SPREAD_CONSTRAINTS, false)
  }
  return undefined
}
