// Filter InterPodAffinity ([k8s] pkg/scheduler/framework/plugins/interpodaffinity/filtering.go).
// PreFilter counts, once per pod over all nodes, the topology domains (key=value pairs) holding pods
// that match the incoming pod's required affinity / anti-affinity terms, and the domains whose existing
// pods' required anti-affinity matches the incoming pod. Filter then only looks up the node's labels.
// A domain count may be adjusted per pod (add/remove) for preemption's what-if evaluation.
import type { Pod } from '../../api/pod'
import { podAffinityTerms, podMatchesAllTerms, termMatchesPod, type NamespaceLabels, type PodAffinityTerms } from './affinity-term'
import { reject, type ClusterSummary, type FilterResult } from './framework'
import type { NodeInfo } from './node-info'
import type { Node } from '../../api/node'

export const ERR_REASON_AFFINITY_RULES = "node(s) didn't match pod affinity rules"
export const ERR_REASON_ANTI_AFFINITY_RULES = "node(s) didn't match pod anti-affinity rules"
export const ERR_REASON_EXISTING_ANTI_AFFINITY_RULES = "node(s) didn't satisfy existing pods anti-affinity rules"

/** Topology pair key: `${topologyKey}=${value}` with a separator no label can contain. */
type PairCounts = Map<string, number>

export interface InterPodAffinityState {
  readonly pod: Pod
  readonly terms: PodAffinityTerms
  readonly namespaceLabels: NamespaceLabels
  readonly affinityCounts: PairCounts
  readonly antiAffinityCounts: PairCounts
  readonly existingAntiAffinityCounts: PairCounts
}

function pairKey(key: string, value: string): string {
  return `${key}\u0000${value}`
}

function bump(counts: PairCounts, node: Node, topologyKey: string, delta: number): void {
  const labels = node.metadata.labels
  if (!labels || !Object.prototype.hasOwnProperty.call(labels, topologyKey)) return
  const k = pairKey(topologyKey, labels[topologyKey])
  const v = (counts.get(k) ?? 0) + delta
  if (v === 0) counts.delete(k)
  else counts.set(k, v)
}

/** Adds (delta 1) or removes (delta -1) an existing pod's contribution on `node` (upstream updateWithPod). */
export function updateInterPodAffinityState(state: InterPodAffinityState, existing: Pod, node: Node, delta: 1 | -1): void {
  const existingTerms = podAffinityTerms(existing)
  for (const t of existingTerms.requiredAntiAffinity) {
    if (termMatchesPod(t, state.pod, state.namespaceLabels)) bump(state.existingAntiAffinityCounts, node, t.topologyKey, delta)
  }
  if (podMatchesAllTerms(state.terms.requiredAffinity, existing, state.namespaceLabels)) {
    for (const t of state.terms.requiredAffinity) bump(state.affinityCounts, node, t.topologyKey, delta)
  }
  for (const t of state.terms.requiredAntiAffinity) {
    if (termMatchesPod(t, existing, state.namespaceLabels)) bump(state.antiAffinityCounts, node, t.topologyKey, delta)
  }
}

export function cloneInterPodAffinityState(state: InterPodAffinityState): InterPodAffinityState {
  return {
    ...state,
    affinityCounts: new Map(state.affinityCounts),
    antiAffinityCounts: new Map(state.antiAffinityCounts),
    existingAntiAffinityCounts: new Map(state.existingAntiAffinityCounts),
  }
}

/** PreFilter over every node; undefined when nothing can reject (no terms anywhere that concern the pod). */
export function preFilterInterPodAffinity(pod: Pod, allNodeInfos: readonly NodeInfo[], namespaceLabels: NamespaceLabels, summary?: ClusterSummary): InterPodAffinityState | undefined {
  const terms = podAffinityTerms(pod)
  const hasOwn = terms.requiredAffinity.length > 0 || terms.requiredAntiAffinity.length > 0
  if (!hasOwn && summary && summary.podsWithRequiredAntiAffinity === 0) return undefined
  const state: InterPodAffinityState = {
    pod,
    terms,
    namespaceLabels,
    affinityCounts: new Map(),
    antiAffinityCounts: new Map(),
    existingAntiAffinityCounts: new Map(),
  }
  let any = hasOwn
  for (const info of allNodeInfos) {
    // Existing pods' anti-affinity towards the incoming pod.
    for (const existing of info.podsWithRequiredAntiAffinity) {
      any = true
      for (const t of podAffinityTerms(existing).requiredAntiAffinity) {
        if (termMatchesPod(t, pod, namespaceLabels)) bump(state.existingAntiAffinityCounts, info.node, t.topologyKey, 1)
      }
    }
    if (!hasOwn) continue
    for (const existing of info.pods) {
      if (podMatchesAllTerms(terms.requiredAffinity, existing, namespaceLabels)) {
        for (const t of terms.requiredAffinity) bump(state.affinityCounts, info.node, t.topologyKey, 1)
      }
      for (const t of terms.requiredAntiAffinity) {
        if (termMatchesPod(t, existing, namespaceLabels)) bump(state.antiAffinityCounts, info.node, t.topologyKey, 1)
      }
    }
  }
  return any ? state : undefined
}

function satisfiesPodAffinity(state: InterPodAffinityState, node: Node): boolean {
  const labels = node.metadata.labels ?? {}
  let podsExist = true
  for (const t of state.terms.requiredAffinity) {
    if (!Object.prototype.hasOwnProperty.call(labels, t.topologyKey)) return false // every topology label must exist
    if ((state.affinityCounts.get(pairKey(t.topologyKey, labels[t.topologyKey])) ?? 0) <= 0) podsExist = false
  }
  if (podsExist) return true
  // The first pod of a group with affinity to itself: allowed when no pod anywhere matches yet.
  return state.affinityCounts.size === 0 && podMatchesAllTerms(state.terms.requiredAffinity, state.pod, state.namespaceLabels)
}

function satisfiesPodAntiAffinity(state: InterPodAffinityState, node: Node): boolean {
  if (state.antiAffinityCounts.size === 0) return true
  const labels = node.metadata.labels ?? {}
  for (const t of state.terms.requiredAntiAffinity) {
    if (!Object.prototype.hasOwnProperty.call(labels, t.topologyKey)) continue
    if ((state.antiAffinityCounts.get(pairKey(t.topologyKey, labels[t.topologyKey])) ?? 0) > 0) return false
  }
  return true
}

function satisfiesExistingPodsAntiAffinity(state: InterPodAffinityState, node: Node): boolean {
  if (state.existingAntiAffinityCounts.size === 0) return true
  const labels = node.metadata.labels ?? {}
  for (const key of Object.keys(labels)) {
    if ((state.existingAntiAffinityCounts.get(pairKey(key, labels[key])) ?? 0) > 0) return false
  }
  return true
}

export function filterInterPodAffinity(_pod: Pod, nodeInfo: NodeInfo, state: InterPodAffinityState | undefined): FilterResult {
  if (!state) return undefined
  const node = nodeInfo.node
  if (!satisfiesPodAffinity(state, node)) return reject('InterPodAffinity', ERR_REASON_AFFINITY_RULES, true)
  if (!satisfiesPodAntiAffinity(state, node)) return reject('InterPodAffinity', ERR_REASON_ANTI_AFFINITY_RULES, false)
  if (!satisfiesExistingPodsAntiAffinity(state, node)) return reject('InterPodAffinity', ERR_REASON_EXISTING_ANTI_AFFINITY_RULES, false)
  return undefined
}
