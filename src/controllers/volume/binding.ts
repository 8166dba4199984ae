// Pure rules of PersistentVolume binding ([k8s] pkg/controller/volume/persistentvolume/pv_controller.go,
// index.go: findMatchingVolume; component-helpers/storage/volume/helpers.go: IsDelayBindingMode,
// GetPersistentVolumeClaimClass). A claim is fully bound when spec.volumeName is set and it carries
// pv.kubernetes.io/bind-completed. A claim naming a StorageClass that does not exist counts as
// Immediate (so the scheduler reports "unbound immediate PersistentVolumeClaims").
import { matchesNodeSelectorTerms } from '../../api/node-selector'
import type { PersistentVolume } from '../../api/persistent-volume'
import type { PersistentVolumeClaim } from '../../api/persistent-volume-claim'
import type { Pod } from '../../api/pod'
import type { StorageClass } from '../../api/storage-class'
import { parseQuantity } from '../../api/quantity'
import { matchesLabelSelector } from '../../store/selectors'

export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed'
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller'
export const ANN_PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by'
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node'
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner'
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner'
export const ANN_BETA_STORAGE_CLASS = 'volume.beta.kubernetes.io/storage-class'
export const ANN_DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class'
export const ANN_BETA_DEFAULT_CLASS = 'storageclass.beta.kubernetes.io/is-default-class'
export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection'
export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection'
/** Local volumes: nothing provisions them; only pre-created PersistentVolumes can bind. */
export const NO_PROVISIONER = 'kubernetes.io/no-provisioner'

/** GetPersistentVolumeClaimClass: the beta annotation wins over spec.storageClassName. */
/** The reference a PersistentVolume keeps to the claim bound to it (spec.claimRef). */
export function claimRefTo(claim: PersistentVolumeClaim) {
  return {
    kind: 'PersistentVolumeClaim',
    namespace: claim.metadata.namespace,
    name: claim.metadata.name,
    uid: claim.metadata.uid,
    apiVersion: 'v1',
    resourceVersion: claim.metadata.resourceVersion,
  }
}

export function claimClassName(claim: PersistentVolumeClaim): string {
  return claim.metadata.annotations?.[ANN_BETA_STORAGE_CLASS] ?? claim.spec.storageClassName ?? ''
}

export function volumeClassName(volume: PersistentVolume): string {
  return volume.metadata.annotations?.[ANN_BETA_STORAGE_CLASS] ?? volume.spec.storageClassName ?? ''
}

export function isClaimFullyBound(claim: PersistentVolumeClaim): boolean {
  return Boolean(claim.spec.volumeName) && claim.metadata.annotations?.[ANN_BIND_COMPLETED] !== undefined
}

/** IsDelayBindingMode: the claim's class exists and says WaitForFirstConsumer. */
export function isDelayBinding(claim: PersistentVolumeClaim, storageClass: (name: string) => StorageClass | undefined): boolean {
  const name = claimClassName(claim)
  if (!name) return false
  return storageClass(name)?.volumeBindingMode === 'WaitForFirstConsumer'
}

/** Claim names a pod mounts (persistentVolumeClaim volumes and generic ephemeral volumes `<pod>-<volume>`). */
export function claimNamesOf(pod: Pod): string[] {
  const names: string[] = []
  for (const v of pod.spec.volumes ?? []) {
    if (v.persistentVolumeClaim?.claimName) names.push(v.persistentVolumeClaim.claimName)
    else if (v.ephemeral) names.push(`${pod.metadata.name}-${v.name}`)
  }
  return names
}

function storageBytes(list: Record<string, unknown> | undefined): number {
  const q = list?.storage
  return typeof q === 'string' || typeof q === 'number' ? parseQuantity(q) : 0
}

/** Whether `volume` can serve `claim` (class, access modes, size, selector, volume mode, not taken). */
export function volumeMatchesClaim(volume: PersistentVolume, claim: PersistentVolumeClaim): boolean {
  if (volume.metadata.deletionTimestamp) return false
  const ref = volume.spec.claimRef
  if (ref && !(ref.namespace === claim.metadata.namespace && ref.name === claim.metadata.name && (!ref.uid || ref.uid === claim.metadata.uid))) return false
  if (!ref && volume.status?.phase !== undefined && volume.status.phase !== 'Available' && volume.status.phase !== 'Pending') return false
  if (volumeClassName(volume) !== claimClassName(claim)) return false
  if ((volume.spec.volumeMode ?? 'Filesystem') !== (claim.spec.volumeMode ?? 'Filesystem')) return false
  const modes = volume.spec.accessModes ?? []
  for (const mode of claim.spec.accessModes ?? []) if (!modes.includes(mode)) return false
  if (storageBytes(volume.spec.capacity) < storageBytes(claim.spec.resources?.requests)) return false
  if (claim.spec.selector && !matchesLabelSelector(claim.spec.selector, volume.metadata.labels)) return false
  return true
}

/**
 * findMatchingVolume: a volume pre-bound to this claim first, else the smallest matching one (ties by
 * name). `nodeOk` narrows to volumes usable from the selected node (WaitForFirstConsumer).
 */
export function findMatchingVolume(
  claim: PersistentVolumeClaim,
  volumes: readonly PersistentVolume[],
  nodeOk: (volume: PersistentVolume) => boolean = () => true,
): PersistentVolume | undefined {
  let best: PersistentVolume | undefined
  for (const v of volumes) {
    if (!volumeMatchesClaim(v, claim) || !nodeOk(v)) continue
    if (v.spec.claimRef) return v
    if (!best) best = v
    else {
      const a = storageBytes(v.spec.capacity)
      const b = storageBytes(best.spec.capacity)
      if (a < b || (a === b && (v.metadata.name ?? '') < (best.metadata.name ?? ''))) best = v
    }
  }
  return best
}

/** The default StorageClass (GetDefaultClass): annotated default, newest first, ties by name. */
export function defaultStorageClass(classes: readonly StorageClass[]): StorageClass | undefined {
  const defaults = classes.filter(
    (c) => c.metadata.annotations?.[ANN_DEFAULT_CLASS] === 'true' || c.metadata.annotations?.[ANN_BETA_DEFAULT_CLASS] === 'true',
  )
  defaults.sort((a, b) => {
    const ca = a.metadata.creationTimestamp ?? ''
    const cb = b.metadata.creationTimestamp ?? ''
    if (ca !== cb) return ca > cb ? -1 : 1
    const na = a.metadata.name ?? ''
    const nb = b.metadata.name ?? ''
    return na < nb ? -1 : na > nb ? 1 : 0
  })
  return defaults[0]
}

/**
 * A PersistentVolume's required node affinity against a node ([k8s] component-helpers/storage/volume:
 * CheckNodeAffinity): terms are ORed, expressions inside a term ANDed; matchFields knows metadata.name.
 */
export function volumeNodeAffinityAllows(volume: PersistentVolume, nodeName: string, nodeLabels: Readonly<Record<string, string>> | undefined): boolean {
  const terms = volume.spec.nodeAffinity?.required?.nodeSelectorTerms
  if (!terms) return true
  return matchesNodeSelectorTerms(terms, nodeName, nodeLabels)
}
