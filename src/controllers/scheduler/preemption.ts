// DefaultPreemption, the PostFilter run when no node fits ([k8s] pkg/scheduler/framework/preemption/
// preemption.go: Preempt, findCandidates, DryRunPreemption; plugins/defaultpreemption/default_preemption.go:
// SelectVictimsOnNode, PodEligibleToPreemptOthers; pickOneNodeForPreemption). Only nodes rejected as
// resolvable are tried; on each, all strictly-lower-priority pods are removed, the pod must then fit,
// and victims are reprieved from the most important down (PDB-violating ones first) while it still fits.
// The node is picked by: fewest PDB violations, lowest highest-victim priority, smallest sum of
// priorities, fewest victims, latest start of the highest-priority victims, then candidate order.
// Pure: returns the plan (node and victims) or the PostFilter message; evicting is the caller's job.
import type { LabelSelector } from '../../api/meta'
import type { Pod } from '../../api/pod'
import { matchesLabelSelector } from '../../store/selectors'
import { cloneCycleState, computeCycleState, updateCycleStateWithPod, type CycleState } from './cycle-state'
import { computeFitErrorMessage } from './fit-error'
import { podNamespace, podPriority, reject, type FilterRejection, type PriorityClassValues, type SchedulerRandom } from './framework'
import { addPod, removePod, type NodeInfo } from './node-info'
import type { NamespaceLabels } from './affinity-term'
import { runFiltersWithNominatedPods } from './run-filters'

export const ERR_REASON_NO_VICTIMS = 'No preemption victims found for incoming pod'
export const ERR_REASON_PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling'
export const MSG_PREEMPTION_POLICY_NEVER = 'not eligible due to preemptionPolicy=Never.'
export const MSG_TERMINATING_ON_NOMINATED_NODE = 'not eligible due to a terminating pod on the nominated node.'

/** SetDefaults_DefaultPreemptionArgs. */
export const MIN_CANDIDATE_NODES_PERCENTAGE = 10
export const MIN_CANDIDATE_NODES_ABSOLUTE = 100

/** The parts of a PodDisruptionBudget preemption reads. */
export interface PreemptionPodDisruptionBudget {
  metadata: { namespace?: string }
  spec?: { selector?: LabelSelector }
  status?: { disruptionsAllowed?: number; disruptedPods?: Readonly<Record<string, string>> }
}

export interface PreemptionContext {
  /** PriorityClass values for pods whose spec.priority is unset. */
  priorities?: PriorityClassValues
  /** Draws the dry run's starting offset, as upstream does; without it the search starts at the first node. */
  random?: SchedulerRandom
  pdbs?: readonly PreemptionPodDisruptionBudget[]
  /** Pods nominated to nodes (status.nominatedNodeName), by node name. */
  nominatedPodsByNode?: ReadonlyMap<string, readonly Pod[]>
  namespaceLabels?: NamespaceLabels
}

export interface PreemptionPlan {
  nodeName: string
  /** Ordered from the most important (highest priority) down. */
  victims: Pod[]
  numPDBViolations: number
}

export type PreemptionOutcome = { kind: 'preempt'; plan: PreemptionPlan } | { kind: 'none'; message: string }

function startTimeKey(pod: Pod): string {
  // Upstream uses "now" for pods without a start time: later than any recorded one.
  return pod.status?.startTime ?? '\uffff'
}

/** util.MoreImportantPod: higher priority, then earlier start. */
function moreImportantFirst(priorities?: PriorityClassValues) {
  return (a: Pod, b: Pod): number => {
    const pa = podPriority(a, priorities)
    const pb = podPriority(b, priorities)
    if (pa !== pb) return pb - pa
    const sa = startTimeKey(a)
    const sb = startTimeKey(b)
    return sa < sb ? -1 : sa > sb ? 1 : 0
  }
}

function isTerminatingByPreemption(pod: Pod): boolean {
  if (pod.metadata.deletionTimestamp === undefined) return false
  const c = pod.status?.conditions?.find((x) => x.type === 'DisruptionTarget')
  return c !== undefined && c.status === 'True' && c.reason === 'PreemptionByScheduler'
}

