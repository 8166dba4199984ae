// The taint eviction controller (`taint-eviction-controller`): deletes pods from nodes with NoExecute
// taints they do not tolerate — at once, or after the shortest tolerationSeconds (300 s by default for
// unreachable/not-ready); cancels a pending deletion when the taints go. A deletion adds the
// DisruptionTarget condition (DeletionByTaintManager) and deletes gracefully. Keys: a node name, or a
// pod's "namespace/name". Upstream: pkg/controller/tainteviction/taint_eviction.go.
import type { KubeObject, Stored } from '../../api/meta'
import type { Node, Taint } from '../../api/node'
import type { Pod } from '../../api/pod'
import { defineController, type ControllerSpec, type ReconcileContext } from '../../runtime/controller'
import { markDisruptionTarget } from '../../runtime/disruption-target'
import { objectKey, type ObjectKey } from '../../store/keys'
import type { Store } from '../../store/store'
import { planTaintEviction, type ScheduledEviction } from './taint-eviction'

export const TAINT_EVICTION_CONTROLLER = 'taint-eviction-controller'
const EVENT_SOURCE = { component: TAINT_EVICTION_CONTROLLER }

function noExecuteTaints(node: Node | undefined): Taint[] {
  return (node?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute')
}

function hasNoExecuteTaint(node: Node | undefined): boolean {
  const taints = node?.spec?.taints
  if (taints) for (let i = 0; i < taints.length; i++) if (taints[i].effect === 'NoExecute') return true
  return false
}

/** The controller's pending deletions, by pod key (upstream: the taint eviction queue). */
type ScheduledEvictions = Map<ObjectKey, ScheduledEviction>

function cancel(scheduled: ScheduledEvictions, podKey: ObjectKey, pod: Stored<Pod> | undefined, ctx: ReconcileContext): void {
  if (!scheduled.delete(podKey) || !pod) return
  ctx.events.record(pod as KubeObject, 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${podKey}`, EVENT_SOURCE)
}

function evict(scheduled: ScheduledEvictions, podKey: ObjectKey, pod: Stored<Pod>, ctx: ReconcileContext): void {
  scheduled.delete(podKey)
  ctx.events.record(pod as KubeObject, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${podKey}`, EVENT_SOURCE)
  const nowMs = ctx.clock.now()
  markDisruptionTarget(ctx.client, podKey, 'DeletionByTaintManager', 'Taint manager: deleting due to NoExecute taint', nowMs)
  ctx.client.delete('Pod', podKey)
}

/** processPodOnNode; returns when to look at the pod again, if ever. */
function processPod(scheduled: ScheduledEvictions, podKey: ObjectKey, pod: Stored<Pod>, taints: readonly Taint[], ctx: ReconcileContext): number | undefined {
  const nowMs = ctx.clock.now()
  if (pod.metadata.deletionTimestamp) {
    scheduled.delete(podKey)
    return undefined
  }
  const plan = planTaintEviction(taints, pod.spec.tolerations ?? [], scheduled.get(podKey), nowMs)
  switch (plan.action) {
    case 'cancel':
      cancel(scheduled, podKey, pod, ctx)
      return undefined
    case 'deleteNow':
      evict(scheduled, podKey, pod, ctx)
      return undefined
    case 'schedule':
      if (plan.replaced) cancel(scheduled, podKey, pod, ctx)
      scheduled.set(podKey, plan.eviction)
      break
    case 'keep':
      break
  }
  const eviction = scheduled.get(podKey)!
  if (eviction.fireAtMs <= nowMs) {
    evict(scheduled, podKey, pod, ctx)
    return undefined
  }
  return eviction.fireAtMs
}

export function createTaintEvictionController(store: Store): ControllerSpec {
  const scheduled: ScheduledEvictions = new Map()
  return defineController({
    name: TAINT_EVICTION_CONTROLLER,
    watches: [
      {
        kind: 'Node',
        map(object, event) {
          // Most Node writes (status) carry no NoExecute taint before or after: nothing to compare.
          if (event.type === 'DELETED' || (!hasNoExecuteTaint(event.previous as Node | undefined) && !hasNoExecuteTaint(object as Node))) return undefined
          const before = noExecuteTaints(event.previous as Node | undefined)
          const after = noExecuteTaints(object as Node)
          if (JSON.stringify(before) === JSON.stringify(after)) return undefined
          return object.metadata.name
        },
      },
      {
        kind: 'Pod',
        map(object) {
          // Every pod write comes here: build the key only when it can be the answer.
          const pod = object as Stored<Pod>
          if (scheduled.size > 0) {
            const key = objectKey(pod.metadata.namespace, pod.metadata.name)
            if (scheduled.has(key)) return key
          }
          const nodeName = pod.spec?.nodeName
          if (!nodeName || pod.metadata.deletionTimestamp) return undefined
          return hasNoExecuteTaint(store.get<Stored<Node>>('Node', nodeName)) ? objectKey(pod.metadata.namespace, pod.metadata.name) : undefined
        },
      },
    ],
    reconcile(key: ObjectKey, ctx: ReconcileContext): { requeueAfterMs: number } | undefined {
      const nowMs = ctx.clock.now()
      if (!key.includes('/')) {
        // A node: every pod bound to it.
        const taints = noExecuteTaints(ctx.store.get<Stored<Node>>('Node', key))
        for (const pod of ctx.store.podsOnNode<Stored<Pod>>(key)) {
          const podKey = objectKey(pod.metadata.namespace, pod.metadata.name)
          if (!taints.length && !scheduled.has(podKey)) continue
          const at = processPod(scheduled, podKey, pod, taints, ctx)
          if (at !== undefined) ctx.enqueue(podKey, at - nowMs)
        }
        return undefined
      }
      const pod = ctx.store.get<Stored<Pod>>('Pod', key)
      const nodeName = pod?.spec.nodeName
      if (!pod || !nodeName) {
        scheduled.delete(key)
        return undefined
      }
      const at = processPod(scheduled, key, pod, noExecuteTaints(ctx.store.get<Stored<Node>>('Node', nodeName)), ctx)
      return at === undefined ? undefined : { requeueAfterMs: at - nowMs }
    },
  })
}
