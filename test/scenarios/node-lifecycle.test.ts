// A node that stops posting status: Unknown after the grace period, tainted, its pods evicted after
// their tolerations run out; a node that comes back; PodGC after the Node is deleted
// (semantics.md §11.2–11.6, testable facts 11.1, 11.2, 11.4, 11.5, 11.6, 11.8).
import { describe, expect, it } from 'vitest'
import { createCluster, type Cluster } from '../../src/index'

function pod(name: string, nodeName: string, extra: Record<string, unknown> = {}) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: 'web' } },
    spec: { nodeSelector: { 'kubernetes.io/hostname': nodeName }, containers: [{ name: 'web', image: 'nginx:1.27' }], ...extra },
  }
}

const ready = (cluster: Cluster, kind: 'Node' | 'Pod', name: string) => (cluster.get(kind, name) as any)?.status?.conditions?.find((c: any) => c.type === 'Ready')?.status
const taintsOf = (cluster: Cluster, name: string) => ((cluster.get('Node', name) as any).spec?.taints ?? []).map((t: any) => `${t.key}:${t.effect}`)

describe('a node that stops (semantics.md §11.5)', () => {
  it('goes Unknown at the first 5 s tick after stop + 50 s, then gets the unreachable NoExecute taint 5 s later', () => {
    const cluster = createCluster({ seed: 1, nodes: 3 })
    cluster.apply(pod('web', 'node-2'))
    cluster.runUntil(() => ready(cluster, 'Pod', 'web') === 'True', { timeout: '1m' })
    cluster.advance('5s')
    const stoppedAt = cluster.elapsed()
    cluster.stopNode('node-2')
    const unknownAfter = cluster.runUntil(() => ready(cluster, 'Node', 'node-2') === 'Unknown', { timeout: '2m' })
    expect(stoppedAt + unknownAfter).toBe(Math.floor((stoppedAt + 50_000) / 5_000) * 5_000 + 5_000)
    const node = cluster.get('Node', 'node-2') as any
    expect(node.status.conditions.find((c: any) => c.type === 'Ready')).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' })
    expect(taintsOf(cluster, 'node-2')).toEqual(['node.kubernetes.io/unreachable:NoSchedule'])
    expect(ready(cluster, 'Pod', 'web')).toBe('False')
    expect(cluster.events({ involvedObject: { kind: 'Node', name: 'node-2' } }).map((e: any) => `${e.reason}: ${e.message}`)).toContain('NodeNotReady: Node node-2 status is now: NodeNotReady')
    const taintedAfter = cluster.runUntil(() => taintsOf(cluster, 'node-2').includes('node.kubernetes.io/unreachable:NoExecute'), { timeout: '1m' })
    expect(taintedAfter).toBe(5_000)
  })

  it('evicts a pod with the default 300 s toleration 300 s after the taint; it stays Terminating', () => {
    const cluster = createCluster({ seed: 2, nodes: 3 })
    cluster.apply(pod('web', 'node-2'))
    cluster.runUntil(() => ready(cluster, 'Pod', 'web') === 'True', { timeout: '1m' })
    cluster.stopNode('node-2')
    cluster.runUntil(() => taintsOf(cluster, 'node-2').includes('node.kubernetes.io/unreachable:NoExecute'), { timeout: '2m' })
    const taintedAt = cluster.now()
    const evictedAfter = cluster.runUntil(() => Boolean((cluster.get('Pod', 'web') as any)?.metadata.deletionTimestamp), { timeout: '10m' })
    expect(evictedAfter).toBe(300_000)
    const evicted = cluster.get('Pod', 'web') as any
    expect(evicted.status.conditions.find((c: any) => c.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'DeletionByTaintManager' })
    expect(cluster.events({ involvedObject: { kind: 'Pod', name: 'web' } }).map((e: any) => e.message)).toContain('Marking for deletion Pod default/web')
    cluster.advance('2m')
    expect(cluster.get('Pod', 'web')).toBeDefined() // no kubelet confirms the deletion
    expect(cluster.now() - taintedAt).toBeGreaterThan(300_000)
  })

  it('evicts after tolerationSeconds 30 when the pod says so', () => {
    const cluster = createCluster({ seed: 3, nodes: 3 })
    cluster.apply(pod('quick', 'node-1', { tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }] }))
    cluster.runUntil(() => ready(cluster, 'Pod', 'quick') === 'True', { timeout: '1m' })
    cluster.stopNode('node-1')
    cluster.runUntil(() => taintsOf(cluster, 'node-1').includes('node.kubernetes.io/unreachable:NoExecute'), { timeout: '2m' })
    expect(cluster.runUntil(() => Boolean((cluster.get('Pod', 'quick') as any)?.metadata.deletionTimestamp), { timeout: '2m' })).toBe(30_000)
  })

  it('a node that comes back before the tolerations run out is untainted and its pods are Ready again, with no eviction', () => {
    const cluster = createCluster({ seed: 4, nodes: 3 })
    cluster.apply(pod('web', 'node-3'))
    cluster.runUntil(() => ready(cluster, 'Pod', 'web') === 'True', { timeout: '1m' })
    cluster.stopNode('node-3')
    cluster.runUntil(() => taintsOf(cluster, 'node-3').includes('node.kubernetes.io/unreachable:NoExecute'), { timeout: '2m' })
    cluster.advance('1m')
    cluster.startNode('node-3')
    cluster.runUntil(() => ready(cluster, 'Pod', 'web') === 'True' && taintsOf(cluster, 'node-3').length === 0, { timeout: '1m' })
    expect(ready(cluster, 'Node', 'node-3')).toBe('True')
    expect(cluster.events({ involvedObject: { kind: 'Pod', name: 'web' } }).map((e: any) => e.message)).toContain('Cancelling deletion of Pod default/web')
    cluster.advance('10m')
    expect((cluster.get('Pod', 'web') as any).metadata.deletionTimestamp).toBeUndefined()
  })

  it('a single-node cluster whose node dies is never tainted NoExecute: pods are only marked not ready', () => {
    const cluster = createCluster({ seed: 5, nodes: 1 })
    cluster.apply(pod('web', 'node-1'))
    cluster.runUntil(() => ready(cluster, 'Pod', 'web') === 'True', { timeout: '1m' })
    cluster.stopNode('node-1')
    cluster.advance('10m')
    expect(ready(cluster, 'Node', 'node-1')).toBe('Unknown')
    expect(ready(cluster, 'Pod', 'web')).toBe('False')
    expect(taintsOf(cluster, 'node-1')).toEqual(['node.kubernetes.io/unreachable:NoSchedule'])
    expect((cluster.get('Pod', 'web') as any).metadata.deletionTimestamp).toBeUndefined()
  })

  it('schedules nothing while every node is healthy: idle time is free', () => {
    const cluster = createCluster({ seed: 6, nodes: 3 })
    cluster.settle()
    const before = cluster.trace().length
    cluster.advance('1h')
    expect(cluster.trace().length).toBe(before)
    expect(cluster.env.clock.pending).toBe(0)
  })
})

