// The running counts against the full sync they stand in for. Random schedules of what changes the
// pods of two ReplicaSets (scaling, orphans to adopt, relabelled pods to release, pods whose
// controllerRef moves to the other owner, terminating pods that stop matching, pod and owner
// deletion, crashes, pods turned terminal by a status write alone, template label edits, readiness
// over time) run twice: once as shipped, checking every count the tallies hand out against one
// computed from the store the way the full sync does, and once with the tallies refused so that
// every sync takes the full path. Both runs must leave the same trace and the same store.
import fc from 'fast-check'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createCluster, type Cluster, type KubeObject } from '../../index'
import type { Pod } from '../../api/pod'
import type { Store } from '../../store/store'
import { controllerOf } from '../../runtime/owners'
import { matchesSelector } from '../../store/selectors'
import { podFacts } from './pod-state'
import { ReplicaPodTallies } from './pod-tally'
import { countReplicas, type ReplicaOwnerView } from './replica-status'
import { replicaSetWorkload } from './replica-workload'

type Target = 'web' | 'db'
type Op =
  | { op: 'scale'; target: Target; replicas: number }
  | { op: 'orphan'; labels: Target }
  | { op: 'relabel'; pick: number }
  | { op: 'deletePod'; pick: number; relabel: boolean }
  | { op: 'crash'; pick: number }
  | { op: 'fail'; pick: number }
  | { op: 'transfer'; pick: number }
  | { op: 'templateLabel'; target: Target }
  | { op: 'deleteRs'; target: Target; orphan: boolean }
  | { op: 'recreateRs'; target: Target }
  | { op: 'advance'; seconds: number }

const target = fc.constantFrom<Target>('web', 'db')
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('scale' as const), target, replicas: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ op: fc.constant('orphan' as const), labels: target }),
  fc.record({ op: fc.constant('relabel' as const), pick: fc.nat(20) }),
  fc.record({ op: fc.constant('deletePod' as const), pick: fc.nat(20), relabel: fc.boolean() }),
  fc.record({ op: fc.constant('crash' as const), pick: fc.nat(20) }),
  fc.record({ op: fc.constant('fail' as const), pick: fc.nat(20) }),
  fc.record({ op: fc.constant('transfer' as const), pick: fc.nat(20) }),
  fc.record({ op: fc.constant('templateLabel' as const), target }),
  fc.record({ op: fc.constant('deleteRs' as const), target, orphan: fc.boolean() }),
  fc.record({ op: fc.constant('recreateRs' as const), target }),
  fc.record({ op: fc.constant('advance' as const), seconds: fc.integer({ min: 0, max: 40 }) }),
)

const replicaSet = (app: Target, replicas: number) => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: app, namespace: 'default' },
  spec: {
    replicas,
    selector: { matchLabels: { app } },
    template: {
      // Pods take a while to stop, so that syncs see them terminating.
      metadata: { labels: { app }, annotations: { 'kubesim.io/stop-duration': '4s' } },
      spec: { containers: [{ name: 'c', image: 'nginx', readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5 } }] },
    },
  },
})

const other = (app: unknown): Target => (app === 'web' ? 'db' : 'web')

