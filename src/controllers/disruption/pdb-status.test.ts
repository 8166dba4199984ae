// PodDisruptionBudget status math (semantics.md §13.1, testable facts 13.1–13.2).
import { describe, expect, it } from 'vitest'
import type { Stored } from '../../api/meta'
import type { Pod } from '../../api/pod'
import type { PodDisruptionBudget } from '../../api/pod-disruption-budget'
import { computePdbCounts, computePdbStatus, type ControllerScale } from './pdb-status'
import { scaledValueFromIntOrPercent } from './int-or-percent'
import { parseRfc3339, toRfc3339 } from '../../sim/time'

const T0 = parseRfc3339('2025-01-01T00:00:00Z')
const rfc = toRfc3339

function pod(name: string, ready = true, extra: { deleting?: boolean } = {}): Stored<Pod> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: '1', creationTimestamp: rfc(T0), ...(extra.deleting ? { deletionTimestamp: rfc(T0) } : {}) },
    spec: { containers: [{ name: 'c', image: 'nginx' }] },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  } as Stored<Pod>
}

function pdb(spec: Partial<PodDisruptionBudget['spec']>, status?: PodDisruptionBudget['status']): Stored<PodDisruptionBudget> {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'web-pdb', namespace: 'default', uid: 'u', resourceVersion: '1', creationTimestamp: rfc(T0), generation: 1 },
    spec: { selector: { matchLabels: { app: 'web' } }, ...spec },
    ...(status ? { status } : {}),
  } as Stored<PodDisruptionBudget>
}

const deployment3: () => ControllerScale = () => ({ kind: 'scale', uid: 'deploy-web', replicas: 3 })

describe('computePdbCounts', () => {
  it('minAvailable 2 over 3 ready pods: expected 3, desired 2, healthy 3, one disruption allowed', () => {
    const c = computePdbCounts(pdb({ minAvailable: 2 }), [pod('a'), pod('b'), pod('c')], T0, deployment3)
    expect(c).toMatchObject({ ok: true, expectedPods: 3, desiredHealthy: 2, currentHealthy: 3, disruptionsAllowed: 1 })
  })

  it('maxUnavailable 50% over a 3-replica controller rounds up to 2: desired 1, allowed 2', () => {
    const c = computePdbCounts(pdb({ maxUnavailable: '50%' }), [pod('a'), pod('b'), pod('c')], T0, deployment3)
    expect(c).toMatchObject({ ok: true, expectedPods: 3, desiredHealthy: 1, disruptionsAllowed: 2 })
  })

  it('minAvailable as a percentage of the controller scale rounds up (34% of 3 = 2)', () => {
    const c = computePdbCounts(pdb({ minAvailable: '34%' }), [pod('a'), pod('b'), pod('c')], T0, deployment3)
    expect(c).toMatchObject({ ok: true, expectedPods: 3, desiredHealthy: 2, disruptionsAllowed: 1 })
  })

  it('maxUnavailable 1 counts the controller scale, not the pods found (zookeeper: 3 replicas, 2 pods left)', () => {
    const c = computePdbCounts(pdb({ maxUnavailable: 1 }), [pod('zk-0'), pod('zk-2')], T0, deployment3)
    expect(c).toMatchObject({ ok: true, expectedPods: 3, desiredHealthy: 2, currentHealthy: 2, disruptionsAllowed: 0 })
  })

  it('pods not ready, terminating or recently granted an eviction are not healthy', () => {
    const granted = pdb({ minAvailable: 1 }, { disruptedPods: { c: rfc(T0) } })
    const c = computePdbCounts(granted, [pod('a', false), pod('b', true, { deleting: true }), pod('c'), pod('d')], T0 + 10_000, deployment3)
    expect(c).toMatchObject({ ok: true, currentHealthy: 1, disruptionsAllowed: 0, disruptedPods: { c: rfc(T0) }, recheckAtMs: T0 + 120_000 })
  })

  it('a disruptedPods entry older than 2 minutes expires and the pod counts again (event NotDeleted)', () => {
    const granted = pdb({ minAvailable: 1 }, { disruptedPods: { c: rfc(T0) } })
    const c = computePdbCounts(granted, [pod('c')], T0 + 121_000, deployment3)
    expect(c.ok && c.currentHealthy).toBe(1)
    expect(c.ok && c.notDeleted.map((p) => p.metadata.name)).toEqual(['c'])
    expect(c.ok && c.disruptedPods).toEqual({})
  })

  it('a pod whose controller cannot be found fails the sync for the percentage forms', () => {
    const c = computePdbCounts(pdb({ maxUnavailable: 1 }), [pod('a')], T0, () => ({ kind: 'missing', message: 'found no controllers for pod "a"' }))
    expect(c).toEqual({ ok: false, error: 'found no controllers for pod "a"' })
    const status = computePdbStatus(pdb({ maxUnavailable: 1 }), c, T0)
    expect(status.disruptionsAllowed).toBe(0)
    expect(status.conditions?.[0]).toMatchObject({ type: 'DisruptionAllowed', status: 'False', reason: 'SyncFailed' })
  })

  it('nothing may be disrupted when no pod is expected', () => {
    const c = computePdbCounts(pdb({ maxUnavailable: 1 }), [], T0, deployment3)
    expect(c).toMatchObject({ ok: true, expectedPods: 0, disruptionsAllowed: 0 })
  })
})

describe('computePdbStatus', () => {
  it('writes the counts, observedGeneration and DisruptionAllowed SufficientPods/InsufficientPods', () => {
    const budget = pdb({ minAvailable: 2 })
    const ok = computePdbStatus(budget, computePdbCounts(budget, [pod('a'), pod('b'), pod('c')], T0, deployment3), T0)
    expect(ok).toMatchObject({ currentHealthy: 3, desiredHealthy: 2, expectedPods: 3, disruptionsAllowed: 1, observedGeneration: 1 })
    expect(ok.conditions).toEqual([{ type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods', message: '', observedGeneration: 1, lastTransitionTime: rfc(T0) }])
    const later = computePdbStatus({ ...budget, status: ok }, computePdbCounts(budget, [pod('a'), pod('b')], T0 + 5000, deployment3), T0 + 5000)
    expect(later.conditions?.[0]).toMatchObject({ status: 'False', reason: 'InsufficientPods', lastTransitionTime: rfc(T0 + 5000) })
  })
})

describe('scaledValueFromIntOrPercent', () => {
  it('rounds percentages up or down as asked', () => {
    expect(scaledValueFromIntOrPercent('25%', 10, true)).toBe(3)
    expect(scaledValueFromIntOrPercent('25%', 10, false)).toBe(2)
    expect(scaledValueFromIntOrPercent(4, 10, true)).toBe(4)
  })
})
