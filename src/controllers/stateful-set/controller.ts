// The StatefulSet controller (`statefulset-controller`, semantics.md §6): claims member pods and
// ControllerRevisions (adopting orphans that match, releasing owned ones that no longer do), keeps the
// revision history, applies one sync plan (plan.ts) and writes status. A set being deleted gets status
// only (§12). Events as upstream's StatefulPodControl records them: "create Pod web-0 in StatefulSet web
// successful", "create Claim www-web-0 Pod web-0 in StatefulSet web success", "delete Pod …".
import type { ControllerRevision } from '../../api/controller-revision'
import type { KubeObject, OwnerReference } from '../../api/meta'
import type { PersistentVolumeClaim } from '../../api/persistent-volume-claim'
import type { Pod } from '../../api/pod'
import type { StatefulSet } from '../../api/stateful-set'
import { isAlreadyExists, isNotFound } from '../../api/errors'
import { defineController, type ReconcileContext } from '../../runtime/controller'
import { controllerOf, controllerRefTo } from '../../runtime/owners'
import { objectKey, splitKey, type ObjectKey } from '../../store/keys'
import { fromLabelSelector, matchesSelector } from '../../store/selectors'
import { applyIdentityAndStorage, isMemberOf, podRevision } from './identity'
import { planStatefulSetSync, type SyncAction } from './plan'
import { planClaimOwnerRefs } from './retention'
import { planHistoryTruncation, planRevisions, REVISION_HASH_LABEL, sortRevisions, templateOf } from './revision'
import { computeStatefulSetStatus, isStatusStale } from './status'

export const STATEFULSET_CONTROLLER = 'statefulset-controller'
const SOURCE = { component: STATEFULSET_CONTROLLER }

export function createStatefulSetController() {
  return defineController({
    name: STATEFULSET_CONTROLLER,
    for: 'StatefulSet',
    // Not ControllerRevision: upstream's controller has no handlers for revisions, and reads them
    // when a pod or the set changes.
    owns: ['Pod'],
    watches: [
      {
        // An orphan pod named like a member may be adopted (the reconcile checks the selector).
        kind: 'Pod',
        map: (pod) => (controllerOf(pod) ? undefined : orphanOwnerKey(pod)),
      },
    ],
    reconcile: (key, ctx) => reconcileStatefulSet(key, ctx),
  })
}

/** The key of the set an unowned pod would belong to by name (`<set>-<n>`); the reconcile checks the selector. */
function orphanOwnerKey(pod: KubeObject): ObjectKey | undefined {
  const m = /^(.*)-[0-9]+$/.exec(pod.metadata.name)
  return m ? objectKey(pod.metadata.namespace, m[1]) : undefined
}

