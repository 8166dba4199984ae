// Unit tests of the StatefulSet planners: identity, revisions, status and one sync (semantics.md §6).
import { describe, expect, it } from 'vitest'
import type { ControllerRevision } from '../../api/controller-revision'
import type { PersistentVolumeClaim } from '../../api/persistent-volume-claim'
import type { Pod } from '../../api/pod'
import type { StatefulSet } from '../../api/stateful-set'
import { claimsForOrdinal, identityMatches, newStatefulSetPod, parentAndOrdinal, storageMatches } from './identity'
import { planStatefulSetSync, resolveMaxUnavailable, type SyncAction, type SyncInput } from './plan'
import { planClaimOwnerRefs } from './retention'
import { computeRevisionHash, planHistoryTruncation, planRevisions, revisionData } from './revision'
import { computeStatefulSetStatus } from './status'
import { parseRfc3339, toRfc3339 } from '../../sim/time'

const T0 = parseRfc3339('2025-01-01T00:00:00Z')
const iso = toRfc3339
const owner = { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'set-uid', controller: true, blockOwnerDeletion: true }

function makeSet(spec: Partial<StatefulSet['spec']> = {}, status: StatefulSet['status'] = {}): StatefulSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default', uid: 'set-uid', generation: 1 },
    spec: {
      replicas: 3,
      serviceName: 'nginx',
      selector: { matchLabels: { app: 'nginx' } },
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1' }] } },
      volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      ...spec,
    },
    status,
  }
}

function pod(set: StatefulSet, ordinal: number, state: { ready?: boolean; phase?: string; revision?: string; deleting?: boolean; readySinceMs?: number } = {}): Pod {
  const p = newStatefulSetPod(set, set.spec.template, ordinal, state.revision ?? 'web-rev1', owner)
  p.metadata.uid = `pod-${ordinal}`
  if (state.deleting) p.metadata.deletionTimestamp = iso(T0 + 30_000)
  const phase = state.phase ?? 'Running'
  p.status = {
    phase: phase as any,
    conditions: [{ type: 'Ready', status: state.ready === false ? 'False' : 'True', lastTransitionTime: iso(state.readySinceMs ?? T0 - 60_000) }],
  }
  return p
}

function input(set: StatefulSet, pods: Pod[], claims: Record<string, Partial<PersistentVolumeClaim['metadata']>> = {}, nowMs = T0): SyncInput {
  return {
    set,
    pods,
    current: { name: set.status?.currentRevision ?? 'web-rev1', template: set.spec.template },
    update: { name: 'web-rev1', template: set.spec.template },
    claim: (name) => (claims[name] ? ({ metadata: { name, namespace: 'default', ...claims[name] }, spec: {} } as PersistentVolumeClaim) : undefined),
    controllerRef: owner,
    nowMs,
  }
}

const summary = (actions: SyncAction[]) =>
  actions.map((a) => `${a.type} ${a.pod.metadata.name}${a.type === 'createPod' ? ` claims=${a.claims.map((c) => c.metadata.name).join(',')}` : ''}${a.type === 'deletePod' ? ` (${a.why})` : ''}`)

