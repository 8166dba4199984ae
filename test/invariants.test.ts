// The invariant checkers and convergence checks of kubesim/testing catch what they promise to catch
// (each violation constructed by hand, without controllers), and pass on a healthy cluster.
import { describe, expect, it } from 'vitest'
import { createCluster } from '../src/index'
import { InvariantError, computeDaemonSetLag, computePodsLag, computeDeploymentLag, computeJobLag, computeStatefulSetLag, createInvariantChecker, findUnconverged } from '../src/testing/index'
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

const node = (cluster: ReturnType<typeof createCluster>, name: string) =>
  new Client(cluster.env.store, 'test').create({ apiVersion: 'v1', kind: 'Node', metadata: { name }, status: { allocatable: { cpu: '8', memory: '32Gi', pods: '110' } } }, { withStatus: true })
const ownedBy = (owner: { kind: string; metadata: { name: string; uid?: string } }, apiVersion: string) => [{ apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid!, controller: true }]
const podSpec = (nodeName?: string) => ({ ...(nodeName ? { nodeName } : {}), containers: [{ name: 'c', image: 'nginx' }] })
const labels = { app: 'x' }
const template = { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }

describe('invariant checkers: workload bounds (constructed violations, no controller runs)', () => {
  it('flag two live pods of one StatefulSet with the same ordinal, parsed as upstream ("db-01" is ordinal 1)', () => {
    const cluster = createCluster({ nodes: 0 })
    const set = cluster.create({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' }, spec: { serviceName: 'db', selector: { matchLabels: labels }, template } })
    for (const name of ['db-1', 'db-01', 'db-2']) cluster.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels, ownerReferences: ownedBy(set, 'apps/v1') }, spec: podSpec() })
    expect(createInvariantChecker(cluster).check()).toEqual([{ invariant: 'statefulset-ordinal-unique', message: 'StatefulSet default/db has two live pods with ordinal 1: db-01 and db-1' }])
  })

  it('flag a DaemonSet with two live pods on one node (maxSurge 0), but not a terminating one', () => {
    const cluster = createCluster({ nodes: 0 })
    node(cluster, 'n1')
    const ds = cluster.create({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' }, spec: { selector: { matchLabels: labels }, template } })
    for (const name of ['agent-a', 'agent-b']) cluster.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels, ownerReferences: ownedBy(ds, 'apps/v1') }, spec: podSpec('n1') })
    const checker = createInvariantChecker(cluster)
    expect(checker.check()).toEqual([{ invariant: 'daemonset-pods-per-node', message: 'DaemonSet default/agent runs 2 pods on node n1 (agent-a, agent-b), at most 1 allowed' }])
    cluster.delete('Pod', 'agent-a')
    expect(checker.check()).toEqual([])
  })

  it('flag a rolling Deployment running more than replicas + maxSurge pods, unless faults are injected', () => {
    const cluster = createCluster({ nodes: 0 })
    const d = cluster.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { replicas: 2, selector: { matchLabels: labels }, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } }, template },
    })
    const rs = cluster.create({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-1', labels, ownerReferences: ownedBy(d, 'apps/v1') }, spec: { replicas: 4, selector: { matchLabels: labels }, template } })
    for (let i = 0; i < 4; i++) cluster.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `web-1-${i}`, labels, ownerReferences: ownedBy(rs, 'apps/v1') }, spec: podSpec() })
    const checker = createInvariantChecker(cluster)
    expect(checker.check()).toEqual([{ invariant: 'deployment-surge', message: 'Deployment default/web runs 4 pods, more than 2 replicas + 1 surge' }])
    expect(checker.check({ faultsInjected: true })).toEqual([])
  })

  it('flag a Job with more active pods than its parallelism; finished pods do not count', () => {
    const cluster = createCluster({ nodes: 0 })
    const job = cluster.create({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi' }, spec: { parallelism: 1, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'perl' }] } } } }) as any
    const jobLabels = job.spec.template.metadata.labels
    for (const name of ['pi-a', 'pi-b']) cluster.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: jobLabels, ownerReferences: ownedBy(job, 'batch/v1') }, spec: { ...podSpec(), restartPolicy: 'Never' } })
    const checker = createInvariantChecker(cluster)
    expect(checker.check()).toEqual([{ invariant: 'job-parallelism', message: 'Job default/pi has 2 active pods, parallelism 1' }])
    new Client(cluster.env.store, 'test').patchStatus<any>('Pod', 'default/pi-a', (d) => void (d.status = { phase: 'Succeeded' }))
    expect(checker.check()).toEqual([])
  })
})

