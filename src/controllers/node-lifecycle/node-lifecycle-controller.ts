// The node lifecycle controller (`node-lifecycle-controller`, events from `node-controller`): marks a
// node whose kubelet stopped posting Unknown at the first 5 s monitor tick after stop + 50 s, marks its
// pods not ready, keeps the NoSchedule mirror taints (not-ready, unreachable, pressure, unschedulable)
// and adds the NoExecute unreachable/not-ready taint one monitor period after the Ready change,
// rate limited per zone (0.1 node/s, none in a partially disrupted small zone, none at all when every
// zone is down). Heartbeats come from a NodeHeartbeatSource: nothing is scheduled while nodes are up.
// Upstream: pkg/controller/nodelifecycle/node_lifecycle_controller.go; util/node/controller_utils.go.
import type { KubeObject, Stored } from '../../api/meta'
import type { Node, Taint } from '../../api/node'
import type { Pod } from '../../api/pod'
import { defineController, type ControllerSpec, type ReconcileContext } from '../../runtime/controller'
import { isDeepEqual as deepEqual } from '../../api/deep-equal'
import type { ObjectKey } from '../../store/keys'
import type { Store } from '../../store/store'
import { parseRfc3339, toRfc3339 } from '../../sim/time'
import type { NodeHeartbeatSource } from './node-heartbeats'
import {
  computeUnknownConditions,
  computeZones,
  hasNoExecuteTaint,
  monitorTickAtOrAfter,
  NODE_MONITOR_PERIOD_MS,
  planNoScheduleTaints,
  readyCondition,
  TAINT_NOT_READY,
  TAINT_UNREACHABLE,
  unknownDeadlineMs,
  wantedNoExecuteKey,
  withNoExecuteTaint,
  zoneOf,
} from './node-health'

export const NODE_LIFECYCLE_CONTROLLER = 'node-lifecycle-controller'
const EVENT_SOURCE = { component: 'node-controller' }

function isPodReady(pod: Stored<Pod>): boolean {
  // Asked for every bound pod's write (the Pod watch below): an indexed loop over the frozen conditions.
  const conditions = pod.status?.conditions
  if (conditions) for (let i = 0; i < conditions.length; i++) if (conditions[i].type === 'Ready' && conditions[i].status === 'True') return true
  return false
}

function isNodeReady(node: Node | undefined): boolean {
  return readyCondition(node)?.status === 'True'
}

/** Ready is present and not True (a node that never posted status is left to its startup grace). */
function isNodeNotReady(node: Node | undefined): boolean {
  const ready = readyCondition(node)
  return ready !== undefined && ready.status !== 'True'
}

