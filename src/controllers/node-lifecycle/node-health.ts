// What the node lifecycle controller decides for one node ([k8s] pkg/controller/nodelifecycle/
// node_lifecycle_controller.go: tryUpdateNodeHealth, doNoScheduleTaintingPass, processTaintBaseEviction,
// ComputeZoneState, handleDisruption; well_known_taints.go). Pure planners over node objects and times.
import type { Node, NodeCondition, Taint } from '../../api/node'
import { toRfc3339 } from '../../sim/time'

export const NODE_MONITOR_PERIOD_MS = 5_000
/** --node-monitor-grace-period: 50 s since v1.32 (kubernetes/kubernetes#126287). */
export const NODE_MONITOR_GRACE_PERIOD_MS = 50_000
export const NODE_EVICTION_RATE = 0.1
export const SECONDARY_NODE_EVICTION_RATE = 0.01
export const LARGE_CLUSTER_SIZE_THRESHOLD = 50
export const UNHEALTHY_ZONE_THRESHOLD = 0.55

export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable'
export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready'
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable'
const EXCLUDE_DISRUPTION_LABEL = 'node.kubernetes.io/exclude-disruption'

/** nodeConditionToTaintKeyStatusMap: the NoSchedule taints that mirror conditions. */
const CONDITION_TAINTS: readonly { type: string; status: string; key: string }[] = [
  { type: 'Ready', status: 'False', key: TAINT_NOT_READY },
  { type: 'Ready', status: 'Unknown', key: TAINT_UNREACHABLE },
  { type: 'MemoryPressure', status: 'True', key: 'node.kubernetes.io/memory-pressure' },
  { type: 'DiskPressure', status: 'True', key: 'node.kubernetes.io/disk-pressure' },
  { type: 'NetworkUnavailable', status: 'True', key: 'node.kubernetes.io/network-unavailable' },
  { type: 'PIDPressure', status: 'True', key: 'node.kubernetes.io/pid-pressure' },
]
const MANAGED_NO_SCHEDULE_KEYS = new Set([...CONDITION_TAINTS.map((c) => c.key), TAINT_UNSCHEDULABLE])
const MANAGED_NO_EXECUTE_KEYS = new Set([TAINT_UNREACHABLE, TAINT_NOT_READY])

/** The first monitor tick strictly after `ms` (ticks every 5 s on the epoch grid). */
export function nextMonitorTickAfter(ms: number): number {
  return (Math.floor(ms / NODE_MONITOR_PERIOD_MS) + 1) * NODE_MONITOR_PERIOD_MS
}

/** The first monitor tick at or after `ms`. */
export function monitorTickAtOrAfter(ms: number): number {
  return Math.ceil(ms / NODE_MONITOR_PERIOD_MS) * NODE_MONITOR_PERIOD_MS
}

/** When a node that stopped posting at `stoppedAtMs` is declared Unknown: the first tick after stop + grace. */
export function unknownDeadlineMs(stoppedAtMs: number, graceMs = NODE_MONITOR_GRACE_PERIOD_MS): number {
  return nextMonitorTickAfter(stoppedAtMs + graceMs)
}

export function readyCondition(node: Node | undefined): NodeCondition | undefined {
  // Asked for every write of a ready pod (is its node still Ready?): an indexed loop over the frozen conditions.
  const conditions = node?.status?.conditions
  if (conditions) for (let i = 0; i < conditions.length; i++) if (conditions[i].type === 'Ready') return conditions[i]
  return undefined
}

