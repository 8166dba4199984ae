// One scheduling cycle for one pod, as a pure plan ([k8s] pkg/scheduler/schedule_one.go: schedulePod,
// findNodesThatFitPod, findNodesThatPassFilters, numFeasibleNodesToFind, prioritizeNodes, selectHost):
// PreFilter once, try the nominated node first, then filter nodes from a rotating start index until
// enough feasible nodes are found, score them with the default weights and pick the best, breaking
// ties uniformly with the seeded stream (reservoir sampling). If nothing fits, run preemption and
// build upstream's FailedScheduling message. The caller binds, records events and keeps the index.
import type { LabelSelector } from '../../api/meta'
import type { Pod } from '../../api/pod'
import { defaultNamespaceLabels, type NamespaceLabels } from './affinity-term'
import { computeCycleState } from './cycle-state'
import { computeFitErrorMessage } from './fit-error'
import { reject, type ClusterSummary, type DefaultSpreadCounts, type NodeColumns, type FilterRejection, type PluginName, type PriorityClassValues, type SchedulerRandom } from './framework'
import type { NodeInfo } from './node-info'
import { evaluatePreemption, type PreemptionPlan, type PreemptionPodDisruptionBudget } from './preemption'
import { isPlainCase, planPlainPlacement } from './plain-placement'
import { planDefaultSpreadPlacement } from './default-spread-placement'
import { preFilterVolumeBinding, type VolumeBindingLookups } from './filter-volume-binding'
import { runFiltersWithNominatedPods } from './run-filters'
import { scoreBalancedAllocation } from './score-balanced-allocation'
import { scoreImageLocality } from './score-image-locality'
import { scoreInterPodAffinity } from './score-inter-pod-affinity'
import { scoreNodeAffinity } from './score-node-affinity'
import { scoreNodeResourcesFit } from './score-node-resources-fit'
import { scorePodTopologySpread } from './score-pod-topology-spread'
import { scoreTaintToleration } from './score-taint-toleration'

/** schedule_one.go: minFeasibleNodesToFind, minFeasibleNodesPercentageToFind. */
export const MIN_FEASIBLE_NODES_TO_FIND = 100
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5

export const ERR_NO_NODES_AVAILABLE = 'no nodes available to schedule pods'

/** Default profile score weights (apis/config/v1/default_plugins.go). */
export const SCORE_WEIGHTS = {
  TaintToleration: 3,
  NodeAffinity: 2,
  PodTopologySpread: 2,
  InterPodAffinity: 2,
  NodeResourcesFit: 1,
  NodeResourcesBalancedAllocation: 1,
  ImageLocality: 1,
} as const

export type ScorePluginName = keyof typeof SCORE_WEIGHTS

export interface NodeScore {
  nodeName: string
  /** Sum of weight x normalized plugin score. */
  total: number
  /** Normalized (0..100, before weighting) score per plugin. */
  byPlugin: Record<ScorePluginName, number>
}

export interface PlacementContext {
  random: SchedulerRandom
  /** Profile percentageOfNodesToScore; 0 or undefined = adaptive. */
  percentageOfNodesToScore?: number
  /** Where the previous cycle stopped (upstream sched.nextStartNodeIndex); start at 0. */
  nextStartNodeIndex: number
  /** Union selector of the Services / RCs / RSs / StatefulSets selecting the pod (system default spreading). */
  defaultSpreadSelector?: LabelSelector
  priorities?: PriorityClassValues
  pdbs?: readonly PreemptionPodDisruptionBudget[]
  /** Pods waiting for a node after preempting (status.nominatedNodeName), by node name. */
  nominatedPodsByNode?: ReadonlyMap<string, readonly Pod[]>
  namespaceLabels?: NamespaceLabels
  /** Run DefaultPreemption when nothing fits (default true). */
  preemption?: boolean
  /**
   * Mimic a cluster with the DynamicResources plugin on (the v1.34+ default profile): its PostFilter
   * runs first and, for pods without ResourceClaims, prefixes the preemption part with
   * "no new claims to deallocate, ". Off by default (semantics.md §3.4 wording).
   */
  dynamicResources?: boolean
  /** Cluster-wide counts from the caller's cache (lets plugins skip scans that would find nothing). */
  summary?: ClusterSummary
  /** The node numbers as columns, slot for slot with nodeInfos (used by the plain path). */
  columns?: NodeColumns
  /** Running counts for system default spreading (with columns, the plain path then takes such pods too). */
  defaultSpreadCounts?: (namespace: string, selector: LabelSelector) => DefaultSpreadCounts
  /** Claims, classes and volumes for VolumeBinding; without them volumes are not checked. */
  volumeLookups?: VolumeBindingLookups
}

