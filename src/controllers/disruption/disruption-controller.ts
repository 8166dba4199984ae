// The disruption controller (`disruption-controller`): keeps each PodDisruptionBudget's status
// (expectedPods, desiredHealthy, currentHealthy, disruptionsAllowed, disruptedPods, DisruptionAllowed
// condition) in step with its pods. Pod changes enqueue the budgets selecting them; an eviction-granted
// entry in disruptedPods is re-checked when it would expire (2 min). Upstream: disruption.go.
import type { KubeObject, Stored } from '../../api/meta'
import type { Pod } from '../../api/pod'
import type { PodDisruptionBudget } from '../../api/pod-disruption-budget'
import { defineController, type ControllerSpec, type ReconcileContext } from '../../runtime/controller'
import { controllerOf } from '../../runtime/owners'
import { objectKey, type ObjectKey } from '../../store/keys'
import { fromLabelSelector, matchesSelector } from '../../store/selectors'
import type { Store } from '../../store/store'
import { computePdbCounts, computePdbStatus, type ControllerScale } from './pdb-status'

export const DISRUPTION_CONTROLLER = 'disruption-controller'
const EVENT_SOURCE = { component: 'controllermanager' }

/** Budgets in the pod's namespace whose selector matches it, sorted by key. */
export function budgetsForPod(store: Store, pod: KubeObject): Stored<PodDisruptionBudget>[] {
  const budgets = store.list<Stored<PodDisruptionBudget>>('PodDisruptionBudget', { namespace: pod.metadata.namespace })
  return budgets.filter((pdb) => matchesSelector(fromLabelSelector(pdb.spec.selector), pod.metadata.labels))
}

/** getExpectedScale's finders: RC, Deployment (through its ReplicaSet), ReplicaSet, StatefulSet. */
export function controllerScaleOf(store: Store, pod: Stored<Pod>): ControllerScale {
  const ref = controllerOf(pod)
  if (!ref) return { kind: 'unmanaged' }
  const missing: ControllerScale = { kind: 'missing', message: `found no controllers for pod "${pod.metadata.name}"` }
  const owner = store.byUid(ref.uid) as any
  if (!owner || owner.kind !== ref.kind) return missing
  switch (owner.kind) {
    case 'ReplicaSet': {
      const deploymentRef = controllerOf(owner)
      if (deploymentRef?.kind === 'Deployment') {
        const deployment = store.byUid(deploymentRef.uid) as any
        if (deployment?.kind === 'Deployment') return { kind: 'scale', uid: deployment.metadata.uid, replicas: deployment.spec?.replicas ?? 1 }
        return missing
      }
      return { kind: 'scale', uid: owner.metadata.uid, replicas: owner.spec?.replicas ?? 1 }
    }
    case 'ReplicationController':
    case 'StatefulSet':
      return { kind: 'scale', uid: owner.metadata.uid, replicas: owner.spec?.replicas ?? 1 }
    default:
      return missing
  }
}

export function reconcilePodDisruptionBudget(key: ObjectKey, ctx: ReconcileContext): { requeueAfterMs?: number } | undefined {
  const pdb = ctx.store.get<Stored<PodDisruptionBudget>>('PodDisruptionBudget', key)
  if (!pdb || pdb.metadata.deletionTimestamp) return undefined
  const nowMs = ctx.clock.now()
  const pods = ctx.store.list<Stored<Pod>>('Pod', { namespace: pdb.metadata.namespace, selector: fromLabelSelector(pdb.spec.selector) })
  if (pods.length === 0) ctx.events.record(pdb as KubeObject, 'Normal', 'NoPods', 'No matching pods found', EVENT_SOURCE)
  const computation = computePdbCounts(pdb, pods, nowMs, (pod) => controllerScaleOf(ctx.store, pod))
  if (!computation.ok) {
    ctx.events.record(pdb as KubeObject, 'Warning', 'CalculateExpectedPodCountFailed', `Failed to calculate the number of expected pods: ${computation.error}`, EVENT_SOURCE)
  } else {
    if (computation.unmanagedPods.length) {
      ctx.events.record(
        pdb as KubeObject,
        'Warning',
        'UnmanagedPods',
        `Pods selected by this PodDisruptionBudget (selector: ${JSON.stringify(pdb.spec.selector ?? {})}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.`,
        EVENT_SOURCE,
      )
    }
    for (const pod of computation.notDeleted) {
      ctx.events.record(pod as KubeObject, 'Warning', 'NotDeleted', `Pod was expected by PDB ${pdb.metadata.namespace}/${pdb.metadata.name} to be deleted but it wasn't`, EVENT_SOURCE)
    }
  }
  const status = computePdbStatus(pdb, computation, nowMs)
  ctx.client.patchStatus<Stored<PodDisruptionBudget>>('PodDisruptionBudget', key, (draft) => {
    draft.status = status as any
  })
  if (computation.ok && computation.recheckAtMs !== undefined) return { requeueAfterMs: Math.max(1, computation.recheckAtMs - nowMs + 1) }
  return undefined
}

export function createDisruptionController(store: Store): ControllerSpec {
  return defineController({
    name: DISRUPTION_CONTROLLER,
    for: 'PodDisruptionBudget',
    watches: [
      {
        kind: 'Pod',
        // A pod change concerns the budgets selecting it now or before (labels may have changed).
        map(pod, event) {
          // Every pod write comes here; without any budget there is nothing to look up.
          if (store.count('PodDisruptionBudget') === 0) return undefined
          const keys = new Set<ObjectKey>()
          for (const object of event.previous ? [pod, event.previous] : [pod])
            for (const pdb of budgetsForPod(store, object)) keys.add(objectKey(pdb.metadata.namespace, pdb.metadata.name))
          return [...keys].sort()
        },
      },
    ],
    reconcile: reconcilePodDisruptionBudget,
  })
}
