// StatefulSets end to end on the corpus manifests (semantics.md §6, its testable facts; §12 halting; §14 events).
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createCluster, type Cluster } from '../../src/index'
import { CORPUS } from '../corpus'

const EXAMPLES = `${CORPUS}/website/content/en/examples`
const corpus = (path: string) => readFileSync(`${EXAMPLES}/${path}`, 'utf8')

type AnyObj = any

const pod = (c: Cluster, name: string): AnyObj => c.get('Pod', name)
const isReady = (p: AnyObj) => p?.status?.phase === 'Running' && p.status.conditions?.some((x: AnyObj) => x.type === 'Ready' && x.status === 'True') && !p.metadata.deletionTimestamp
const podNames = (c: Cluster) => c.list('Pod').map((p: AnyObj) => p.metadata.name)
const sts = (c: Cluster, name = 'web'): AnyObj => c.get('StatefulSet', name)

/** The web.yaml set with `replicas` pods, all Running and Ready. */
function webCluster(replicas = 2, edit?: (spec: AnyObj) => void): Cluster {
  const c = createCluster({ nodes: 3, seed: 7 })
  c.apply(corpus('application/web/web.yaml'))
  c.edit('StatefulSet', 'web', (d: AnyObj) => {
    d.spec.replicas = replicas
    edit?.(d.spec)
  })
  c.runUntil(() => sts(c).status?.readyReplicas === replicas && Array.from({ length: replicas }, (_, i) => isReady(pod(c, `web-${i}`))).every(Boolean), { timeout: '5m' })
  return c
}

/** Records pod creations and deletions (removals from the API) in order. */
function recordPodLifecycle(c: Cluster): string[] {
  const log: string[] = []
  c.watch('Pod', (e) => {
    if (e.type === 'ADDED') log.push(`+${e.object.metadata.name}`)
    if (e.type === 'DELETED') log.push(`-${e.object.metadata.name}`)
  })
  return log
}

