// Storage object in-use protection ([k8s] pkg/controller/volume/pvcprotection, pvprotection).
// A claim being deleted keeps kubernetes.io/pvc-protection while a scheduled pod (any phase) mounts it;
// a volume being deleted keeps kubernetes.io/pv-protection while it is Bound. Then the finalizer goes
// and the store removes the object.
import type { KubeObject } from '../../api/meta'
import type { PersistentVolume } from '../../api/persistent-volume'
import type { PersistentVolumeClaim } from '../../api/persistent-volume-claim'
import type { Pod } from '../../api/pod'
import { defineController } from '../../runtime/controller'
import { objectKey } from '../../store/keys'
import { claimNamesOf, PV_PROTECTION_FINALIZER, PVC_PROTECTION_FINALIZER } from './binding'
import type { ClaimUsers } from './claim-users'

export const PVC_PROTECTION = 'persistentvolumeclaim-protection'
export const PV_PROTECTION = 'persistentvolume-protection'

/** podUsesPVC: only scheduled pods count (the kubelet refuses to start a pod whose claim is being deleted). */
export function isClaimInUse(pods: readonly Pod[]): boolean {
  return pods.some((p) => Boolean(p.spec.nodeName))
}

export function createPvcProtectionController(users: ClaimUsers) {
  return defineController({
    name: PVC_PROTECTION,
    for: 'PersistentVolumeClaim',
    watches: [
      {
        kind: 'Pod',
        map: (pod, event) => {
          const p = pod as unknown as Pod
          if (event.type === 'ADDED') return undefined
          if (event.type === 'MODIFIED' && (event.previous as unknown as Pod | undefined)?.spec.nodeName === p.spec.nodeName) return undefined
          return claimNamesOf(p).map((c) => objectKey(pod.metadata.namespace, c))
        },
      },
    ],
    reconcile(key, ctx) {
      const claim = ctx.store.get<PersistentVolumeClaim & KubeObject>('PersistentVolumeClaim', key)
      if (!claim?.metadata.deletionTimestamp || !(claim.metadata.finalizers ?? []).includes(PVC_PROTECTION_FINALIZER)) return
      if (isClaimInUse(users.pods(key))) return
      ctx.client.patch<any>('PersistentVolumeClaim', key, (d) => {
        d.metadata.finalizers = (d.metadata.finalizers ?? []).filter((f: string) => f !== PVC_PROTECTION_FINALIZER)
      })
    },
  })
}

export function createPvProtectionController() {
  return defineController({
    name: PV_PROTECTION,
    for: 'PersistentVolume',
    reconcile(key, ctx) {
      const volume = ctx.store.get<PersistentVolume & KubeObject>('PersistentVolume', key)
      if (!volume?.metadata.deletionTimestamp || !(volume.metadata.finalizers ?? []).includes(PV_PROTECTION_FINALIZER)) return
      if (volume.status?.phase === 'Bound') return
      ctx.client.patch<any>('PersistentVolume', key, (d) => {
        d.metadata.finalizers = (d.metadata.finalizers ?? []).filter((f: string) => f !== PV_PROTECTION_FINALIZER)
      })
    },
  })
}