export function createNodeLifecycleController(store: Store, heartbeats: NodeHeartbeatSource): ControllerSpec {
  /** The Ready status this controller last saw per node and since when (it is woken on every Node change). */
  const observedReady = new Map<string, { status: string | undefined; sinceMs: number }>()
  /** Per zone: when its rate limiter last let a NoExecute taint through. */
  const zoneLastTaintMs = new Map<string, number>()

  return defineController({
    name: NODE_LIFECYCLE_CONTROLLER,
    for: 'Node',
    watches: [
      {
        // A readiness change anywhere can change zone states: look again at every node that is not Ready.
        kind: 'Node',
        map(object, event) {
          const before = event.previous ? readyCondition(event.previous as Node)?.status : undefined
          const after = readyCondition(object as Node)?.status
          if (before === after || (event.type === 'ADDED' && after === 'True')) return undefined
          return store
            .list<Stored<Node>>('Node')
            .filter((n) => isNodeNotReady(n))
            .map((n) => n.metadata.name)
        },
      },
      {
        // Pods bound to a node that is not Ready are marked not ready too.
        kind: 'Pod',
        map(object) {
          const pod = object as Stored<Pod>
          const nodeName = pod.spec?.nodeName
          if (!nodeName || !isPodReady(pod)) return undefined
          const node = store.get<Stored<Node>>('Node', nodeName)
          return isNodeNotReady(node) ? nodeName : undefined
        },
      },
    ],
    reconcile(name: ObjectKey, ctx: ReconcileContext): { requeueAfterMs: number } | undefined {
      let node: Node | undefined = ctx.store.get<Node>('Node', name)
      if (!node) {
        observedReady.delete(name)
        return undefined
      }
      const nowMs = ctx.clock.now()
      const wakeAt: number[] = []

      // 1. Health: a node that stopped posting goes Unknown after the grace period.
      const stoppedAtMs = heartbeats.stoppedAtMs(name, node.metadata.uid)
      if (stoppedAtMs !== undefined) {
        const deadline = unknownDeadlineMs(stoppedAtMs)
        if (nowMs < deadline) wakeAt.push(deadline)
        else if (readyCondition(node)?.status !== 'Unknown') {
          const wasReady = isNodeReady(node)
          const conditions = computeUnknownConditions(node, nowMs)
          node = ctx.client.patchStatus<Stored<Node>>('Node', name, (draft) => {
            draft.status = { ...(draft.status ?? {}), conditions } as any
          })
          if (wasReady) ctx.events.record(node as KubeObject, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`, EVENT_SOURCE)
        }
      }

      // 2. MarkPodsNotReady: while the node is not Ready, its pods are not Ready either (status only).
      if (isNodeNotReady(node)) {
        for (const pod of ctx.store.podsOnNode<Stored<Pod>>(name)) {
          if (!isPodReady(pod)) continue
          ctx.client.patchStatus<Stored<Pod>>('Pod', `${pod.metadata.namespace}/${pod.metadata.name}`, (draft) => {
            const ready = draft.status?.conditions?.find((c) => c.type === 'Ready')
            if (!ready) return
            ready.status = 'False'
            ready.lastTransitionTime = toRfc3339(nowMs)
          })
          ctx.events.record(pod as KubeObject, 'Warning', 'NodeNotReady', 'Node is not ready', EVENT_SOURCE)
        }
      }

      // 3. NoSchedule mirror taints, applied on every pass.
      const noSchedule = planNoScheduleTaints(node)
      if (!deepEqual(noSchedule, node.spec?.taints ?? [])) node = writeTaints(ctx, name, noSchedule)

      // 4. NoExecute taints: decided from the Ready status observed one monitor period earlier.
      const ready = readyCondition(node)
      let observed = observedReady.get(name)
      if (!observed || observed.status !== ready?.status) {
        // First sight of this status: it changed now, or (a node seen for the first time) at its lastTransitionTime.
        const sinceMs = observed || !ready?.lastTransitionTime ? nowMs : Math.min(nowMs, parseRfc3339(ready.lastTransitionTime))
        observedReady.set(name, (observed = { status: ready?.status, sinceMs }))
      }
      const changedAtMs = observed.sinceMs
      const want = wantedNoExecuteKey(ready)
      const zones = want ? computeZones(ctx.store.list<Stored<Node>>('Node')) : undefined
      if (!want || zones?.allFullyDisrupted) {
        // Ready again (or master disruption mode): taints go at the next monitor pass.
        const has = hasNoExecuteTaint(node, TAINT_UNREACHABLE) || hasNoExecuteTaint(node, TAINT_NOT_READY)
        if (has) {
          const at = want ? nowMs : monitorTickAtOrAfter(changedAtMs)
          if (nowMs >= at) node = writeTaints(ctx, name, withNoExecuteTaint(node, undefined, nowMs))
          else wakeAt.push(at)
        }
      } else if (!hasNoExecuteTaint(node, want)) {
        const eligibleAt = monitorTickAtOrAfter(changedAtMs) + NODE_MONITOR_PERIOD_MS
        const other = want === TAINT_UNREACHABLE ? TAINT_NOT_READY : TAINT_UNREACHABLE
        if (nowMs < eligibleAt) wakeAt.push(eligibleAt)
        else if (hasNoExecuteTaint(node, other)) node = writeTaints(ctx, name, withNoExecuteTaint(node, want, nowMs)) // swapped, not rate limited
        else {
          const zone = zoneOf(node)
          const view = zones!.zones.get(zone)
          const rate = view?.rate ?? 0
          if (rate > 0) {
            const last = zoneLastTaintMs.get(zone)
            const allowedAt = last === undefined ? eligibleAt : Math.max(eligibleAt, last + Math.round(1000 / rate))
            if (nowMs < allowedAt) wakeAt.push(allowedAt)
            else {
              zoneLastTaintMs.set(zone, nowMs)
              node = writeTaints(ctx, name, withNoExecuteTaint(node, want, nowMs))
            }
          }
          // rate 0: the zone is partially disrupted; a change of any node's readiness re-evaluates it.
        }
      }
      if (!wakeAt.length) return undefined
      return { requeueAfterMs: Math.max(1, Math.min(...wakeAt) - nowMs) }
    },
  })
}

function writeTaints(ctx: ReconcileContext, name: string, taints: Taint[]): Node {
  // patch returns the stored object
  return ctx.client.patch<Stored<Node>>('Node', name, (draft) => {
    draft.spec ??= {}
    draft.spec.taints = taints as any
    if (!taints.length) delete draft.spec.taints
  })
}
