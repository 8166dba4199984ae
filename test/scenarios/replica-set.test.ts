// ReplicaSets and ReplicationControllers end to end (semantics.md §4, §12): creation with events,
// terminating pods not counted, adoption and release, minReadySeconds, deletion halting the
// controller, and the kubernetes.io walkthrough manifests from the corpus.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ValidationError, createCluster, type Cluster } from '../../src/index'
import { CORPUS } from '../corpus'

type Any = any
const corpus = (path: string) => readFileSync(`${CORPUS}/website/content/en/examples/${path}`, 'utf8')

function replicaSet(name: string, replicas: number, extra: { minReadySeconds?: number; annotations?: Record<string, string> } = {}) {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name },
    spec: {
      replicas,
      ...(extra.minReadySeconds ? { minReadySeconds: extra.minReadySeconds } : {}),
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name }, ...(extra.annotations ? { annotations: extra.annotations } : {}) }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
    },
  }
}

const rs = (c: Cluster, name: string): Any => c.get('ReplicaSet', name)
const podsOf = (c: Cluster, app: string) => c.list('Pod', { labelSelector: `app=${app}` }) as Any[]

describe('ReplicaSet controller (semantics.md §4)', () => {
  it('creates 10 pods in one sync with a SuccessfulCreate event each, named <rs>-<5 chars> (fact 4.1)', () => {
    const c = createCluster({ nodes: 3 })
    c.apply(replicaSet('web', 10))
    c.settle()
    const pods = podsOf(c, 'web')
    expect(pods).toHaveLength(10)
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/)
      expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs(c, 'web').metadata.uid, controller: true, blockOwnerDeletion: true }])
    }
    const created = c.events({ involvedObject: { kind: 'ReplicaSet', name: 'web' } }).filter((e: Any) => e.reason === 'SuccessfulCreate')
    expect(created.map((e: Any) => e.message).sort()).toEqual(pods.map((p) => `Created pod: ${p.metadata.name}`).sort())
    expect(created.every((e: Any) => e.source.component === 'replicaset-controller' && e.type === 'Normal')).toBe(true)
    c.runUntil(() => rs(c, 'web').status?.readyReplicas === 10)
    expect(rs(c, 'web').status).toEqual({ replicas: 10, fullyLabeledReplicas: 10, readyReplicas: 10, availableReplicas: 10, terminatingReplicas: 0, observedGeneration: 1 })
  })

  it('counts pods that become Ready at the same instant in one status write, as a queue coalesces a burst of pod updates', () => {
    const c = createCluster({ nodes: 3 })
    const ready: number[] = []
    c.watch('ReplicaSet', (e: Any) => {
      if (e.type === 'MODIFIED') ready.push(e.object.status?.readyReplicas)
    })
    c.apply(replicaSet('web', 10))
    c.runUntil(() => rs(c, 'web').status?.readyReplicas === 10)
    // Every pod pulls the image for 2 s and starts at once: all ten are Ready at one instant, and
    // their updates wait together in the controller's queue (one key), read by one sync.
    const readyAt = new Set(podsOf(c, 'web').map((p) => p.status.conditions.find((x: Any) => x.type === 'Ready').lastTransitionTime))
    expect(readyAt.size).toBe(1)
    expect(ready).toEqual([0, 0, 10])
  })

  it('does not count a terminating pod: a replacement is created at once and status.replicas stays 3 (fact 4.7)', () => {
    const c = createCluster({ nodes: 3 })
    c.apply(replicaSet('web', 3, { annotations: { 'kubesim.io/stop-duration': '20s' } }))
    c.runUntil(() => rs(c, 'web').status?.readyReplicas === 3)
    const victim = podsOf(c, 'web')[0].metadata.name
    c.delete('Pod', victim)
    c.settle()
    expect(podsOf(c, 'web')).toHaveLength(4)
    expect(rs(c, 'web').status).toMatchObject({ replicas: 3, terminatingReplicas: 1 })
    c.advance('25s')
    expect(podsOf(c, 'web')).toHaveLength(3)
    expect(rs(c, 'web').status).toMatchObject({ replicas: 3, readyReplicas: 3, terminatingReplicas: 0 })
  })

  it('scales down by deleting the not-ready pod first, with a SuccessfulDelete event', () => {
    const c = createCluster({ nodes: 3 })
    c.apply(replicaSet('web', 2))
    c.runUntil(() => rs(c, 'web').status?.readyReplicas === 2)
    c.scale('ReplicaSet', 'web', 3)
    c.settle()
    const fresh = podsOf(c, 'web').find((p) => !p.status?.conditions?.some((x: Any) => x.type === 'Ready' && x.status === 'True'))!
    c.scale('ReplicaSet', 'web', 2)
    c.settle()
    expect(podsOf(c, 'web').find((p) => p.metadata.name === fresh.metadata.name)?.metadata.deletionTimestamp ?? 'gone').toBeTruthy()
    expect(c.events({ involvedObject: { kind: 'ReplicaSet', name: 'web' } }).some((e: Any) => e.reason === 'SuccessfulDelete' && e.message === `Deleted pod: ${fresh.metadata.name}`)).toBe(true)
  })

  it('adopts a matching orphan pod instead of creating one, and releases a pod whose labels stop matching (§12.1)', () => {
    const c = createCluster({ nodes: 3 })
    c.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stray', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } })
    c.apply(replicaSet('web', 2))
    c.settle()
    const pods = podsOf(c, 'web')
    expect(pods).toHaveLength(2)
    const stray = c.get('Pod', 'stray') as Any
    expect(stray.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'ReplicaSet', name: 'web', controller: true })
    c.edit('Pod', 'stray', (p: Any) => void (p.metadata.labels = { app: 'debug' }))
    c.settle()
    expect((c.get('Pod', 'stray') as Any).metadata.ownerReferences).toBeUndefined()
    expect(podsOf(c, 'web')).toHaveLength(2)
  })

  it('reports availableReplicas only minReadySeconds after Ready (§2.7, §4.4)', () => {
    const c = createCluster({ nodes: 3 })
    c.apply(replicaSet('web', 2, { minReadySeconds: 10 }))
    const readyAt = c.runUntil(() => rs(c, 'web').status?.readyReplicas === 2)
    expect(rs(c, 'web').status.availableReplicas).toBe(0)
    const availableAfter = c.runUntil(() => rs(c, 'web').status?.availableReplicas === 2)
    expect(readyAt).toBe(3_000)
    expect(availableAfter).toBe(11_000)
  })

  it('stops creating pods while the ReplicaSet is being deleted in the foreground (§12.2)', () => {
    const c = createCluster({ nodes: 3 })
    c.apply(replicaSet('web', 3))
    c.runUntil(() => rs(c, 'web').status?.readyReplicas === 3)
    const names = new Set<string>()
    c.watch('Pod', ({ type, object }: Any) => void (type === 'ADDED' && names.add(object.metadata.name)))
    c.delete('ReplicaSet', 'web', { propagationPolicy: 'Foreground' })
    c.runUntil(() => !c.get('ReplicaSet', 'web'), { timeout: '2m' })
    expect(names.size).toBe(0)
    expect(podsOf(c, 'web')).toHaveLength(0)
  })
})

