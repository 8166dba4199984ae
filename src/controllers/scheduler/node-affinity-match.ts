// Matching a pod's node selector and node affinity against a node
// ([k8s] component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity.go: RequiredNodeAffinity.Match,
// PreferredSchedulingTerms.Score). Terms are ORed; inside a term, expressions and fields are ANDed;
// a term with neither matches nothing. matchFields supports only metadata.name (In/NotIn).
// Gt/Lt need exactly one value and a node label, both integers; anything malformed fails the term.
import type { NodeSelectorRequirement, NodeSelectorTerm, Pod, PreferredSchedulingTerm } from '../../api/pod'
import type { Node } from '../../api/node'

const INTEGER = /^[+-]?\d+$/

function matchesExpression(req: NodeSelectorRequirement, labels: Readonly<Record<string, string>> | undefined): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, req.key)
  const value = has ? labels![req.key] : undefined
  const values = req.values ?? []
  switch (req.operator) {
    case 'In':
      return has && values.includes(value!)
    case 'NotIn':
      return !has || !values.includes(value!)
    case 'Exists':
      return has
    case 'DoesNotExist':
      return !has
    case 'Gt':
    case 'Lt': {
      if (values.length !== 1 || !INTEGER.test(values[0]) || !has || !INTEGER.test(value!)) return false
      const nodeValue = BigInt(value!)
      const bound = BigInt(values[0])
      return req.operator === 'Gt' ? nodeValue > bound : nodeValue < bound
    }
    default:
      return false
  }
}

function matchesField(req: NodeSelectorRequirement, node: Node): boolean {
  if (req.key !== 'metadata.name') return false
  const values = req.values ?? []
  // Upstream validation allows one value for a field requirement; In/NotIn are the only operators.
  const name = node.metadata.name ?? ''
  if (req.operator === 'In') return values.includes(name)
  if (req.operator === 'NotIn') return !values.includes(name)
  return false
}

/** One NodeSelectorTerm: all expressions and all fields; an empty term matches nothing. */
export function matchesNodeSelectorTerm(term: NodeSelectorTerm, node: Node): boolean {
  const expressions = term.matchExpressions ?? []
  const fields = term.matchFields ?? []
  if (expressions.length === 0 && fields.length === 0) return false
  const labels = node.metadata.labels
  for (const e of expressions) if (!matchesExpression(e, labels)) return false
  for (const f of fields) if (!matchesField(f, node)) return false
  return true
}

/** Terms ORed. */
export function matchesNodeSelectorTerms(terms: readonly NodeSelectorTerm[], node: Node): boolean {
  for (const t of terms) if (matchesNodeSelectorTerm(t, node)) return true
  return false
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
