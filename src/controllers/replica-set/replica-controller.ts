// The ReplicaSet and ReplicationController control loops (semantics.md §4; replica_set.go
// syncReplicaSet / manageReplicas). One implementation, two controllers. Each sync: claim pods by
// selector and controllerRef, create (slow-start batches, burst 500) or delete (ranked) the
// difference unless the owner is being deleted, then write status computed from the pods claimed
// before this sync's creates and deletes, as upstream. Reads are never stale here, so no
// expectations: the next sync is triggered by the watch events of this sync's own writes. A sync
// with nothing to claim or delete takes the same counts from running tallies (pod-tally.ts) instead
// of visiting every pod again.
import type { KubeObject, NewObject } from '../../api/meta'
import type { Pod } from '../../api/pod'
import { defineController, type ControllerSpec, type ReconcileContext } from '../../runtime/controller'
import { controllerOf, controllerRefTo, hasOwnerReference } from '../../runtime/owners'
import { compareKeys, keyOf, objectKey, type ObjectKey } from '../../store/keys'
import { matchesSelector, type Selector } from '../../store/selectors'
import type { Store } from '../../store/store'
import { planPodClaims } from './claim-pods'
import { podFacts } from './pod-state'
import { ReplicaPodTallies } from './pod-tally'
import { planPodsToDelete } from './rank-pods'
import { computeAvailabilityRecheckMs, computeReplicaStatus, countReplicas, type ManageFailure, type ReplicaOwnerView } from './replica-status'
import { replicaSetWorkload, replicationControllerWorkload, type ReplicaWorkload } from './replica-workload'
import { BURST_REPLICAS, planSlowStartBatches } from './slow-start'

export function createReplicaSetController(store: Store): ControllerSpec {
  return createReplicaController(replicaSetWorkload, store)
}

export function createReplicationController(store: Store): ControllerSpec {
  return createReplicaController(replicationControllerWorkload, store)
}

type Owner = KubeObject & ReplicaOwnerView & { spec: { selector?: unknown; template?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string>; finalizers?: string[] }; spec?: unknown } } }

export function createReplicaController(workload: ReplicaWorkload, store: Store): ControllerSpec {
  const tallies = new ReplicaPodTallies(store, workload.selectorOf, workload.reportsTerminating)
  return defineController({
    name: workload.controllerName,
    for: workload.kind,
    owns: ['Pod'],
    watches: [
      {
        // Orphans: a pod without a controller that may match some owner's selector (addPod / updatePod).
        kind: 'Pod',
        map(object, event) {
          if (event.type === 'DELETED' || controllerOf(object)) return undefined
          const previous = event.previous
          if (event.type === 'MODIFIED' && previous && controllerOf(previous) === undefined && sameLabels(previous, object)) return undefined
          return matchingOwners(store, workload, object)
        },
      },
    ],
    reconcile: (key, ctx) => reconcileReplicas(workload, tallies, key, ctx),
  })
}

function reconcileReplicas(workload: ReplicaWorkload, tallies: ReplicaPodTallies, key: ObjectKey, ctx: ReconcileContext) {
  const owner = ctx.store.get<Owner>(workload.kind, key)
  if (!owner) {
    tallies.forget(key)
    return
  }
  const nowMs = ctx.clock.now()
  const deleting = !!owner.metadata.deletionTimestamp
  // The common sync: nothing to adopt, release or delete, so the running counts say it all.
  const settled = deleting ? undefined : tallies.settledCounts(ctx.store, key, owner)
  const missing = settled ? (owner.spec.replicas ?? 1) - settled.replicas : 0
  if (settled && missing >= 0) {
    const failure = missing > 0 ? createReplicas(workload, owner, missing, ctx) : undefined
    ctx.client.writeStatus<Owner>(workload.kind, key, computeReplicaStatus(owner, settled, failure, nowMs))
    if (failure) throw new Error(failure.message)
    // settledCounts holds for minReadySeconds 0 only, which never waits for availability.
    return undefined
  }
  const selector = workload.selectorOf(owner)
  const { pods: candidates, unselected } = candidatePods(ctx.store, owner, selector)
  // Listed pods matched the selector already; only the owned pods outside the selection need a look.
  const matches = unselected === undefined ? selectedByList : (pod: Pod) => !unselected.has(pod) || matchesSelector(selector, pod.metadata.labels)
  // One pass splits the candidates: active ones go to claiming; terminating ones this owner controls
  // are counted (a pod is never both: active pods have no deletionTimestamp).
  const activeCandidates: Pod[] = []
  const terminating: Pod[] | undefined = workload.reportsTerminating ? [] : undefined
  for (const pod of candidates) {
    const facts = podFacts(pod)
    if (facts.active) activeCandidates.push(pod)
    else if (terminating && facts.terminating && facts.controllerUid === owner.metadata.uid && matches(pod)) terminating.push(pod)
  }
  const claims = planPodClaims(owner.metadata.uid, deleting, activeCandidates, matches)
  let active = claims.claimed
  if (claims.adopt.length) {
    const adopted = new Map<string, Pod>()
    for (const pod of claims.adopt) adopted.set(pod.metadata.uid ?? '', adoptPod(ctx, owner, pod))
    active = claims.claimed.map((pod) => adopted.get(pod.metadata.uid ?? '') ?? pod)
  }
  for (const pod of claims.release) releasePod(ctx, owner, pod)

  const failure = deleting ? undefined : manageReplicas(workload, owner, active, ctx)
  const status = computeReplicaStatus(owner, countReplicas(owner, active, terminating, nowMs), failure, nowMs)
  const updated = ctx.client.writeStatus<Owner>(workload.kind, key, status)
  if (failure) throw new Error(failure.message)
  const minReadySeconds = updated.spec.minReadySeconds ?? 0
  const recheckMs = computeAvailabilityRecheckMs(active, minReadySeconds, nowMs)
  return recheckMs === undefined ? undefined : { requeueAfterMs: recheckMs }
}

