// The PersistentVolume controller's binder (`persistentvolume-binder`; events from
// `persistentvolume-controller`; [k8s] pkg/controller/volume/persistentvolume/pv_controller.go: syncClaim,
// syncUnboundClaim, syncBoundClaim, syncVolume, bind, provisionClaim, emitEventForUnboundDelayBindingClaim).
// Claims bind to a matching PersistentVolume, or ask the provisioner for one (annotation
// volume.kubernetes.io/storage-provisioner + ExternalProvisioning). WaitForFirstConsumer claims wait for
// a scheduled pod: this controller then writes volume.kubernetes.io/selected-node (upstream the
// scheduler's VolumeBinding PreBind does, before binding the pod; here the pod is bound first).
// A claim whose class does not exist stays Pending with ProvisioningFailed. Volumes whose claim is gone
// become Released. Keys: claims "ns/name", volumes "pv:<name>". No periodic resync (upstream re-syncs
// every 15 s, which only repeats events).
import type { KubeObject } from '../../api/meta'
import type { Node } from '../../api/node'
import type { PersistentVolume } from '../../api/persistent-volume'
import type { PersistentVolumeClaim } from '../../api/persistent-volume-claim'
import type { Pod } from '../../api/pod'
import type { StorageClass } from '../../api/storage-class'
import { isNotFound } from '../../api/errors'
import { defineController, type ReconcileContext } from '../../runtime/controller'
import { keyOf, objectKey, type ObjectKey } from '../../store/keys'
import type { Store } from '../../store/store'
import { toRfc3339 } from '../../sim/time'
import {
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_BIND_COMPLETED,
  ANN_BOUND_BY_CONTROLLER,
  ANN_PROVISIONED_BY,
  ANN_SELECTED_NODE,
  ANN_STORAGE_PROVISIONER,
  claimClassName,
  claimNamesOf,
  claimRefTo,
  findMatchingVolume,
  isClaimFullyBound,
  isDelayBinding,
  NO_PROVISIONER,
  volumeClassName,
  volumeNodeAffinityAllows,
} from './binding'
import type { ClaimUsers } from './claim-users'

export const PV_BINDER = 'persistentvolume-binder'
const SOURCE = { component: 'persistentvolume-controller' }
export const VOLUME_KEY_PREFIX = 'pv:'

type Claim = PersistentVolumeClaim & KubeObject
type Volume = PersistentVolume & KubeObject

export function createPersistentVolumeBinder(store: Store, users: ClaimUsers) {
  return defineController({
    name: PV_BINDER,
    for: 'PersistentVolumeClaim',
    watches: [
      {
        kind: 'PersistentVolume',
        map: (pv) => {
          const ref = (pv as unknown as Volume).spec.claimRef
          const keys = [VOLUME_KEY_PREFIX + pv.metadata.name]
          if (ref?.name) keys.push(objectKey(ref.namespace, ref.name))
          return keys
        },
      },
      {
        // A deleted claim releases its volume.
        kind: 'PersistentVolumeClaim',
        map: (claim, event) => {
          const volumeName = (claim as unknown as Claim).spec.volumeName
          return event.type === 'DELETED' && volumeName ? VOLUME_KEY_PREFIX + volumeName : undefined
        },
      },
      {
        // A new class may let waiting claims provision.
        kind: 'StorageClass',
        map: (sc, event) => (event.type === 'ADDED' ? pendingClaimsOfClass(store, sc.metadata.name) : undefined),
      },
      {
        // Pods appearing, getting scheduled or going away change WaitForFirstConsumer claims.
        kind: 'Pod',
        map: (pod, event) => {
          const p = pod as unknown as Pod
          if (event.type === 'MODIFIED' && (event.previous as unknown as Pod | undefined)?.spec.nodeName === p.spec.nodeName) return undefined
          return claimNamesOf(p).map((c) => objectKey(pod.metadata.namespace, c))
        },
      },
    ],
    reconcile(key, ctx) {
      if (key.startsWith(VOLUME_KEY_PREFIX)) return syncVolume(ctx, key.slice(VOLUME_KEY_PREFIX.length))
      return syncClaim(ctx, users, key)
    },
  })
}

// The store has no claim index by class; classes are created rarely, so a scan is fine here.
function pendingClaimsOfClass(store: Store, className: string): ObjectKey[] {
  return store
    .list<Claim>('PersistentVolumeClaim')
    .filter((c) => !c.spec.volumeName && claimClassName(c) === className)
    .map((c) => keyOf(c))
}