function splitByPDBViolation(pods: readonly Pod[], pdbs: readonly PreemptionPodDisruptionBudget[]): { violating: Pod[]; nonViolating: Pod[] } {
  const allowed = pdbs.map((p) => p.status?.disruptionsAllowed ?? 0)
  const violating: Pod[] = []
  const nonViolating: Pod[] = []
  for (const pod of pods) {
    let violated = false
    if (Object.keys(pod.metadata.labels ?? {}).length > 0) {
      pdbs.forEach((pdb, i) => {
        if ((pdb.metadata.namespace ?? 'default') !== podNamespace(pod)) return
        const selector = pdb.spec?.selector
        // A PDB with a nil or empty selector matches nothing.
        if (!selector || (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0)) return
        if (!matchesLabelSelector(selector, pod.metadata.labels)) return
        if (pod.metadata.name && pdb.status?.disruptedPods && pod.metadata.name in pdb.status.disruptedPods) return
        allowed[i]--
        if (allowed[i] < 0) violated = true
      })
    }
    ;(violated ? violating : nonViolating).push(pod)
  }
  return { violating, nonViolating }
}

type VictimSelection = { victims: Pod[]; numPDBViolations: number } | { rejection: FilterRejection }

/** SelectVictimsOnNode. */
function selectVictimsOnNode(state: CycleState, nodeInfo: NodeInfo, ctx: PreemptionContext): VictimSelection {
  const priority = podPriority(state.pod, ctx.priorities)
  const potential = nodeInfo.pods.filter((p) => podPriority(p, ctx.priorities) < priority)
  if (potential.length === 0) return { rejection: reject('DefaultPreemption', ERR_REASON_NO_VICTIMS, true) }
  const nominated = ctx.nominatedPodsByNode?.get(nodeInfo.name)
  const s = cloneCycleState(state)
  let info = nodeInfo
  for (const p of potential) {
    info = removePod(info, p)
    updateCycleStateWithPod(s, p, info, -1)
  }
  const fitsWithoutAll = runFiltersWithNominatedPods(s, info, nominated, ctx.priorities)
  if (fitsWithoutAll) return { rejection: fitsWithoutAll }

  potential.sort(moreImportantFirst(ctx.priorities))
  const { violating, nonViolating } = splitByPDBViolation(potential, ctx.pdbs ?? [])
  const victims: Pod[] = []
  let numPDBViolations = 0
  const reprieve = (p: Pod): boolean => {
    const withPod = addPod(info, p)
    updateCycleStateWithPod(s, p, withPod, 1)
    if (!runFiltersWithNominatedPods(s, withPod, nominated, ctx.priorities)) {
      info = withPod
      return true
    }
    updateCycleStateWithPod(s, p, info, -1)
    victims.push(p)
    return false
  }
  for (const p of violating) if (!reprieve(p)) numPDBViolations++
  for (const p of nonViolating) reprieve(p)
  if (violating.length > 0 && nonViolating.length > 0) victims.sort(moreImportantFirst(ctx.priorities))
  return { victims, numPDBViolations }
}

/** pickOneNodeForPreemption over candidates in dry-run order. */
function pickOneNode(candidates: readonly PreemptionPlan[], priorities?: PriorityClassValues): PreemptionPlan {
  const OFFSET = 2 ** 31 // MaxInt32+1 keeps negative priorities from favouring more victims
  const criteria: ((c: PreemptionPlan) => number | string)[] = [
    (c) => -c.numPDBViolations,
    (c) => -(c.victims.length ? podPriority(c.victims[0], priorities) : -Infinity),
    (c) => -c.victims.reduce((sum, v) => sum + podPriority(v, priorities) + OFFSET, 0),
    (c) => -c.victims.length,
  ]
  let best = [...candidates]
  for (const score of criteria) {
    if (best.length === 1) return best[0]
    const values = best.map(score) as number[]
    const max = Math.max(...values)
    best = best.filter((_, i) => values[i] === max)
  }
  if (best.length === 1) return best[0]
  // Latest start time among the earliest-started highest-priority victims.
  const earliestOfHighest = (c: PreemptionPlan): string => {
    if (c.victims.length === 0) return ''
    const top = podPriority(c.victims[0], priorities)
    let earliest = '\uffff'
    for (const v of c.victims) if (podPriority(v, priorities) === top && startTimeKey(v) < earliest) earliest = startTimeKey(v)
    return earliest
  }
  let pick = best[0]
  for (const c of best.slice(1)) if (earliestOfHighest(c) > earliestOfHighest(pick)) pick = c
  return pick
}

