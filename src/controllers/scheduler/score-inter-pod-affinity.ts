// Score InterPodAffinity ([k8s] .../interpodaffinity/scoring.go): per topology domain, +weight for each
// existing pod matching one of the incoming pod's preferred affinity terms, -weight for preferred
// anti-affinity; plus the existing pods' terms towards the incoming pod (required affinity counts with
// hardPodAffinityWeight 1, preferred ones with their weights). A node scores the sum over its labels'
// domains; min-max normalized to 0..100. Nothing to count ⇒ skipped (0 everywhere).
import type { Pod } from '../../api/pod'
import { podAffinityTerms, termMatchesPod, type AffinityTerm, type NamespaceLabels } from './affinity-term'
import { MAX_NODE_SCORE } from './framework'
import type { NodeInfo } from './node-info'
import type { Node } from '../../api/node'

const HARD_POD_AFFINITY_WEIGHT = 1

export function scoreInterPodAffinity(pod: Pod, nodes: readonly NodeInfo[], allNodeInfos: readonly NodeInfo[], namespaceLabels: NamespaceLabels): number[] {
  const own = podAffinityTerms(pod)
  const hasConstraints = own.preferredAffinity.length > 0 || own.preferredAntiAffinity.length > 0
  // topologyKey → value → score
  const topologyScore = new Map<string, Map<string, number>>()
  const add = (term: AffinityTerm, weight: number, target: Pod, node: Node) => {
    if (!termMatchesPod(term, target, namespaceLabels)) return
    const labels = node.metadata.labels ?? {}
    if (!Object.prototype.hasOwnProperty.call(labels, term.topologyKey)) return
    let byValue = topologyScore.get(term.topologyKey)
    if (!byValue) topologyScore.set(term.topologyKey, (byValue = new Map()))
    const value = labels[term.topologyKey]
    byValue.set(value, (byValue.get(value) ?? 0) + weight)
  }
  for (const info of allNodeInfos) {
    const node = info.node
    if (Object.keys(node.metadata.labels ?? {}).length === 0) continue
    for (const existing of hasConstraints ? info.pods : info.podsWithAffinity) {
      for (const t of own.preferredAffinity) add(t, t.weight, existing, node)
      for (const t of own.preferredAntiAffinity) add(t, -t.weight, existing, node)
      const theirs = podAffinityTerms(existing)
      for (const t of theirs.requiredAffinity) add(t, HARD_POD_AFFINITY_WEIGHT, pod, node)
      for (const t of theirs.preferredAffinity) add(t, t.weight, pod, node)
      for (const t of theirs.preferredAntiAffinity) add(t, -t.weight, pod, node)
    }
  }
  if (topologyScore.size === 0) return nodes.map(() => 0)

  const raw = nodes.map((info) => {
    const labels = info.node.metadata.labels ?? {}
    let score = 0
    for (const [key, byValue] of topologyScore) {
      if (Object.prototype.hasOwnProperty.call(labels, key)) score += byValue.get(labels[key]) ?? 0
    }
    return score
  })
  let min = Infinity
  let max = -Infinity
  for (const s of raw) {
    if (s > max) max = s
    if (s < min) min = s
  }
  const diff = max - min
  return raw.map((s) => (diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((s - min) / diff)) : 0))
}
