// VolumeBinding ([k8s] pkg/scheduler/framework/plugins/volumebinding/volume_binding.go: PreFilter,
// Filter, podHasPVCs; binder.go: GetPodVolumes, FindPodVolumes, checkBoundClaims, the ConflictReason
// strings). PreFilter, once per pod: a missing claim, a Lost claim, a claim being deleted, or an unbound
// claim that binds immediately (its class is Immediate, or missing, or it names a volume) rejects the
// pod everywhere, UnschedulableAndUnresolvable — its message is the whole FailedScheduling reason
// ("0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. …"). Filter, per node:
// bound claims need their volume to exist and its node affinity to admit the node; WaitForFirstConsumer
// claims need the selected node (if already chosen) to be this node, and a matching volume usable here
// or a class that can provision (not kubernetes.io/no-provisioner, allowedTopologies admitting the node).
// Storage capacity tracking is not modelled (no "did not have enough free storage").
import type { Node } from '../../api/node'
import type { PersistentVolume } from '../../api/persistent-volume'
import type { PersistentVolumeClaim } from '../../api/persistent-volume-claim'
import type { Pod } from '../../api/pod'
import type { StorageClass } from '../../api/storage-class'
import { matchesLabelSelector } from '../../store/selectors'
import { parseQuantity } from '../../api/quantity'
import type { FilterRejection, PluginName } from './framework'
import { matchesNodeSelectorTerms } from './node-affinity-match'
import type { NodeInfo } from './node-info'

export const ERR_REASON_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind"
export const ERR_REASON_NODE_CONFLICT = 'node(s) had volume node affinity conflict'
export const ERR_REASON_NOT_ENOUGH_SPACE = 'node(s) did not have enough free storage'
export const ERR_REASON_PV_NOT_EXIST = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)'
export const ERR_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims'

const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed'
const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node'
const ANN_BETA_STORAGE_CLASS = 'volume.beta.kubernetes.io/storage-class'
const NO_PROVISIONER = 'kubernetes.io/no-provisioner'
const PLUGIN: PluginName = 'VolumeBinding'

export interface VolumeBindingLookups {
  claim(namespace: string, name: string): PersistentVolumeClaim | undefined
  storageClass(name: string): StorageClass | undefined
  /** A PersistentVolume by name; without it bound claims are trusted and node affinity is not checked. */
  volume?(name: string): PersistentVolume | undefined
  /** PersistentVolumes of a class (static binding candidates); without it only provisioning is considered. */
  volumesOfClass?(storageClassName: string): readonly PersistentVolume[]
}

function unresolvable(reasons: readonly string[]): FilterRejection {
  return { plugin: PLUGIN, reason: reasons.join(', '), reasons, unresolvable: true }
}

function claimClass(claim: PersistentVolumeClaim): string {
  return claim.metadata.annotations?.[ANN_BETA_STORAGE_CLASS] ?? claim.spec.storageClassName ?? ''
}

interface PodClaims {
  bound: PersistentVolumeClaim[]
  delayed: PersistentVolumeClaim[]
}

/** The pod's claims split as GetPodVolumeClaims does, or the PreFilter rejection. */
function classifyClaims(pod: Pod, lookups: VolumeBindingLookups): PodClaims | FilterRejection | undefined {
  let any = false
  const out: PodClaims = { bound: [], delayed: [] }
  let immediate = false
  const namespace = pod.metadata.namespace ?? 'default'
  for (const v of pod.spec.volumes ?? []) {
    let name: string
    let ephemeral = false
    if (v.persistentVolumeClaim) name = v.persistentVolumeClaim.claimName
    else if (v.ephemeral) {
      name = `${pod.metadata.name}-${v.name}`
      ephemeral = true
    } else continue
    any = true
    const claim = lookups.claim(namespace, name)
    if (!claim)
      return unresolvable([ephemeral ? `waiting for ephemeral volume controller to create the persistentvolumeclaim "${name}"` : `persistentvolumeclaim "${name}" not found`])
    if (claim.status?.phase === 'Lost') return unresolvable([`persistentvolumeclaim "${name}" bound to non-existent persistentvolume "${claim.spec.volumeName ?? ''}"`])
    if (claim.metadata.deletionTimestamp) return unresolvable([`persistentvolumeclaim "${name}" is being deleted`])
    if (claim.spec.volumeName && claim.metadata.annotations?.[ANN_BIND_COMPLETED] !== undefined) out.bound.push(claim)
    else {
      const className = claimClass(claim)
      const delay = className !== '' && lookups.storageClass(className)?.volumeBindingMode === 'WaitForFirstConsumer'
      if (delay && !claim.spec.volumeName) out.delayed.push(claim)
      else immediate = true
    }
  }
  if (!any) return undefined
  if (immediate) return unresolvable([ERR_UNBOUND_IMMEDIATE])
  return out
}

