// The shared vocabulary of the scheduler's pure decision logic: filter rejections, score constants,
// the random stream it draws tie-breaks from, and pod priority. It owns no decisions itself.
// Mirrors kube-scheduler's framework types (Status codes Unschedulable / UnschedulableAndUnresolvable,
// MaxNodeScore) closely enough that reasons and messages come out as upstream prints them.
import type { Pod } from '../../api/pod'

/** The seeded stream (a subset of sim/random's Random): the only source of chance here. */
export interface SchedulerRandom {
  int(maxExclusive: number): number
  float(): number
}

/** Upstream plugin names, used in rejections and in the "didn't satisfy plugin(s)" reason. */
export type PluginName =
  | 'NodeUnschedulable'
  | 'NodeName'
  | 'TaintToleration'
  | 'NodeAffinity'
  | 'NodePorts'
  | 'NodeResourcesFit'
  | 'PodTopologySpread'
  | 'InterPodAffinity'
  | 'VolumeBinding'
  | 'DefaultPreemption'

/**
 * Why a node cannot take the pod. `reasons` are the strings counted in the FailedScheduling message
 * (NodeResourcesFit may give several); `reason` is them joined as upstream Status.Message() does.
 * `unresolvable` is upstream's UnschedulableAndUnresolvable: preemption on that node cannot help.
 */
export interface FilterRejection {
  plugin: PluginName
  reason: string
  reasons: readonly string[]
  unresolvable: boolean
}

export type FilterResult = FilterRejection | undefined

export function reject(plugin: PluginName, reasons: string | readonly string[], unresolvable: boolean): FilterRejection {
  const list = typeof reasons === 'string' ? [reasons] : reasons
  return { plugin, reason: list.join(', '), reasons: list, unresolvable }
}

/** staging/src/k8s.io/kube-scheduler/framework/interface.go: MaxNodeScore. */
export const MAX_NODE_SCORE = 100

/**
 * Cluster-wide counts a caller's cache keeps current, so that plugins can skip whole-cluster scans
 * that could only find nothing (no pod with affinity terms, no node reporting images).
 */
export interface ClusterSummary {
  podsWithAffinity: number
  podsWithRequiredAntiAffinity: number
  nodesWithImages: number
  /** Nodes with a PreferNoSchedule taint (they make TaintToleration scores differ). */
  nodesWithPreferNoScheduleTaints: number
}

/**
 * The numbers the plain placement path reads, one slot per node in the sorted NodeInfo list
 * (struct of arrays: a cache-friendly scan of thousands of nodes per pod).
 */
export interface NodeColumns {
  podCount: Float64Array
  maxPods: Float64Array
  allocatableMilliCpu: Float64Array
  allocatableMemory: Float64Array
  allocatableEphemeral: Float64Array
  requestedMilliCpu: Float64Array
  requestedMemory: Float64Array
  requestedEphemeral: Float64Array
  nonZeroMilliCpu: Float64Array
  nonZeroMemory: Float64Array
  /** 1 when the node is cordoned or tainted (its filters must run). */
  restricted: Uint8Array
  /**
   * The plain total (TaintToleration + LeastAllocated + BalancedAllocation) last computed on the node,
   * for the pod request numbered scoredRequest (-1: none; reset whenever the node's numbers change).
   * Pods of one controller ask the same, and binding one changes one node: the rest are reused.
   */
  scoredRequest: Int32Array
  scoredTotal: Float64Array
}

/**
 * Matching-pod counts of one system default spreading selector (in the pod's namespace), kept by the
 * caller's cache so that scoring reads them instead of counting pods. Slot for slot with nodeInfos.
 */
export interface DefaultSpreadCounts {
  /** Per node: its pods that countMatchingPods counts (same namespace, not terminating, labels match). */
  readonly podsOnNode: Int32Array
  /** Per zone number: the same count summed over every node labelled with that zone. */
  readonly podsInZone: readonly number[]
  /** Per node: its zone number, or -1 when it has no zone label. */
  readonly nodeZone: Int32Array
  /** Per node: 1 when it has the hostname label. */
  readonly nodeHasHostname: Uint8Array
}

/** Label keys the default plugins know by name. */
export const LABEL_HOSTNAME = 'kubernetes.io/hostname'
export const LABEL_TOPOLOGY_ZONE = 'topology.kubernetes.io/zone'

/** PriorityClass name → value, for pods whose spec.priority admission has not filled in. */
export type PriorityClassValues = Readonly<Record<string, number>>

/** corev1helpers.PodPriority: spec.priority, else 0 (we also consult the PriorityClass table if given). */
export function podPriority(pod: Pod, priorities?: PriorityClassValues): number {
  if (pod.spec.priority !== undefined) return pod.spec.priority
  const className = pod.spec.priorityClassName
  if (className !== undefined && priorities && Object.prototype.hasOwnProperty.call(priorities, className)) {
    return priorities[className]
  }
  return 0
}

/** The key the scheduler uses to tell pods apart (uid when present, else namespace/name). */
export function podIdentity(pod: Pod): string {
  return pod.metadata.uid ?? `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name ?? ''}`
}

export function podNamespace(pod: Pod): string {
  return pod.metadata.namespace ?? 'default'
}

/** Pods being deleted still hold their resources, but spreading and affinity ignore them upstream. */
export function isTerminating(pod: Pod): boolean {
  return pod.metadata.deletionTimestamp !== undefined
}