function calculateNumCandidates(numNodes: number): number {
  let n = Math.trunc((numNodes * MIN_CANDIDATE_NODES_PERCENTAGE) / 100)
  if (n < MIN_CANDIDATE_NODES_ABSOLUTE) n = MIN_CANDIDATE_NODES_ABSOLUTE
  return Math.min(n, numNodes)
}

/**
 * PostFilter: given the filter statuses of every node (all rejected), find where preemption helps.
 * Returns the plan, or the message upstream appends to the FailedScheduling text ("preemption: ...").
 */
export function evaluatePreemption(
  state: CycleState,
  nodeInfos: readonly NodeInfo[],
  statuses: ReadonlyMap<string, FilterRejection>,
  ctx: PreemptionContext = {},
): PreemptionOutcome {
  const pod = state.pod
  if (pod.spec.preemptionPolicy === 'Never') return { kind: 'none', message: `preemption: ${MSG_PREEMPTION_POLICY_NEVER}` }
  const nominatedNodeName = pod.status?.nominatedNodeName
  if (nominatedNodeName && !statuses.get(nominatedNodeName)?.unresolvable) {
    const nominated = nodeInfos.find((n) => n.name === nominatedNodeName)
    const priority = podPriority(pod, ctx.priorities)
    if (nominated?.pods.some((p) => podPriority(p, ctx.priorities) < priority && isTerminatingByPreemption(p))) {
      return { kind: 'none', message: `preemption: ${MSG_TERMINATING_ON_NOMINATED_NODE}` }
    }
  }

  const potential = nodeInfos.filter((n) => {
    const s = statuses.get(n.name)
    return s !== undefined && !s.unresolvable
  })
  const dryRunStatuses = new Map<string, FilterRejection>()
  const candidates: PreemptionPlan[] = []
  if (potential.length > 0) {
    const offset = ctx.random ? ctx.random.int(potential.length) : 0
    const wanted = calculateNumCandidates(potential.length)
    let nonViolating = 0
    for (let i = 0; i < potential.length && nonViolating < wanted; i++) {
      const info = potential[(offset + i) % potential.length]
      const result = selectVictimsOnNode(state, info, ctx)
      if ('rejection' in result) {
        dryRunStatuses.set(info.name, result.rejection)
        continue
      }
      if (result.victims.length === 0) continue // upstream treats this as an error; it cannot happen after a rejection
      candidates.push({ nodeName: info.name, victims: result.victims, numPDBViolations: result.numPDBViolations })
      if (result.numPDBViolations === 0) nonViolating++
    }
  }
  if (candidates.length === 0) {
    const message = computeFitErrorMessage({
      numAllNodes: nodeInfos.length,
      statuses: dryRunStatuses,
      absentReasons: [ERR_REASON_PREEMPTION_NOT_HELPFUL],
    })
    return { kind: 'none', message: `preemption: ${message}` }
  }
  return { kind: 'preempt', plan: pickOneNode(candidates, ctx.priorities) }
}

/**
 * Standalone planner: the node and victims that would let `pod` schedule, or undefined when it
 * already fits somewhere, may not preempt, or no eviction of lower-priority pods helps.
 */
export function planPreemption(pod: Pod, nodeInfos: readonly NodeInfo[], ctx: PreemptionContext = {}): PreemptionPlan | undefined {
  const state = computeCycleState(pod, nodeInfos, ctx.namespaceLabels)
  const statuses = new Map<string, FilterRejection>()
  for (const info of nodeInfos) {
    const r = runFiltersWithNominatedPods(state, info, ctx.nominatedPodsByNode?.get(info.name), ctx.priorities)
    if (!r) return undefined
    statuses.set(info.name, r)
  }
  const outcome = evaluatePreemption(state, nodeInfos, statuses, ctx)
  return outcome.kind === 'preempt' ? outcome.plan : undefined
}