function run(ops: readonly Op[]): Cluster {
  const c = createCluster({ nodes: 2, seed: 5 })
  c.apply(replicaSet('web', 3))
  c.apply(replicaSet('db', 2))
  c.advance('20s')
  let orphans = 0
  const pick = (n: number) => {
    const all = c.list('Pod') as (Pod & KubeObject)[]
    return all.length ? all[n % all.length] : undefined
  }
  const relabel = (pod: Pod & KubeObject) => c.edit('Pod', pod.metadata.name, (d: any) => void (d.metadata.labels = { ...d.metadata.labels, app: other(d.metadata.labels?.app) }))
  for (const o of ops) {
    if (o.op === 'scale') {
      if (c.get('ReplicaSet', o.target)) c.scale('ReplicaSet', o.target, o.replicas)
    } else if (o.op === 'orphan') {
      c.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `bare-${orphans++}`, namespace: 'default', labels: { app: o.labels } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } as never)
    } else if (o.op === 'relabel') {
      const pod = pick(o.pick)
      if (pod) relabel(pod)
    } else if (o.op === 'deletePod') {
      const pod = pick(o.pick)
      if (pod && !pod.metadata.deletionTimestamp) {
        c.delete('Pod', pod.metadata.name)
        // A terminating pod that stops matching its owner.
        const left = c.get('Pod', pod.metadata.name) as (Pod & KubeObject) | undefined
        if (o.relabel && left) relabel(left)
      }
    } else if (o.op === 'crash') {
      const pod = pick(o.pick)
      if (pod && !pod.metadata.deletionTimestamp && pod.status?.containerStatuses?.[0]?.state?.running) c.crash(pod.metadata.name)
    } else if (o.op === 'fail') {
      // A pod turned terminal by a status write that leaves its conditions (Ready among them) as they were.
      const pod = pick(o.pick)
      if (pod?.status) c.env.store.writeStatus('Pod', `default/${pod.metadata.name}`, { ...pod.status, phase: 'Failed' }, { actor: 'test', validate: false })
    } else if (o.op === 'transfer') {
      // The controllerRef (and the labels) moved to the other ReplicaSet in one write.
      const pod = pick(o.pick)
      const to = pod && (c.get('ReplicaSet', other(pod.metadata.labels?.app)) as KubeObject | undefined)
      if (pod && to)
        c.edit('Pod', pod.metadata.name, (d: any) => {
          d.metadata.labels = { ...d.metadata.labels, app: to.metadata.name }
          d.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: to.metadata.name, uid: to.metadata.uid, controller: true, blockOwnerDeletion: true }]
        })
    } else if (o.op === 'templateLabel') {
      if (c.get('ReplicaSet', o.target))
        c.edit('ReplicaSet', o.target, (d: any) => void (d.spec.template.metadata.labels = d.spec.template.metadata.labels.tier ? { app: o.target } : { app: o.target, tier: 'front' }))
    } else if (o.op === 'deleteRs') {
      if (c.get('ReplicaSet', o.target)) c.delete('ReplicaSet', o.target, o.orphan ? { propagationPolicy: 'Orphan' } : {})
    } else if (o.op === 'recreateRs') {
      if (!c.get('ReplicaSet', o.target)) c.apply(replicaSet(o.target, 2))
    }
    c.advance(o.op === 'advance' ? `${o.seconds}s` : '1s')
  }
  return c
}

/** The status counts and claim changes of a sync, computed from the store as the full path does. */
function reference(store: Store, owner: KubeObject & ReplicaOwnerView) {
  const selector = replicaSetWorkload.selectorOf(owner)
  const candidates = new Map<string, Pod>()
  for (const pod of store.list<Pod>('Pod', { namespace: owner.metadata.namespace, selector })) candidates.set(pod.metadata.uid!, pod)
  for (const o of store.dependents(owner.metadata.uid)) if (o.kind === 'Pod') candidates.set(o.metadata.uid, o as unknown as Pod)
  const claimed: Pod[] = []
  const terminating: Pod[] = []
  let adopt = 0
  let release = 0
  for (const pod of candidates.values()) {
    const facts = podFacts(pod)
    const matches = matchesSelector(selector, pod.metadata.labels)
    const ours = controllerOf(pod)?.uid === owner.metadata.uid
    if (facts.active && ours && matches) claimed.push(pod)
    else if (facts.active && ours) release++
    else if (facts.active && !controllerOf(pod) && matches) adopt++
    else if (facts.terminating && ours && matches) terminating.push(pod)
  }
  // minReadySeconds 0 (the only case the tallies answer): availability does not depend on the time.
  return { counts: countReplicas(owner, claimed, terminating, 0), adopt, release }
}

const digest = (c: Cluster) =>
  c.env.store.registry
    .kinds()
    .map((k) => JSON.stringify(c.env.store.list(k.kind)))
    .join('\n')

describe('ReplicaPodTallies', () => {
  afterEach(() => vi.restoreAllMocks())

  it('hands out the counts a full sync computes, and syncs that use them write the same', () => {
    const settledCounts = ReplicaPodTallies.prototype.settledCounts
    let answered = 0
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 25 }), (ops) => {
        vi.spyOn(ReplicaPodTallies.prototype, 'settledCounts').mockImplementation(function (this: ReplicaPodTallies, store, key, owner) {
          const counts = settledCounts.call(this, store, key, owner)
          if (counts) {
            answered++
            const expected = reference(store, owner)
            expect({ adopt: expected.adopt, release: expected.release }).toEqual({ adopt: 0, release: 0 })
            expect(counts).toEqual(expected.counts)
          }
          return counts
        })
        const tallied = run(ops)
        vi.restoreAllMocks()
        vi.spyOn(ReplicaPodTallies.prototype, 'settledCounts').mockReturnValue(undefined)
        const full = run(ops)
        vi.restoreAllMocks()
        expect(tallied.traceHash()).toBe(full.traceHash())
        expect(digest(tallied)).toBe(digest(full))
      }),
      { numRuns: 40 },
    )
    // Not vacuous: most syncs took the tallies' answer.
    expect(answered).toBeGreaterThan(200)
  })
})
