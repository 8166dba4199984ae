// The HPA replica formula (semantics.md §13.3, testable facts 13.6, 13.7, 13.9).
import { describe, expect, it } from 'vitest'
import { computeRawResourceReplicas, computeResourceReplicas, type PodSample } from './replica-calculator'

const NOW = 10_000_000
/** A Running pod, Ready for 10 minutes, requesting 200m and using `usage` millicores. */
function sample(name: string, usage: number | undefined, extra: Partial<PodSample> = {}): PodSample {
  return { name, phase: 'Running', deleting: false, ready: { status: 'True', lastTransitionMs: NOW - 600_000 }, startTimeMs: NOW - 600_000, requestMilli: 200, usageMilli: usage, ...extra }
}
const pods = (n: number, usage: number) => Array.from({ length: n }, (_, i) => sample(`p${i}`, usage))

describe('computeResourceReplicas', () => {
  it('4 pods at 90 % of request against a 50 % target: ratio 1.8, desired ceil(7.2) = 8', () => {
    const r = computeResourceReplicas({ currentReplicas: 4, targetUtilization: 50, resource: 'cpu', pods: pods(4, 180), nowMs: NOW })
    expect(r).toEqual({ ok: true, replicas: 8, utilization: 90, rawAverageMilli: 180 })
  })

  it('52 % average against 50 % is within the 0.1 tolerance: keep the current count', () => {
    const r = computeResourceReplicas({ currentReplicas: 4, targetUtilization: 50, resource: 'cpu', pods: pods(4, 104), nowMs: NOW })
    expect(r).toMatchObject({ ok: true, replicas: 4, utilization: 52 })
  })

  it('1 pod at 250 % against a 50 % target asks for ceil(1 x 250 / 50) = 5', () => {
    const r = computeResourceReplicas({ currentReplicas: 1, targetUtilization: 50, resource: 'cpu', pods: pods(1, 500), nowMs: NOW })
    expect(r).toMatchObject({ ok: true, replicas: 5, utilization: 250 })
  })

  it('10 pods at 200 % against 50 % asks for 40', () => {
    const r = computeResourceReplicas({ currentReplicas: 10, targetUtilization: 50, resource: 'cpu', pods: pods(10, 400), nowMs: NOW })
    expect(r).toMatchObject({ ok: true, replicas: 40 })
  })

  it('on a scale-up, pending (unready) pods count as using 0 %', () => {
    const list = [sample('a', 400), sample('b', 400), sample('c', undefined, { phase: 'Pending', ready: undefined, startTimeMs: undefined })]
    // ratio 4 over ready pods; with c at 0 %: (400+400+0)/600 = 133 % → ratio 2.66 → ceil(2.66 x 3) = 8
    expect(computeResourceReplicas({ currentReplicas: 3, targetUtilization: 50, resource: 'cpu', pods: list, nowMs: NOW })).toMatchObject({ ok: true, replicas: 8 })
  })

  it('on a scale-down, pods missing metrics count as using 100 % of their request', () => {
    const list = [sample('a', 20), sample('b', 20), sample('c', undefined)]
    // ready ratio 0.2; with c at 100 %: (20+20+200)/600 = 40 % → ratio 0.8 → ceil(0.8 x 3) = 3 (no change)
    expect(computeResourceReplicas({ currentReplicas: 3, targetUtilization: 50, resource: 'cpu', pods: list, nowMs: NOW })).toMatchObject({ ok: true, replicas: 3 })
  })

  it('ignores pods being deleted and failed pods', () => {
    const list = [sample('a', 100), sample('b', 900, { deleting: true }), sample('c', 900, { phase: 'Failed' })]
    expect(computeResourceReplicas({ currentReplicas: 1, targetUtilization: 50, resource: 'cpu', pods: list, nowMs: NOW })).toMatchObject({ ok: true, replicas: 1 })
  })

  it('a CPU sample taken less than a window after a pod turned Ready in its first 5 minutes is skipped', () => {
    const fresh = sample('new', 900, { startTimeMs: NOW - 20_000, ready: { status: 'True', lastTransitionMs: NOW - 5_000 } })
    const r = computeResourceReplicas({ currentReplicas: 2, targetUtilization: 50, resource: 'cpu', pods: [sample('old', 100), fresh], nowMs: NOW })
    // old alone is at exactly 50 %; the fresh pod is unready but the ratio is not above 1: keep 2
    expect(r).toMatchObject({ ok: true, replicas: 2, utilization: 50 })
  })

  it('a pod without a request for the resource is an error (no scaling)', () => {
    const r = computeResourceReplicas({ currentReplicas: 1, targetUtilization: 50, resource: 'cpu', pods: [sample('a', 100, { requestMilli: undefined, missingRequestContainer: 'app' })], nowMs: NOW })
    expect(r).toEqual({ ok: false, error: 'missing request for cpu in container app of Pod a' })
  })
})

describe('computeRawResourceReplicas', () => {
  it('scales by average value per pod: 3 pods at 300m against 100m → 9', () => {
    expect(computeRawResourceReplicas({ currentReplicas: 3, targetAverageMilli: 100, resource: 'cpu', pods: pods(3, 300), nowMs: NOW })).toMatchObject({ ok: true, replicas: 9, rawAverageMilli: 300 })
  })
})