/**
 * Owned pods (by controllerRef) plus pods matching the selector, sorted by key, without scanning the
 * namespace: the label index gives the matching pods in key order; an owned pod outside that
 * selection (one to release) is the rare exception that costs a merge. `unselected` holds those.
 */
function candidatePods(store: Store, owner: KubeObject, selector: Selector): { pods: Pod[]; unselected?: Set<Pod> } {
  const namespace = owner.metadata.namespace
  const selecting = !!selector && selector.length > 0
  const listed = selecting ? store.list<Pod>('Pod', { namespace, selector }) : []
  const uid = owner.metadata.uid
  // The common case: every pod that names this owner is among the listed ones (the dependents index
  // is exact, so equal counts prove it) and there is nothing to merge.
  let dependentPods = 0
  for (const ref of store.global.dependents(uid)) if (ref.kind === 'Pod') dependentPods++
  let listedDependents = 0
  for (let i = 0; i < listed.length; i++) if (hasOwnerReference(listed[i], uid)) listedDependents++
  if (dependentPods === listedDependents) return { pods: listed }
  let unselected: Set<Pod> | undefined
  for (const o of store.dependents(uid)) {
    if (o.kind !== 'Pod') continue
    if (selecting && o.metadata.namespace === namespace && matchesSelector(selector, o.metadata.labels)) continue
    ;(unselected ??= new Set()).add(o as unknown as Pod)
  }
  if (!unselected) return { pods: listed }
  if (!listed.length) return { pods: [...unselected], unselected }
  const byKey = new Map<ObjectKey, Pod>()
  for (const pod of listed) byKey.set(keyOf(pod), pod)
  for (const pod of unselected) byKey.set(keyOf(pod), pod)
  return { pods: [...byKey.keys()].sort(compareKeys).map((k) => byKey.get(k)!), unselected }
}

/** Every candidate came from the selector's list. */
const selectedByList = (): boolean => true

/** Creates or deletes the difference; returns the failure to report, if any. */
function manageReplicas(workload: ReplicaWorkload, owner: Owner, active: readonly Pod[], ctx: ReconcileContext): ManageFailure | undefined {
  const diff = active.length - (owner.spec.replicas ?? 1)
  if (diff < 0) return createReplicas(workload, owner, -diff, ctx)
  if (diff > 0) return deleteReplicas(workload, owner, active, diff, ctx)
  return undefined
}

/** Creates the missing pods in slow-start batches (at most BURST_REPLICAS per sync). */
function createReplicas(workload: ReplicaWorkload, owner: Owner, missing: number, ctx: ReconcileContext): ManageFailure | undefined {
  const source = { component: workload.controllerName }
  const batches = planSlowStartBatches(Math.min(missing, BURST_REPLICAS))
  for (const size of batches) {
    let error: string | undefined
    for (let i = 0; i < size; i++) {
      try {
        const pod = ctx.client.create<Pod>(podFromTemplate(owner))
        ctx.events.record(owner, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, source)
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e)
        // A terminating namespace rejects every create: upstream records no event and treats the
        // create as done (no ReplicaFailure, no retry); the namespace controller removes the owner.
        if (/because it is being terminated/.test(message)) continue
        error ??= message
        ctx.events.record(owner, 'Warning', 'FailedCreate', `Error creating: ${message}`, source)
      }
    }
    if (error !== undefined) return { reason: 'FailedCreate', message: error }
  }
  return undefined
}