describe('StatefulSet OrderedReady (web.yaml, §6 facts 1-3)', () => {
  it('creates web-0 first and web-1 only once web-0 is Running and Ready', () => {
    const c = createCluster({ nodes: 3, seed: 1 })
    const web0StateWhenWeb1Appeared: boolean[] = []
    c.watch('Pod', (e) => {
      if (e.type === 'ADDED' && e.object.metadata.name === 'web-1') web0StateWhenWeb1Appeared.push(isReady(pod(c, 'web-0')))
    })
    c.apply(corpus('application/web/web.yaml'))
    c.settle()
    expect(podNames(c)).toEqual(['web-0'])
    c.runUntil(() => isReady(pod(c, 'web-1')), { timeout: '2m' })
    expect(web0StateWhenWeb1Appeared).toEqual([true])
    expect(pod(c, 'web-1').metadata.creationTimestamp >= pod(c, 'web-0').status.conditions.find((x: AnyObj) => x.type === 'Ready').lastTransitionTime).toBe(true)
  })

  it('gives each pod its stable identity: hostname, subdomain = serviceName, ordinal labels, revision label', () => {
    const c = webCluster(2)
    const web1 = pod(c, 'web-1')
    expect(web1.spec.hostname).toBe('web-1')
    expect(web1.spec.subdomain).toBe('nginx')
    expect(web1.metadata.labels['statefulset.kubernetes.io/pod-name']).toBe('web-1')
    expect(web1.metadata.labels['apps.kubernetes.io/pod-index']).toBe('1')
    const revision = sts(c).status.updateRevision
    expect(revision).toMatch(/^web-[456789bcdf]{1,10}$/)
    expect(web1.metadata.labels['controller-revision-hash']).toBe(revision)
    expect(web1.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'StatefulSet', name: 'web', controller: true })])
    const cr: AnyObj = c.get('ControllerRevision', revision)
    expect(cr.revision).toBe(1)
    expect(cr.metadata.labels['controller-revision-hash']).toBe(revision.slice('web-'.length))
  })

  it('binds www-web-0 and www-web-1 to provisioned volumes (status Bound, 1Gi, RWO, class standard)', () => {
    const c = webCluster(2)
    for (const i of [0, 1]) {
      const claim: AnyObj = c.get('PersistentVolumeClaim', `www-web-${i}`)
      expect(claim.status).toMatchObject({ phase: 'Bound', capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'] })
      expect(claim.spec.storageClassName).toBe('standard')
      expect(claim.metadata.labels).toEqual({ app: 'nginx' })
      const pv: AnyObj = c.get('PersistentVolume', claim.spec.volumeName)
      expect(pv.status.phase).toBe('Bound')
      expect(pv.spec.claimRef).toMatchObject({ namespace: 'default', name: `www-web-${i}`, uid: claim.metadata.uid })
      expect(pv.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values).toEqual([pod(c, `web-${i}`).spec.nodeName])
    }
    expect(c.kubectl('get pvc')).toMatch(/^www-web-0\s+Bound\s+pvc-[0-9a-f-]+\s+1Gi\s+RWO\s+standard\s+<unset>\s+\d+s$/m)
  })

  it('a deleted web-0 comes back as web-0, mounting the same claim bound to the same volume', () => {
    const c = webCluster(2)
    const before = pod(c, 'web-0')
    const volumeBefore = (c.get('PersistentVolumeClaim', 'www-web-0') as AnyObj).spec.volumeName
    c.delete('Pod', 'web-0')
    c.runUntil(() => isReady(pod(c, 'web-0')) && pod(c, 'web-0').metadata.uid !== before.metadata.uid, { timeout: '2m' })
    const after = pod(c, 'web-0')
    expect(after.spec.volumes.find((v: AnyObj) => v.name === 'www').persistentVolumeClaim.claimName).toBe('www-web-0')
    expect((c.get('PersistentVolumeClaim', 'www-web-0') as AnyObj).spec.volumeName).toBe(volumeBefore)
    expect(c.list('PersistentVolumeClaim').length).toBe(2)
  })

  it('scaling 5 → 2 removes web-4, then web-3, then web-2, each after the previous is gone; claims stay and are reused (fact 3)', () => {
    const c = webCluster(5)
    const log = recordPodLifecycle(c)
    c.scale('StatefulSet', 'web', 2)
    c.runUntil(() => podNames(c).length === 2 && sts(c).status.replicas === 2, { timeout: '5m' })
    expect(log).toEqual(['-web-4', '-web-3', '-web-2'])
    const deletes = c.events({ involvedObject: { kind: 'StatefulSet', name: 'web' } }).filter((e: AnyObj) => e.reason === 'SuccessfulDelete').map((e: AnyObj) => e.message)
    expect(deletes).toEqual(['delete Pod web-4 in StatefulSet web successful', 'delete Pod web-3 in StatefulSet web successful', 'delete Pod web-2 in StatefulSet web successful'])
    expect(c.list('PersistentVolumeClaim').map((p: AnyObj) => p.metadata.name)).toEqual(['www-web-0', 'www-web-1', 'www-web-2', 'www-web-3', 'www-web-4'])
    const volume3 = (c.get('PersistentVolumeClaim', 'www-web-3') as AnyObj).spec.volumeName
    c.scale('StatefulSet', 'web', 4)
    c.runUntil(() => isReady(pod(c, 'web-3')), { timeout: '2m' })
    expect((c.get('PersistentVolumeClaim', 'www-web-3') as AnyObj).spec.volumeName).toBe(volume3)
    expect(c.list('PersistentVolumeClaim').length).toBe(5)
  })

  it('does not scale down while an in-range pod is not Ready (fact 4)', () => {
    const c = webCluster(3)
    // web-0 loses readiness: a stuck readiness probe is modelled by marking it not ready.
    c.crash('web-0')
    c.settle()
    expect(isReady(pod(c, 'web-0'))).toBe(false)
    c.scale('StatefulSet', 'web', 1)
    c.settle()
    expect(podNames(c)).toEqual(['web-0', 'web-1', 'web-2'])
    expect(podNames(c).every((n) => !pod(c, n).metadata.deletionTimestamp)).toBe(true)
    c.runUntil(() => podNames(c).length === 1, { timeout: '5m' })
    expect(podNames(c)).toEqual(['web-0'])
  })
})

