// A dynamic provisioner standing in for every StorageClass's external provisioner (kind's
// rancher.io/local-path for the default class; any other provisioner name is served the same way,
// since a simulated cluster has no CSI drivers — except kubernetes.io/no-provisioner, which never
// provisions). A claim annotated volume.kubernetes.io/storage-provisioner (by the binder) gets a
// PersistentVolume `pvc-<claim uid>`: the claim's size and access modes, the class's reclaim policy,
// node affinity to the selected node for WaitForFirstConsumer, a claimRef; events Provisioning and
// ProvisioningSucceeded. Released volumes with reclaim policy Delete that it provisioned are deleted.
// Provisioning is instantaneous (a real local-path provisioner takes a second or two).
import type { KubeObject } from '../../api/meta'
import type { PersistentVolume } from '../../api/persistent-volume'
import type { PersistentVolumeClaim } from '../../api/persistent-volume-claim'
import type { StorageClass } from '../../api/storage-class'
import { isAlreadyExists, isNotFound } from '../../api/errors'
import { defineController, type ReconcileContext } from '../../runtime/controller'
import { keyOf, type ObjectKey } from '../../store/keys'
import { ANN_PROVISIONED_BY, ANN_SELECTED_NODE, ANN_STORAGE_PROVISIONER, claimClassName, claimRefTo, NO_PROVISIONER } from './binding'
import { LOCAL_PATH_PROVISIONER } from './storage-setup'

export const VOLUME_PROVISIONER = 'volume-provisioner'
const VOLUME_KEY_PREFIX = 'pv:'

/** The event source an external provisioner reports as (`<provisioner>_<instance>`). */
export function provisionerIdentity(provisioner: string): string {
  return provisioner === LOCAL_PATH_PROVISIONER ? `${provisioner}_local-path-provisioner` : `${provisioner}_kubesim-provisioner`
}

/** The PersistentVolume a provisioner creates for `claim` (pure). */
export function planProvisionedVolume(
  claim: PersistentVolumeClaim & KubeObject,
  storageClass: StorageClass,
  selectedNode: string | undefined,
  selectedNodeZone?: string,
): PersistentVolume {
  const name = `pvc-${claim.metadata.uid}`
  const provisioner = storageClass.provisioner
  const annotations: Record<string, string> = { [ANN_PROVISIONED_BY]: provisioner }
  if (provisioner === LOCAL_PATH_PROVISIONER && selectedNode) annotations['local.path.provisioner/selected-node'] = selectedNode
  const source =
    provisioner === LOCAL_PATH_PROVISIONER
      ? { hostPath: { path: `/var/local-path-provisioner/${name}_${claim.metadata.namespace}_${claim.metadata.name}`, type: 'DirectoryOrCreate' } }
      : { csi: { driver: provisioner, volumeHandle: name } }
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, annotations },
    spec: {
      capacity: { storage: String(claim.spec.resources?.requests?.storage ?? '0') },
      accessModes: [...(claim.spec.accessModes ?? [])],
      claimRef: claimRefTo(claim),
      persistentVolumeReclaimPolicy: storageClass.reclaimPolicy ?? 'Delete',
      storageClassName: storageClass.metadata.name,
      volumeMode: claim.spec.volumeMode ?? 'Filesystem',
      ...(storageClass.mountOptions ? { mountOptions: [...storageClass.mountOptions] } : {}),
      ...volumeTopology(provisioner, selectedNode, selectedNodeZone),
      ...source,
    },
  } as PersistentVolume
}

/**
 * Where the new volume can be used. A local-path volume lives on the selected node's disk, so it
 * pins to that node (kind's default class); any other provisioner stands for a network disk, which
 * cloud CSI drivers restrict to the selected node's zone, or not at all when nodes have no zone.
 */
function volumeTopology(provisioner: string, selectedNode: string | undefined, zone: string | undefined) {
  if (!selectedNode) return {}
  if (provisioner === LOCAL_PATH_PROVISIONER)
    return { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [selectedNode] }] }] } } }
  if (zone) return { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: ZONE_LABEL, operator: 'In', values: [zone] }] }] } } }
  return {}
}

const ZONE_LABEL = 'topology.kubernetes.io/zone'

export function createVolumeProvisioner() {
  return defineController({
    name: VOLUME_PROVISIONER,
    for: 'PersistentVolumeClaim',
    watches: [
      {
        kind: 'PersistentVolume',
        map: (pv) => ((pv as unknown as PersistentVolume).status?.phase === 'Released' ? VOLUME_KEY_PREFIX + pv.metadata.name : undefined),
      },
    ],
    reconcile(key, ctx) {
      if (key.startsWith(VOLUME_KEY_PREFIX)) return reclaimVolume(ctx, key.slice(VOLUME_KEY_PREFIX.length))
      return provisionClaim(ctx, key)
    },
  })
}

function provisionClaim(ctx: ReconcileContext, key: ObjectKey) {
  const claim = ctx.store.get<PersistentVolumeClaim & KubeObject>('PersistentVolumeClaim', key)
  if (!claim || claim.metadata.deletionTimestamp || claim.spec.volumeName) return
  const provisioner = claim.metadata.annotations?.[ANN_STORAGE_PROVISIONER]
  if (!provisioner || provisioner === NO_PROVISIONER) return
  const storageClass = ctx.store.get<StorageClass>('StorageClass', claimClassName(claim))
  if (!storageClass || storageClass.provisioner !== provisioner) return
  const selectedNode = claim.metadata.annotations?.[ANN_SELECTED_NODE]
  if (storageClass.volumeBindingMode === 'WaitForFirstConsumer' && !selectedNode) return
  const source = { component: provisionerIdentity(provisioner) }
  const zone = selectedNode ? ctx.store.get<KubeObject>('Node', selectedNode)?.metadata.labels?.[ZONE_LABEL] : undefined
  const volume = planProvisionedVolume(claim, storageClass, selectedNode, zone)
  if (ctx.store.get('PersistentVolume', volume.metadata.name!)) return
  if (selectedNode && !ctx.store.get('Node', selectedNode)) {
    ctx.events.record(claim, 'Warning', 'ProvisioningFailed', `failed to get target node: nodes "${selectedNode}" not found`, source)
    return
  }
  ctx.events.record(claim, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${keyOf(claim)}"`, source)
  try {
    ctx.client.create(volume)
  } catch (error) {
    if (isAlreadyExists(error)) return
    throw error
  }
  ctx.events.record(claim, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${volume.metadata.name}`, source)
}

function reclaimVolume(ctx: ReconcileContext, name: string) {
  const volume = ctx.store.get<PersistentVolume & KubeObject>('PersistentVolume', name)
  if (!volume || volume.metadata.deletionTimestamp) return
  if (volume.status?.phase !== 'Released' || volume.spec.persistentVolumeReclaimPolicy !== 'Delete') return
  const provisioner = volume.metadata.annotations?.[ANN_PROVISIONED_BY]
  if (!provisioner || provisioner === NO_PROVISIONER) return
  try {
    ctx.client.delete('PersistentVolume', name)
  } catch (error) {
    if (!isNotFound(error)) throw error
  }
}
