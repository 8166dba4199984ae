// VolumeBinding PreFilter/Filter (pkg/scheduler/framework/plugins/volumebinding): reasons as upstream prints them.
import { describe, expect, it } from 'vitest'
import type { PersistentVolume } from '../../api/persistent-volume'
import type { PersistentVolumeClaim } from '../../api/persistent-volume-claim'
import type { StorageClass } from '../../api/storage-class'
import { computeFitErrorMessage } from './fit-error'
import { filterVolumeBinding, preFilterVolumeBinding, type VolumeBindingLookups } from './filter-volume-binding'
import { makeNode, makePod } from './test-builders'
import { createNodeInfo } from './node-info'

const sc = (name: string, mode: 'Immediate' | 'WaitForFirstConsumer', provisioner = 'rancher.io/local-path'): StorageClass =>
  ({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name }, provisioner, volumeBindingMode: mode }) as StorageClass

function claim(name: string, o: { className?: string; volumeName?: string; bound?: boolean; selectedNode?: string; deleting?: boolean } = {}): PersistentVolumeClaim {
  const annotations: Record<string, string> = {}
  if (o.bound) annotations['pv.kubernetes.io/bind-completed'] = 'yes'
  if (o.selectedNode) annotations['volume.kubernetes.io/selected-node'] = o.selectedNode
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'default', annotations, ...(o.deleting ? { deletionTimestamp: '2025-01-01T00:00:00Z' } : {}) },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: o.className, volumeName: o.volumeName },
    status: { phase: o.bound ? 'Bound' : 'Pending' },
  } as PersistentVolumeClaim
}

const pv = (name: string, node: string): PersistentVolume =>
  ({
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name },
    spec: {
      capacity: { storage: '1Gi' },
      accessModes: ['ReadWriteOnce'],
      storageClassName: 'local',
      nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } },
    },
    status: { phase: 'Available' },
  }) as PersistentVolume

function lookups(claims: PersistentVolumeClaim[], classes: StorageClass[] = [], volumes: PersistentVolume[] = []): VolumeBindingLookups {
  return {
    claim: (ns, name) => claims.find((c) => c.metadata.name === name && c.metadata.namespace === ns),
    storageClass: (name) => classes.find((c) => c.metadata.name === name),
    volume: (name) => volumes.find((v) => v.metadata.name === name),
    volumesOfClass: (name) => volumes.filter((v) => v.spec.storageClassName === name),
  }
}

const podWith = (claimName: string) => makePod('web-0', { spec: { volumes: [{ name: 'www', persistentVolumeClaim: { claimName } }] } })
const node1 = createNodeInfo(makeNode('node-1'))
const node2 = createNodeInfo(makeNode('node-2'))

describe('VolumeBinding', () => {
  it('ignores pods without claims', () => {
    expect(filterVolumeBinding(makePod('p'), node1, lookups([]))).toBeUndefined()
  })

  it('PreFilter: a claim whose StorageClass does not exist counts as unbound immediate', () => {
    const l = lookups([claim('www-web-0', { className: 'my-storage-class' })])
    const rejection = preFilterVolumeBinding(podWith('www-web-0'), l)
    expect(rejection).toMatchObject({ plugin: 'VolumeBinding', reason: 'pod has unbound immediate PersistentVolumeClaims', unresolvable: true })
    expect(computeFitErrorMessage({ numAllNodes: 3, statuses: [], preFilterMessage: rejection!.reason, postFilterMessage: 'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.' })).toBe(
      '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    )
  })

  it('PreFilter: missing and terminating claims', () => {
    expect(preFilterVolumeBinding(podWith('nope'), lookups([]))?.reason).toBe('persistentvolumeclaim "nope" not found')
    expect(preFilterVolumeBinding(podWith('www'), lookups([claim('www', { className: 'standard', deleting: true })], [sc('standard', 'WaitForFirstConsumer')]))?.reason).toBe(
      'persistentvolumeclaim "www" is being deleted',
    )
  })

  it('WaitForFirstConsumer claims pass on any node until a node is selected, then only there', () => {
    const classes = [sc('standard', 'WaitForFirstConsumer')]
    expect(filterVolumeBinding(podWith('www'), node1, lookups([claim('www', { className: 'standard' })], classes))).toBeUndefined()
    const selected = lookups([claim('www', { className: 'standard', selectedNode: 'node-1' })], classes)
    expect(filterVolumeBinding(podWith('www'), node1, selected)).toBeUndefined()
    expect(filterVolumeBinding(podWith('www'), node2, selected)?.reason).toBe("node(s) didn't find available persistent volumes to bind")
  })

  it('no-provisioner classes need a matching local volume on the node', () => {
    const classes = [sc('local', 'WaitForFirstConsumer', 'kubernetes.io/no-provisioner')]
    const l = lookups([claim('www', { className: 'local' })], classes, [pv('local-pv-1', 'node-1')])
    expect(filterVolumeBinding(podWith('www'), node1, l)).toBeUndefined()
    expect(filterVolumeBinding(podWith('www'), node2, l)?.reason).toBe("node(s) didn't find available persistent volumes to bind")
  })

  it('a bound claim follows its volume node affinity, and a missing volume is reported', () => {
    const boundTo = (volumeName: string) => claim('www', { className: 'local', volumeName, bound: true })
    const l = lookups([boundTo('local-pv-1')], [], [pv('local-pv-1', 'node-1')])
    expect(filterVolumeBinding(podWith('www'), node1, l)).toBeUndefined()
    expect(filterVolumeBinding(podWith('www'), node2, l)?.reason).toBe('node(s) had volume node affinity conflict')
    expect(filterVolumeBinding(podWith('www'), node1, lookups([boundTo('gone')], [], []))?.reason).toBe(
      'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)',
    )
  })
})