describe('StatefulSet Parallel (web-parallel.yaml, fact 5)', () => {
  it('creates web-0 and web-1 at once, without waiting for readiness', () => {
    const c = createCluster({ nodes: 3, seed: 2 })
    c.apply(corpus('application/web/web-parallel.yaml'))
    c.settle()
    expect(podNames(c)).toEqual(['web-0', 'web-1'])
    expect(pod(c, 'web-0').status?.phase).not.toBe('Running')
    const creates = c.trace().filter((t) => t.actor === 'statefulset-controller' && t.verb === 'create' && t.kind === 'Pod').map((t) => t.name)
    expect(creates).toEqual(['web-0', 'web-1'])
    c.runUntil(() => isReady(pod(c, 'web-0')) && isReady(pod(c, 'web-1')), { timeout: '2m' })
    expect(c.list('PersistentVolumeClaim').map((p: AnyObj) => `${p.metadata.name}:${p.status.phase}`)).toEqual(['www-web-0:Bound', 'www-web-1:Bound'])
  })

  it('replicas 3 Parallel: all three pods come from one sync', () => {
    const c = createCluster({ nodes: 3, seed: 2 })
    c.apply(corpus('application/web/web-parallel.yaml'))
    c.edit('StatefulSet', 'web', (d: AnyObj) => void (d.spec.replicas = 3))
    c.settle()
    expect(podNames(c)).toEqual(['web-0', 'web-1', 'web-2'])
    expect(new Set(c.list('Pod').map((p: AnyObj) => p.metadata.creationTimestamp)).size).toBe(1)
  })
})

describe('StatefulSet updates (facts 6-8)', () => {
  const newImage = (c: Cluster) => c.edit('StatefulSet', 'web', (d: AnyObj) => void (d.spec.template.spec.containers[0].image = 'registry.k8s.io/nginx-slim:0.9'))

  it('RollingUpdate with partition 0 replaces web-2, web-1, web-0 in turn; then currentRevision == updateRevision (fact 6)', () => {
    const c = webCluster(3)
    const oldRevision = sts(c).status.currentRevision
    const log = recordPodLifecycle(c)
    newImage(c)
    c.runUntil(() => sts(c).status.currentRevision === sts(c).status.updateRevision && sts(c).status.updatedReplicas === 3 && sts(c).status.readyReplicas === 3, { timeout: '5m' })
    expect(log).toEqual(['-web-2', '+web-2', '-web-1', '+web-1', '-web-0', '+web-0'])
    expect(sts(c).status.currentRevision).not.toBe(oldRevision)
    expect((c.get('ControllerRevision', sts(c).status.updateRevision) as AnyObj).revision).toBe(2)
    // The API server defaults partition to 0, so kubectl reports a (trivially) partitioned roll out.
    expect(c.kubectl('rollout status statefulset/web')).toContain('partitioned roll out complete: 3 new pods have been updated...')
  })

  it('partition 2 of a 5-replica set updates only ordinals 4, 3, 2, highest first (fact 7)', () => {
    const c = webCluster(5, (spec) => (spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: 2 } }))
    const oldRevision = sts(c).status.currentRevision
    const log = recordPodLifecycle(c)
    newImage(c)
    c.runUntil(() => sts(c).status.updatedReplicas === 3 && sts(c).status.readyReplicas === 5, { timeout: '5m' })
    c.advance('1m')
    expect(log).toEqual(['-web-4', '+web-4', '-web-3', '+web-3', '-web-2', '+web-2'])
    const update = sts(c).status.updateRevision
    expect([0, 1, 2, 3, 4].map((i) => pod(c, `web-${i}`).metadata.labels['controller-revision-hash'] === update)).toEqual([false, false, true, true, true])
    expect(sts(c).status).toMatchObject({ currentRevision: oldRevision, updatedReplicas: 3, currentReplicas: 2 })
    expect(c.kubectl('rollout status statefulset/web')).toContain('partitioned roll out complete: 3 new pods have been updated...')
  })

  it('OnDelete changes the update revision but replaces a pod only when it is deleted (fact 8)', () => {
    const c = webCluster(3, (spec) => (spec.updateStrategy = { type: 'OnDelete' }))
    newImage(c)
    c.advance('1m')
    const { currentRevision, updateRevision } = sts(c).status
    expect(updateRevision).not.toBe(currentRevision)
    expect(podNames(c).map((n) => pod(c, n).metadata.labels['controller-revision-hash'])).toEqual([currentRevision, currentRevision, currentRevision])
    c.delete('Pod', 'web-0')
    c.runUntil(() => isReady(pod(c, 'web-0')) && pod(c, 'web-0').metadata.labels['controller-revision-hash'] === updateRevision, { timeout: '2m' })
    expect(pod(c, 'web-0').spec.containers[0].image).toBe('registry.k8s.io/nginx-slim:0.9')
    expect(pod(c, 'web-1').metadata.labels['controller-revision-hash']).toBe(currentRevision)
  })
})

