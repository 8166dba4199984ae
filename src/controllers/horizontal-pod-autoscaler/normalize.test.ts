// Stabilization and rate limits of the HPA (semantics.md §13.3, testable facts 13.6, 13.8, 13.9).
import { describe, expect, it } from 'vitest'
import { defaultScaleDownRules, defaultScaleUpRules } from '../../api/horizontal-pod-autoscaler'
import { normalizeDesiredReplicas, normalizeDesiredReplicasWithBehaviors, recordScaleEvent, type HpaHistory } from './normalize'

const NOW = 1_000_000

describe('normalizeDesiredReplicas (no spec.behavior)', () => {
  it('scale-up is capped at max(2 x current, 4): 1 → desired 5 becomes 4, ScalingLimited ScaleUpLimit', () => {
    const n = normalizeDesiredReplicas({ currentReplicas: 1, desiredReplicas: 5, minReplicas: 1, maxReplicas: 10, nowMs: NOW, recommendations: [{ replicas: 1, atMs: NOW - 15_000 }] })
    expect(n.replicas).toBe(4)
    expect(n.scalingLimited).toEqual({ status: 'True', reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' })
    expect(n.ableToScale.reason).toBe('ReadyForNewScale')
  })

  it('4 pods wanting 8: limit max(8, 4) = 8, applied in one step', () => {
    const n = normalizeDesiredReplicas({ currentReplicas: 4, desiredReplicas: 8, minReplicas: 1, maxReplicas: 10, nowMs: NOW, recommendations: [] })
    expect(n.replicas).toBe(8)
    expect(n.scalingLimited.reason).toBe('DesiredWithinRange')
  })

  it('scale-down waits until every recommendation of the last 300 s is that low', () => {
    const recs = [
      { replicas: 5, atMs: NOW - 200_000 },
      { replicas: 2, atMs: NOW - 100_000 },
    ]
    const held = normalizeDesiredReplicas({ currentReplicas: 5, desiredReplicas: 1, minReplicas: 1, maxReplicas: 10, nowMs: NOW, recommendations: recs })
    expect(held.replicas).toBe(5)
    expect(held.ableToScale.reason).toBe('ScaleDownStabilized')
    const later = normalizeDesiredReplicas({ currentReplicas: 5, desiredReplicas: 1, minReplicas: 1, maxReplicas: 10, nowMs: NOW + 101_000, recommendations: held.recommendations })
    expect(later.replicas).toBe(2)
  })

  it('clamps to maxReplicas with TooManyReplicas when that is the tighter bound', () => {
    const n = normalizeDesiredReplicas({ currentReplicas: 8, desiredReplicas: 40, minReplicas: 1, maxReplicas: 10, nowMs: NOW, recommendations: [] })
    expect(n).toMatchObject({ replicas: 10, scalingLimited: { status: 'True', reason: 'TooManyReplicas' } })
  })
})

describe('normalizeDesiredReplicasWithBehaviors (default policies)', () => {
  const empty: HpaHistory = { recommendations: [], scaleUpEvents: [], scaleDownEvents: [] }
  const up = defaultScaleUpRules()
  const down = defaultScaleDownRules()

  it('10 pods wanting 40 are limited to max(10 + 4, 10 x 2) = 20 in the first 15 s period', () => {
    const n = normalizeDesiredReplicasWithBehaviors({ currentReplicas: 10, desiredReplicas: 40, minReplicas: 1, maxReplicas: 50, nowMs: NOW, scaleUp: up, scaleDown: down, history: empty })
    expect(n).toMatchObject({ replicas: 20, scalingLimited: { status: 'True', reason: 'ScaleUpLimit' } })
  })

  it('1 pod wanting 5 may add 4 pods at once: 5', () => {
    const n = normalizeDesiredReplicasWithBehaviors({ currentReplicas: 1, desiredReplicas: 5, minReplicas: 1, maxReplicas: 10, nowMs: NOW, scaleUp: up, scaleDown: down, history: empty })
    expect(n.replicas).toBe(5)
  })

  it('counts earlier scale-ups within the policy period', () => {
    const history = recordScaleEvent(empty, up, down, 10, 20, NOW - 5_000)
    const n = normalizeDesiredReplicasWithBehaviors({ currentReplicas: 20, desiredReplicas: 40, minReplicas: 1, maxReplicas: 50, nowMs: NOW, scaleUp: up, scaleDown: down, history })
    // period start 10 → max(14, 20) = 20: no further growth until the period passes
    expect(n.replicas).toBe(20)
  })

  it('scale-down uses the 300 s window when the behavior leaves it unset', () => {
    const history: HpaHistory = { ...empty, recommendations: [{ replicas: 6, atMs: NOW - 290_000 }] }
    expect(normalizeDesiredReplicasWithBehaviors({ currentReplicas: 6, desiredReplicas: 2, minReplicas: 1, maxReplicas: 10, nowMs: NOW, scaleUp: up, scaleDown: down, history }).replicas).toBe(6)
    expect(normalizeDesiredReplicasWithBehaviors({ currentReplicas: 6, desiredReplicas: 2, minReplicas: 1, maxReplicas: 10, nowMs: NOW + 11_000, scaleUp: up, scaleDown: down, history }).replicas).toBe(2)
  })
})
