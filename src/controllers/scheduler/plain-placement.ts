// The common case of a scheduling cycle without the general plugin machinery: a pod with no node
// selector/affinity, pod (anti-)affinity, spread constraints, host ports, extended resources or
// nomination, in a cluster whose nodes carry no PreferNoSchedule taints, report no images and hold no
// pods with affinity terms. There only NodeUnschedulable, TaintToleration (on nodes that are cordoned
// or tainted) and NodeResourcesFit can reject, and every score but LeastAllocated and
// BalancedAllocation is a constant (TaintToleration 100, the rest 0), so one tight
// loop over the nodes gives exactly what planPlacement's general path gives: same nodes evaluated in
// the same rotation, same totals, same reservoir-sampling draws. Returns undefined when the case does
// not apply or no node fits (the general path then builds the message and tries preemption).
// A pod of a Service or controller also gets system default spreading: default-spread-placement.ts
// adds that score to this scan (isPlainCase does not look at the spread selector).
import type { Pod } from '../../api/pod'
import { MAX_NODE_SCORE, type ClusterSummary, type NodeColumns, type SchedulerRandom } from './framework'
import { cachedNonZeroRequests, cachedPodRequests, hasSimpleFootprint, type NodeInfo } from './node-info'
import type { ResourceAmounts } from './pod-requests'
import { leastRequestedScore } from './score-node-resources-fit'
import { balancedResourceScore } from './score-balanced-allocation'
import { filterNodeUnschedulable } from './filter-node-unschedulable'
import { filterTaintToleration } from './filter-taint-toleration'