export const MSG_NO_NEW_CLAIMS_TO_DEALLOCATE = 'no new claims to deallocate'

export interface BindPlan {
  kind: 'bind'
  nodeName: string
  /** Nodes the filters ran on (feasible + rejected). */
  evaluatedNodes: number
  feasibleNodes: number
  nextStartNodeIndex: number
  /** Scores of the feasible nodes, in evaluation order (empty when one node was feasible). */
  scores: NodeScore[]
}

export interface UnschedulablePlan {
  kind: 'unschedulable'
  /** The PodScheduled=False message and FailedScheduling event text. */
  message: string
  /** Why each evaluated node was rejected (nodes outside a PreFilter pin are not listed). */
  reasonsByNode: ReadonlyMap<string, FilterRejection>
  /** True when no rejection could be lifted by preemption (every node unresolvable). */
  unresolvable: boolean
  /** Plugins that rejected the pod somewhere (upstream UnschedulablePlugins; drives re-queueing). */
  unschedulablePlugins: readonly PluginName[]
  nextStartNodeIndex: number
  /** Set when preemption found a node: evict the victims, set status.nominatedNodeName, retry later. */
  preemption?: PreemptionPlan
}

export type PlacementPlan = BindPlan | UnschedulablePlan

/** numFeasibleNodesToFind: all nodes below 100; else percentage (adaptive 50 - n/125, at least 5%), never below 100. */
export function numFeasibleNodesToFind(numAllNodes: number, percentageOfNodesToScore = 0): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes
  let percentage = percentageOfNodesToScore
  if (percentage === 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125)
    if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND
  }
  const numNodes = Math.trunc((numAllNodes * percentage) / 100)
  return numNodes < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : numNodes
}

function findByName(nodeInfos: readonly NodeInfo[], name: string): NodeInfo | undefined {
  let lo = 0
  let hi = nodeInfos.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const n = nodeInfos[mid].name
    if (n === name) return nodeInfos[mid]
    if (n < name) lo = mid + 1
    else hi = mid - 1
  }
  // Not sorted as promised? Fall back to a scan rather than miss the node.
  return nodeInfos.find((n) => n.name === name)
}

/** prioritizeNodes: every score plugin normalized to 0..100, weighted and summed. */
export function prioritizeNodes(pod: Pod, feasible: readonly NodeInfo[], allNodeInfos: readonly NodeInfo[], ctx: Pick<PlacementContext, 'defaultSpreadSelector' | 'namespaceLabels' | 'summary'>): NodeScore[] {
  const summary = ctx.summary
  const zeros = () => feasible.map(() => 0)
  const affinity = pod.spec.affinity
  const ownPreferred = (affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length ?? 0) + (affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length ?? 0)
  const perPlugin: Record<ScorePluginName, number[]> = {
    TaintToleration: scoreTaintToleration(pod, feasible),
    NodeAffinity: scoreNodeAffinity(pod, feasible),
    PodTopologySpread: scorePodTopologySpread(pod, feasible, allNodeInfos, ctx.defaultSpreadSelector),
    // Nothing to count when neither the pod nor any existing pod has affinity terms.
    InterPodAffinity: summary && ownPreferred === 0 && summary.podsWithAffinity === 0 ? zeros() : scoreInterPodAffinity(pod, feasible, allNodeInfos, ctx.namespaceLabels ?? defaultNamespaceLabels),
    NodeResourcesFit: scoreNodeResourcesFit(pod, feasible),
    NodeResourcesBalancedAllocation: scoreBalancedAllocation(pod, feasible),
    // No node reports images: every node scores 0.
    ImageLocality: summary && summary.nodesWithImages === 0 ? zeros() : scoreImageLocality(pod, feasible, allNodeInfos),
  }
  const plugins = Object.keys(SCORE_WEIGHTS) as ScorePluginName[]
  return feasible.map((info, i) => {
    const byPlugin = {} as Record<ScorePluginName, number>
    let total = 0
    for (const p of plugins) {
      byPlugin[p] = perPlugin[p][i]
      total += SCORE_WEIGHTS[p] * perPlugin[p][i]
    }
    return { nodeName: info.name, total, byPlugin }
  })
}

