// Filter NodeAffinity ([k8s] pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go): nodeSelector
// and required node affinity. Its PreFilter narrows the candidate nodes when every required term pins
// metadata.name (DaemonSet pods do this), and rejects the pod outright when those pins conflict.
import type { Pod } from '../../api/pod'
import { reject, type FilterRejection, type FilterResult } from './framework'
import type { NodeInfo } from './node-info'
import { matchesRequiredNodeAffinity } from './node-affinity-match'

export const ERR_REASON_NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector"
export const ERR_REASON_AFFINITY_TERMS_CONFLICT = 'pod affinity terms conflict'

export function filterNodeAffinity(pod: Pod, nodeInfo: NodeInfo): FilterResult {
  return matchesRequiredNodeAffinity(pod, nodeInfo.node) ? undefined : reject('NodeAffinity', ERR_REASON_NODE_AFFINITY, true)
}

/** PreFilter: all nodes (undefined), a set of node names, or a rejection of every node. */
export type NodeAffinityPreFilterResult = { nodeNames: ReadonlySet<string> } | { rejection: FilterRejection } | undefined

export function preFilterNodeAffinity(pod: Pod): NodeAffinityPreFilterResult {
  const terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms
  if (!terms || terms.length === 0) return undefined
  let union: Set<string> | undefined
  for (const term of terms) {
    let termNames: Set<string> | undefined
    for (const f of term.matchFields ?? []) {
      if (f.key !== 'metadata.name' || f.operator !== 'In') continue
      const values = new Set(f.values ?? [])
      termNames = termNames === undefined ? values : new Set([...termNames].filter((n) => values.has(n)))
    }
    // A term without a metadata.name pin admits every node: the terms are ORed.
    if (termNames === undefined) return undefined
    union = union ?? new Set<string>()
    for (const n of termNames) union.add(n)
  }
  if (union && union.size === 0) return { rejection: reject('NodeAffinity', ERR_REASON_AFFINITY_TERMS_CONFLICT, true) }
  return union ? { nodeNames: union } : undefined
}
