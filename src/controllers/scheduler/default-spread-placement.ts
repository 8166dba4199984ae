// The plain path for a pod under system default topology spreading (a pod of a Service, RC, RS or
// StatefulSet that is plain in every other respect, see plain-placement.ts). Filtering is the plain
// scan; the only score that is not constant besides LeastAllocated and BalancedAllocation is
// PodTopologySpread, which this reproduces as scorePodTopologySpread computes it for the system
// defaults, reading the snapshot's running counts instead of counting pods:
// - no node is ignored (the defaults do not require every topology key), and with no node selector
//   or affinity every node's domain counts (NodeAffinity Honor holds, TaintsPolicy is Ignore);
// - weights log(F + 2) for hostname (F feasible nodes) and log(Z + 2) for zone (Z distinct zones
//   among the feasible nodes that have the zone label);
// - raw = round(sum, hostname then zone, of count * weight + (maxSkew - 1)) over the keys the node
//   has; hostname counts the node's pods, zone counts every node of the zone;
// - normalized with min and max over the feasible nodes, weighted 2 and added to the plain total.
// Then selectHost as the plain path does (same draws, none with a single feasible node).
import type { LabelSelector } from '../../api/meta'
import type { Pod } from '../../api/pod'
import { MAX_NODE_SCORE, podNamespace, type DefaultSpreadCounts } from './framework'
import type { NodeInfo } from './node-info'
import { scanWithColumns, selectScanned, type PlainPlacement, type PlainPlacementContext } from './plain-placement'
import { hasSystemDefaultSpreading, SYSTEM_DEFAULT_HOSTNAME_MAX_SKEW, SYSTEM_DEFAULT_ZONE_MAX_SKEW } from './topology-spread-constraint'

/** SCORE_WEIGHTS.PodTopologySpread (schedule-one.ts imports this file). */
const POD_TOPOLOGY_SPREAD_WEIGHT = 2

/** undefined when the path does not apply (no columns or counts, empty selector) or no node fits. */
export function planDefaultSpreadPlacement(
  pod: Pod,
  nodeInfos: readonly NodeInfo[],
  ctx: PlainPlacementContext,
  selector: LabelSelector,
  countsOf: ((namespace: string, selector: LabelSelector) => DefaultSpreadCounts) | undefined,
): PlainPlacement | undefined {
  const columns = ctx.columns
  if (!columns || !countsOf || columns.podCount.length !== nodeInfos.length || nodeInfos.length === 0) return undefined
  if (!hasSystemDefaultSpreading(selector)) return undefined
  const scan = scanWithColumns(pod, nodeInfos, columns, ctx)
  if (scan.feasible === 0) return undefined
  if (scan.feasible > 1) addSpreadScores(scan.feasible, scan.slots, scan.totals, countsOf(podNamespace(pod), selector))
  return selectScanned(scan, nodeInfos, ctx)
}

// Raw scores of the feasible nodes (one cycle at a time: reused).
let rawScratch = new Float64Array(0)

function addSpreadScores(feasible: number, slots: Int32Array, totals: Float64Array, counts: DefaultSpreadCounts): void {
  const { podsOnNode, podsInZone, nodeZone, nodeHasHostname } = counts
  const hostSkew = SYSTEM_DEFAULT_HOSTNAME_MAX_SKEW - 1
  const zoneSkew = SYSTEM_DEFAULT_ZONE_MAX_SKEW - 1
  let zones = 0
  // No zone numbered yet: no node has the zone label.
  if (podsInZone.length > 0) {
    const seen = new Uint8Array(podsInZone.length)
    for (let f = 0; f < feasible; f++) {
      const z = nodeZone[slots[f]]
      if (z >= 0 && seen[z] === 0) {
        seen[z] = 1
        zones++
      }
    }
  }
  const hostWeight = Math.log(feasible + 2)
  const zoneWeight = Math.log(zones + 2)
  if (rawScratch.length < feasible) rawScratch = new Float64Array(feasible)
  const raw = rawScratch
  let min = Infinity
  let max = 0
  for (let f = 0; f < feasible; f++) {
    const i = slots[f]
    let score = 0
    if (nodeHasHostname[i] === 1) score += podsOnNode[i] * hostWeight + hostSkew
    const z = nodeZone[i]
    if (z >= 0) score += podsInZone[z] * zoneWeight + zoneSkew
    const r = Math.round(score)
    raw[f] = r
    if (r < min) min = r
    if (r > max) max = r
  }
  const maxNodeScore = MAX_NODE_SCORE
  const weight = POD_TOPOLOGY_SPREAD_WEIGHT
  for (let f = 0; f < feasible; f++) {
    const spread = max === 0 ? maxNodeScore : Math.trunc((maxNodeScore * (max + min - raw[f])) / max)
    totals[f] += weight * spread
  }
}