describe('ReplicationController (same implementation, semantics.md §4)', () => {
  it('keeps 3 pods with events from replication-controller, and replaces a deleted one', () => {
    const c = createCluster({ nodes: 3 })
    c.apply({ apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'nginx' }, spec: { replicas: 3, selector: { app: 'nginx' }, template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } } })
    c.runUntil(() => (c.get('ReplicationController', 'nginx') as Any).status?.readyReplicas === 3)
    const status = (c.get('ReplicationController', 'nginx') as Any).status
    expect(status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 })
    const events = c.events({ involvedObject: { kind: 'ReplicationController', name: 'nginx' } }) as Any[]
    expect(events.filter((e) => e.reason === 'SuccessfulCreate' && e.source.component === 'replication-controller')).toHaveLength(3)
    c.delete('Pod', podsOf(c, 'nginx')[0].metadata.name, { gracePeriodSeconds: 0 })
    c.settle()
    expect(podsOf(c, 'nginx')).toHaveLength(3)
  })
})

describe('kubernetes.io walkthroughs from the corpus', () => {
  it('controllers/frontend.yaml: the frontend ReplicaSet runs 3 pods named frontend-xxxxx', () => {
    const c = createCluster({ nodes: 3 })
    c.apply(corpus('controllers/frontend.yaml'))
    c.runUntil(() => rs(c, 'frontend').status?.readyReplicas === 3)
    const pods = c.list('Pod', { labelSelector: 'tier=frontend' }) as Any[]
    expect(pods.map((p) => p.metadata.name).every((n) => /^frontend-[a-z0-9]{5}$/.test(n))).toBe(true)
    expect(pods.every((p) => p.status.phase === 'Running')).toBe(true)
  })

  it('controllers/nginx-deployment.yaml: 3 ready replicas from one ReplicaSet nginx-deployment-<hash>', () => {
    const c = createCluster({ nodes: 3 })
    c.apply(corpus('controllers/nginx-deployment.yaml'))
    c.runUntil(() => (c.get('Deployment', 'nginx-deployment') as Any).status?.availableReplicas === 3)
    const sets = c.list('ReplicaSet') as Any[]
    expect(sets).toHaveLength(1)
    expect(sets[0].metadata.name).toMatch(/^nginx-deployment-[bcdfghjklmnpqrstvwxz2456789]+$/)
    expect(sets[0].spec.selector.matchLabels['pod-template-hash']).toBe(sets[0].metadata.labels['pod-template-hash'])
    expect(c.rolloutStatus('deployment', 'nginx-deployment').message).toBe('deployment "nginx-deployment" successfully rolled out\n')
  })

  it('application/deployment.yaml then deployment-update.yaml: apps/v1 refuses the changed selector as immutable', () => {
    const c = createCluster({ nodes: 3 })
    c.apply(corpus('application/deployment.yaml'))
    c.runUntil(() => (c.get('Deployment', 'nginx-deployment') as Any).status?.availableReplicas === 2)
    let error: unknown
    try {
      c.apply(corpus('application/deployment-update.yaml'))
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ValidationError)
    expect(String((error as Error).message)).toMatch(/spec\.selector/)
    expect(String((error as Error).message)).toMatch(/field is immutable/)
    expect(() => c.apply(corpus('application/deployment-scale.yaml'))).toThrow(ValidationError)
    const d = c.get('Deployment', 'nginx-deployment') as Any
    expect(d.spec.replicas).toBe(2)
    expect(d.spec.template.spec.containers[0].image).toBe('nginx:1.14.2')
  })
})
