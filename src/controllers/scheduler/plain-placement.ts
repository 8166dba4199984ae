// The common case of a scheduling cycle without the general plugin machinery: a pod with no node
// selector/affinity, pod (anti-)affinity, spread constraints, host ports, extended resources or
// nomination, in a cluster whose nodes carry no PreferNoSchedule taints, report no images and hold no
// pods with affinity terms. There only NodeUnschedulable, TaintToleration (on nodes that are cordoned
// or tainted) and NodeResourcesFit can reject, and every score but LeastAllocated and
// BalancedAllocation is a constant (TaintToleration 100, the rest 0), so one tight
// loop over the nodes gives exactly what planPlacement's general path gives: same nodes evaluated in
// the same rotation, same totals, same reservoir-sampling draws. Returns undefined when the case does
// not apply or no node fits (the general path then builds the message and tries preemption).
import type { Pod } from '../../api/pod'
import { MAX_NODE_SCORE, type ClusterSummary, type NodeColumns, type SchedulerRandom } from './framework'
import { cachedNonZeroRequests, cachedPodRequests, podHostPorts, type NodeInfo } from './node-info'
import { leastRequestedScore } from './score-node-resources-fit'
import { balancedResourceScore } from './score-balanced-allocation'
import { filterNodeUnschedulable } from './filter-node-unschedulable'
import { filterTaintToleration } from './filter-taint-toleration'

export interface PlainPlacementContext {
  random: SchedulerRandom
  nextStartNodeIndex: number
  toFind: number
  summary?: ClusterSummary
  hasDefaultSpreadSelector: boolean
  hasNominatedPods: boolean
  /** The same numbers as nodeInfos, slot for slot (faster to scan); optional. */
  columns?: NodeColumns
}

export interface PlainPlacement {
  nodeName: string
  evaluatedNodes: number
  feasibleNodes: number
  nextStartNodeIndex: number
}

const TAINT_TOLERATION_TOTAL = 3 * MAX_NODE_SCORE

/** Whether the pod (and the cluster, by its summary) qualifies for the plain path. */
export function isPlainCase(pod: Pod, ctx: PlainPlacementContext): boolean {
  const s = ctx.summary
  if (!s || s.podsWithAffinity !== 0 || s.podsWithRequiredAntiAffinity !== 0 || s.nodesWithImages !== 0 || s.nodesWithPreferNoScheduleTaints !== 0) return false
  if (ctx.hasDefaultSpreadSelector || ctx.hasNominatedPods || pod.status?.nominatedNodeName) return false
  const spec = pod.spec
  if (spec.nodeName || spec.affinity || (spec.topologySpreadConstraints?.length ?? 0) > 0) return false
  if (spec.nodeSelector && Object.keys(spec.nodeSelector).length > 0) return false
  if ((spec.volumes ?? []).some((v) => (v as { persistentVolumeClaim?: unknown }).persistentVolumeClaim)) return false
  if (Object.keys(cachedPodRequests(pod).scalar).length > 0) return false
  return podHostPorts(pod).length === 0
}

function balancedScore(info: NodeInfo, cpuRequest: number, memoryRequest: number): number {
  const cpu = info.allocatable.milliCpu
  const memory = info.allocatable.memoryBytes
  if (cpu === 0 || memory === 0) return balancedResourceScore([info.requestedMilliCpu + cpuRequest, info.requestedMemoryBytes + memoryRequest], [cpu, memory])
  const fCpu = Math.min(1, (info.requestedMilliCpu + cpuRequest) / cpu)
  const fMemory = Math.min(1, (info.requestedMemoryBytes + memoryRequest) / memory)
  return Math.trunc((1 - Math.abs((fCpu - fMemory) / 2)) * MAX_NODE_SCORE)
}

function leastAllocated(info: NodeInfo, cpuNonZero: number, memoryNonZero: number): number {
  const cpu = info.allocatable.milliCpu
  const memory = info.allocatable.memoryBytes
  let score = 0
  let weights = 0
  if (cpu !== 0) {
    score += leastRequestedScore(info.nonZeroRequested.milliCpu + cpuNonZero, cpu)
    weights++
  }
  if (memory !== 0) {
    score += leastRequestedScore(info.nonZeroRequested.memoryBytes + memoryNonZero, memory)
    weights++
  }
  return weights === 0 ? 0 : Math.trunc(score / weights)
}