export function reconcileStatefulSet(key: ObjectKey, ctx: ReconcileContext) {
  const set = ctx.store.get<StatefulSet & KubeObject>('StatefulSet', key)
  if (!set) return
  const { namespace } = splitKey(key)
  const nowMs = ctx.clock.now()
  const selector = fromLabelSelector(set.spec.selector)
  const deleting = Boolean(set.metadata.deletionTimestamp)

  // Claim pods and revisions (ControllerRefManager): adopt matching orphans, release owned non-matching ones.
  const pods = claimChildren<Pod & KubeObject>(ctx, set, 'Pod', selector, deleting, (p) => isMemberOf(set, p))
  const revisions = claimChildren<ControllerRevision & KubeObject>(ctx, set, 'ControllerRevision', selector, deleting, () => true)

  // Revisions: current and update.
  const result = planRevisions(set, revisions, (name, hash) => ({
    name,
    namespace,
    labels: { ...(set.spec.template.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: hash },
    ownerReferences: [controllerRefTo(set)],
  }))
  let allRevisions: ControllerRevision[] = [...revisions]
  if (result.plan.action === 'create') {
    try {
      allRevisions.push(ctx.client.create<ControllerRevision>(result.plan.revision))
    } catch (error) {
      if (!isAlreadyExists(error)) throw error
      // Someone else holds the name: count the collision and look again.
      ctx.client.patchStatus<any>('StatefulSet', key, (d) => {
        d.status = { ...(d.status ?? {}), collisionCount: result.collisionCount + 1 }
      })
      return
    }
  } else if (result.plan.action === 'renumber') {
    const revisionNumber = result.plan.revision
    const updated = ctx.client.patch<any>('ControllerRevision', objectKey(namespace, result.plan.update.metadata.name!), (d) => {
      d.revision = revisionNumber
    })
    allRevisions = allRevisions.map((r) => (r.metadata.name === updated.metadata.name ? updated : r))
  }
  const byName = new Map(allRevisions.map((r) => [r.metadata.name, r]))
  const updateRevision = byName.get(result.updateName)!
  const currentRevision = byName.get(result.currentName) ?? updateRevision

  // Plan and apply one sync.
  const claims = (name: string) => ctx.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', objectKey(namespace, name))
  const plan = planStatefulSetSync({
    set,
    pods,
    current: { name: currentRevision.metadata.name!, template: templateOf(currentRevision) },
    update: { name: updateRevision.metadata.name!, template: templateOf(updateRevision) },
    claim: claims,
    controllerRef: controllerRefTo(set),
    nowMs,
  })
  let failure: unknown
  for (const action of plan.actions) {
    try {
      applyAction(ctx, set, action)
    } catch (error) {
      failure = error
      break
    }
  }

  // Status from what we observed, then history truncation.
  const status = computeStatefulSetStatus({
    generation: set.metadata.generation ?? 0,
    pods,
    minReadySeconds: set.spec.minReadySeconds ?? 0,
    nowMs,
    currentRevision: currentRevision.metadata.name!,
    updateRevision: updateRevision.metadata.name!,
    collisionCount: result.collisionCount,
    rollingUpdate: set.spec.updateStrategy?.type !== 'OnDelete',
  })
  if (isStatusStale(set.status, status)) {
    ctx.client.patchStatus<any>('StatefulSet', key, (d) => {
      d.status = { ...(d.status ?? {}), ...status }
    })
  }
  const live = new Set<string>([status.currentRevision, status.updateRevision, ...pods.map(podRevision)])
  for (const name of planHistoryTruncation(sortRevisions(allRevisions), live, set.spec.revisionHistoryLimit ?? 10)) {
    try {
      ctx.client.delete('ControllerRevision', objectKey(namespace, name))
    } catch (error) {
      if (!isNotFound(error)) throw error
    }
  }
  if (failure) throw failure
  return plan.requeueAfterMs !== undefined ? { requeueAfterMs: plan.requeueAfterMs } : undefined
}

function applyAction(ctx: ReconcileContext, set: StatefulSet & KubeObject, action: SyncAction): void {
  const namespace = set.metadata.namespace
  const setName = set.metadata.name
  const podName = action.pod.metadata.name!
  switch (action.type) {
    case 'createPod': {
      createClaims(ctx, set, action.pod, action.claims)
      let created: Pod
      try {
        created = ctx.client.create<Pod>(action.pod)
      } catch (error) {
        if (isAlreadyExists(error)) return
        ctx.events.record(set, 'Warning', 'FailedCreate', `create Pod ${podName} in StatefulSet ${setName} failed error: ${messageOf(error)}`, SOURCE)
        throw error
      }
      // Set PVC owner references for the retention policy as far as possible now that the pod has a uid.
      for (const claimRef of created.spec.volumes ?? []) {
        const claimName = claimRef.persistentVolumeClaim?.claimName
        if (!claimName) continue
        const claim = ctx.store.get<PersistentVolumeClaim & KubeObject>('PersistentVolumeClaim', objectKey(namespace, claimName))
        if (!claim || !(set.spec.volumeClaimTemplates ?? []).some((t) => claimName === `${t.metadata?.name}-${podName}`)) continue
        const refs = planClaimOwnerRefs(set, created, claim)
        if (refs) setClaimOwners(ctx, namespace, claimName, refs)
      }
      ctx.events.record(set, 'Normal', 'SuccessfulCreate', `create Pod ${podName} in StatefulSet ${setName} successful`, SOURCE)
      return
    }
    case 'createClaims':
      createClaims(ctx, set, action.pod, action.claims)
      return
    case 'claimTerminating': {
      const message = `pvc ${action.claimName} is being deleted`
      ctx.events.record(set, 'Warning', 'FailedCreate', `create Pod ${podName} in StatefulSet ${setName} failed error: ${message}`, SOURCE)
      throw new Error(message)
    }
    case 'deletePod': {
      if (action.why === 'failed')
        ctx.events.record(set, 'Warning', 'RecreatingFailedPod', `StatefulSet ${namespace}/${setName} is recreating failed Pod ${podName}`, SOURCE)
      if (action.why === 'succeeded')
        ctx.events.record(set, 'Normal', 'RecreatingTerminatedPod', `StatefulSet ${namespace}/${setName} is recreating terminated Pod ${podName}`, SOURCE)
      try {
        ctx.client.delete('Pod', objectKey(namespace, podName), { preconditions: { uid: action.pod.metadata.uid } })
      } catch (error) {
        if (isNotFound(error)) return
        ctx.events.record(set, 'Warning', 'FailedDelete', `delete Pod ${podName} in StatefulSet ${setName} failed error: ${messageOf(error)}`, SOURCE)
        throw error
      }
      ctx.events.record(set, 'Normal', 'SuccessfulDelete', `delete Pod ${podName} in StatefulSet ${setName} successful`, SOURCE)
      return
    }
    case 'updatePod': {
      try {
        ctx.client.patch<any>('Pod', objectKey(namespace, podName), (d) => applyIdentityAndStorage(set, d))
      } catch (error) {
        if (isNotFound(error)) return
        ctx.events.record(set, 'Warning', 'FailedUpdate', `update Pod ${podName} in StatefulSet ${setName} failed error: ${messageOf(error)}`, SOURCE)
        throw error
      }
      ctx.events.record(set, 'Normal', 'SuccessfulUpdate', `update Pod ${podName} in StatefulSet ${setName} successful`, SOURCE)
      return
    }
    case 'setClaimOwners':
      setClaimOwners(ctx, namespace, action.claimName, action.ownerReferences)
      return
  }
}

function createClaims(ctx: ReconcileContext, set: StatefulSet & KubeObject, pod: Pod, claims: readonly PersistentVolumeClaim[]): void {
  for (const claim of claims) {
    const name = claim.metadata.name!
    try {
      ctx.client.create(claim)
    } catch (error) {
      if (isAlreadyExists(error)) continue
      ctx.events.record(set, 'Warning', 'FailedCreate', `create Claim ${name} for Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${messageOf(error)}`, SOURCE)
      ctx.events.record(set, 'Warning', 'FailedCreate', `create Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: failed to create PVC ${name}: ${messageOf(error)}`, SOURCE)
      throw error
    }
    ctx.events.record(set, 'Normal', 'SuccessfulCreate', `create Claim ${name} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} success`, SOURCE)
  }
}

function setClaimOwners(ctx: ReconcileContext, namespace: string | undefined, claimName: string, refs: OwnerReference[]): void {
  try {
    ctx.client.patch<any>('PersistentVolumeClaim', objectKey(namespace, claimName), (d) => {
      if (refs.length) d.metadata.ownerReferences = refs
      else delete d.metadata.ownerReferences
    })
  } catch (error) {
    if (!isNotFound(error)) throw error
  }
}

/**
 * ClaimPods / ClaimControllerRevisions: objects this set controls, plus matching orphans (adopted by
 * patching a controller reference), minus owned objects that stopped matching (released).
 */
function claimChildren<T extends KubeObject>(
  ctx: ReconcileContext,
  set: StatefulSet & KubeObject,
  kind: 'Pod' | 'ControllerRevision',
  selector: ReturnType<typeof fromLabelSelector>,
  deleting: boolean,
  filter: (o: T) => boolean,
): T[] {
  const namespace = set.metadata.namespace
  const uid = set.metadata.uid
  const claimed: T[] = []
  const seen = new Set<string>()
  for (const o of ctx.store.list<T>(kind, { namespace, selector })) {
    seen.add(o.metadata.name)
    const ref = controllerOf(o)
    if (ref) {
      if (ref.uid === uid && filter(o)) claimed.push(o)
      continue
    }
    if (deleting || o.metadata.deletionTimestamp || !filter(o)) continue
    try {
      claimed.push(ctx.client.patch<any>(kind, objectKey(namespace, o.metadata.name), (d) => {
        d.metadata.ownerReferences = [...(d.metadata.ownerReferences ?? []), controllerRefTo(set)]
      }) as T)
    } catch (error) {
      if (!isNotFound(error)) throw error
    }
  }
  // Owned children that no longer match the selector are released.
  for (const o of ctx.store.dependents(uid)) {
    if (o.kind !== kind || seen.has(o.metadata.name) || controllerOf(o)?.uid !== uid) continue
    if (matchesSelector(selector, o.metadata.labels)) continue
    try {
      ctx.client.patch<any>(kind, objectKey(namespace, o.metadata.name), (d) => {
        d.metadata.ownerReferences = (d.metadata.ownerReferences ?? []).filter((r: OwnerReference) => r.uid !== uid)
      })
    } catch (error) {
      if (!isNotFound(error)) throw error
    }
  }
  return claimed
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