describe('StatefulSet failures and termination (facts 9-10, §12)', () => {
  it('a Failed pod is deleted and recreated with the same name (fact 9)', () => {
    const c = webCluster(2)
    const uid = pod(c, 'web-1').metadata.uid
    c.env.store.patch('Pod', 'default/web-1', (d: AnyObj) => void (d.status.phase = 'Failed'), { actor: 'kubelet', validate: false }, { status: true })
    c.runUntil(() => isReady(pod(c, 'web-1')) && pod(c, 'web-1').metadata.uid !== uid, { timeout: '2m' })
    const messages = c.events({ involvedObject: { kind: 'StatefulSet', name: 'web' } }).map((e: AnyObj) => `${e.reason}: ${e.message}`)
    expect(messages).toContain('RecreatingFailedPod: StatefulSet default/web is recreating failed Pod web-1')
    expect(messages).toContain('SuccessfulDelete: delete Pod web-1 in StatefulSet web successful')
  })

  it('a pod stuck Terminating keeps its ordinal: no replacement until the old object is gone (fact 10)', () => {
    const c = webCluster(2)
    c.edit('Pod', 'web-1', (d: AnyObj) => void (d.metadata.finalizers = ['example.com/hold']))
    c.delete('Pod', 'web-1')
    c.advance('2m')
    expect(pod(c, 'web-1').metadata.deletionTimestamp).toBeDefined()
    expect(c.list('Pod').filter((p: AnyObj) => p.metadata.name === 'web-1').length).toBe(1)
    c.edit('Pod', 'web-1', (d: AnyObj) => void (d.metadata.finalizers = []))
    c.runUntil(() => isReady(pod(c, 'web-1')), { timeout: '2m' })
    expect(pod(c, 'web-1').metadata.deletionTimestamp).toBeUndefined()
  })

  it('minReadySeconds 10: web-1 is created no earlier than 10 s after web-0 became Ready', () => {
    const c = createCluster({ nodes: 3 })
    c.apply(corpus('application/web/web.yaml'))
    c.edit('StatefulSet', 'web', (d: AnyObj) => void (d.spec.minReadySeconds = 10))
    c.runUntil(() => pod(c, 'web-1') !== undefined, { timeout: '2m' })
    const readyAt = Date.parse(pod(c, 'web-0').status.conditions.find((x: AnyObj) => x.type === 'Ready').lastTransitionTime)
    expect(Date.parse(pod(c, 'web-1').metadata.creationTimestamp) - readyAt).toBe(10_000)
    c.runUntil(() => sts(c).status.availableReplicas === 2, { timeout: '2m' })
  })

  it('deleting the set (Background) removes the pods but keeps the claims under the default Retain policy', () => {
    const c = webCluster(2)
    c.delete('StatefulSet', 'web')
    c.runUntil(() => podNames(c).length === 0, { timeout: '2m' })
    expect(c.list('PersistentVolumeClaim').map((p: AnyObj) => p.metadata.name)).toEqual(['www-web-0', 'www-web-1'])
  })

  it('a foreground-deleted set creates no replacement pods while it waits (§12)', () => {
    const c = webCluster(2)
    c.delete('StatefulSet', 'web', { propagationPolicy: 'Foreground' })
    c.runUntil(() => sts(c) === undefined, { timeout: '2m' })
    c.advance('1m')
    expect(podNames(c)).toEqual([])
  })
})

describe('PVC retention policy (§6.5)', () => {
  it('whenScaled: Delete removes the claims of scaled-down ordinals; whenDeleted: Delete removes the rest with the set', () => {
    const c = webCluster(3, (spec) => (spec.persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Delete', whenScaled: 'Delete' }))
    expect((c.get('PersistentVolumeClaim', 'www-web-0') as AnyObj).metadata.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'StatefulSet', name: 'web' }),
    ])
    c.scale('StatefulSet', 'web', 1)
    c.runUntil(() => c.list('PersistentVolumeClaim').length === 1, { timeout: '5m' })
    expect(c.list('PersistentVolumeClaim').map((p: AnyObj) => p.metadata.name)).toEqual(['www-web-0'])
    c.delete('StatefulSet', 'web')
    c.runUntil(() => c.list('PersistentVolumeClaim').length === 0 && c.list('PersistentVolume').length === 0, { timeout: '5m' })
  })
})

