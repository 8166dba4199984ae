// Queueing hints: whether a cluster event could make a parked (unschedulable) pod schedulable, judged
// by the plugins that rejected it ([k8s] pkg/scheduler/framework/plugins/*/ EventsToRegister and their
// QueueingHintFns; backend/queue/scheduling_queue.go: isPodWorthRequeuing). Node-local plugins re-run
// their filter against the changed node; the cross-node ones (PodTopologySpread, InterPodAffinity)
// requeue on any relevant change. Pure; the controller moves the pods.
import type { Node } from '../../api/node'
import type { Pod } from '../../api/pod'
import { filterNodeAffinity } from './filter-node-affinity'
import { filterNodeName } from './filter-node-name'
import { filterNodePorts } from './filter-node-ports'
import { filterNodeResourcesFit } from './filter-node-resources-fit'
import { filterNodeUnschedulable } from './filter-node-unschedulable'
import { filterTaintToleration } from './filter-taint-toleration'
import type { FilterResult } from './framework'
import type { NodeInfo } from './node-info'

export type ClusterEvent =
  | { type: 'NodeAdd'; nodeInfo: NodeInfo }
  | { type: 'NodeUpdate'; nodeInfo: NodeInfo }
  | { type: 'AssignedPodAdd' | 'AssignedPodUpdate'; pod: Pod }
  | { type: 'AssignedPodDelete'; pod: Pod; nodeInfo: NodeInfo | undefined }

const CROSS_NODE = ['PodTopologySpread', 'InterPodAffinity']

/** The node-local filters (everything but the cross-node plugins), first rejection wins. */
export function runNodeLocalFilters(pod: Pod, nodeInfo: NodeInfo): FilterResult {
  return (
    filterNodeUnschedulable(pod, nodeInfo) ??
    filterNodeName(pod, nodeInfo) ??
    filterTaintToleration(pod, nodeInfo) ??
    filterNodeAffinity(pod, nodeInfo) ??
    filterNodePorts(pod, nodeInfo) ??
    filterNodeResourcesFit(pod, nodeInfo)
  )
}

export function isPodWorthRequeuing(pod: Pod, rejectedBy: ReadonlySet<string>, event: ClusterEvent): boolean {
  // Rejected without a plugin verdict (an error): any event is worth a retry.
  if (rejectedBy.size === 0) return true
  const crossNode = CROSS_NODE.some((p) => rejectedBy.has(p))
  switch (event.type) {
    case 'NodeAdd':
    case 'NodeUpdate':
      return crossNode || runNodeLocalFilters(pod, event.nodeInfo) === undefined
    case 'AssignedPodAdd':
    case 'AssignedPodUpdate':
      return crossNode
    case 'AssignedPodDelete':
      if (crossNode) return true
      if (!rejectedBy.has('NodeResourcesFit') && !rejectedBy.has('NodePorts')) return false
      return event.nodeInfo === undefined || runNodeLocalFilters(pod, event.nodeInfo) === undefined
  }
}

/** nodeSchedulingPropertiesChange: a Node update matters only if these changed (heartbeats do not). */
export function hasSchedulingPropertiesChange(before: Node, after: Node): boolean {
  if (!!before.spec?.unschedulable !== !!after.spec?.unschedulable) return true
  if (JSON.stringify(before.metadata.labels ?? {}) !== JSON.stringify(after.metadata.labels ?? {})) return true
  if (JSON.stringify(before.spec?.taints ?? []) !== JSON.stringify(after.spec?.taints ?? [])) return true
  if (JSON.stringify(before.status?.allocatable ?? {}) !== JSON.stringify(after.status?.allocatable ?? {})) return true
  if (JSON.stringify(before.metadata.annotations ?? {}) !== JSON.stringify(after.metadata.annotations ?? {})) return true
  const conditions = (n: Node) => JSON.stringify((n.status?.conditions ?? []).map((c) => [c.type, c.status, c.reason ?? '', c.message ?? '']))
  return conditions(before) !== conditions(after)
}