describe('StatefulSet identity (§6.2)', () => {
  it('names pods <set>-<ordinal> with hostname, subdomain, labels and the claim volume', () => {
    const set = makeSet()
    const p = newStatefulSetPod(set, set.spec.template, 2, 'web-6596ffb49b', owner)
    expect(p.metadata.name).toBe('web-2')
    expect(p.spec.hostname).toBe('web-2')
    expect(p.spec.subdomain).toBe('nginx')
    expect(p.metadata.labels).toEqual({
      app: 'nginx',
      'controller-revision-hash': 'web-6596ffb49b',
      'statefulset.kubernetes.io/pod-name': 'web-2',
      'apps.kubernetes.io/pod-index': '2',
    })
    expect(p.spec.volumes).toEqual([{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-2' } }])
    expect(identityMatches(set, p)).toBe(true)
    expect(storageMatches(set, p)).toBe(true)
  })

  it('parses ordinals only from <parent>-<digits> names', () => {
    expect(parentAndOrdinal('web-12')).toEqual({ parent: 'web', ordinal: 12 })
    expect(parentAndOrdinal('my-web-0')).toEqual({ parent: 'my-web', ordinal: 0 })
    expect(parentAndOrdinal('web-x').ordinal).toBe(-1)
  })

  it('builds claims <template>-<set>-<ordinal> labelled with the selector', () => {
    const [claim] = claimsForOrdinal(makeSet(), 0)
    expect(claim.metadata).toEqual({ name: 'www-web-0', namespace: 'default', labels: { app: 'nginx' } })
    expect(claim.spec.resources?.requests?.storage).toBe('1Gi')
  })
})

describe('StatefulSet revisions (§6.3)', () => {
  const rev = (name: string, revision: number, template: StatefulSet['spec']['template']): ControllerRevision => ({
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: { name, namespace: 'default', creationTimestamp: iso(T0) },
    data: revisionData(template),
    revision,
  })
  const meta = (name: string) => ({ name, namespace: 'default' })

  it('hashes the template into <set>-<up to 10 chars of 4-9bcdf>, stable and template-sensitive', () => {
    const set = makeSet()
    const h = computeRevisionHash(revisionData(set.spec.template), 0)
    expect(h).toMatch(/^[456789bcdf]{1,10}$/)
    expect(computeRevisionHash(revisionData(set.spec.template), 0)).toBe(h)
    expect(computeRevisionHash(revisionData({ ...set.spec.template, spec: { containers: [{ name: 'nginx', image: 'nginx:2' }] } }), 0)).not.toBe(h)
    expect(computeRevisionHash(revisionData(set.spec.template), 1)).not.toBe(h)
  })

  it('creates revision 1 for a new set and reuses it while the template is unchanged', () => {
    const set = makeSet()
    const first = planRevisions(set, [], meta)
    expect(first.plan.action).toBe('create')
    if (first.plan.action !== 'create') return
    expect(first.plan.revision.revision).toBe(1)
    expect(first.updateName).toMatch(/^web-/)
    expect(first.currentName).toBe(first.updateName)
    const again = planRevisions(set, [first.plan.revision], meta)
    expect(again.plan.action).toBe('none')
  })

  it('a template change makes revision 2 the update revision while status.currentRevision stays', () => {
    const v1 = makeSet()
    const r1 = rev('web-aaa', 1, v1.spec.template)
    const v2 = makeSet({ template: { ...v1.spec.template, spec: { containers: [{ name: 'nginx', image: 'nginx:2' }] } } }, { currentRevision: 'web-aaa' })
    const result = planRevisions(v2, [r1], meta)
    expect(result.plan.action === 'create' && result.plan.revision.revision).toBe(2)
    expect(result.currentName).toBe('web-aaa')
    expect(result.updateName).not.toBe('web-aaa')
  })

  it('reverting to an older template renumbers that revision to max+1 (rollback)', () => {
    const v1 = makeSet()
    const v2t = { ...v1.spec.template, spec: { containers: [{ name: 'nginx', image: 'nginx:2' }] } }
    const result = planRevisions(v1, [rev('web-aaa', 1, v1.spec.template), rev('web-bbb', 2, v2t)], meta)
    expect(result.plan).toMatchObject({ action: 'renumber', revision: 3 })
    expect(result.updateName).toBe('web-aaa')
  })

  it('truncates the oldest non-live revisions beyond revisionHistoryLimit', () => {
    const t = makeSet().spec.template
    const revisions = [rev('r1', 1, t), rev('r2', 2, t), rev('r3', 3, t), rev('r4', 4, t)]
    expect(planHistoryTruncation(revisions, new Set(['r4', 'r2']), 1)).toEqual(['r1'])
    expect(planHistoryTruncation(revisions, new Set(['r4']), 10)).toEqual([])
  })
})

describe('StatefulSet status (§6.7)', () => {
  it('counts created, ready, available, current and updated pods; completes a rolling update', () => {
    const set = makeSet()
    const pods = [pod(set, 0, { revision: 'new' }), pod(set, 1, { revision: 'old' }), pod(set, 2, { revision: 'old', ready: false })]
    const base = { generation: 2, minReadySeconds: 0, nowMs: T0, currentRevision: 'old', updateRevision: 'new', collisionCount: 0, rollingUpdate: true }
    expect(computeStatefulSetStatus({ ...base, pods })).toEqual({
      observedGeneration: 2, replicas: 3, readyReplicas: 2, availableReplicas: 2, currentReplicas: 2, updatedReplicas: 1,
      currentRevision: 'old', updateRevision: 'new', collisionCount: 0,
    })
    const done = computeStatefulSetStatus({ ...base, pods: [pod(set, 0, { revision: 'new' }), pod(set, 1, { revision: 'new' })] })
    expect(done.currentRevision).toBe('new')
    expect(done.currentReplicas).toBe(2)
  })

  it('availableReplicas waits minReadySeconds after Ready', () => {
    const set = makeSet()
    const p = pod(set, 0, { readySinceMs: T0 })
    const base = { generation: 1, pods: [p], minReadySeconds: 10, currentRevision: 'web-rev1', updateRevision: 'web-rev1', collisionCount: 0, rollingUpdate: true }
    expect(computeStatefulSetStatus({ ...base, nowMs: T0 + 9_000 }).availableReplicas).toBe(0)
    expect(computeStatefulSetStatus({ ...base, nowMs: T0 + 10_000 }).availableReplicas).toBe(1)
  })
})

describe('planStatefulSetSync (§6.4)', () => {
  it('OrderedReady creates web-0 (and its claim) first and nothing else in that sync', () => {
    const set = makeSet()
    expect(summary(planStatefulSetSync(input(set, [])).actions)).toEqual(['createPod web-0 claims=www-web-0'])
  })

  it('OrderedReady waits while web-0 is not Running and Ready', () => {
    const set = makeSet()
    expect(planStatefulSetSync(input(set, [pod(set, 0, { ready: false })], { 'www-web-0': {} })).actions).toEqual([])
    expect(summary(planStatefulSetSync(input(set, [pod(set, 0)], { 'www-web-0': {} })).actions)).toEqual(['createPod web-1 claims=www-web-1'])
  })

  it('OrderedReady with minReadySeconds waits for availability and asks to look again then', () => {
    const set = makeSet({ minReadySeconds: 10 })
    const plan = planStatefulSetSync(input(set, [pod(set, 0, { readySinceMs: T0 - 4_000 })], { 'www-web-0': {} }))
    expect(plan.actions).toEqual([])
    expect(plan.requeueAfterMs).toBe(6_000)
  })

  it('Parallel creates every missing pod in one sync', () => {
    const set = makeSet({ podManagementPolicy: 'Parallel' })
    expect(summary(planStatefulSetSync(input(set, [])).actions)).toEqual([
      'createPod web-0 claims=www-web-0',
      'createPod web-1 claims=www-web-1',
      'createPod web-2 claims=www-web-2',
    ])
  })

  it('reuses an existing claim instead of creating it', () => {
    const set = makeSet()
    expect(summary(planStatefulSetSync(input(set, [], { 'www-web-0': {} })).actions)).toEqual(['createPod web-0 claims='])
  })

  it('a claim being deleted blocks the pod of its ordinal', () => {
    const set = makeSet()
    const plan = planStatefulSetSync(input(set, [], { 'www-web-0': { deletionTimestamp: iso(T0) } }))
    expect(plan.actions.map((a) => a.type)).toEqual(['claimTerminating'])
  })

  it('scale-down deletes the highest ordinal only, one per sync, and waits for its termination', () => {
    const set = makeSet({ replicas: 2 })
    const pods = [0, 1, 2, 3, 4].map((i) => pod(set, i))
    const claims = Object.fromEntries([0, 1, 2, 3, 4].map((i) => [`www-web-${i}`, {}]))
    expect(summary(planStatefulSetSync(input(set, pods, claims)).actions)).toEqual(['deletePod web-4 (scale-down)'])
    const terminating = [...pods.slice(0, 4), pod(set, 4, { deleting: true })]
    expect(planStatefulSetSync(input(set, terminating, claims)).actions).toEqual([])
    expect(summary(planStatefulSetSync(input(set, pods.slice(0, 4), claims)).actions)).toEqual(['deletePod web-3 (scale-down)'])
  })

  it('scale-down waits while an in-range pod is not ready (fact 4)', () => {
    const set = makeSet({ replicas: 1 })
    const pods = [pod(set, 0, { ready: false }), pod(set, 1), pod(set, 2)]
    expect(planStatefulSetSync(input(set, pods, { 'www-web-0': {}, 'www-web-1': {}, 'www-web-2': {} })).actions).toEqual([])
  })

  it('a Failed pod is deleted so that it comes back with the same name (fact 9)', () => {
    const set = makeSet()
    const pods = [pod(set, 0), pod(set, 1, { phase: 'Failed', ready: false }), pod(set, 2)]
    expect(summary(planStatefulSetSync(input(set, pods, { 'www-web-0': {}, 'www-web-1': {}, 'www-web-2': {} })).actions)).toEqual(['deletePod web-1 (failed)'])
  })

  it('RollingUpdate replaces the highest outdated ordinal at or above the partition', () => {
    const set = makeSet({ replicas: 5, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } })
    const claims = Object.fromEntries([0, 1, 2, 3, 4].map((i) => [`www-web-${i}`, {}]))
    const pods = [0, 1, 2, 3, 4].map((i) => pod(set, i, { revision: 'web-old' }))
    const base = input(set, pods, claims)
    expect(summary(planStatefulSetSync({ ...base, current: { ...base.current, name: 'web-old' } }).actions)).toEqual(['deletePod web-4 (update)'])
    const after = [...pods.slice(0, 2), pod(set, 2, { revision: 'web-rev1' }), pod(set, 3, { revision: 'web-rev1' }), pod(set, 4, { revision: 'web-rev1' })]
    expect(planStatefulSetSync({ ...input(set, after, claims), current: { ...base.current, name: 'web-old' } }).actions).toEqual([])
  })

  it('re-creates ordinals below the partition at the current revision', () => {
    const set = makeSet({ replicas: 3, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } })
    const base = input(set, [pod(set, 1, { revision: 'web-old' }), pod(set, 2)], { 'www-web-0': {}, 'www-web-1': {}, 'www-web-2': {} })
    const plan = planStatefulSetSync({ ...base, current: { ...base.current, name: 'web-old' } })
    expect(plan.actions[0].type).toBe('createPod')
    expect(plan.actions[0].pod.metadata.labels?.['controller-revision-hash']).toBe('web-old')
  })

  it('OnDelete never deletes outdated pods', () => {
    const set = makeSet({ updateStrategy: { type: 'OnDelete' } })
    const pods = [0, 1, 2].map((i) => pod(set, i, { revision: 'web-old' }))
    const base = input(set, pods, { 'www-web-0': {}, 'www-web-1': {}, 'www-web-2': {} })
    expect(planStatefulSetSync({ ...base, current: { ...base.current, name: 'web-old' } }).actions).toEqual([])
  })

  it('maxUnavailable 2 replaces two pods at once; a percentage rounds down with a minimum of 1', () => {
    const set = makeSet({ replicas: 4, podManagementPolicy: 'Parallel', updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0, maxUnavailable: 2 } } })
    const pods = [0, 1, 2, 3].map((i) => pod(set, i, { revision: 'web-old' }))
    const base = input(set, pods, Object.fromEntries([0, 1, 2, 3].map((i) => [`www-web-${i}`, {}])))
    expect(summary(planStatefulSetSync({ ...base, current: { ...base.current, name: 'web-old' } }).actions)).toEqual(['deletePod web-3 (update)', 'deletePod web-2 (update)'])
    expect(resolveMaxUnavailable('50%', 5)).toBe(2)
    expect(resolveMaxUnavailable('10%', 5)).toBe(1)
    expect(resolveMaxUnavailable(undefined, 5)).toBe(1)
  })

  it('a set being deleted plans nothing (§12)', () => {
    const set = makeSet()
    set.metadata.deletionTimestamp = iso(T0)
    expect(planStatefulSetSync(input(set, [])).actions).toEqual([])
  })
})

describe('PVC retention owner references (§6.5)', () => {
  const claimOf = (refs: any[] = []) => ({ metadata: { name: 'www-web-3', namespace: 'default', ownerReferences: refs }, spec: {} }) as PersistentVolumeClaim
  it('Retain/Retain: no owner references', () => {
    const set = makeSet()
    expect(planClaimOwnerRefs(set, pod(set, 0), claimOf())).toBeUndefined()
  })
  it('whenDeleted Delete: the claim is owned by the set', () => {
    const set = makeSet({ persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' } })
    expect(planClaimOwnerRefs(set, pod(set, 0), claimOf())).toEqual([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'set-uid' }])
  })
  it('whenScaled Delete: a condemned pod owns its claim', () => {
    const set = makeSet({ replicas: 3, persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Delete' } })
    expect(planClaimOwnerRefs(set, pod(set, 3), claimOf())).toEqual([{ apiVersion: 'v1', kind: 'Pod', name: 'web-3', uid: 'pod-3' }])
    expect(planClaimOwnerRefs(set, pod(set, 1), claimOf())).toBeUndefined()
  })
})
