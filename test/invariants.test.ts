// The invariant checkers of kubesim/testing catch what they promise to catch.
import { describe, expect, it } from 'vitest'
import { createCluster } from '../src/index'
import { createInvariantChecker } from '../src/testing/index'
import { Client } from '../src/store/client'

const configMap = (name: string, extra: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...extra } })

describe('invariant checkers', () => {
  it('pass on a quiet cluster', () => {
    const cluster = createCluster({ nodes: 0 })
    cluster.create(configMap('a'))
    cluster.settle()
    expect(createInvariantChecker(cluster).check()).toEqual([])
  })

  it('flag a pod bound to a node that never existed', () => {
    const cluster = createCluster({ nodes: 0 })
    cluster.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { nodeName: 'ghost', containers: [{ name: 'c', image: 'nginx' }] } })
    const found = createInvariantChecker(cluster).check()
    expect(found).toEqual([{ invariant: 'pod-on-real-node', message: 'pod default/p is bound to node ghost, which never existed' }])
  })

  it('flag a node holding more than its allocatable CPU', () => {
    const cluster = createCluster({ nodes: 0 })
    const admin = new Client(cluster.env.store, 'test')
    admin.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'small' }, status: { allocatable: { cpu: '1', memory: '1Gi', pods: '10' } } }, { withStatus: true })
    for (const name of ['a', 'b'])
      cluster.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name },
        spec: { nodeName: 'small', containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '600m' } } }] },
      })
    expect(createInvariantChecker(cluster).check().map((v) => v.message)).toContain('node small has 1200m CPU requested of 1')
  })

  it('flag a dangling owner reference until the garbage collector has acted', () => {
    const cluster = createCluster({ nodes: 0 })
    const owner = cluster.create(configMap('owner'))
    cluster.create(configMap('child', { ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid }] }))
    cluster.delete('ConfigMap', 'owner')
    const checker = createInvariantChecker(cluster)
    expect(checker.check().map((v) => v.invariant)).toEqual(['owner-references-live'])
    cluster.settle()
    expect(checker.check()).toEqual([])
    expect(() => checker.assert()).not.toThrow()
  })
})
