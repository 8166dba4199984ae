// One StatefulSet sync as a plan (semantics.md §6.4; [k8s] stateful_set_control.go: updateStatefulSet,
// processReplica, processCondemned, runForAll, updateStatefulSetAfterInvariantEstablished).
// OrderedReady ("monotonic"): replicas are processed in ascending ordinal and the sync stops at the first
// one it must wait for (one creation per sync, wait for Running+Ready+available, wait for terminations);
// condemned pods go highest ordinal first, one per sync. Parallel: the same work for every ordinal at
// once (slow-start batches never fail here, so all of it happens in one sync). Then RollingUpdate
// replaces outdated pods from the highest ordinal down to the partition, at most maxUnavailable
// unavailable at a time; OnDelete replaces nothing. Pure: the caller applies the actions in order.
import type { PersistentVolumeClaim } from '../../api/persistent-volume-claim'
import type { OwnerReference } from '../../api/meta'
import type { Pod, PodTemplateSpec } from '../../api/pod'
import type { StatefulSet } from '../../api/stateful-set'
import {
  claimsForOrdinal,
  endOrdinal,
  identityMatches,
  newStatefulSetPod,
  ordinalOf,
  podRevision,
  startOrdinal,
  storageMatches,
} from './identity'
import { availableAtMs, isCreated, isFailed, isHealthy, isPending, isRunningAndAvailable, isRunningAndReady, isSucceeded, isTerminating } from './pod-state'
import { isClaimStale, planClaimOwnerRefs } from './retention'

export interface RevisionRef {
  name: string
  template: PodTemplateSpec
}

export type SyncAction =
  /** Create the missing claims, then the pod (CreateStatefulPod); then set claim owner refs for the retention policy. */
  | { type: 'createPod'; pod: Pod; claims: PersistentVolumeClaim[] }
  /** A pending pod lost a claim: create it again (createMissingPersistentVolumeClaims). */
  | { type: 'createClaims'; pod: Pod; claims: PersistentVolumeClaim[] }
  /** A claim of this ordinal is being deleted: the pod cannot be created yet (FailedCreate). */
  | { type: 'claimTerminating'; pod: Pod; claimName: string }
  | { type: 'deletePod'; pod: Pod; why: 'failed' | 'succeeded' | 'scale-down' | 'update' }
  /** Restore the pod's identity and storage (UpdateStatefulPod). */
  | { type: 'updatePod'; pod: Pod }
  | { type: 'setClaimOwners'; pod: Pod; claimName: string; ownerReferences: OwnerReference[] }

export interface SyncInput {
  set: StatefulSet
  /** The set's member pods (claimed, names `<set>-<ordinal>`). */
  pods: readonly Pod[]
  current: RevisionRef
  update: RevisionRef
  claim(name: string): PersistentVolumeClaim | undefined
  controllerRef: OwnerReference
  nowMs: number
}

export interface SyncPlan {
  actions: SyncAction[]
  /** Look again then (a pod becoming available after minReadySeconds). */
  requeueAfterMs?: number
}

/** maxUnavailable as an absolute number: an int, or a percentage of replicas rounded down, at least 1. */
export function resolveMaxUnavailable(value: number | string | undefined, replicas: number): number {
  if (value === undefined) return 1
  if (typeof value === 'number') return Math.max(1, value)
  const m = /^(\d+)%$/.exec(value)
  if (!m) return Math.max(1, Number.parseInt(value, 10) || 1)
  return Math.max(1, Math.floor((Number(m[1]) * replicas) / 100))
}

/** newVersionedStatefulSetPod: ordinals below the partition are (re)created at the current revision. */
function newVersionedPod(input: SyncInput, ordinal: number): Pod {
  const { set, current, update } = input
  const strategy = set.spec.updateStrategy
  const start = startOrdinal(set)
  const useCurrent =
    strategy?.type !== 'OnDelete' &&
    (strategy?.rollingUpdate
      ? ordinal < start + (strategy.rollingUpdate.partition ?? 0)
      : ordinal < start + (set.status?.currentReplicas ?? 0))
  const revision = useCurrent ? current : update
  return newStatefulSetPod(set, revision.template, ordinal, revision.name, input.controllerRef)
}

