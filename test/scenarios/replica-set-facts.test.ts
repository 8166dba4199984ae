// ReplicaSet testable facts 4.2–4.4 of semantics.md §4 on a live cluster: create failures (FailedCreate
// event, ReplicaFailure condition, back-off, recovery), slow-start batches capped by burstReplicas
// 500 per sync, and the scale-down ranking (unscheduled < scheduled, Pending < Running, not-ready <
// ready). Create failures come from an admission hook that rejects pod creates, as a quota would.
import { describe, expect, it } from 'vitest'
import { createCluster, ForbiddenError, type Cluster } from '../../src/index'

type Any = any

const QUOTA = 'pods "web" is forbidden: exceeded quota: pod-quota, requested: pods=1, used: pods=2, limited: pods=2'

function replicaSet(name: string, replicas: number) {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  }
}

const rs = (c: Cluster, name = 'web'): Any => c.get('ReplicaSet', name)
const podsOf = (c: Cluster, app = 'web') => c.list('Pod', { labelSelector: `app=${app}` }) as Any[]
const eventsOf = (c: Cluster, reason: string, name = 'web') => (c.events({ involvedObject: { kind: 'ReplicaSet', name } }) as Any[]).filter((e) => e.reason === reason)

/** Lets the first `allowed` pod creates through and rejects the rest while `quota.on`; counts attempts. */
function podQuota(c: Cluster, allowed: number) {
  const quota = { on: true, attempts: 0, admitted: 0 }
  c.env.store.addAdmission('Pod', (_pod, operation) => {
    if (operation !== 'create') return
    quota.attempts++
    if (quota.on && quota.admitted >= allowed) throw new ForbiddenError(QUOTA)
    quota.admitted++
  })
  return quota
}

/** The create attempts made by the first sync, read when its status write is delivered (before any other sync runs). */
function firstSyncAttempts(c: Cluster, quota: { attempts: number }): () => number | undefined {
  let seen: number | undefined
  c.watch('ReplicaSet', ({ type }) => {
    if (type === 'MODIFIED' && seen === undefined) seen = quota.attempts
  })
  return () => seen
}

/** ReplicaSet `web` of `replicas` applied under a pod quota of `allowed` creates, settled at the first instant. */
function applyUnderQuota(replicas: number, allowed: number, nodes: number) {
  const c = createCluster({ nodes })
  const quota = podQuota(c, allowed)
  const firstSync = firstSyncAttempts(c, quota)
  c.apply(replicaSet('web', replicas))
  c.settle()
  return { c, quota, firstSync: firstSync() }
}

/** A bare pod labelled app=web: an orphan the ReplicaSet adopts. */
function orphanPod(name: string, extra: { nodeName?: string; nodeSelector?: Record<string, string>; annotations?: Record<string, string>; image?: string } = {}) {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, labels: { app: 'web' }, ...(extra.annotations ? { annotations: extra.annotations } : {}) },
    spec: {
      ...(extra.nodeName ? { nodeName: extra.nodeName } : {}),
      ...(extra.nodeSelector ? { nodeSelector: extra.nodeSelector } : {}),
      containers: [{ name: 'c', image: extra.image ?? 'nginx' }],
    },
  }
}

/**
 * Pod creates by the replicaset-controller, grouped into runs: one sync's creates are consecutive
 * writes (Events aside), and syncs are separated by at least the status write.
 */
function createsPerSync(c: Cluster): number[] {
  const runs: number[] = []
  let inRun = false
  for (const entry of c.trace()) {
    if (entry.kind === 'Event') continue
    const create = entry.actor === 'replicaset-controller' && entry.verb === 'create' && entry.kind === 'Pod'
    if (create && inRun) runs[runs.length - 1]++
    else if (create) runs.push(1)
    inRun = create
  }
  return runs
}