export function planPlainPlacement(pod: Pod, nodeInfos: readonly NodeInfo[], ctx: PlainPlacementContext): PlainPlacement | undefined {
  const n = nodeInfos.length
  if (n === 0) return undefined
  if (ctx.columns && ctx.columns.podCount.length === n) return planWithColumns(pod, nodeInfos, ctx.columns, ctx)
  const req = cachedPodRequests(pod)
  const nz = cachedNonZeroRequests(pod)
  const cpuReq = req.milliCpu
  const memReq = req.memoryBytes
  const ephReq = req.ephemeralBytes
  // BalancedAllocation skips best-effort pods (0 everywhere).
  const balanced = cpuReq !== 0 || memReq !== 0
  const start = ctx.nextStartNodeIndex
  let feasible = 0
  let rejected = 0
  let best: NodeInfo | undefined
  let bestTotal = -1
  let countOfMax = 0
  for (let i = 0; i < n && feasible < ctx.toFind; i++) {
    const info = nodeInfos[(start + i) % n]
    const a = info.allocatable
    if (
      info.podCount + 1 > a.pods ||
      (cpuReq > 0 && cpuReq > a.milliCpu - info.requestedMilliCpu) ||
      (memReq > 0 && memReq > a.memoryBytes - info.requestedMemoryBytes) ||
      (ephReq > 0 && ephReq > a.ephemeralBytes - info.requestedEphemeralBytes)
    ) {
      rejected++
      continue
    }
    const spec = info.node.spec
    if (spec && (spec.unschedulable || (spec.taints?.length ?? 0) > 0) && (filterNodeUnschedulable(pod, info) ?? filterTaintToleration(pod, info))) {
      rejected++
      continue
    }
    feasible++
    const total = TAINT_TOLERATION_TOTAL + leastAllocated(info, nz.milliCpu, nz.memoryBytes) + (balanced ? balancedScore(info, cpuReq, memReq) : 0)
    if (best === undefined) {
      best = info
      bestTotal = total
      countOfMax = 1
    } else if (total > bestTotal) {
      best = info
      bestTotal = total
      countOfMax = 1
    } else if (total === bestTotal) {
      countOfMax++
      if (ctx.random.int(countOfMax) === 0) best = info
    }
  }
  if (!best) return undefined
  return { nodeName: best.name, evaluatedNodes: feasible === 1 ? 1 + rejected : feasible + rejected, feasibleNodes: feasible, nextStartNodeIndex: (start + feasible + rejected) % n }
}

/** planPlainPlacement over the struct-of-arrays copy of the node numbers (same arithmetic). */
function planWithColumns(pod: Pod, nodeInfos: readonly NodeInfo[], c: NodeColumns, ctx: PlainPlacementContext): PlainPlacement | undefined {
  const n = nodeInfos.length
  const req = cachedPodRequests(pod)
  const nz = cachedNonZeroRequests(pod)
  const cpuReq = req.milliCpu
  const memReq = req.memoryBytes
  const ephReq = req.ephemeralBytes
  const nzCpu = nz.milliCpu
  const nzMem = nz.memoryBytes
  const balanced = cpuReq !== 0 || memReq !== 0
  const start = ctx.nextStartNodeIndex
  const toFind = ctx.toFind
  let feasible = 0
  let rejected = 0
  let best = -1
  let bestTotal = -1
  let countOfMax = 0
  for (let k = 0; k < n && feasible < toFind; k++) {
    let i = start + k
    if (i >= n) i -= n
    const cpu = c.allocatableMilliCpu[i]
    const memory = c.allocatableMemory[i]
    if (
      c.podCount[i] + 1 > c.maxPods[i] ||
      (cpuReq > 0 && cpuReq > cpu - c.requestedMilliCpu[i]) ||
      (memReq > 0 && memReq > memory - c.requestedMemory[i]) ||
      (ephReq > 0 && ephReq > c.allocatableEphemeral[i] - c.requestedEphemeral[i])
    ) {
      rejected++
      continue
    }
    if (c.restricted[i] === 1 && (filterNodeUnschedulable(pod, nodeInfos[i]) ?? filterTaintToleration(pod, nodeInfos[i]))) {
      rejected++
      continue
    }
    feasible++
    let least = 0
    let weights = 0
    if (cpu !== 0) {
      least += leastRequestedScore(c.nonZeroMilliCpu[i] + nzCpu, cpu)
      weights++
    }
    if (memory !== 0) {
      least += leastRequestedScore(c.nonZeroMemory[i] + nzMem, memory)
      weights++
    }
    let total = TAINT_TOLERATION_TOTAL + (weights === 0 ? 0 : Math.trunc(least / weights))
    if (balanced) {
      if (cpu === 0 || memory === 0) total += balancedScore(nodeInfos[i], cpuReq, memReq)
      else {
        const fCpu = Math.min(1, (c.requestedMilliCpu[i] + cpuReq) / cpu)
        const fMemory = Math.min(1, (c.requestedMemory[i] + memReq) / memory)
        total += Math.trunc((1 - Math.abs((fCpu - fMemory) / 2)) * MAX_NODE_SCORE)
      }
    }
    if (best < 0 || total > bestTotal) {
      best = i
      bestTotal = total
      countOfMax = 1
    } else if (total === bestTotal) {
      countOfMax++
      if (ctx.random.int(countOfMax) === 0) best = i
    }
  }
  if (best < 0) return undefined
  return { nodeName: nodeInfos[best].name, evaluatedNodes: feasible === 1 ? 1 + rejected : feasible + rejected, feasibleNodes: feasible, nextStartNodeIndex: (start + feasible + rejected) % n }
}