function storageClassLookup(ctx: ReconcileContext) {
  return (name: string) => ctx.store.get<StorageClass>('StorageClass', name)
}

function syncClaim(ctx: ReconcileContext, users: ClaimUsers, key: ObjectKey) {
  const claim = ctx.store.get<Claim>('PersistentVolumeClaim', key)
  if (!claim) return
  if (isClaimFullyBound(claim)) return syncBoundClaim(ctx, claim)
  return syncUnboundClaim(ctx, users, claim)
}

function syncBoundClaim(ctx: ReconcileContext, claim: Claim) {
  const volume = ctx.store.get<Volume>('PersistentVolume', claim.spec.volumeName!)
  if (!volume) {
    if (claim.status?.phase !== 'Lost') {
      setClaimPhase(ctx, claim, 'Lost')
      ctx.events.record(claim, 'Warning', 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!', SOURCE)
    }
    return
  }
  if (volume.spec.claimRef?.uid && volume.spec.claimRef.uid !== claim.metadata.uid) {
    if (claim.status?.phase !== 'Lost') {
      setClaimPhase(ctx, claim, 'Lost')
      ctx.events.record(claim, 'Warning', 'ClaimMisbound', 'Two claims are bound to the same volume, this one is bound incorrectly', SOURCE)
    }
    return
  }
  bind(ctx, volume, claim)
}

function syncUnboundClaim(ctx: ReconcileContext, users: ClaimUsers, claim: Claim) {
  const key = keyOf(claim)
  const storageClass = storageClassLookup(ctx)
  if (claim.spec.volumeName) {
    // The user asked for a specific volume.
    const volume = ctx.store.get<Volume>('PersistentVolume', claim.spec.volumeName)
    const ref = volume?.spec.claimRef
    if (volume && (!ref || (ref.namespace === claim.metadata.namespace && ref.name === claim.metadata.name && (!ref.uid || ref.uid === claim.metadata.uid))))
      bind(ctx, volume, claim)
    else setClaimPhase(ctx, claim, 'Pending')
    return
  }
  const selectedNode = claim.metadata.annotations?.[ANN_SELECTED_NODE]
  if (isDelayBinding(claim, storageClass) && !selectedNode) {
    const pods = users.pods(key)
    const scheduled = pods.find((p) => p.spec.nodeName && !p.metadata.deletionTimestamp)
    if (scheduled) {
      // Stand-in for the scheduler's VolumeBinding Reserve/PreBind: the claim follows its first consumer's node.
      ctx.client.patch<any>('PersistentVolumeClaim', key, (d) => {
        d.metadata.annotations = { ...(d.metadata.annotations ?? {}), [ANN_SELECTED_NODE]: scheduled.spec.nodeName }
      })
      return
    }
    const waiting = pods.filter((p) => !p.spec.nodeName).map((p) => p.metadata.name)
    if (waiting.length === 0) ctx.events.record(claim, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding', SOURCE)
    else if (waiting.length === 1) ctx.events.record(claim, 'Normal', 'WaitForPodScheduled', `waiting for pod ${waiting[0]} to be scheduled`, SOURCE)
    else ctx.events.record(claim, 'Normal', 'WaitForPodScheduled', `waiting for pods ${waiting.join(',')} to be scheduled`, SOURCE)
    setClaimPhase(ctx, claim, 'Pending')
    return
  }
  const className = claimClassName(claim)
  const node = selectedNode ? ctx.store.get<Node & KubeObject>('Node', selectedNode) : undefined
  const candidates = ctx.store.list<Volume>('PersistentVolume').filter((v) => volumeClassName(v) === className)
  const volume = findMatchingVolume(claim, candidates, selectedNode ? (v) => volumeNodeAffinityAllows(v, selectedNode, node?.metadata.labels) : undefined) as Volume | undefined
  if (volume) {
    bind(ctx, volume, claim)
    return
  }
  if (!className) {
    ctx.events.record(claim, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set', SOURCE)
    setClaimPhase(ctx, claim, 'Pending')
    return
  }
  const sc = storageClass(className)
  if (!sc) {
    ctx.events.record(claim, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${className}" not found`, SOURCE)
    setClaimPhase(ctx, claim, 'Pending')
    return
  }
  if (sc.provisioner !== NO_PROVISIONER && claim.metadata.annotations?.[ANN_STORAGE_PROVISIONER] !== sc.provisioner) {
    ctx.client.patch<any>('PersistentVolumeClaim', key, (d) => {
      d.metadata.annotations = { ...(d.metadata.annotations ?? {}), [ANN_BETA_STORAGE_PROVISIONER]: sc.provisioner, [ANN_STORAGE_PROVISIONER]: sc.provisioner }
    })
    ctx.events.record(
      claim,
      'Normal',
      'ExternalProvisioning',
      `Waiting for a volume to be created either by the external provisioner '${sc.provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
      SOURCE,
    )
  }
  setClaimPhase(ctx, claim, 'Pending')
}

/** bind(): volume.spec.claimRef and phase Bound, then claim.spec.volumeName, annotations and status. */
function bind(ctx: ReconcileContext, volume: Volume, claim: Claim) {
  const claimKey = keyOf(claim)
  if (volume.spec.claimRef?.uid !== claim.metadata.uid) {
    const byController = !volume.spec.claimRef
    ctx.client.patch<any>('PersistentVolume', volume.metadata.name, (d) => {
      d.spec.claimRef = claimRefTo(claim)
      if (byController) d.metadata.annotations = { ...(d.metadata.annotations ?? {}), [ANN_BOUND_BY_CONTROLLER]: 'yes' }
    })
  }
  const current = ctx.store.get<Volume>('PersistentVolume', volume.metadata.name)!
  if (current.status?.phase !== 'Bound') {
    ctx.client.patchStatus<any>('PersistentVolume', current.metadata.name, (d) => {
      d.status = { ...(d.status ?? {}), phase: 'Bound' }
    })
  }
  const byController = !claim.spec.volumeName
  ctx.client.patch<any>('PersistentVolumeClaim', claimKey, (d) => {
    d.spec.volumeName = current.metadata.name
    const annotations = { ...(d.metadata.annotations ?? {}), [ANN_BIND_COMPLETED]: 'yes' }
    if (byController) annotations[ANN_BOUND_BY_CONTROLLER] = 'yes'
    d.metadata.annotations = annotations
  })
  ctx.client.patchStatus<any>('PersistentVolumeClaim', claimKey, (d) => {
    d.status = {
      ...(d.status ?? {}),
      phase: 'Bound',
      accessModes: [...(current.spec.accessModes ?? [])],
      capacity: { ...(current.spec.capacity ?? {}) },
    }
  })
}

function setClaimPhase(ctx: ReconcileContext, claim: Claim, phase: 'Pending' | 'Lost') {
  if (claim.status?.phase === phase) return
  ctx.client.patchStatus<any>('PersistentVolumeClaim', keyOf(claim), (d) => {
    d.status = { ...(d.status ?? {}), phase }
  })
}

function syncVolume(ctx: ReconcileContext, name: string) {
  const volume = ctx.store.get<Volume>('PersistentVolume', name)
  if (!volume || volume.metadata.deletionTimestamp) return
  const ref = volume.spec.claimRef
  if (!ref) {
    setVolumePhase(ctx, volume, 'Available')
    return
  }
  const claim = ctx.store.get<Claim>('PersistentVolumeClaim', objectKey(ref.namespace, ref.name ?? ''))
  if (claim && (!ref.uid || ref.uid === claim.metadata.uid)) {
    if (claim.spec.volumeName === name && isClaimFullyBound(claim)) setVolumePhase(ctx, volume, 'Bound')
    else ctx.enqueue(keyOf(claim))
    return
  }
  if (!ref.uid) {
    // Pre-bound by an administrator to a claim that does not exist yet.
    setVolumePhase(ctx, volume, 'Available')
    return
  }
  // The claim is gone: the volume is released and its reclaim policy applies.
  if (volume.status?.phase === 'Released' || volume.status?.phase === 'Failed') return
  if (volume.spec.persistentVolumeReclaimPolicy === 'Delete' && !volume.metadata.annotations?.[ANN_PROVISIONED_BY]) {
    setVolumePhase(ctx, volume, 'Failed')
    ctx.events.record(volume, 'Warning', 'VolumeFailedDelete', `error getting deleter volume plugin for volume "${name}": no deletable volume plugin matched`, SOURCE)
    return
  }
  setVolumePhase(ctx, volume, 'Released')
}

function setVolumePhase(ctx: ReconcileContext, volume: Volume, phase: 'Available' | 'Bound' | 'Released' | 'Failed') {
  if (volume.status?.phase === phase) return
  try {
    ctx.client.patchStatus<any>('PersistentVolume', volume.metadata.name, (d) => {
      d.status = { ...(d.status ?? {}), phase, lastPhaseTransitionTime: toRfc3339(ctx.clock.now()) }
    })
  } catch (error) {
    if (!isNotFound(error)) throw error
  }
}