describe('StatefulSet events (§6.8, §14)', () => {
  it('records claim and pod creation with the upstream wording, claim first', () => {
    const c = webCluster(1)
    const messages = c.events({ involvedObject: { kind: 'StatefulSet', name: 'web' } }).map((e: AnyObj) => `${e.type} ${e.reason} ${e.source.component}: ${e.message}`)
    expect(messages).toEqual([
      'Normal SuccessfulCreate statefulset-controller: create Claim www-web-0 Pod web-0 in StatefulSet web success',
      'Normal SuccessfulCreate statefulset-controller: create Pod web-0 in StatefulSet web successful',
    ])
  })
})

describe('zookeeper.yaml (headless Service, PDB, StatefulSet with anti-affinity and probes)', () => {
  it('comes up 3/3 on a 3-node cluster, one pod per node, each with a bound 10Gi claim', () => {
    const c = createCluster({ nodes: 3, seed: 3 })
    c.apply(corpus('application/zookeeper/zookeeper.yaml'))
    c.runUntil(() => sts(c, 'zk')?.status?.readyReplicas === 3, { timeout: '10m' })
    expect(c.kubectl('get sts zk')).toMatch(/^zk\s+3\/3\s+\d+s$/m)
    expect(new Set(['zk-0', 'zk-1', 'zk-2'].map((n) => pod(c, n).spec.nodeName)).size).toBe(3)
    for (const i of [0, 1, 2]) expect((c.get('PersistentVolumeClaim', `datadir-zk-${i}`) as AnyObj).status).toMatchObject({ phase: 'Bound', capacity: { storage: '10Gi' } })
  })
})

describe('controllers/statefulset.yaml (storageClassName my-storage-class does not exist)', () => {
  it('leaves the claim Pending with ProvisioningFailed: storageclass.storage.k8s.io "my-storage-class" not found', () => {
    const c = createCluster({ nodes: 3 })
    c.apply(corpus('controllers/statefulset.yaml'))
    c.advance('1m')
    const claim: AnyObj = c.get('PersistentVolumeClaim', 'www-web-0')
    expect(claim.status.phase).toBe('Pending')
    expect(claim.spec.volumeName).toBeUndefined()
    expect(c.list('PersistentVolume')).toEqual([])
    const claimEvents = c.events({ involvedObject: { kind: 'PersistentVolumeClaim', name: 'www-web-0' } }).map((e: AnyObj) => `${e.type} ${e.reason} ${e.source.component}: ${e.message}`)
    expect(claimEvents).toEqual(['Warning ProvisioningFailed persistentvolume-controller: storageclass.storage.k8s.io "my-storage-class" not found'])
    expect(c.kubectl('get pvc www-web-0')).toMatch(/^www-web-0\s+Pending\s+my-storage-class\s+<unset>\s+60s$/m)
  })

  it('keeps web-0 Pending with the scheduler\'s unbound-claim message, and never creates web-1 (OrderedReady)', () => {
    const c = createCluster({ nodes: 3 })
    c.apply(corpus('controllers/statefulset.yaml'))
    c.advance('2m')
    const pod: AnyObj = c.get('Pod', 'web-0')
    expect(pod.spec.nodeName).toBeUndefined()
    const message = '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.'
    expect(pod.status.conditions).toContainEqual(expect.objectContaining({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message }))
    expect(c.events({ involvedObject: { kind: 'Pod', name: 'web-0' } }).map((e: AnyObj) => `${e.reason}: ${e.message}`)).toContain(`FailedScheduling: ${message}`)
    expect(c.get('Pod', 'web-1')).toBeUndefined()
  })

  it('creating the missing class later lets the claim provision and bind', () => {
    const c = createCluster({ nodes: 3 })
    c.apply(corpus('controllers/statefulset.yaml'))
    c.advance('10s')
    c.apply({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'my-storage-class' }, provisioner: 'rancher.io/local-path', volumeBindingMode: 'Immediate' })
    c.runUntil(() => (c.get('PersistentVolumeClaim', 'www-web-0') as AnyObj).status.phase === 'Bound', { timeout: '1m' })
  })
})
