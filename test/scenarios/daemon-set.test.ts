// DaemonSets end to end: the daemonset-controller with the scheduler, kubelets and node changes (semantics §7).
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createCluster } from '../../src/index'
import { CORPUS } from '../corpus'

const corpus = (path: string) => readFileSync(`${CORPUS}/website/content/${path}`, 'utf8')
type C = ReturnType<typeof createCluster>
const ns = { namespace: 'kube-system' }
const dsPods = (cluster: C) => (cluster.list('Pod', { ...ns, labelSelector: 'name=fluentd-elasticsearch' }) as any[]).filter((p) => !p.metadata.deletionTimestamp)
const nodesOf = (cluster: C) => dsPods(cluster).map((p) => p.spec.nodeName).sort()
const status = (cluster: C) => (cluster.get('DaemonSet', 'fluentd-elasticsearch', ns) as any).status
const allReady = (cluster: C, n: number) => status(cluster)?.numberReady === n && status(cluster)?.desiredNumberScheduled === n

describe('DaemonSet (§7)', () => {
  it('runs one corpus fluentd pod per node, pinned by matchFields and bound by the scheduler', () => {
    const cluster = createCluster({ nodes: 3 })
    cluster.apply(corpus('en/examples/controllers/daemonset.yaml'))
    cluster.runUntil(() => allReady(cluster, 3), { timeout: '1m' })
    expect(nodesOf(cluster)).toEqual(['node-1', 'node-2', 'node-3'])
    const pod = dsPods(cluster).find((p) => p.spec.nodeName === 'node-2')
    expect(pod.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution).toEqual({ nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-2'] }] }] })
    expect(pod.spec.tolerations.map((t: any) => t.key)).toEqual([
      'node-role.kubernetes.io/master',
      'node.kubernetes.io/not-ready',
      'node.kubernetes.io/unreachable',
      'node.kubernetes.io/disk-pressure',
      'node.kubernetes.io/memory-pressure',
      'node.kubernetes.io/pid-pressure',
      'node.kubernetes.io/unschedulable',
    ])
    const ds = cluster.get('DaemonSet', 'fluentd-elasticsearch', ns) as any
    const [revision] = cluster.list('ControllerRevision', ns) as any[]
    expect(revision.metadata.name).toBe(`fluentd-elasticsearch-${pod.metadata.labels['controller-revision-hash']}`)
    expect(revision.revision).toBe(1)
    expect(pod.metadata.labels['pod-template-generation']).toBe('1')
    expect(ds.status).toMatchObject({ desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 3, numberAvailable: 3, updatedNumberScheduled: 3, numberMisscheduled: 0, observedGeneration: 1 })
    expect(ds.status.numberUnavailable).toBeUndefined()
    expect(cluster.events({ namespace: 'kube-system', involvedObject: { kind: 'DaemonSet' } }).map((e: any) => e.reason)).toEqual(['SuccessfulCreate', 'SuccessfulCreate', 'SuccessfulCreate'])
    expect(cluster.events({ namespace: 'kube-system', involvedObject: { kind: 'Pod', name: pod.metadata.name } }).map((e: any) => e.reason)).toContain('Scheduled')
  })

  it('follows addNode and removeNode', () => {
    const cluster = createCluster({ nodes: 3 })
    cluster.apply(corpus('en/examples/controllers/fluentd-daemonset.yaml'))
    cluster.runUntil(() => allReady(cluster, 3), { timeout: '1m' })
    cluster.addNode({ name: 'node-4' })
    cluster.settle()
    expect(status(cluster).desiredNumberScheduled).toBe(4)
    expect(nodesOf(cluster)).toEqual(['node-1', 'node-2', 'node-3', 'node-4'])
    cluster.runUntil(() => allReady(cluster, 4), { timeout: '1m' })
    cluster.removeNode('node-2')
    cluster.runUntil(() => nodesOf(cluster).length === 3 && status(cluster).desiredNumberScheduled === 3, { timeout: '5m' })
    expect(nodesOf(cluster)).toEqual(['node-1', 'node-3', 'node-4'])
  })

  it('respects node taints: an untolerated NoSchedule taint skips a node until the toleration is added', () => {
    const cluster = createCluster({ nodes: [{ name: 'a' }, { name: 'b' }, { name: 'c', taints: [{ key: 'dedicated', value: 'infra', effect: 'NoSchedule' }] }] })
    cluster.apply(corpus('en/examples/controllers/fluentd-daemonset.yaml'))
    cluster.settle()
    expect(nodesOf(cluster)).toEqual(['a', 'b'])
    expect(status(cluster).desiredNumberScheduled).toBe(2)
    cluster.edit('DaemonSet', 'fluentd-elasticsearch', (d: any) => void d.spec.template.spec.tolerations.push({ key: 'dedicated', operator: 'Equal', value: 'infra', effect: 'NoSchedule' }), ns)
    cluster.settle()
    expect(nodesOf(cluster)).toEqual(['a', 'b', 'c'])
  })

  it('keeps its pod on a cordoned node and still places a new daemon pod there', () => {
    const cluster = createCluster({ nodes: 2 })
    cluster.cordon('node-1')
    cluster.apply(corpus('en/examples/controllers/fluentd-daemonset.yaml'))
    cluster.runUntil(() => allReady(cluster, 2), { timeout: '1m' })
    expect(nodesOf(cluster)).toEqual(['node-1', 'node-2'])
  })

  it('respects node labels: relabelling a node adds or removes its daemon pod', () => {
    const cluster = createCluster({ nodes: [{ name: 'a', labels: { logging: 'on' } }, { name: 'b' }] })
    const manifest = corpus('en/examples/controllers/fluentd-daemonset.yaml').replace('    spec:\n      tolerations:', '    spec:\n      nodeSelector:\n        logging: "on"\n      tolerations:')
    cluster.apply(manifest)
    cluster.settle()
    expect(nodesOf(cluster)).toEqual(['a'])
    cluster.edit('Node', 'b', (n: any) => void (n.metadata.labels.logging = 'on'))
    cluster.settle()
    expect(nodesOf(cluster)).toEqual(['a', 'b'])
    cluster.edit('Node', 'a', (n: any) => void delete n.metadata.labels.logging)
    cluster.settle()
    expect(nodesOf(cluster)).toEqual(['b'])
  })

  it('rolls an image change out one node at a time (maxUnavailable 1)', () => {
    const cluster = createCluster({ nodes: 4 })
    cluster.apply(corpus('en/examples/controllers/fluentd-daemonset.yaml'))
    cluster.runUntil(() => allReady(cluster, 4), { timeout: '1m' })
    const updatedSeen: number[] = []
    let maxUnavailable = 0
    cluster.watch('DaemonSet', ({ object }) => {
      const s = (object as any).status ?? {}
      if (updatedSeen.at(-1) !== (s.updatedNumberScheduled ?? 0)) updatedSeen.push(s.updatedNumberScheduled ?? 0)
      maxUnavailable = Math.max(maxUnavailable, s.numberUnavailable ?? 0)
    }, ns)
    cluster.edit('DaemonSet', 'fluentd-elasticsearch', (d: any) => void (d.spec.template.spec.containers[0].image = 'quay.io/fluentd_elasticsearch/fluentd:v2.6.0'), ns)
    cluster.runUntil(() => status(cluster).updatedNumberScheduled === 4 && status(cluster).numberAvailable === 4, { timeout: '10m' })
    // 4 before the controller sees the new template, then one node at a time.
    expect(updatedSeen).toEqual([4, 0, 1, 2, 3, 4])
    expect(maxUnavailable).toBe(1)
    expect(dsPods(cluster).every((p) => p.spec.containers[0].image.endsWith('v2.6.0'))).toBe(true)
    expect((cluster.list('ControllerRevision', ns) as any[]).map((r) => r.revision).sort()).toEqual([1, 2])
    expect(status(cluster).observedGeneration).toBe(2)
  })

  it('OnDelete replaces a pod only when the user deletes it', () => {
    const cluster = createCluster({ nodes: 2 })
    const manifest = corpus('en/examples/controllers/fluentd-daemonset.yaml').replace(/updateStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxUnavailable: 1/, 'updateStrategy:\n    type: OnDelete')
    cluster.apply(manifest)
    cluster.runUntil(() => allReady(cluster, 2), { timeout: '1m' })
    cluster.edit('DaemonSet', 'fluentd-elasticsearch', (d: any) => void (d.spec.template.spec.containers[0].image = 'fluentd:new'), ns)
    cluster.advance('1m')
    expect(dsPods(cluster).map((p) => p.spec.containers[0].image)).toEqual(['quay.io/fluentd_elasticsearch/fluentd:v2.5.2', 'quay.io/fluentd_elasticsearch/fluentd:v2.5.2'])
    const victim = dsPods(cluster).find((p) => p.spec.nodeName === 'node-1')
    cluster.delete('Pod', victim.metadata.name, ns)
    cluster.runUntil(() => dsPods(cluster).some((p) => p.spec.containers[0].image === 'fluentd:new'), { timeout: '2m' })
    expect(dsPods(cluster).find((p) => p.spec.nodeName === 'node-1').spec.containers[0].image).toBe('fluentd:new')
    expect(dsPods(cluster).find((p) => p.spec.nodeName === 'node-2').spec.containers[0].image).toBe('quay.io/fluentd_elasticsearch/fluentd:v2.5.2')
  })
})
