import { describe, expect, it } from 'vitest'
import type { Pod } from '../../api/pod'
import { planPodsToDelete } from './rank-pods'
import { parseRfc3339, toRfc3339 } from '../../sim/time'

const NOW = parseRfc3339('2025-01-01T01:00:00Z')
const at = toRfc3339

function pod(name: string, opts: { node?: string; phase?: string; ready?: boolean; readySince?: number; created?: number; cost?: number; restarts?: number; uid?: string } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid: opts.uid ?? `uid-${name}`,
      creationTimestamp: at(opts.created ?? NOW - 3_600_000),
      ...(opts.cost !== undefined ? { annotations: { 'controller.kubernetes.io/pod-deletion-cost': String(opts.cost) } } : {}),
    },
    spec: { containers: [{ name: 'c', image: 'nginx' }], ...(opts.node ? { nodeName: opts.node } : {}) },
    status: {
      phase: (opts.phase ?? 'Running') as 'Running',
      conditions: [{ type: 'Ready', status: opts.ready ? 'True' : 'False', lastTransitionTime: at(opts.readySince ?? NOW - 1_800_000) }],
      containerStatuses: [{ name: 'c', image: 'nginx', imageID: '', ready: !!opts.ready, restartCount: opts.restarts ?? 0 }],
    },
  } as Pod
}

const names = (pods: Pod[]) => pods.map((p) => p.metadata.name)

describe('planPodsToDelete (semantics.md §4.3, ActivePodsWithRanks.Less)', () => {
  it('deletes unscheduled, then pending, then not-ready pods before a ready one (testable fact 4.4)', () => {
    const pods = [pod('p4', { node: 'n2', ready: true }), pod('p3', { node: 'n1', phase: 'Running' }), pod('p2', { node: 'n1', phase: 'Pending' }), pod('p1', { phase: 'Pending' })]
    expect(names(planPodsToDelete(pods, [], 3, NOW))).toEqual(['p1', 'p2', 'p3'])
  })

  it('deletes the pod with the lowest pod-deletion-cost first (testable fact 4.5)', () => {
    const pods = [pod('a', { node: 'n1', ready: true, cost: 100 }), pod('b', { node: 'n1', ready: true, cost: 0 }), pod('c', { node: 'n1', ready: true, cost: -5 })]
    expect(names(planPodsToDelete(pods, [], 1, NOW))).toEqual(['c'])
  })

  it('deletes a doubled-up pod first when related pods share its node (testable fact 4.6)', () => {
    const pods = [pod('a', { node: 'n2', ready: true }), pod('b', { node: 'n1', ready: true }), pod('c', { node: 'n3', ready: true }), pod('d', { node: 'n1', ready: true })]
    const victim = planPodsToDelete(pods, pods, 1, NOW)[0]
    expect(victim.spec?.nodeName).toBe('n1')
  })

  it('ranks every pod of a standalone ReplicaSet 0: no related pods, so co-location does not matter', () => {
    const pods = [pod('a', { node: 'n1', ready: true, created: NOW - 60_000 }), pod('b', { node: 'n1', ready: true, created: NOW - 60_000 }), pod('c', { node: 'n2', ready: true, created: NOW - 10_000, readySince: NOW - 5_000 })]
    expect(names(planPodsToDelete(pods, [], 1, NOW))).toEqual(['c'])
  })

  it('deletes the pod ready for less time first, comparing on a log2 scale with a UID tie-break', () => {
    const young = pod('young', { node: 'n1', ready: true, readySince: NOW - 10_000, uid: 'z' })
    const old = pod('old', { node: 'n2', ready: true, readySince: NOW - 600_000, uid: 'a' })
    expect(names(planPodsToDelete([old, young], [], 1, NOW))).toEqual(['young'])
    // 35 s and 40 s ago fall in the same log2 bucket of nanoseconds: the lower UID goes first.
    const x = pod('x', { node: 'n1', ready: true, readySince: NOW - 35_000, uid: 'b' })
    const y = pod('y', { node: 'n2', ready: true, readySince: NOW - 40_000, uid: 'a' })
    expect(names(planPodsToDelete([x, y], [], 1, NOW))).toEqual(['y'])
  })

  it('deletes the pod with more restarts first when readiness ties', () => {
    const pods = [pod('calm', { node: 'n1', restarts: 0 }), pod('crashy', { node: 'n2', restarts: 4 })]
    expect(names(planPodsToDelete(pods, [], 1, NOW))).toEqual(['crashy'])
  })

  it('returns every pod without sorting when all are to go', () => {
    const pods = [pod('a', { ready: true }), pod('b')]
    expect(names(planPodsToDelete(pods, [], 5, NOW))).toEqual(['a', 'b'])
  })
})