describe('create failures (semantics.md §4.2, §4.4; fact 4.2)', () => {
  it('rejecting every create after the 2nd leaves 2 pods (batches 1, 2), a FailedCreate event and ReplicaFailure True', () => {
    const { c, quota, firstSync } = applyUnderQuota(10, 2, 2)
    // Batch 1 (1 create) succeeds; batch 2 (2 creates) has one failure, so batch 3 never starts.
    expect(firstSync).toBe(3)
    expect(podsOf(c)).toHaveLength(2)
    // Later syncs at this instant (the new pods' updates enqueue the ReplicaSet, as upstream's
    // updatePod does) fail their first batch of 1: one aggregated Event counts every failed create.
    const failed = eventsOf(c, 'FailedCreate')
    expect(failed).toHaveLength(1)
    expect(failed[0]).toMatchObject({ type: 'Warning', message: `Error creating: ${QUOTA}`, count: quota.attempts - 2, source: { component: 'replicaset-controller' } })
    expect(eventsOf(c, 'SuccessfulCreate')).toHaveLength(2)
    expect(rs(c).status.conditions).toEqual([
      { type: 'ReplicaFailure', status: 'True', lastTransitionTime: '2025-01-01T00:00:00Z', reason: 'FailedCreate', message: QUOTA },
    ])
  })

  it('retries with back-off (5 ms doubling), one failed create per retry, and recovers when creates succeed again', () => {
    const c = createCluster({ nodes: 2 })
    const attemptsAt = new Map<number, number>() // registered first: the quota hook throws
    c.env.store.addAdmission('Pod', (_pod, operation) => void (operation === 'create' && attemptsAt.set(c.elapsed(), (attemptsAt.get(c.elapsed()) ?? 0) + 1)))
    const quota = podQuota(c, 2)
    c.apply(replicaSet('web', 10))
    c.settle()
    const atStart = quota.attempts
    c.advance('2s')
    expect(podsOf(c)).toHaveLength(2)
    // Nothing else changes, so only the rate-limited retries run: one failed create each (a batch of
    // 1), with the delay doubling every time (client-go's 5 ms · 2^failures).
    const retries = [...attemptsAt].filter(([t]) => t > 0)
    expect(retries.every(([, n]) => n === 1)).toBe(true)
    expect(retries.length).toBeGreaterThanOrEqual(3)
    const times = [0, ...retries.map(([t]) => t)]
    const gaps = times.slice(1).map((t, i) => t - times[i])
    for (let i = 2; i < gaps.length; i++) expect(gaps[i]).toBe(2 * gaps[i - 1])
    expect(eventsOf(c, 'FailedCreate')[0].count).toBe(quota.attempts - 2)
    expect(quota.attempts).toBe(atStart + retries.length)
    expect(rs(c).status).toMatchObject({ replicas: 2, conditions: [{ type: 'ReplicaFailure', reason: 'FailedCreate', lastTransitionTime: '2025-01-01T00:00:00Z' }] })

    quota.on = false
    c.advance(gaps[gaps.length - 1] * 2) // the next retry
    expect(podsOf(c)).toHaveLength(10)
    expect(eventsOf(c, 'SuccessfulCreate')).toHaveLength(10)
    c.settle()
    expect(rs(c).status.conditions).toBeUndefined()
    expect(rs(c).status.replicas).toBe(10)
  })

  it('a create refused because the namespace is being terminated is no failure: no event, no ReplicaFailure, no retry', () => {
    const c = createCluster({ nodes: 1 })
    c.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } })
    c.apply({ ...replicaSet('web', 2), metadata: { name: 'web', namespace: 'team' } })
    c.runUntil(() => (c.get('ReplicaSet', 'web', { namespace: 'team' }) as Any)?.status?.readyReplicas === 2)
    const conditions: unknown[] = []
    c.watch('ReplicaSet', ({ object }: Any) => void (object.status?.conditions && conditions.push(object.status.conditions)), { namespace: 'team' })
    // The pod goes first, so the ReplicaSet syncs (and tries a replacement) before the namespace controller starts.
    const [victim] = c.list('Pod', { namespace: 'team' }) as Any[]
    const since = c.now()
    c.delete('Pod', victim.metadata.name, { namespace: 'team', gracePeriodSeconds: 0 })
    c.delete('Namespace', 'team')
    c.settle()
    expect(c.trace().some((e) => e.actor === 'replicaset-controller' && e.kind === 'Pod' && e.verb === 'create' && e.namespace === 'team' && e.time >= since)).toBe(false)
    expect(conditions).toEqual([])
    expect(eventsOf(c, 'FailedCreate').length + (c.events({ namespace: 'team' }) as Any[]).filter((e) => e.reason === 'FailedCreate').length).toBe(0)
    expect(c.env.manager.busy().find((b) => b.name === 'replicaset-controller')?.lastError).toBeUndefined()
  })
})

