// NodeSelector matching (component-helpers scheduling/corev1/nodeaffinity and storage/volume
// CheckNodeAffinity): terms are ORed; inside a term, expressions and fields are ANDed; a term with
// neither matches nothing. matchFields knows only metadata.name (In/NotIn). Gt/Lt need exactly one
// value and a label, both integers; anything malformed fails. Shared by the scheduler (pod node
// affinity), the volume binder (PV node affinity) and the store's label selectors.
import type { NodeSelectorRequirement, NodeSelectorTerm } from './pod'

const INTEGER = /^[+-]?\d+$/

/** One requirement against a label set (also used for label selectors, whose operators are a subset). */
export function matchesRequirement(operator: string, key: string, values: readonly string[], labels: Readonly<Record<string, string>> | undefined): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, key)
  const value = has ? labels![key] : undefined
  switch (operator) {
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
      const actual = BigInt(value!)
      const bound = BigInt(values[0])
      return operator === 'Gt' ? actual > bound : actual < bound
    }
    default:
      return false
  }
}

function matchesField(req: NodeSelectorRequirement, nodeName: string): boolean {
  if (req.key !== 'metadata.name') return false
  const values = req.values ?? []
  if (req.operator === 'In') return values.includes(nodeName)
  if (req.operator === 'NotIn') return !values.includes(nodeName)
  return false
}

/** One NodeSelectorTerm against a node's name and labels; an empty term matches nothing. */
export function matchesNodeSelectorTerm(term: NodeSelectorTerm, nodeName: string, labels: Readonly<Record<string, string>> | undefined): boolean {
  const expressions = term.matchExpressions ?? []
  const fields = term.matchFields ?? []
  if (expressions.length === 0 && fields.length === 0) return false
  for (const e of expressions) if (!matchesRequirement(e.operator, e.key, e.values ?? [], labels)) return false
  for (const f of fields) if (!matchesField(f, nodeName)) return false
  return true
}

/** Terms ORed. */
export function matchesNodeSelectorTerms(terms: readonly NodeSelectorTerm[], nodeName: string, labels: Readonly<Record<string, string>> | undefined): boolean {
  for (const t of terms) if (matchesNodeSelectorTerm(t, nodeName, labels)) return true
  return false
}