export function planStatefulSetSync(input: SyncInput): SyncPlan {
  const { set, nowMs } = input
  const monotonic = set.spec.podManagementPolicy !== 'Parallel'
  const minReadySeconds = set.spec.minReadySeconds ?? 0
  const start = startOrdinal(set)
  const end = endOrdinal(set)
  const actions: SyncAction[] = []
  let requeueAtMs: number | undefined
  const wakeAt = (atMs: number | undefined) => {
    if (atMs !== undefined && Number.isFinite(atMs) && atMs > nowMs) requeueAtMs = requeueAtMs === undefined ? atMs : Math.min(requeueAtMs, atMs)
  }
  const finish = (): SyncPlan => (requeueAtMs === undefined ? { actions } : { actions, requeueAfterMs: requeueAtMs - nowMs })

  // Status availability moves on by itself after minReadySeconds: look again then.
  for (const pod of input.pods) wakeAt(availableAtMs(pod, minReadySeconds))

  // 1. Partition into in-range replicas (by ordinal) and condemned pods.
  const replicas = new Map<number, Pod>()
  const condemned: Pod[] = []
  for (const pod of input.pods) {
    const ord = ordinalOf(pod)
    if (ord < 0) continue
    if (ord >= start && ord <= end) replicas.set(ord, pod)
    else condemned.push(pod)
  }
  condemned.sort((a, b) => ordinalOf(a) - ordinalOf(b))

  // The first unhealthy pod in ordinal order (missing replicas count: they are not healthy).
  let firstUnhealthy: Pod | undefined
  let firstUnhealthyOrdinal = Number.POSITIVE_INFINITY
  for (let ord = start; ord <= end; ord++) {
    const pod = replicas.get(ord)
    if (!pod || !isHealthy(pod)) {
      if (ord < firstUnhealthyOrdinal) {
        firstUnhealthyOrdinal = ord
        firstUnhealthy = pod
      }
    }
  }
  for (const pod of condemned) {
    if (!isHealthy(pod) && ordinalOf(pod) < firstUnhealthyOrdinal) {
      firstUnhealthyOrdinal = ordinalOf(pod)
      firstUnhealthy = pod
    }
  }

  // 3. A set being deleted only gets its status updated.
  if (set.metadata.deletionTimestamp) return finish()

  // 4. Replicas in ascending ordinal.
  const effective = new Map<number, Pod | undefined>()
  for (let ord = start; ord <= end; ord++) {
    const pod = replicas.get(ord)
    effective.set(ord, pod)
    const exit = processReplica(input, ord, pod, monotonic, minReadySeconds, actions, wakeAt)
    if (exit && monotonic) return finish()
  }

  // 5. Claim owner references of condemned pods follow the retention policy before they go.
  for (const pod of condemned) addClaimOwnerFixes(input, pod, actions)

  // 6. Condemned pods, highest ordinal first.
  for (let i = condemned.length - 1; i >= 0; i--) {
    const pod = condemned[i]
    if (isTerminating(pod)) {
      if (monotonic) return finish()
      continue
    }
    if (monotonic && pod !== firstUnhealthy) {
      if (!isRunningAndReady(pod)) return finish()
      if (!isRunningAndAvailable(pod, minReadySeconds, nowMs)) {
        wakeAt(availableAtMs(pod, minReadySeconds))
        return finish()
      }
    }
    actions.push({ type: 'deletePod', pod, why: 'scale-down' })
    if (monotonic) return finish()
  }

  // 7. OnDelete: pods are replaced only when someone deletes them.
  if (set.spec.updateStrategy?.type === 'OnDelete') return finish()

  // 8. RollingUpdate from the highest ordinal down to the partition, within maxUnavailable.
  const partition = set.spec.updateStrategy?.rollingUpdate?.partition ?? 0
  const replicaCount = set.spec.replicas ?? 1
  const maxUnavailable = resolveMaxUnavailable(set.spec.updateStrategy?.rollingUpdate?.maxUnavailable, replicaCount)
  const deleted = new Set(actions.filter((a) => a.type === 'deletePod').map((a) => (a as { pod: Pod }).pod.metadata.name))
  let unavailable = 0
  for (let ord = start; ord <= end; ord++) {
    const pod = effective.get(ord)
    if (!pod || deleted.has(pod.metadata.name) || !isHealthy(pod) || !isRunningAndAvailable(pod, minReadySeconds, nowMs)) unavailable++
  }
  if (unavailable >= maxUnavailable) return finish()
  let budget = maxUnavailable - unavailable
  for (let ord = end; ord >= start + partition && budget > 0; ord--) {
    const pod = effective.get(ord)
    if (!pod || deleted.has(pod.metadata.name)) continue
    if (podRevision(pod) !== input.update.name && !isTerminating(pod)) {
      actions.push({ type: 'deletePod', pod, why: 'update' })
      budget--
    }
  }
  return finish()
}

