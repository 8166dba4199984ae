// The per-pod scheduling cycle state: everything the PreFilter phase computes once for a pod (its
// requests and host ports, the topology-spread and inter-pod-affinity domain counts over all nodes,
// the NodeAffinity node-name pin) so that filtering a node is a cheap lookup. Upstream: CycleState.
// Clone + updateWithPod replay upstream's PreFilter AddPod/RemovePod extensions for preemption.
import type { Pod } from '../../api/pod'
import { defaultNamespaceLabels, type NamespaceLabels } from './affinity-term'
import { preFilterNodeAffinity, type NodeAffinityPreFilterResult } from './filter-node-affinity'
import { cloneInterPodAffinityState, preFilterInterPodAffinity, updateInterPodAffinityState, type InterPodAffinityState } from './filter-inter-pod-affinity'
import { cloneTopologySpreadState, preFilterPodTopologySpread, updateTopologySpreadState, type TopologySpreadState } from './filter-pod-topology-spread'
import { cachedPodRequests, podHostPorts, type HostPort, type NodeInfo } from './node-info'
import type { ResourceAmounts } from './pod-requests'
import type { ClusterSummary } from './framework'
import type { VolumeBindingLookups } from './filter-volume-binding'

export interface CycleState {
  readonly pod: Pod
  readonly request: ResourceAmounts
  readonly hostPorts: readonly HostPort[]
  readonly nodeAffinity: NodeAffinityPreFilterResult
  readonly topologySpread: TopologySpreadState | undefined
  readonly interPodAffinity: InterPodAffinityState | undefined
  readonly namespaceLabels: NamespaceLabels
  /** Set for pods with PersistentVolumeClaim volumes when the caller provides lookups (VolumeBinding). */
  readonly volumeLookups?: VolumeBindingLookups
}

export function computeCycleState(pod: Pod, allNodeInfos: readonly NodeInfo[], namespaceLabels: NamespaceLabels = defaultNamespaceLabels, summary?: ClusterSummary, volumeLookups?: VolumeBindingLookups): CycleState {
  const hasClaims = (pod.spec.volumes ?? []).some((v) => (v as { persistentVolumeClaim?: unknown }).persistentVolumeClaim)
  return {
    ...(volumeLookups && hasClaims ? { volumeLookups } : {}),
    pod,
    request: cachedPodRequests(pod),
    hostPorts: podHostPorts(pod),
    nodeAffinity: preFilterNodeAffinity(pod),
    topologySpread: preFilterPodTopologySpread(pod, allNodeInfos),
    interPodAffinity: preFilterInterPodAffinity(pod, allNodeInfos, namespaceLabels, summary),
    namespaceLabels,
  }
}

export function cloneCycleState(state: CycleState): CycleState {
  return {
    ...state,
    topologySpread: state.topologySpread && cloneTopologySpreadState(state.topologySpread),
    interPodAffinity: state.interPodAffinity && cloneInterPodAffinityState(state.interPodAffinity),
  }
}

/** Reflects adding (1) or removing (-1) `existing` on `nodeInfo`'s node in the cross-node counts. Mutates the (cloned) state. */
export function updateCycleStateWithPod(state: CycleState, existing: Pod, nodeInfo: NodeInfo, delta: 1 | -1): void {
  if (state.topologySpread) updateTopologySpreadState(state.topologySpread, existing, nodeInfo.node, delta)
  if (state.interPodAffinity) updateInterPodAffinityState(state.interPodAffinity, existing, nodeInfo.node, delta)
}