describe('invariant checkers: pods, endpoints, revisions', () => {
  it('flag a pod that leaves a terminal phase', () => {
    const cluster = createCluster({ nodes: 0 })
    node(cluster, 'n1')
    cluster.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: podSpec('n1') })
    const admin = new Client(cluster.env.store, 'test')
    const checker = createInvariantChecker(cluster)
    admin.patchStatus<any>('Pod', 'default/p', (d) => void (d.status = { phase: 'Failed' }))
    expect(checker.check()).toEqual([])
    admin.patchStatus<any>('Pod', 'default/p', (d) => void (d.status = { phase: 'Running' }))
    expect(checker.check()).toEqual([{ invariant: 'pod-phase-terminal', message: 'pod default/p went from Failed to Running' }])
  })

  it('flag Endpoints listing a pod as ready that is not Ready, or terminating, or at another IP', () => {
    const cluster = createCluster({ nodes: 0 })
    node(cluster, 'n1')
    cluster.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc' }, spec: { selector: labels, ports: [{ port: 80 }] } })
    const admin = new Client(cluster.env.store, 'test')
    for (const [name, ip] of [['a', '10.0.0.1'], ['b', '10.0.0.2'], ['c', '10.0.0.3']]) {
      cluster.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels, finalizers: ['test/hold'] }, spec: podSpec('n1') })
      admin.patchStatus<any>('Pod', `default/${name}`, (d) => void (d.status = { phase: 'Running', podIP: ip, conditions: [{ type: 'Ready', status: name === 'b' ? 'False' : 'True' }] }))
    }
    cluster.delete('Pod', 'c')
    const address = (name: string, ip: string) => ({ ip, targetRef: { kind: 'Pod', name, namespace: 'default' } })
    admin.create({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'svc' }, subsets: [{ addresses: [address('a', '10.0.0.9'), address('b', '10.0.0.2'), address('c', '10.0.0.3')], ports: [{ port: 80 }] }] })
    expect(createInvariantChecker(cluster).check()).toEqual([
      { invariant: 'endpoints-ready-pods', message: "Endpoints default/svc lists a (10.0.0.9) as ready, but the pod's IP is 10.0.0.1" },
      { invariant: 'endpoints-ready-pods', message: 'Endpoints default/svc lists b (10.0.0.2) as ready, but it is not Ready' },
      { invariant: 'endpoints-ready-pods', message: 'Endpoints default/svc lists c (10.0.0.3) as ready, but it is terminating' },
    ])
  })

  it('flag a write whose resourceVersion does not increase', () => {
    const cluster = createCluster({ nodes: 0 })
    const checker = createInvariantChecker(cluster)
    expect(checker.check()).toEqual([])
    cluster.env.trace.record({ time: cluster.now(), actor: 'test', verb: 'update', kind: 'ConfigMap', namespace: 'default', name: 'x', resourceVersion: '1' })
    expect(checker.check().map((v) => v.invariant)).toEqual(['resource-version-order'])
  })
})

