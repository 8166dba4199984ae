// Storage: the default StorageClass, dynamic provisioning (WaitForFirstConsumer and Immediate), static
// binding, in-use protection and reclaim policies (pv_controller.go, pvc/pv protection controllers).
import { describe, expect, it } from 'vitest'
import { createCluster, type Cluster } from '../../src/index'

type AnyObj = any

const claim = (name: string, extra: AnyObj = {}) => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '2Gi' } }, ...extra },
})
const podUsing = (name: string, claimName: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: { containers: [{ name: 'app', image: 'nginx' }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }] },
})
const pvc = (c: Cluster, name: string): AnyObj => c.get('PersistentVolumeClaim', name)
const claimEvents = (c: Cluster, name: string) =>
  c.events({ involvedObject: { kind: 'PersistentVolumeClaim', name } }).map((e: AnyObj) => `${e.reason} (${e.source.component}): ${e.message}`)

describe('default StorageClass', () => {
  it('the cluster starts with `standard` (default), rancher.io/local-path, Delete, WaitForFirstConsumer, as kind', () => {
    const c = createCluster({ nodes: 1 })
    expect(c.kubectl('get storageclass')).toMatch(/^standard \(default\)\s+rancher\.io\/local-path\s+Delete\s+WaitForFirstConsumer\s+false\s+0s$/m)
  })

  it('a claim without storageClassName gets the default class and the pvc-protection finalizer; "" stays ""', () => {
    const c = createCluster({ nodes: 1 })
    c.apply([claim('data'), claim('static', { storageClassName: '' })])
    expect(pvc(c, 'data').spec.storageClassName).toBe('standard')
    expect(pvc(c, 'data').metadata.finalizers).toEqual(['kubernetes.io/pvc-protection'])
    expect(pvc(c, 'static').spec.storageClassName).toBe('')
  })
})

