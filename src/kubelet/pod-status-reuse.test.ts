// Conditions that do not change are handed back as the stored objects themselves. That must be
// invisible: random current conditions (every kubelet type or none, in any order, with or without
// reason, message, transition and probe times, fields in any order, some fields of their own) leave
// the same stored conditions, to the byte, as when every stored condition carries an extra field,
// which rules out reusing any of them and so builds every condition afresh as before. "Stored" is
// what the store keeps of a write: subtrees equal to the stored ones at the same place are shared.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isDeepEqual } from '../api/deep-equal'
import type { ContainerStatus, PodCondition, PodPhase } from '../api/pod'
import { shareEqual } from '../store/json'
import { computePodConditions, type ConditionInput } from './pod-status'

const conditionArb: fc.Arbitrary<PodCondition> = fc
  .record({
    type: fc.constantFrom('PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled', 'example.com/gate'),
    status: fc.constantFrom('True', 'False', 'Unknown'),
    lastProbeTime: fc.constantFrom(null, undefined, 'P'),
    lastTransitionTime: fc.constantFrom('T0', 'T1', null, undefined),
    reason: fc.constantFrom(undefined, '', 'PodCompleted', 'PodFailed', 'ContainersNotReady', 'ContainersNotInitialized'),
    message: fc.constantFrom(undefined, '', 'containers with unready status: [app]', 'containers with incomplete status: [setup]'),
    own: fc.constantFrom(undefined, 'x'),
  })
  .chain(({ own, ...c }) => {
    const fields = Object.entries({ ...c, own }).filter(([k, v]) => v !== undefined || k === 'lastProbeTime')
    return fc.shuffledSubarray(fields, { minLength: fields.length }).map((shuffled) => Object.fromEntries(shuffled) as PodCondition)
  })

const statusArb = (name: string): fc.Arbitrary<ContainerStatus | undefined> =>
  fc.option(
    fc.record({
      ready: fc.boolean(),
      started: fc.boolean(),
      state: fc.constantFrom({ running: { startedAt: 'S' } }, { waiting: { reason: 'ContainerCreating' } }, { terminated: { exitCode: 0 } }),
    }).map((s) => ({ name, restartCount: 0, ...s })),
    { nil: undefined },
  )

const inputArb: fc.Arbitrary<ConditionInput> = fc
  .record({
    phase: fc.constantFrom<PodPhase>('Pending', 'Running', 'Succeeded', 'Failed'),
    sandboxReady: fc.boolean(),
    terminating: fc.boolean(),
    gate: fc.boolean(),
    setup: statusArb('setup'),
    app: statusArb('app'),
    side: statusArb('side'),
    current: fc.array(conditionArb, { maxLength: 7 }),
  })
  .map(({ gate, setup, app, side, ...rest }) => ({
    ...rest,
    spec: { initContainers: [{ name: 'setup' }], containers: [{ name: 'app' }, { name: 'side' }], ...(gate ? { readinessGates: [{ conditionType: 'example.com/gate' }] } : {}) },
    initStatuses: setup ? [setup] : [],
    statuses: [app, side].filter((s): s is ContainerStatus => s !== undefined),
    now: 'NOW',
  }))

/** A deterministic shuffle (rotation and reversal by the seed). */
function reorder<T>(list: readonly T[], seed: number): T[] {
  const n = list.length
  const rotated = list.map((_, i) => list[(i + seed) % n])
  return seed % 3 === 0 ? rotated.reverse() : rotated
}

describe('kubelet conditions reuse the stored ones', () => {
  it('exactly when nothing about them changes, with the same bytes as conditions built afresh', () => {
    let reused = 0
    fc.assert(
      // The stored conditions are random, or what the kubelet wrote for an earlier random state,
      // possibly moved around and with their fields reordered by someone else.
      fc.property(inputArb, inputArb, fc.constantFrom('random', 'written', 'moved'), fc.nat(), (earlier, input, kind, seed) => {
        const written = kind === 'random' ? input.current : computePodConditions(earlier)
        const moved = kind === 'moved' ? reorder(written, seed).map((c, i) => (i % 2 ? Object.fromEntries(reorder(Object.entries(c), seed + i)) : c)) : written
        const current = moved.map((c) => Object.freeze(c as PodCondition))
        const got = computePodConditions({ ...input, current })
        const fresh = computePodConditions({ ...input, current: current.map((c) => ({ ...c, unmatched: true })) })
        for (let i = 0; i < 4; i++) {
          expect(isDeepEqual(got[i], fresh[i])).toBe(true)
          if (got[i] === current[i]) reused++
          // The transition time comes from the first current condition of the type.
          const first = current.find((c) => c.type === got[i].type)
          expect(got[i].lastTransitionTime).toBe(first && first.status === got[i].status ? (first.lastTransitionTime ?? 'NOW') : 'NOW')
        }
        const others = current.filter((c) => !['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady'].includes(c.type))
        expect(got.slice(4)).toEqual(others)
        const stored = (conditions: PodCondition[]) => JSON.stringify(shareEqual([...conditions.slice(0, 4), ...others], current))
        expect(stored(got)).toBe(stored(fresh))
      }),
      { numRuns: 5_000 },
    )
    expect(reused).toBeGreaterThan(1_000)
  })

  it('lists every unknown, unready and incomplete container in its message', () => {
    const running = (name: string, ready: boolean): ContainerStatus => ({ name, ready, restartCount: 0, state: { running: { startedAt: 'S' } } })
    const waiting = (name: string): ContainerStatus => ({ name, ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } })
    const spec = { initContainers: [{ name: 'i1' }, { name: 'i2' }, { name: 'side', restartPolicy: 'Always' }], containers: [{ name: 'a' }, { name: 'b' }, { name: 'c' }, { name: 'd' }] }
    const base = { spec, phase: 'Pending' as const, sandboxReady: true, current: [], now: 'T', terminating: false }
    const conditions = computePodConditions({ ...base, initStatuses: [waiting('i1'), waiting('side')], statuses: [waiting('a'), waiting('c')] })
    expect(conditions.map((c) => c.message)).toEqual([
      undefined,
      'containers with incomplete status: [i1 i2 side]',
      'containers with unknown status: [b d], containers with unready status: [side a c]',
      'containers with unknown status: [b d], containers with unready status: [side a c]',
    ])
    const started = computePodConditions({ ...base, initStatuses: [running('side', true)], statuses: [running('a', true), running('b', false), running('c', true), running('d', false)] })
    expect(started.map((c) => c.message)).toEqual([undefined, undefined, 'containers with unready status: [b d]', 'containers with unready status: [b d]'])
  })
})
