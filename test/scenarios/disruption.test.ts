// PodDisruptionBudgets, the eviction API and kubectl drain on the corpus zookeeper ensemble
// (semantics.md §13.1, §13.2, testable facts 13.1, 13.3, 13.4).
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createCluster, TooManyRequestsError, type Cluster } from '../../src/index'
import { CORPUS } from '../corpus'

const zookeeper = readFileSync(`${CORPUS}/website/content/en/examples/application/zookeeper/zookeeper.yaml`, 'utf8')

const isReady = (p: any) => !p.metadata.deletionTimestamp && p.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True')
const readyZk = (cluster: Cluster) => cluster.list('Pod', { labelSelector: 'app.kubernetes.io/name=zk' }).filter(isReady).length
const pdbStatus = (cluster: Cluster) => (cluster.get('PodDisruptionBudget', 'zk-pdb') as any).status

/**
 * The tutorial ran on a cloud cluster whose default class provisions network disks, which follow a
 * pod to another node; kind's default (local-path) would pin each zk pod to its first node.
 */
const networkDisks = {
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name: 'standard-rwo', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
  provisioner: 'pd.csi.storage.gke.io',
  volumeBindingMode: 'WaitForFirstConsumer',
}

function zkCluster(seed: number): Cluster {
  const cluster = createCluster({ seed, nodes: 3 })
  cluster.edit('StorageClass', 'standard', (d) => void delete d.metadata.annotations!['storageclass.kubernetes.io/is-default-class'])
  cluster.apply(networkDisks)
  cluster.apply(zookeeper)
  cluster.runUntil(() => readyZk(cluster) === 3, { timeout: '5m', description: 'three ready zookeeper pods' })
  cluster.settle()
  return cluster
}

describe('PodDisruptionBudget status (zk-pdb, maxUnavailable 1)', () => {
  it('counts the StatefulSet scale: expected 3, desired 2, healthy 3, one disruption allowed', () => {
    const cluster = zkCluster(1)
    expect(pdbStatus(cluster)).toMatchObject({ expectedPods: 3, desiredHealthy: 2, currentHealthy: 3, disruptionsAllowed: 1, observedGeneration: 1 })
    expect(pdbStatus(cluster).conditions).toEqual([expect.objectContaining({ type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods' })])
  })
})

describe('the eviction API', () => {
  it('evicts one pod, then refuses a second eviction that would break the budget (429)', () => {
    const cluster = zkCluster(2)
    cluster.evict('zk-0')
    const evicted = cluster.get('Pod', 'zk-0') as any
    expect(evicted?.status.conditions.find((c: any) => c.type === 'DisruptionTarget')).toMatchObject({ reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' })
    expect(pdbStatus(cluster).disruptionsAllowed).toBe(0)
    expect(Object.keys(pdbStatus(cluster).disruptedPods)).toEqual(['zk-0'])
    let refusal: unknown
    try {
      cluster.evict('zk-1')
    } catch (error) {
      refusal = error
    }
    expect(refusal).toBeInstanceOf(TooManyRequestsError)
    expect((refusal as Error).message).toBe("Cannot evict pod as it would violate the pod's disruption budget. The disruption budget zk-pdb needs 2 healthy pods and has 3 currently")
    expect((refusal as TooManyRequestsError).disruptionBudget).toBe('zk-pdb')
    expect(isReady(cluster.get('Pod', 'zk-1'))).toBe(true)
    // Once the disruption controller has re-synced, the message uses the new counts.
    cluster.settle()
    expect(() => cluster.evict('zk-1')).toThrow('needs 2 healthy pods and has 2 currently')
    // After zk-0's replacement is Ready, zk-1 may go.
    cluster.runUntil(() => readyZk(cluster) === 3, { timeout: '5m' })
    cluster.settle()
    expect(() => cluster.evict('zk-1')).not.toThrow()
  })

  it('evicts a Pending pod regardless of any budget', () => {
    const cluster = zkCluster(3)
    cluster.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'zk-extra', labels: { 'app.kubernetes.io/name': 'zk' } }, spec: { nodeSelector: { nowhere: 'true' }, containers: [{ name: 'c', image: 'nginx' }] } })
    cluster.settle()
    cluster.evict('zk-0')
    expect(() => cluster.evict('zk-extra')).not.toThrow()
    expect(cluster.get('Pod', 'zk-extra')).toBeUndefined()
  })

  it('refuses with a 500 when two budgets select the pod', () => {
    const cluster = zkCluster(4)
    cluster.apply({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'zk-pdb-2' }, spec: { minAvailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': 'zk' } } } })
    cluster.settle()
    expect(() => cluster.evict('zk-0')).toThrow('This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.')
  })

  it('refuses while the budget has not been processed since its last change', () => {
    const cluster = zkCluster(5)
    cluster.edit('PodDisruptionBudget', 'zk-pdb', (d: any) => void (d.spec.maxUnavailable = 2))
    expect(() => cluster.evict('zk-0')).toThrow('The disruption budget zk-pdb is still being processed by the server.')
  })
})

describe('kubectl drain', () => {
  it('draining two nodes at once evicts one zookeeper pod at a time: never fewer than 2 ready', () => {
    const cluster = zkCluster(6)
    const nodes = [...new Set(cluster.list('Pod', { labelSelector: 'app.kubernetes.io/name=zk' }).map((p: any) => p.spec.nodeName))].sort()
    expect(nodes.length).toBeGreaterThanOrEqual(2)
    const drains = [cluster.drain(nodes[0]), cluster.drain(nodes[1])]
    let minReady = readyZk(cluster)
    expect(minReady).toBe(2) // one eviction granted at once, the other refused
    cluster.runUntil(
      () => {
        minReady = Math.min(minReady, readyZk(cluster))
        return drains.every((d) => d.done())
      },
      { timeout: '15m', description: 'both drains to finish' },
    )
    expect(minReady).toBe(2)
    expect(drains[0].refusals() + drains[1].refusals()).toBeGreaterThan(0)
    expect(drains.flatMap((d) => d.messages())[0]).toMatch(/^error when evicting pods\/"zk-\d" -n "default" \(will retry after 5s\): Cannot evict pod as it would violate the pod's disruption budget\.$/)
    for (const name of nodes.slice(0, 2)) expect((cluster.get('Node', name) as any).spec.unschedulable).toBe(true)
    cluster.runUntil(() => readyZk(cluster) === 3, { timeout: '5m' })
    const placed = cluster.list('Pod', { labelSelector: 'app.kubernetes.io/name=zk' }).map((p: any) => p.spec.nodeName)
    expect(placed.filter((n: string) => nodes.slice(0, 2).includes(n))).toEqual([])
  })
})