describe('dynamic provisioning', () => {
  it('WaitForFirstConsumer: the claim waits for a pod, then follows the node the pod was scheduled to', () => {
    const c = createCluster({ nodes: 3 })
    c.apply(claim('data'))
    c.advance('30s')
    expect(pvc(c, 'data').status.phase).toBe('Pending')
    expect(c.list('PersistentVolume')).toEqual([])
    expect(claimEvents(c, 'data')).toEqual(['WaitForFirstConsumer (persistentvolume-controller): waiting for first consumer to be created before binding'])
    c.apply(podUsing('app', 'data'))
    c.runUntil(() => pvc(c, 'data').status.phase === 'Bound', { timeout: '1m' })
    const node = (c.get('Pod', 'app') as AnyObj).spec.nodeName
    const data = pvc(c, 'data')
    expect(data.metadata.annotations['volume.kubernetes.io/selected-node']).toBe(node)
    expect(data.metadata.annotations['pv.kubernetes.io/bind-completed']).toBe('yes')
    expect(data.spec.volumeName).toBe(`pvc-${data.metadata.uid}`)
    expect(data.status).toMatchObject({ phase: 'Bound', capacity: { storage: '2Gi' }, accessModes: ['ReadWriteOnce'] })
    const pv: AnyObj = c.get('PersistentVolume', data.spec.volumeName)
    expect(pv.metadata.annotations['pv.kubernetes.io/provisioned-by']).toBe('rancher.io/local-path')
    expect(pv.metadata.finalizers).toEqual(['kubernetes.io/pv-protection'])
    expect(pv.spec).toMatchObject({ persistentVolumeReclaimPolicy: 'Delete', storageClassName: 'standard', claimRef: { name: 'data', namespace: 'default', uid: data.metadata.uid } })
    expect(pv.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0]).toEqual({ key: 'kubernetes.io/hostname', operator: 'In', values: [node] })
    expect(pv.status.phase).toBe('Bound')
    expect(claimEvents(c, 'data').slice(1)).toEqual([
      'WaitForPodScheduled (persistentvolume-controller): waiting for pod app to be scheduled',
      "ExternalProvisioning (persistentvolume-controller): Waiting for a volume to be created either by the external provisioner 'rancher.io/local-path' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
      'Provisioning (rancher.io/local-path_local-path-provisioner): External provisioner is provisioning volume for claim "default/data"',
      `ProvisioningSucceeded (rancher.io/local-path_local-path-provisioner): Successfully provisioned volume ${data.spec.volumeName}`,
    ])
    expect(c.kubectl('get pv')).toMatch(new RegExp(`^${data.spec.volumeName}\\s+2Gi\\s+RWO\\s+Delete\\s+Bound\\s+default/data\\s+standard\\s+<unset>\\s+\\d+s$`, 'm'))
  })

  it('Immediate: a claim of an Immediate class is provisioned and bound without any pod', () => {
    const c = createCluster({ nodes: 1 })
    c.apply([{ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' }, provisioner: 'ebs.csi.aws.com' }, claim('data', { storageClassName: 'fast' })])
    c.settle()
    expect(pvc(c, 'data').status.phase).toBe('Bound')
    const pv: AnyObj = c.get('PersistentVolume', pvc(c, 'data').spec.volumeName)
    expect(pv.spec.nodeAffinity).toBeUndefined()
    expect(pv.spec.csi).toEqual({ driver: 'ebs.csi.aws.com', volumeHandle: pv.metadata.name })
  })

  it('a claim naming a StorageClass that does not exist stays Pending with ProvisioningFailed', () => {
    const c = createCluster({ nodes: 1 })
    c.apply(claim('data', { storageClassName: 'nope' }))
    c.advance('1m')
    expect(pvc(c, 'data').status.phase).toBe('Pending')
    expect(claimEvents(c, 'data')).toEqual(['ProvisioningFailed (persistentvolume-controller): storageclass.storage.k8s.io "nope" not found'])
  })
})

describe('static binding', () => {
  it('binds a claim to the smallest matching pre-created volume of its class', () => {
    const c = createCluster({ nodes: 1 })
    const pv = (name: string, size: string) => ({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name },
      spec: { capacity: { storage: size }, accessModes: ['ReadWriteOnce'], storageClassName: 'manual', hostPath: { path: `/mnt/${name}` } },
    })
    c.apply([pv('pv-big', '10Gi'), pv('pv-fit', '3Gi'), pv('pv-small', '1Gi')])
    c.settle()
    expect((c.get('PersistentVolume', 'pv-fit') as AnyObj).status.phase).toBe('Available')
    c.apply(claim('data', { storageClassName: 'manual' }))
    c.settle()
    expect(pvc(c, 'data').spec.volumeName).toBe('pv-fit')
    expect(pvc(c, 'data').status.capacity).toEqual({ storage: '3Gi' })
    const bound: AnyObj = c.get('PersistentVolume', 'pv-fit')
    expect(bound.status.phase).toBe('Bound')
    expect(bound.metadata.annotations['pv.kubernetes.io/bound-by-controller']).toBe('yes')
    // Retain (the default for static volumes): deleting the claim releases the volume and keeps it.
    c.delete('PersistentVolumeClaim', 'data')
    c.settle()
    expect((c.get('PersistentVolume', 'pv-fit') as AnyObj).status.phase).toBe('Released')
  })
})

describe('in-use protection and reclaim', () => {
  it('a claim used by a running pod stays Terminating until the pod is gone; then its Delete volume goes too', () => {
    const c = createCluster({ nodes: 1 })
    c.apply([claim('data'), podUsing('app', 'data')])
    c.runUntil(() => pvc(c, 'data').status.phase === 'Bound' && (c.get('Pod', 'app') as AnyObj).status?.phase === 'Running', { timeout: '1m' })
    const volumeName = pvc(c, 'data').spec.volumeName
    c.delete('PersistentVolumeClaim', 'data')
    c.advance('1m')
    expect(pvc(c, 'data').metadata.deletionTimestamp).toBeDefined()
    expect(c.kubectl('get pvc data')).toMatch(/^data\s+Terminating\s+pvc-/m)
    expect((c.get('PersistentVolume', volumeName) as AnyObj).status.phase).toBe('Bound')
    c.delete('Pod', 'app')
    c.runUntil(() => c.get('Pod', 'app') === undefined, { timeout: '2m' })
    c.settle()
    expect(pvc(c, 'data')).toBeUndefined()
    expect(c.get('PersistentVolume', volumeName)).toBeUndefined()
  })

  it('is deterministic: the same seed gives the same trace', () => {
    const run = () => {
      const c = createCluster({ nodes: 2, seed: 9 })
      c.apply([claim('data'), podUsing('app', 'data')])
      c.advance('30s')
      return c.traceHash()
    }
    expect(run()).toBe(run())
  })
})
