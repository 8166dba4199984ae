// Storage at cluster start: the default StorageClass `standard` as kind ships it (rancher.io/local-path,
// reclaimPolicy Delete, WaitForFirstConsumer, annotated default) and the API server's storage admission:
// DefaultStorageClass (a claim created without storageClassName gets the default class; "" stays "")
// and StorageObjectInUseProtection (claims get kubernetes.io/pvc-protection, volumes
// kubernetes.io/pv-protection, on create).
import type { StorageClass } from '../../api/storage-class'
import { Client } from '../../store/client'
import type { Store } from '../../store/store'
import { ANN_BETA_STORAGE_CLASS, ANN_DEFAULT_CLASS, defaultStorageClass, PV_PROTECTION_FINALIZER, PVC_PROTECTION_FINALIZER } from './binding'

export const DEFAULT_STORAGE_CLASS_NAME = 'standard'
export const LOCAL_PATH_PROVISIONER = 'rancher.io/local-path'

export function defaultStorageClassManifest(): StorageClass {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: DEFAULT_STORAGE_CLASS_NAME, annotations: { [ANN_DEFAULT_CLASS]: 'true' } },
    provisioner: LOCAL_PATH_PROVISIONER,
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  }
}

/** Registers the storage admission plugins and creates the default StorageClass. */
export function installStorage(store: Store): void {
  store.addAdmission('PersistentVolumeClaim', (claim, operation) => {
    if (operation !== 'create') return
    const meta = claim.metadata
    if (!(meta.finalizers ?? []).includes(PVC_PROTECTION_FINALIZER)) meta.finalizers = [...(meta.finalizers ?? []), PVC_PROTECTION_FINALIZER]
    if (claim.spec && (claim.spec.storageClassName === undefined || claim.spec.storageClassName === null) && meta.annotations?.[ANN_BETA_STORAGE_CLASS] === undefined) {
      const found = defaultStorageClass(store.list<StorageClass>('StorageClass'))
      if (found) claim.spec.storageClassName = found.metadata.name
    }
  })
  store.addAdmission('PersistentVolume', (volume, operation) => {
    if (operation !== 'create') return
    const meta = volume.metadata
    if (!(meta.finalizers ?? []).includes(PV_PROTECTION_FINALIZER)) meta.finalizers = [...(meta.finalizers ?? []), PV_PROTECTION_FINALIZER]
  })
  new Client(store, 'kube-apiserver').create(defaultStorageClassManifest(), { owned: true })
}