/** Deletes the extra pods, lowest ranked first (at most BURST_REPLICAS per sync). */
function deleteReplicas(workload: ReplicaWorkload, owner: Owner, active: readonly Pod[], extra: number, ctx: ReconcileContext): ManageFailure | undefined {
  const source = { component: workload.controllerName }
  const victims = planPodsToDelete(active, relatedPods(ctx.store, owner), Math.min(extra, BURST_REPLICAS), ctx.clock.now())
  let error: string | undefined
  for (const pod of victims) {
    const podKey = keyOf(pod)
    if (!ctx.store.get('Pod', podKey)) continue
    try {
      ctx.client.delete('Pod', podKey)
      ctx.events.record(owner, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, source)
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e)
      error ??= message
      ctx.events.record(owner, 'Warning', 'FailedDelete', `Error deleting: ${message}`, source)
    }
  }
  return error === undefined ? undefined : { reason: 'FailedDelete', message: error }
}

/** GetPodFromTemplate: template labels, annotations and finalizers, `<owner>-` prefix, controllerRef. */
export function podFromTemplate(owner: Owner): NewObject {
  const template = owner.spec.template ?? {}
  const meta = template.metadata ?? {}
  const metadata: NewObject['metadata'] = {
    generateName: `${owner.metadata.name}-`,
    namespace: owner.metadata.namespace,
    ownerReferences: [controllerRefTo(owner)],
  }
  if (meta.labels && Object.keys(meta.labels).length) metadata.labels = { ...meta.labels }
  if (meta.annotations && Object.keys(meta.annotations).length) metadata.annotations = { ...meta.annotations }
  if (meta.finalizers?.length) metadata.finalizers = [...meta.finalizers]
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: template.spec ?? {} }
}

/**
 * getIndirectlyRelatedPods: the pods selected by every ReplicaSet with the same controller owner
 * (this one included). A ReplicaSet without a controller has none, so its pods all rank 0.
 */
function relatedPods(store: Store, owner: Owner): Pod[] {
  const ref = controllerOf(owner)
  if (!ref || owner.kind !== 'ReplicaSet') return []
  // Each pod once, in first-listed order. A pod was listed before exactly when an earlier sibling's
  // list holds it (its namespace and selector), so no set of seen pods is built.
  const listedBy: { namespace: string | undefined; selector: Selector }[] = []
  let out: Pod[] = []
  for (const sibling of store.dependents(ref.uid)) {
    if (sibling.kind !== 'ReplicaSet' || controllerOf(sibling)?.uid !== ref.uid) continue
    const selector = replicaSetWorkload.selectorOf(sibling)
    if (!selector) continue
    const namespace = sibling.metadata.namespace
    const pods = store.list<Pod>('Pod', { namespace, selector })
    if (listedBy.length === 0) out = pods
    else for (const pod of pods) if (!listedBy.some((l) => (l.namespace === undefined || l.namespace === pod.metadata.namespace) && matchesSelector(l.selector, pod.metadata.labels))) out.push(pod)
    listedBy.push({ namespace, selector })
  }
  return out
}

function adoptPod(ctx: ReconcileContext, owner: Owner, pod: Pod): Pod {
  return ctx.client.patch<any>('Pod', keyOf(pod), (draft) => {
    draft.metadata.ownerReferences = [...(draft.metadata.ownerReferences ?? []), controllerRefTo(owner)]
  }) as Pod
}

function releasePod(ctx: ReconcileContext, owner: Owner, pod: Pod): void {
  ctx.client.patch<any>('Pod', keyOf(pod), (draft) => {
    const refs = (draft.metadata.ownerReferences ?? []).filter((r: { uid: string }) => r.uid !== owner.metadata.uid)
    if (refs.length) draft.metadata.ownerReferences = refs
    else delete draft.metadata.ownerReferences
  })
}

/** Owners in the pod's namespace whose selector matches it (getPodReplicaSets). */
function matchingOwners(store: Store, workload: ReplicaWorkload, pod: KubeObject): ObjectKey[] {
  const keys: ObjectKey[] = []
  for (const owner of store.list(workload.kind, { namespace: pod.metadata.namespace })) {
    if (matchesSelector(workload.selectorOf(owner), pod.metadata.labels)) keys.push(objectKey(owner.metadata.namespace, owner.metadata.name))
  }
  return keys
}

function sameLabels(a: KubeObject, b: KubeObject): boolean {
  const la = a.metadata.labels ?? {}
  const lb = b.metadata.labels ?? {}
  const ka = Object.keys(la)
  return ka.length === Object.keys(lb).length && ka.every((k) => la[k] === lb[k])
}
