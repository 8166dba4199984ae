// Runs the default profile's Filter plugins on one node, in the configured order, stopping at the
// first rejection ([k8s] pkg/scheduler/framework/runtime/framework.go: RunFilterPlugins). Volume
// plugins (VolumeRestrictions, NodeVolumeLimits, VolumeBinding, VolumeZone) and DRA are not modelled.
// With nominated pods (preemptors waiting for a node), the node must fit both with and without those
// of equal or higher priority, as upstream RunFilterPluginsWithNominatedPods does.
import type { Pod } from '../../api/pod'
import { cloneCycleState, updateCycleStateWithPod, type CycleState } from './cycle-state'
import { filterInterPodAffinity } from './filter-inter-pod-affinity'
import { filterNodeAffinity } from './filter-node-affinity'
import { filterNodeName } from './filter-node-name'
import { filterNodePorts } from './filter-node-ports'
import { filterNodeResourcesFit } from './filter-node-resources-fit'
import { filterNodeUnschedulable } from './filter-node-unschedulable'
import { filterPodTopologySpread } from './filter-pod-topology-spread'
import { filterTaintToleration } from './filter-taint-toleration'
import { filterVolumeBinding } from './filter-volume-binding'
import { podIdentity, podPriority, type FilterResult, type PriorityClassValues } from './framework'
import { addPod, type NodeInfo } from './node-info'

export function runFilters(state: CycleState, nodeInfo: NodeInfo): FilterResult {
  const pod = state.pod
  return (
    filterNodeUnschedulable(pod, nodeInfo) ??
    filterNodeName(pod, nodeInfo) ??
    filterTaintToleration(pod, nodeInfo) ??
    filterNodeAffinity(pod, nodeInfo) ??
    filterNodePorts(pod, nodeInfo, state.hostPorts) ??
    filterNodeResourcesFit(pod, nodeInfo, state.request) ??
    (state.volumeLookups ? filterVolumeBinding(pod, nodeInfo, state.volumeLookups) : undefined) ??
    filterPodTopologySpread(pod, nodeInfo, state.topologySpread) ??
    filterInterPodAffinity(pod, nodeInfo, state.interPodAffinity)
  )
}

export function runFiltersWithNominatedPods(
  state: CycleState,
  nodeInfo: NodeInfo,
  nominatedPods: readonly Pod[] | undefined,
  priorities?: PriorityClassValues,
): FilterResult {
  if (nominatedPods && nominatedPods.length > 0) {
    const priority = podPriority(state.pod, priorities)
    const self = podIdentity(state.pod)
    const relevant = nominatedPods.filter((p) => podIdentity(p) !== self && podPriority(p, priorities) >= priority)
    if (relevant.length > 0) {
      let withNominated = nodeInfo
      const s = cloneCycleState(state)
      for (const p of relevant) {
        withNominated = addPod(withNominated, p)
        updateCycleStateWithPod(s, p, withNominated, 1)
      }
      const result = runFilters(s, withNominated)
      if (result) return result
    }
  }
  return runFilters(state, nodeInfo)
}
