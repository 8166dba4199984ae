// Node health, taints and zone states (semantics.md §11.2, §11.3, testable facts 11.1, 11.6, 11.7).
import { describe, expect, it } from 'vitest'
import type { Node } from '../../api/node'
import { computeUnknownConditions, computeZones, computeZoneState, planNoScheduleTaints, unknownDeadlineMs, withNoExecuteTaint } from './node-health'

const T = 1_735_689_600_000 // 2025-01-01T00:00:00Z, a multiple of 5 s

function node(name: string, ready: 'True' | 'False' | 'Unknown', extra: { zone?: string; unschedulable?: boolean; taints?: any[] } = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: extra.zone ? { 'topology.kubernetes.io/zone': extra.zone } : {} },
    spec: { unschedulable: extra.unschedulable, taints: extra.taints },
    status: { conditions: [{ type: 'Ready', status: ready, reason: 'KubeletReady', message: 'kubelet is posting ready status', lastTransitionTime: '2025-01-01T00:00:00Z', lastHeartbeatTime: '2025-01-01T00:00:00Z' }, { type: 'MemoryPressure', status: 'False' }] },
  } as Node
}

describe('unknownDeadlineMs', () => {
  it('is the first 5 s monitor tick strictly after the last heartbeat + 50 s', () => {
    expect(unknownDeadlineMs(T) - T).toBe(55_000)
    expect(unknownDeadlineMs(T + 2_500) - T).toBe(55_000)
    expect(unknownDeadlineMs(T + 4_999) - T).toBe(55_000)
  })
  it('honours a 40 s grace period (v1.31 and earlier): 10 s earlier', () => {
    expect(unknownDeadlineMs(T, 40_000) - T).toBe(45_000)
  })
})

describe('computeUnknownConditions', () => {
  it('turns Ready and the pressure conditions Unknown with NodeStatusUnknown, keeping lastHeartbeatTime', () => {
    const conditions = computeUnknownConditions(node('n2', 'True'), T + 55_000)
    expect(conditions.find((c) => c.type === 'Ready')).toEqual({
      type: 'Ready',
      status: 'Unknown',
      reason: 'NodeStatusUnknown',
      message: 'Kubelet stopped posting node status.',
      lastHeartbeatTime: '2025-01-01T00:00:00Z',
      lastTransitionTime: '2025-01-01T00:00:55Z',
    })
    expect(conditions.find((c) => c.type === 'DiskPressure')).toMatchObject({ status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.' })
  })
})

describe('planNoScheduleTaints', () => {
  it('mirrors Ready=Unknown as unreachable:NoSchedule and cordon as unschedulable:NoSchedule, keeping user taints', () => {
    const taints = planNoScheduleTaints(node('n', 'Unknown', { unschedulable: true, taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] }))
    expect(taints).toEqual([
      { key: 'dedicated', value: 'db', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
    ])
  })
  it('removes the mirror taints when the cause is gone', () => {
    expect(planNoScheduleTaints(node('n', 'True', { taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' }] }))).toEqual([])
  })
})

describe('withNoExecuteTaint', () => {
  it('swaps not-ready for unreachable and stamps timeAdded', () => {
    const n = node('n', 'Unknown', { taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute', timeAdded: '2025-01-01T00:00:00Z' }] })
    expect(withNoExecuteTaint(n, 'node.kubernetes.io/unreachable', T + 60_000)).toEqual([{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: '2025-01-01T00:01:00Z' }])
  })
})

describe('zone states', () => {
  it('FullDisruption when no node of the zone is Ready; PartialDisruption when > 2 and >= 55 % are not Ready', () => {
    expect(computeZoneState(['Unknown'])).toBe('FullDisruption')
    expect(computeZoneState(['True', 'True', 'Unknown', 'Unknown', 'Unknown'])).toBe('PartialDisruption')
    expect(computeZoneState(['True', 'True', 'True', 'Unknown', 'Unknown'])).toBe('Normal')
  })
  it('a single-node cluster whose node dies is in master disruption mode (no tainting)', () => {
    expect(computeZones([node('only', 'Unknown')]).allFullyDisrupted).toBe(true)
  })
  it('a 5-node zone with 3 dead nodes taints at rate 0; one dead zone of three taints at 0.1/s', () => {
    const partial = computeZones(['True', 'True', 'Unknown', 'Unknown', 'Unknown'].map((s, i) => node(`n${i}`, s as any)))
    expect([...partial.zones.values()][0]).toMatchObject({ state: 'PartialDisruption', rate: 0 })
    const zones = computeZones([node('a', 'Unknown', { zone: 'a' }), node('b', 'True', { zone: 'b' }), node('c', 'True', { zone: 'c' })])
    expect(zones.allFullyDisrupted).toBe(false)
    expect(zones.zones.get(':\u0000:a')).toMatchObject({ state: 'FullDisruption', rate: 0.1 })
  })
})