export interface PlainPlacementContext {
  random: SchedulerRandom
  nextStartNodeIndex: number
  toFind: number
  summary?: ClusterSummary
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

/** Whether the pod (and the cluster, by its summary) qualifies for the plain path, system default spreading aside. */
export function isPlainCase(pod: Pod, ctx: PlainPlacementContext): boolean {
  const s = ctx.summary
  if (!s || s.podsWithAffinity !== 0 || s.podsWithRequiredAntiAffinity !== 0 || s.nodesWithImages !== 0 || s.nodesWithPreferNoScheduleTaints !== 0) return false
  if (ctx.hasNominatedPods || pod.status?.nominatedNodeName) return false
  const spec = pod.spec
  if (spec.nodeName || spec.affinity || (spec.topologySpreadConstraints?.length ?? 0) > 0) return false
  if (spec.nodeSelector && Object.keys(spec.nodeSelector).length > 0) return false
  if ((spec.volumes ?? []).some((v) => (v as { persistentVolumeClaim?: unknown }).persistentVolumeClaim)) return false
  // No affinity at all (checked above), so this means: no extended resources and no host ports.
  return hasSimpleFootprint(pod)
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

/** The feasible nodes of one scan, in evaluation order, with their plain totals. */
export interface FeasibleScan {
  feasible: number
  rejected: number
  /** Slots of the feasible nodes (first `feasible` entries; scratch reused by the next scan). */
  slots: Int32Array
  /** TaintToleration + LeastAllocated + BalancedAllocation of each feasible node (same scratch rule). */
  totals: Float64Array
}

/** Pod requests by value (cpu, memory, ephemeral; non-zero cpu, memory) → a small number for NodeColumns.scoredRequest. */
const requestNumbers = new Map<string, number>()
const requestNumberOf = new WeakMap<object, number>()

function requestNumber(req: ResourceAmounts, nz: ResourceAmounts): number {
  let n = requestNumberOf.get(req)
  if (n === undefined) {
    const key = `${req.milliCpu}/${req.memoryBytes}/${req.ephemeralBytes}/${nz.milliCpu}/${nz.memoryBytes}`
    n = requestNumbers.get(key)
    if (n === undefined) requestNumbers.set(key, (n = requestNumbers.size))
    // Footprints are cached per pod spec: req and nz travel together.
    requestNumberOf.set(req, n)
  }
  return n
}

// One cycle runs at a time and reads its scan before the next starts: the buffers are shared.
let slotScratch = new Int32Array(0)
let totalScratch = new Float64Array(0)

/**
 * The filter loop of planPlainPlacement over the struct-of-arrays copy of the node numbers (same
 * arithmetic). A node's total is remembered in the columns and reused while neither its numbers nor
 * the request change.
 */
export function scanWithColumns(pod: Pod, nodeInfos: readonly NodeInfo[], c: NodeColumns, ctx: PlainPlacementContext): FeasibleScan {
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
  const toFind = Math.min(ctx.toFind, n)
  if (slotScratch.length < toFind) {
    slotScratch = new Int32Array(toFind)
    totalScratch = new Float64Array(toFind)
  }
  const slots = slotScratch
  const totals = totalScratch
  const maxNodeScore = MAX_NODE_SCORE
  const taintToleration = TAINT_TOLERATION_TOTAL
  const { podCount, maxPods, allocatableMilliCpu, allocatableMemory, allocatableEphemeral, requestedMilliCpu, requestedMemory, requestedEphemeral, nonZeroMilliCpu, nonZeroMemory, restricted, scoredRequest, scoredTotal } = c
  const request = requestNumber(req, nz)
  let feasible = 0
  let rejected = 0
  for (let k = 0; k < n && feasible < toFind; k++) {
    let i = start + k
    if (i >= n) i -= n
    // Remembered for this request: the node passed the resource checks with these very numbers
    // (any change resets it), so only a restricted node's own filters need running again.
    if (scoredRequest[i] === request && restricted[i] === 0) {
      slots[feasible] = i
      totals[feasible] = scoredTotal[i]
      feasible++
      continue
    }
    const cpu = allocatableMilliCpu[i]
    const memory = allocatableMemory[i]
    if (
      podCount[i] + 1 > maxPods[i] ||
      (cpuReq > 0 && cpuReq > cpu - requestedMilliCpu[i]) ||
      (memReq > 0 && memReq > memory - requestedMemory[i]) ||
      (ephReq > 0 && ephReq > allocatableEphemeral[i] - requestedEphemeral[i])
    ) {
      rejected++
      continue
    }
    if (restricted[i] === 1 && (filterNodeUnschedulable(pod, nodeInfos[i]) ?? filterTaintToleration(pod, nodeInfos[i]))) {
      rejected++
      continue
    }
    if (scoredRequest[i] === request) {
      slots[feasible] = i
      totals[feasible] = scoredTotal[i]
      feasible++
      continue
    }
    let least = 0
    let weights = 0
    if (cpu !== 0) {
      least += leastRequestedScore(nonZeroMilliCpu[i] + nzCpu, cpu)
      weights++
    }
    if (memory !== 0) {
      least += leastRequestedScore(nonZeroMemory[i] + nzMem, memory)
      weights++
    }
    let total = taintToleration + (weights === 0 ? 0 : Math.trunc(least / weights))
    if (balanced) {
      if (cpu === 0 || memory === 0) total += balancedScore(nodeInfos[i], cpuReq, memReq)
      else {
        const fCpu = Math.min(1, (requestedMilliCpu[i] + cpuReq) / cpu)
        const fMemory = Math.min(1, (requestedMemory[i] + memReq) / memory)
        total += Math.trunc((1 - Math.abs((fCpu - fMemory) / 2)) * maxNodeScore)
      }
    }
    scoredRequest[i] = request
    scoredTotal[i] = total
    slots[feasible] = i
    totals[feasible] = total
    feasible++
  }
  return { feasible, rejected, slots, totals }
}

/** selectHost over a scan with at least one feasible node: the highest total, ties by reservoir sampling. */
export function selectScanned(scan: FeasibleScan, nodeInfos: readonly NodeInfo[], ctx: PlainPlacementContext): PlainPlacement {
  const { feasible, rejected, slots, totals } = scan
  const random = ctx.random
  let best = slots[0]
  let bestTotal = totals[0]
  let countOfMax = 1
  for (let f = 1; f < feasible; f++) {
    const total = totals[f]
    if (total > bestTotal) {
      best = slots[f]
      bestTotal = total
      countOfMax = 1
    } else if (total === bestTotal) {
      countOfMax++
      if (random.int(countOfMax) === 0) best = slots[f]
    }
  }
  const start = ctx.nextStartNodeIndex
  return { nodeName: nodeInfos[best].name, evaluatedNodes: feasible === 1 ? 1 + rejected : feasible + rejected, feasibleNodes: feasible, nextStartNodeIndex: (start + feasible + rejected) % nodeInfos.length }
}

function planWithColumns(pod: Pod, nodeInfos: readonly NodeInfo[], c: NodeColumns, ctx: PlainPlacementContext): PlainPlacement | undefined {
  const scan = scanWithColumns(pod, nodeInfos, c, ctx)
  return scan.feasible === 0 ? undefined : selectScanned(scan, nodeInfos, ctx)
}