describe('NoExecute taints set by a user (semantics.md §11.4, testable fact 11.3)', () => {
  it('deletes intolerant pods at once, a pod tolerating 60 s after 60 s, and removing the taint cancels', () => {
    const cluster = createCluster({ seed: 10, nodes: 3 })
    const tolerate60 = { tolerations: [{ key: 'maintenance', operator: 'Equal', value: 'true', effect: 'NoExecute', tolerationSeconds: 60 }] }
    cluster.apply([pod('plain', 'node-1'), pod('patient', 'node-1', tolerate60), pod('second', 'node-2', tolerate60)])
    cluster.runUntil(() => ['plain', 'patient', 'second'].every((n) => ready(cluster, 'Pod', n) === 'True'), { timeout: '1m' })
    const taint = (node: string, on: boolean) =>
      cluster.edit('Node', node, (d: any) => {
        const others = (d.spec.taints ?? []).filter((t: any) => t.key !== 'maintenance')
        d.spec.taints = on ? [...others, { key: 'maintenance', value: 'true', effect: 'NoExecute' }] : others
      })
    taint('node-1', true)
    taint('node-2', true)
    cluster.settle()
    expect((cluster.get('Pod', 'plain') as any)?.metadata.deletionTimestamp ?? 'gone').toBeTruthy()
    expect((cluster.get('Pod', 'patient') as any).metadata.deletionTimestamp).toBeUndefined()
    cluster.advance('30s')
    taint('node-2', false)
    cluster.advance('40s')
    expect((cluster.get('Pod', 'patient') as any)?.metadata.deletionTimestamp ?? 'gone').toBeTruthy()
    expect((cluster.get('Pod', 'second') as any).metadata.deletionTimestamp).toBeUndefined()
    expect(cluster.events({ involvedObject: { kind: 'Pod', name: 'second' } }).map((e: any) => e.message)).toContain('Cancelling deletion of Pod default/second')
  })
})

