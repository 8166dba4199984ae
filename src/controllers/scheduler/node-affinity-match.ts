// Matching a pod's node selector and node affinity against a node
// ([k8s] component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity.go: RequiredNodeAffinity.Match,
// PreferredSchedulingTerms.Score). Terms are ORed; inside a term, expressions and fields are ANDed;
// a term with neither matches nothing. matchFields supports only metadata.name (In/NotIn).
// Gt/Lt need exactly one value and a node label, both integers; anything malformed fails the term.
import { matchesNodeSelectorTerm as matchesTerm, matchesNodeSelectorTerms as matchesTerms } from '../../api/node-selector'
import type { NodeSelectorTerm, Pod, PreferredSchedulingTerm } from '../../api/pod'
import type { Node } from '../../api/node'

/** One NodeSelectorTerm: all expressions and all fields; an empty term matches nothing. */
export function matchesNodeSelectorTerm(term: NodeSelectorTerm, node: Node): boolean {
  return matchesTerm(term, node.metadata.name ?? '', node.metadata.labels)
}

/** Terms ORed. */
export function matchesNodeSelectorTerms(terms: readonly NodeSelectorTerm[], node: Node): boolean {
  return matchesTerms(terms, node.metadata.name ?? '', node.metadata.labels)
}

/** spec.nodeSelector (every pair) AND required node affinity (any term). */
export function matchesRequiredNodeAffinity(pod: Pod, node: Node): boolean {
  const selector = pod.spec.nodeSelector
  if (selector) {
    const labels = node.metadata.labels ?? {}
    for (const key of Object.keys(selector)) {
      if (!Object.prototype.hasOwnProperty.call(labels, key) || labels[key] !== selector[key]) return false
    }
  }
  const required = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
  if (required) return matchesNodeSelectorTerms(required.nodeSelectorTerms, node)
  return true
}

/** Sum of the weights of the preferred terms the node matches (empty preferences count nothing). */
export function preferredNodeAffinityScore(terms: readonly PreferredSchedulingTerm[] | undefined, node: Node): number {
  let score = 0
  for (const t of terms ?? []) {
    if (t.weight === 0) continue
    if (matchesNodeSelectorTerm(t.preference, node)) score += t.weight
  }
  return score
}