/** processReplica: returns true when a monotonic sync must stop here. */
function processReplica(
  input: SyncInput,
  ordinal: number,
  pod: Pod | undefined,
  monotonic: boolean,
  minReadySeconds: number,
  actions: SyncAction[],
  wakeAt: (atMs: number | undefined) => void,
): boolean {
  const { set } = input
  // Finished pods are deleted; the replacement (same name) comes after the old object is gone.
  if (pod && (isFailed(pod) || isSucceeded(pod))) {
    if (!isTerminating(pod)) actions.push({ type: 'deletePod', pod, why: isFailed(pod) ? 'failed' : 'succeeded' })
    return true
  }
  if (!pod) {
    const fresh = newVersionedPod(input, ordinal)
    const claims = claimsForOrdinal(set, ordinal)
    for (const c of claims) if (isClaimStale(set, input.claim(c.metadata.name!), fresh)) return true
    const terminating = claims.find((c) => input.claim(c.metadata.name!)?.metadata.deletionTimestamp)
    if (terminating) {
      actions.push({ type: 'claimTerminating', pod: fresh, claimName: terminating.metadata.name! })
      return true
    }
    actions.push({ type: 'createPod', pod: fresh, claims: claims.filter((c) => !input.claim(c.metadata.name!)) })
    return monotonic
  }
  if (isPending(pod)) {
    const missing = claimsForOrdinal(set, ordinal).filter((c) => !input.claim(c.metadata.name!))
    if (missing.length) actions.push({ type: 'createClaims', pod, claims: missing })
  }
  if (monotonic) {
    if (isTerminating(pod) || !isRunningAndReady(pod)) return true
    if (!isRunningAndAvailable(pod, minReadySeconds, input.nowMs)) {
      wakeAt(availableAtMs(pod, minReadySeconds))
      return true
    }
  }
  if (!isCreated(pod) || isTerminating(pod)) return false
  if (!identityMatches(set, pod) || !storageMatches(set, pod)) actions.push({ type: 'updatePod', pod })
  addClaimOwnerFixes(input, pod, actions)
  return false
}

function addClaimOwnerFixes(input: SyncInput, pod: Pod, actions: SyncAction[]): void {
  const ordinal = ordinalOf(pod)
  for (const template of claimsForOrdinal(input.set, ordinal)) {
    const claim = input.claim(template.metadata.name!)
    if (!claim || claim.metadata.deletionTimestamp) continue
    const refs = planClaimOwnerRefs(input.set, pod, claim)
    if (refs) actions.push({ type: 'setClaimOwners', pod, claimName: claim.metadata.name!, ownerReferences: refs })
  }
}