/** selectHost: the highest total; ties replaced with probability 1/count (reservoir sampling). */
export function selectHost(scores: readonly NodeScore[], random: SchedulerRandom): string {
  let selected = scores[0]
  let countOfMax = 1
  for (let i = 1; i < scores.length; i++) {
    const s = scores[i]
    if (s.total > selected.total) {
      selected = s
      countOfMax = 1
    } else if (s.total === selected.total) {
      countOfMax++
      if (random.int(countOfMax) === 0) selected = s
    }
  }
  return selected.nodeName
}

function pluginsOf(statuses: Iterable<FilterRejection>): PluginName[] {
  const set = new Set<PluginName>()
  for (const s of statuses) set.add(s.plugin)
  return [...set].sort()
}

/**
 * Decide where `pod` goes. `nodeInfos` are all nodes, sorted by name, with their bound pods.
 * Pure: the only state carried between cycles is `nextStartNodeIndex`, returned for the next call.
 */
export function planPlacement(pod: Pod, nodeInfos: readonly NodeInfo[], ctx: PlacementContext): PlacementPlan {
  const numAllNodes = nodeInfos.length
  const start = ctx.nextStartNodeIndex
  if (numAllNodes === 0) {
    return { kind: 'unschedulable', message: ERR_NO_NODES_AVAILABLE, reasonsByNode: new Map(), unresolvable: true, unschedulablePlugins: [], nextStartNodeIndex: start }
  }
  // The common case in one tight loop (identical outcome; per-node scores are not kept).
  const plainCtx = {
    random: ctx.random,
    nextStartNodeIndex: start,
    toFind: numFeasibleNodesToFind(numAllNodes, ctx.percentageOfNodesToScore ?? 0),
    summary: ctx.summary,
    hasNominatedPods: (ctx.nominatedPodsByNode?.size ?? 0) > 0,
    columns: ctx.columns,
  }
  if (isPlainCase(pod, plainCtx)) {
    const selector = ctx.defaultSpreadSelector
    const plain = selector ? planDefaultSpreadPlacement(pod, nodeInfos, plainCtx, selector, ctx.defaultSpreadCounts) : planPlainPlacement(pod, nodeInfos, plainCtx)
    // Field by field: spreading `plain` into the literal costs more than the rest of this return.
    if (plain) return { kind: 'bind', nodeName: plain.nodeName, evaluatedNodes: plain.evaluatedNodes, feasibleNodes: plain.feasibleNodes, nextStartNodeIndex: plain.nextStartNodeIndex, scores: [] }
  }
  const state = computeCycleState(pod, nodeInfos, ctx.namespaceLabels, ctx.summary, ctx.volumeLookups)
  const nominated = (info: NodeInfo) => ctx.nominatedPodsByNode?.get(info.name)
  const statuses = new Map<string, FilterRejection>()
  let nextIndex = start

  const unschedulable = (absent: FilterRejection | undefined, preFilterMessage?: string): UnschedulablePlan => {
    const fullStatuses = new Map(statuses)
    if (absent) for (const info of nodeInfos) if (!fullStatuses.has(info.name)) fullStatuses.set(info.name, absent)
    let postFilterMessage: string | undefined
    let preemption: PreemptionPlan | undefined
    if (ctx.preemption !== false) {
      const outcome = evaluatePreemption(state, nodeInfos, fullStatuses, ctx)
      if (outcome.kind === 'preempt') preemption = outcome.plan
      else postFilterMessage = outcome.message
    }
    if (ctx.dynamicResources && !preemption) {
      postFilterMessage = postFilterMessage ? `${MSG_NO_NEW_CLAIMS_TO_DEALLOCATE}, ${postFilterMessage}` : `${MSG_NO_NEW_CLAIMS_TO_DEALLOCATE}.`
    }
    const message = computeFitErrorMessage({ numAllNodes, statuses, absentReasons: absent?.reasons, preFilterMessage, postFilterMessage })
    const all = [...fullStatuses.values()]
    return {
      kind: 'unschedulable',
      message,
      reasonsByNode: statuses,
      unresolvable: all.length > 0 && all.every((s) => s.unresolvable),
      unschedulablePlugins: pluginsOf(all),
      nextStartNodeIndex: nextIndex,
      ...(preemption ? { preemption } : {}),
    }
  }

  // VolumeBinding PreFilter: unbound immediate / missing / lost claims reject the pod everywhere.
  const volumeRejection = state.volumeLookups ? preFilterVolumeBinding(pod, state.volumeLookups) : undefined
  if (volumeRejection) return unschedulable(volumeRejection, volumeRejection.reason)

  // PreFilter rejected the pod everywhere (NodeAffinity pins that cannot all hold).
  if (state.nodeAffinity && 'rejection' in state.nodeAffinity) {
    return unschedulable(state.nodeAffinity.rejection, state.nodeAffinity.rejection.reason)
  }

  // A pod that preempted before tries its nominated node first.
  const nominatedName = pod.status?.nominatedNodeName
  if (nominatedName) {
    const info = findByName(nodeInfos, nominatedName)
    if (info) {
      const r = runFiltersWithNominatedPods(state, info, nominated(info), ctx.priorities)
      if (!r) return { kind: 'bind', nodeName: info.name, evaluatedNodes: 1, feasibleNodes: 1, nextStartNodeIndex: start, scores: [] }
      statuses.set(info.name, r)
    }
  }

  let nodes = nodeInfos
  let absent: FilterRejection | undefined
  if (state.nodeAffinity && 'nodeNames' in state.nodeAffinity) {
    const pinned = state.nodeAffinity.nodeNames
    nodes = nodeInfos.filter((n) => pinned.has(n.name))
    absent = reject('NodeAffinity', "node(s) didn't satisfy plugin(s) [NodeAffinity]", true)
  }

  const feasible: NodeInfo[] = []
  if (nodes.length > 0) {
    const toFind = numFeasibleNodesToFind(nodes.length, ctx.percentageOfNodesToScore ?? 0)
    for (let i = 0; i < nodes.length && feasible.length < toFind; i++) {
      const info = nodes[(start + i) % nodes.length]
      const r = runFiltersWithNominatedPods(state, info, nominated(info), ctx.priorities)
      if (r) statuses.set(info.name, r)
      else {
        statuses.delete(info.name) // the nominated node may have failed only with other nominated pods
        feasible.push(info)
      }
    }
  }
  nextIndex = (start + feasible.length + statuses.size) % numAllNodes

  if (feasible.length === 0) return unschedulable(absent)
  if (feasible.length === 1) {
    return { kind: 'bind', nodeName: feasible[0].name, evaluatedNodes: 1 + statuses.size, feasibleNodes: 1, nextStartNodeIndex: nextIndex, scores: [] }
  }
  const scores = prioritizeNodes(pod, feasible, nodeInfos, ctx)
  return {
    kind: 'bind',
    nodeName: selectHost(scores, ctx.random),
    evaluatedNodes: feasible.length + statuses.size,
    feasibleNodes: feasible.length,
    nextStartNodeIndex: nextIndex,
    scores,
  }
}
