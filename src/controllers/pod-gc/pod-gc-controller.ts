// The pod garbage collector (`pod-garbage-collector`): force-deletes pods bound to nodes that no
// longer exist (after the 40 s quarantine, marked Failed with DisruptionTarget DeletionByPodGC),
// terminating pods on out-of-service nodes, terminating pods never scheduled, and the oldest
// terminated pods above the threshold. Event-driven on the 20 s pass grid: nothing runs while there
// is no garbage. Keys: "orphan:<node>", "out-of-service:<node>", "unscheduled:<ns/name>", "terminated".
import type { Stored } from '../../api/meta'
import type { Node } from '../../api/node'
import type { Pod } from '../../api/pod'
import { defineController, type ControllerSpec, type ReconcileContext } from '../../runtime/controller'
import { putDisruptionTarget } from '../../runtime/disruption-target'
import { objectKey, type ObjectKey } from '../../store/keys'
import type { Store } from '../../store/store'
import { gcPassAtOrAfter, isTerminal, orphanDeletionMs, OUT_OF_SERVICE_TAINT, planTerminatedPodDeletions, TERMINATED_POD_GC_THRESHOLD } from './pod-gc'

export const POD_GC_CONTROLLER = 'pod-garbage-collector'

function isOutOfService(node: Node | undefined): boolean {
  if (!node) return false
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready')
  return ready?.status !== 'True' && (node.spec?.taints ?? []).some((t) => t.key === OUT_OF_SERVICE_TAINT && t.effect === 'NoExecute')
}

/** Deletes a pod at once (grace 0), marked Failed first unless terminal, with the DisruptionTarget condition when given. */
function forceDelete(ctx: ReconcileContext, pod: Stored<Pod>, condition?: { reason: string; message: string }): void {
  const key = objectKey(pod.metadata.namespace, pod.metadata.name)
  if (!isTerminal(pod) || condition) {
    ctx.client.patchStatus<Stored<Pod>>('Pod', key, (draft) => {
      draft.status ??= {} as any
      if (!isTerminal(pod)) draft.status!.phase = 'Failed'
      if (condition) putDisruptionTarget(draft.status!, condition.reason, condition.message, ctx.clock.now())
    })
  }
  if (ctx.store.get('Pod', key)) ctx.client.delete('Pod', key, { gracePeriodSeconds: 0 })
}

export function createPodGcController(store: Store, options: { terminatedPodGcThreshold?: number } = {}): ControllerSpec {
  const threshold = options.terminatedPodGcThreshold ?? TERMINATED_POD_GC_THRESHOLD
  /** Orphan checks: node name → when its pods may be deleted. */
  const orphanDue = new Map<string, number>()
  /** Keys of pods in phase Succeeded or Failed (kept from watch events, like an informer index). */
  const terminated = new Set<ObjectKey>()

  return defineController({
    name: POD_GC_CONTROLLER,
    watches: [
      {
        kind: 'Node',
        map(object, event) {
          const name = object.metadata.name
          if (event.type === 'DELETED') return store.podsOnNode(name).length ? `orphan:${name}` : undefined
          return isOutOfService(object as Node) ? `out-of-service:${name}` : undefined
        },
      },
      {
        kind: 'Pod',
        map(object, event) {
          // Every pod write comes here and almost none is garbage: the pod's key and a key list are
          // built only when the terminated set or the answer needs them.
          const pod = object as Stored<Pod>
          const deleted = event.type === 'DELETED'
          if (!deleted && isTerminal(pod)) terminated.add(objectKey(pod.metadata.namespace, pod.metadata.name))
          else if (terminated.size > 0) terminated.delete(objectKey(pod.metadata.namespace, pod.metadata.name))
          const overThreshold = terminated.size > threshold
          const nodeName = deleted ? undefined : pod.spec?.nodeName
          const orphaned = !!nodeName && !store.get('Node', nodeName)
          const unscheduled = !deleted && !nodeName && !!pod.metadata.deletionTimestamp
          if (!overThreshold && !orphaned && !unscheduled) return undefined
          const keys: ObjectKey[] = []
          if (overThreshold) keys.push('terminated')
          if (orphaned) keys.push(`orphan:${nodeName}`)
          if (unscheduled) keys.push(`unscheduled:${objectKey(pod.metadata.namespace, pod.metadata.name)}`)
          return keys
        },
      },
    ],
    reconcile(key: ObjectKey, ctx: ReconcileContext): { requeueAfterMs: number } | undefined {
      const nowMs = ctx.clock.now()
      const colon = key.indexOf(':')
      const kind = colon < 0 ? key : key.slice(0, colon)
      const rest = colon < 0 ? '' : key.slice(colon + 1)
      switch (kind) {
        case 'orphan': {
          if (ctx.store.get('Node', rest)) {
            orphanDue.delete(rest)
            return undefined
          }
          const due = orphanDue.get(rest) ?? orphanDeletionMs(nowMs)
          orphanDue.set(rest, due)
          if (nowMs < due) return { requeueAfterMs: due - nowMs }
          orphanDue.delete(rest)
          for (const pod of ctx.store.podsOnNode<Stored<Pod>>(rest)) forceDelete(ctx, pod, { reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' })
          return undefined
        }
        case 'out-of-service': {
          if (!isOutOfService(ctx.store.get<Stored<Node>>('Node', rest))) return undefined
          const due = gcPassAtOrAfter(nowMs)
          if (nowMs < due) return { requeueAfterMs: due - nowMs }
          for (const pod of ctx.store.podsOnNode<Stored<Pod>>(rest)) if (pod.metadata.deletionTimestamp) forceDelete(ctx, pod)
          return undefined
        }
        case 'unscheduled': {
          const pod = ctx.store.get<Stored<Pod>>('Pod', rest)
          if (!pod || !pod.metadata.deletionTimestamp || pod.spec.nodeName) return undefined
          const due = gcPassAtOrAfter(nowMs)
          if (nowMs < due) return { requeueAfterMs: due - nowMs }
          forceDelete(ctx, pod)
          return undefined
        }
        case 'terminated': {
          if (terminated.size <= threshold) return undefined
          const due = gcPassAtOrAfter(nowMs)
          if (nowMs < due) return { requeueAfterMs: due - nowMs }
          const pods = [...terminated].map((k) => ctx.store.get<Stored<Pod>>('Pod', k)).filter((p): p is Stored<Pod> => p !== undefined)
          for (const pod of planTerminatedPodDeletions(pods, threshold)) forceDelete(ctx, pod)
          return undefined
        }
        default:
          return undefined
      }
    },
  })
}