describe('controllers on a dead node (semantics.md §11.5, testable facts 11.4, 11.5)', () => {
  it('a DaemonSet pod tolerates unreachable forever: never evicted, only marked not ready', () => {
    const cluster = createCluster({ seed: 8, nodes: 3 })
    cluster.apply({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent' },
      spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: 'busybox:1.36' }] } } },
    })
    const onNode2 = () => cluster.list('Pod', { labelSelector: 'app=agent' }).find((p: any) => p.spec.nodeName === 'node-2') as any
    cluster.runUntil(() => onNode2()?.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True'), { timeout: '1m' })
    cluster.stopNode('node-2')
    cluster.advance('10m')
    expect(taintsOf(cluster, 'node-2')).toContain('node.kubernetes.io/unreachable:NoExecute')
    expect(onNode2().metadata.deletionTimestamp).toBeUndefined()
    expect(onNode2().status.conditions.find((c: any) => c.type === 'Ready').status).toBe('False')
  })

  it('a StatefulSet pod is evicted but stays Terminating with no replacement; after the Node is deleted PodGC frees its identity', () => {
    const cluster = createCluster({ seed: 9, nodes: 3 })
    cluster.apply({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db' },
      spec: { replicas: 3, serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'nginx:1.27' }] } } },
    })
    cluster.runUntil(() => cluster.list('Pod', { labelSelector: 'app=db' }).filter((p: any) => p.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True')).length === 3, { timeout: '2m' })
    const victim = (cluster.list('Pod', { labelSelector: 'app=db' }) as any[]).find((p) => p.metadata.name === 'db-1')
    const node = victim.spec.nodeName
    cluster.stopNode(node)
    cluster.runUntil(() => Boolean((cluster.get('Pod', 'db-1') as any)?.metadata.deletionTimestamp), { timeout: '10m' })
    cluster.advance('2m')
    expect((cluster.get('Pod', 'db-1') as any).metadata.uid).toBe(victim.metadata.uid) // same identity, still Terminating
    cluster.delete('Node', node)
    cluster.runUntil(() => (cluster.get('Pod', 'db-1') as any)?.metadata.uid !== victim.metadata.uid, { timeout: '2m' })
    cluster.runUntil(() => ready(cluster, 'Pod', 'db-1') === 'True', { timeout: '2m' })
    expect((cluster.get('Pod', 'db-1') as any).spec.nodeName).not.toBe(node)
  })
})

describe('PodGC (semantics.md §11.6)', () => {
  it('force-deletes the pods of a deleted Node after the 40 s quarantine, marking them Failed with DeletionByPodGC', () => {
    const cluster = createCluster({ seed: 7, nodes: 3 })
    cluster.apply(pod('web', 'node-2'))
    cluster.runUntil(() => ready(cluster, 'Pod', 'web') === 'True', { timeout: '1m' })
    const seen: any[] = []
    cluster.watch('Pod', (e) => seen.push(e.object))
    cluster.stopNode('node-2')
    cluster.delete('Node', 'node-2')
    const deletedAt = cluster.now()
    const after = cluster.runUntil(() => cluster.get('Pod', 'web') === undefined, { timeout: '2m' })
    expect(after).toBeGreaterThanOrEqual(40_000)
    expect(after).toBeLessThanOrEqual(60_000)
    expect(cluster.now() - deletedAt).toBe(after)
    const last = seen[seen.length - 1]
    expect(last.status.phase).toBe('Failed')
    expect(last.status.conditions.find((c: any) => c.type === 'DisruptionTarget')).toMatchObject({ reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' })
  })
})
