// Pure binding rules: volume matching, default class choice, volume node affinity.
import { describe, expect, it } from 'vitest'
import type { PersistentVolume } from '../../api/persistent-volume'
import type { PersistentVolumeClaim } from '../../api/persistent-volume-claim'
import type { StorageClass } from '../../api/storage-class'
import { defaultStorageClass, findMatchingVolume, volumeNodeAffinityAllows } from './binding'
import { planProvisionedVolume } from './provisioner'

const claim = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default', uid: 'c-uid', resourceVersion: '7' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } }, storageClassName: 'manual' } } as unknown as PersistentVolumeClaim & { metadata: { name: string; uid: string; resourceVersion: string; creationTimestamp: string } }
const volume = (name: string, size: string, o: Partial<PersistentVolume['spec']> = {}): PersistentVolume =>
  ({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name }, spec: { capacity: { storage: size }, accessModes: ['ReadWriteOnce'], storageClassName: 'manual', ...o }, status: { phase: 'Available' } }) as PersistentVolume

describe('findMatchingVolume', () => {
  it('picks the smallest volume that is big enough, with the same class and access modes', () => {
    const vols = [volume('big', '100Gi'), volume('small', '1Gi'), volume('fit', '10Gi'), volume('other-class', '5Gi', { storageClassName: 'fast' }), volume('rox', '5Gi', { accessModes: ['ReadOnlyMany'] })]
    expect(findMatchingVolume(claim, vols)?.metadata.name).toBe('fit')
  })
  it('skips a volume already claimed by someone else', () => {
    const taken = volume('taken', '5Gi', { claimRef: { namespace: 'default', name: 'other', uid: 'x' } })
    expect(findMatchingVolume(claim, [taken])).toBeUndefined()
  })
})

describe('defaultStorageClass', () => {
  const sc = (name: string, created: string, isDefault: boolean) =>
    ({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name, creationTimestamp: created, annotations: isDefault ? { 'storageclass.kubernetes.io/is-default-class': 'true' } : {} }, provisioner: 'p' }) as StorageClass
  it('chooses the newest annotated default', () => {
    expect(defaultStorageClass([sc('a', '2025-01-01T00:00:00Z', true), sc('b', '2025-01-02T00:00:00Z', true), sc('c', '2025-01-03T00:00:00Z', false)])?.metadata.name).toBe('b')
    expect(defaultStorageClass([sc('c', '2025-01-03T00:00:00Z', false)])).toBeUndefined()
  })
})

describe('provisioned volumes', () => {
  it('local-path: pvc-<uid>, the requested size, claimRef, Delete, hostPath and node affinity to the selected node', () => {
    const standard = { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'standard' }, provisioner: 'rancher.io/local-path', reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer' } as StorageClass
    const pv = planProvisionedVolume(claim, standard, 'node-2')
    expect(pv.metadata.name).toBe('pvc-c-uid')
    expect(pv.spec).toMatchObject({ capacity: { storage: '5Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Delete', storageClassName: 'standard' })
    expect(pv.spec.claimRef).toMatchObject({ kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data', uid: 'c-uid' })
    expect(pv.spec.hostPath).toEqual({ path: '/var/local-path-provisioner/pvc-c-uid_default_data', type: 'DirectoryOrCreate' })
    expect(volumeNodeAffinityAllows(pv, 'node-2', { 'kubernetes.io/hostname': 'node-2' })).toBe(true)
    expect(volumeNodeAffinityAllows(pv, 'node-1', { 'kubernetes.io/hostname': 'node-1' })).toBe(false)
  })
})

describe('where a provisioned volume can be used', () => {
  const claim = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default', uid: 'u-1', resourceVersion: '1', creationTimestamp: '2025-01-01T00:00:00Z' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } as any
  const cls = (provisioner: string) => ({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'c' }, provisioner }) as any

  it('pins a local-path volume to the selected node (kind)', () => {
    expect(planProvisionedVolume(claim, cls('rancher.io/local-path'), 'node-2', 'zone-a').spec.nodeAffinity!.required!.nodeSelectorTerms[0].matchExpressions).toEqual([
      { key: 'kubernetes.io/hostname', operator: 'In', values: ['node-2'] },
    ])
  })

  it("limits a network disk to the selected node's zone, or not at all without zones", () => {
    expect(planProvisionedVolume(claim, cls('pd.csi.storage.gke.io'), 'node-2', 'zone-a').spec.nodeAffinity!.required!.nodeSelectorTerms[0].matchExpressions).toEqual([
      { key: 'topology.kubernetes.io/zone', operator: 'In', values: ['zone-a'] },
    ])
    expect(planProvisionedVolume(claim, cls('pd.csi.storage.gke.io'), 'node-2', undefined).spec.nodeAffinity).toBeUndefined()
  })
})