function isRejection(x: PodClaims | FilterRejection | undefined): x is FilterRejection {
  return x !== undefined && 'plugin' in x
}

/**
 * PreFilter: the pod-wide rejection (use its `reason` as the FitError's PreFilter message), or undefined
 * when the pod can go on to the per-node Filter.
 */
export function preFilterVolumeBinding(pod: Pod, lookups: VolumeBindingLookups): FilterRejection | undefined {
  const c = classifyClaims(pod, lookups)
  return isRejection(c) ? c : undefined
}

function storageOf(list: Record<string, unknown> | undefined): number {
  const q = list?.storage
  return typeof q === 'string' || typeof q === 'number' ? parseQuantity(q) : 0
}

function volumeFitsNode(volume: PersistentVolume, node: Node): boolean {
  const terms = volume.spec.nodeAffinity?.required?.nodeSelectorTerms
  return !terms || matchesNodeSelectorTerms(terms, node)
}

function staticMatch(claim: PersistentVolumeClaim, volume: PersistentVolume, node: Node, taken: Set<string>): boolean {
  if (taken.has(volume.metadata.name ?? '') || volume.metadata.deletionTimestamp) return false
  const ref = volume.spec.claimRef
  if (ref && !(ref.namespace === claim.metadata.namespace && ref.name === claim.metadata.name)) return false
  if (!ref && volume.status?.phase && volume.status.phase !== 'Available' && volume.status.phase !== 'Pending') return false
  if ((volume.spec.volumeMode ?? 'Filesystem') !== (claim.spec.volumeMode ?? 'Filesystem')) return false
  for (const mode of claim.spec.accessModes ?? []) if (!(volume.spec.accessModes ?? []).includes(mode)) return false
  if (storageOf(volume.spec.capacity) < storageOf(claim.spec.resources?.requests)) return false
  if (claim.spec.selector && !matchesLabelSelector(claim.spec.selector, volume.metadata.labels)) return false
  return volumeFitsNode(volume, node)
}

function classAllowsNode(storageClass: StorageClass, node: Node): boolean {
  const topologies = storageClass.allowedTopologies as { matchLabelExpressions?: { key: string; values: string[] }[] }[] | undefined
  if (!topologies || topologies.length === 0) return true
  const labels = node.metadata.labels ?? {}
  return topologies.some((t) => (t.matchLabelExpressions ?? []).every((e) => e.key in labels && e.values.includes(labels[e.key])))
}

/** Filter for one node: PreFilter's rejection again, or this node's conflict reasons, or undefined (fits). */
export function filterVolumeBinding(pod: Pod, nodeInfo: NodeInfo, lookups: VolumeBindingLookups): FilterRejection | undefined {
  const claims = classifyClaims(pod, lookups)
  if (claims === undefined) return undefined
  if (isRejection(claims)) return claims
  const node = nodeInfo.node
  const nodeName = node.metadata.name ?? ''
  let nodeConflict = false
  let bindConflict = false
  let pvMissing = false
  if (lookups.volume) {
    for (const claim of claims.bound) {
      const volume = lookups.volume(claim.spec.volumeName!)
      if (!volume) {
        pvMissing = true
        break
      }
      if (!volumeFitsNode(volume, node)) {
        nodeConflict = true
        break
      }
    }
  }
  const taken = new Set<string>()
  // Smallest requests first, as findMatchingVolumes sorts them.
  const delayed = [...claims.delayed].sort((a, b) => storageOf(a.spec.resources?.requests) - storageOf(b.spec.resources?.requests))
  for (const claim of delayed) {
    const selected = claim.metadata.annotations?.[ANN_SELECTED_NODE]
    if (selected !== undefined && selected !== nodeName) {
      bindConflict = true
      break
    }
    const className = claimClass(claim)
    const candidates = lookups.volumesOfClass?.(className) ?? []
    const match = [...candidates]
      .filter((v) => staticMatch(claim, v, node, taken))
      .sort((a, b) => storageOf(a.spec.capacity) - storageOf(b.spec.capacity) || ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1))[0]
    if (match) {
      taken.add(match.metadata.name ?? '')
      continue
    }
    const storageClass = lookups.storageClass(className)
    if (!storageClass || storageClass.provisioner === NO_PROVISIONER || !classAllowsNode(storageClass, node)) bindConflict = true
  }
  const reasons: string[] = []
  if (nodeConflict) reasons.push(ERR_REASON_NODE_CONFLICT)
  if (bindConflict) reasons.push(ERR_REASON_BIND_CONFLICT)
  if (pvMissing) reasons.push(ERR_REASON_PV_NOT_EXIST)
  return reasons.length ? unresolvable(reasons) : undefined
}