/** tryUpdateNodeHealth past the grace period: the kubelet-owned conditions become Unknown. */
export function computeUnknownConditions(node: Node, nowMs: number): NodeCondition[] {
  const now = toRfc3339(nowMs)
  const conditions = (node.status?.conditions ?? []).map((c) => ({ ...c }))
  for (const type of ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure']) {
    const existing = conditions.find((c) => c.type === type)
    if (!existing) {
      conditions.push({ type, status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.', lastHeartbeatTime: now, lastTransitionTime: now })
    } else if (existing.status !== 'Unknown') {
      existing.status = 'Unknown'
      existing.reason = 'NodeStatusUnknown'
      existing.message = 'Kubelet stopped posting node status.'
      existing.lastTransitionTime = now
    }
  }
  return conditions
}

/** doNoScheduleTaintingPass: the node's taints with the controller-managed NoSchedule ones made to match. */
export function planNoScheduleTaints(node: Node): Taint[] {
  const wanted = new Set<string>()
  for (const c of node.status?.conditions ?? []) for (const m of CONDITION_TAINTS) if (c.type === m.type && c.status === m.status) wanted.add(m.key)
  if (node.spec?.unschedulable) wanted.add(TAINT_UNSCHEDULABLE)
  const taints = (node.spec?.taints ?? []).filter((t) => !(t.effect === 'NoSchedule' && MANAGED_NO_SCHEDULE_KEYS.has(t.key) && !wanted.has(t.key)))
  for (const key of [...wanted].sort()) if (!taints.some((t) => t.key === key && t.effect === 'NoSchedule')) taints.push({ key, effect: 'NoSchedule' })
  return taints
}

/** The NoExecute taint key a Ready status asks for (the two are mutually exclusive). */
export function wantedNoExecuteKey(ready: NodeCondition | undefined): string | undefined {
  if (!ready) return undefined
  if (ready.status === 'Unknown') return TAINT_UNREACHABLE
  if (ready.status === 'False') return TAINT_NOT_READY
  return undefined
}

/** The node's taints with the NoExecute eviction taint set to `key` (or removed when undefined). */
export function withNoExecuteTaint(node: Node, key: string | undefined, nowMs: number): Taint[] {
  const taints = (node.spec?.taints ?? []).filter((t) => !(t.effect === 'NoExecute' && MANAGED_NO_EXECUTE_KEYS.has(t.key) && t.key !== key))
  if (key && !taints.some((t) => t.key === key && t.effect === 'NoExecute')) taints.push({ key, effect: 'NoExecute', timeAdded: toRfc3339(nowMs) })
  return taints
}

export function hasNoExecuteTaint(node: Node, key: string): boolean {
  return (node.spec?.taints ?? []).some((t) => t.key === key && t.effect === 'NoExecute')
}

/** A node's zone: region and zone labels; every unlabelled node shares one zone. */
export function zoneOf(node: Node): string {
  const l = node.metadata.labels ?? {}
  const region = l['topology.kubernetes.io/region'] ?? l['failure-domain.beta.kubernetes.io/region'] ?? ''
  const zone = l['topology.kubernetes.io/zone'] ?? l['failure-domain.beta.kubernetes.io/zone'] ?? ''
  return `${region}:\u0000:${zone}`
}

export type ZoneState = 'Normal' | 'PartialDisruption' | 'FullDisruption'

export function computeZoneState(readyStatuses: readonly (string | undefined)[]): ZoneState {
  let ready = 0
  let notReady = 0
  for (const s of readyStatuses) {
    if (s === 'True') ready++
    else notReady++
  }
  if (ready === 0 && notReady > 0) return 'FullDisruption'
  if (notReady > 2 && notReady / (notReady + ready) >= UNHEALTHY_ZONE_THRESHOLD) return 'PartialDisruption'
  return 'Normal'
}

export interface ZoneView {
  state: ZoneState
  size: number
  /** NoExecute tainting rate in nodes per second (0 = none). */
  rate: number
}

/** handleDisruption: per-zone states and tainting rates; master disruption mode when every zone is down. */
export function computeZones(nodes: readonly Node[]): { zones: Map<string, ZoneView>; allFullyDisrupted: boolean } {
  const statuses = new Map<string, (string | undefined)[]>()
  for (const node of nodes) {
    if (node.metadata.labels?.[EXCLUDE_DISRUPTION_LABEL] !== undefined) continue
    const zone = zoneOf(node)
    const list = statuses.get(zone) ?? []
    list.push(readyCondition(node)?.status)
    statuses.set(zone, list)
  }
  const zones = new Map<string, ZoneView>()
  let allFullyDisrupted = statuses.size > 0
  for (const zone of [...statuses.keys()].sort()) {
    const list = statuses.get(zone)!
    const state = computeZoneState(list)
    if (state !== 'FullDisruption') allFullyDisrupted = false
    const rate = state === 'PartialDisruption' ? (list.length > LARGE_CLUSTER_SIZE_THRESHOLD ? SECONDARY_NODE_EVICTION_RATE : 0) : NODE_EVICTION_RATE
    zones.set(zone, { state, size: list.length, rate })
  }
  return { zones, allFullyDisrupted }
}