describe('burst and slow start (semantics.md §4.2; fact 4.3)', () => {
  it('scaling 0 → 1200 creates 500, then 500 once those are observed, then 200: one burst per sync', () => {
    const c = createCluster({ nodes: 0 })
    c.apply(replicaSet('web', 1200))
    c.settle()
    expect(createsPerSync(c)).toEqual([500, 500, 200])
    expect(podsOf(c)).toHaveLength(1200)
    expect(eventsOf(c, 'SuccessfulCreate')).toHaveLength(1200)
    expect(rs(c).status.replicas).toBe(1200)
  })

  it('one sync attempts at most 500 creates in batches 1, 2, 4, …, 128, then the 245 left', () => {
    // Creates 301 and later fail: create 301 falls in the last batch (creates 256..500), which runs to its end.
    const { c, quota, firstSync } = applyUnderQuota(1200, 300, 0)
    expect(firstSync).toBe(500)
    expect(podsOf(c)).toHaveLength(300)
    expect(eventsOf(c, 'FailedCreate')[0].count).toBe(quota.attempts - 300)
  })
})

describe('scale-down ranking on a live cluster (semantics.md §4.3; fact 4.4)', () => {
  it('of an unscheduled, a Pending, a Running not-ready and a Running Ready pod, scaling 4 → 1 keeps only the Ready one', () => {
    const c = createCluster({ nodes: 2 })
    // Created in the order that would win without ranking (by name): p1 … p4.
    c.create(orphanPod('p1', { nodeSelector: { disk: 'ssd' } })) // no node has the label: never scheduled
    c.create(orphanPod('p2', { nodeName: 'node-1', image: 'big-image', annotations: { 'kubesim.io/pull-duration': '1h' } })) // Pending: pulling
    c.create(orphanPod('p3', { nodeName: 'node-1', annotations: { 'kubesim.io/ready-after': '1h' } })) // Running, not Ready
    c.create(orphanPod('p4', { nodeName: 'node-2' })) // Running, Ready
    c.apply(replicaSet('web', 4))
    c.advance('30s')
    const state = (name: string) => {
      const p = c.get('Pod', name) as Any
      return [p.spec.nodeName ?? '', p.status?.phase, p.status?.conditions?.find((x: Any) => x.type === 'Ready')?.status ?? 'False']
    }
    expect([state('p1'), state('p2'), state('p3'), state('p4')]).toEqual([
      ['', 'Pending', 'False'], ['node-1', 'Pending', 'False'], ['node-1', 'Running', 'False'], ['node-2', 'Running', 'True'],
    ])
    expect(podsOf(c).every((p) => p.metadata.ownerReferences?.[0]?.name === 'web')).toBe(true)
    expect(eventsOf(c, 'SuccessfulCreate')).toHaveLength(0)

    c.scale('ReplicaSet', 'web', 1)
    c.settle()
    expect(eventsOf(c, 'SuccessfulDelete').map((e) => e.message).sort()).toEqual(['Deleted pod: p1', 'Deleted pod: p2', 'Deleted pod: p3'])
    const live = podsOf(c).filter((p) => !p.metadata.deletionTimestamp).map((p) => p.metadata.name)
    expect(live).toEqual(['p4'])
    expect(rs(c).status.replicas).toBe(1)
  })

  it('scaling 3 → 2 deletes the one pod that is not Ready yet, whichever was created first', () => {
    const c = createCluster({ nodes: 2 })
    c.create(orphanPod('a', { annotations: { 'kubesim.io/ready-after': '1h' } }))
    c.create(orphanPod('b'))
    c.create(orphanPod('c'))
    c.apply(replicaSet('web', 3))
    c.advance('30s')
    c.scale('ReplicaSet', 'web', 2)
    c.settle()
    expect(podsOf(c).filter((p) => !p.metadata.deletionTimestamp).map((p) => p.metadata.name)).toEqual(['b', 'c'])
  })
})