describe('checked stepping and convergence', () => {
  it('advance() asserts at every instant on the way and names the instant of the first violation', () => {
    const cluster = createCluster({ nodes: 0 })
    cluster.addController({
      name: 'rogue',
      for: 'ConfigMap',
      reconcile(key, { cluster: c }) {
        if (c.elapsed() < 30_000) return { requeueAfter: '30s' }
        if (!c.get('Pod', 'stray')) c.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stray' }, spec: podSpec('ghost') })
        return undefined
      },
    })
    cluster.create(configMap('trigger'))
    const checker = createInvariantChecker(cluster)
    expect(() => checker.advance('1m')).toThrow(InvariantError)
    expect(cluster.elapsed()).toBe(30_000)
    expect(() => checker.assert()).toThrow('invariants violated at +30000 ms:\n  [pod-on-real-node] pod default/stray is bound to node ghost, which never existed')
  })

  it('findUnconverged lists what lags, from status and from the pods, until the workload is done', () => {
    const cluster = createCluster({ nodes: 2 })
    cluster.apply([
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 2, selector: { matchLabels: labels }, template } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: labels, ports: [{ port: 80 }] } },
    ])
    // Nothing has reconciled yet; the Service selects no ready pod and lists none, which agrees.
    expect(findUnconverged(cluster)).toEqual(['Deployment default/web: want 2, have replicas 0, updated 0, available 0 (generation not observed)', 'Deployment default/web pods: 0 live pods, want 2'])
    const checker = createInvariantChecker(cluster)
    checker.runUntil(() => findUnconverged(cluster).length === 0, { timeout: '1m' })
    expect(findUnconverged(cluster)).toEqual([])
    cluster.edit('Deployment', 'web', (d: any) => void (d.spec.template.spec.containers[0].image = 'nginx:2'))
    cluster.settle()
    expect(findUnconverged(cluster).some((l) => l.startsWith('Deployment default/web pods:') && l.includes('runs c=nginx, template c=nginx:2'))).toBe(true)
    expect(() => checker.runUntil(() => false, { timeout: '10s', describe: () => 'the impossible' })).toThrow(/still waiting for: the impossible/)
  })

  it('the pure lag functions read status as rollout status does', () => {
    const meta = { name: 'x', namespace: 'default', generation: 2 }
    expect(computeDeploymentLag({ kind: 'Deployment', metadata: meta, spec: { replicas: 3 }, status: { observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 3 } } as any)).toBeUndefined()
    expect(computeDeploymentLag({ kind: 'Deployment', metadata: meta, spec: { replicas: 3 }, status: { observedGeneration: 2, replicas: 4, updatedReplicas: 3, availableReplicas: 3 } } as any)).toBe(
      'Deployment default/x: want 3, have replicas 4, updated 3, available 3',
    )
    expect(computeStatefulSetLag({ kind: 'StatefulSet', metadata: meta, spec: { replicas: 2 }, status: { observedGeneration: 2, replicas: 2, readyReplicas: 1, updatedReplicas: 2 } } as any)).toBe(
      'StatefulSet default/x: want 2, have replicas 2, ready 1, updated 2',
    )
    // A partitioned rolling update is done when the ordinals at or above the partition are updated.
    const partitioned = { kind: 'StatefulSet', metadata: meta, spec: { replicas: 3, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } } }
    expect(computeStatefulSetLag({ ...partitioned, status: { observedGeneration: 2, replicas: 3, readyReplicas: 3, updatedReplicas: 1 } } as any)).toBeUndefined()
    expect(computeStatefulSetLag({ ...partitioned, status: { observedGeneration: 2, replicas: 3, readyReplicas: 3, updatedReplicas: 0 } } as any)).toBe('StatefulSet default/x: want 3, have replicas 3, ready 3, updated 0')
    const pod = (name: string, image: string, ready = true) => ({ kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image }] }, status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] } })
    const owner = { kind: 'StatefulSet', metadata: meta, spec: { template: { spec: { containers: [{ name: 'c', image: 'v2' }] } } } } as any
    expect(computePodsLag(owner, [pod('x-0', 'v1'), pod('x-1', 'v2')] as any, 2, { onTemplate: (p) => p.metadata.name !== 'x-0' })).toBeUndefined()
    expect(computePodsLag(owner, [pod('x-0', 'v1'), pod('x-1', 'v2', false)] as any, 3)).toBe('StatefulSet default/x pods: 2 live pods, want 3, x-0 runs c=v1, template c=v2, x-1 not Ready')
    expect(computeDaemonSetLag({ kind: 'DaemonSet', metadata: meta, spec: {}, status: { observedGeneration: 2, desiredNumberScheduled: 3, currentNumberScheduled: 3, numberAvailable: 3, updatedNumberScheduled: 3 } } as any)).toBeUndefined()
    expect(computeJobLag({ kind: 'Job', metadata: meta, spec: {}, status: { conditions: [{ type: 'Failed', status: 'True' }] } } as any)).toBeUndefined()
    expect(computeJobLag({ kind: 'Job', metadata: meta, spec: {}, status: { active: 1 } } as any)).toBe('Job default/x: not finished (active 1, succeeded 0, failed 0)')
  })
})
