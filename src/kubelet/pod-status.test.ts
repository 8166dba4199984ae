import { describe, expect, it } from 'vitest'
import type { ContainerStatus } from '../api/pod'
import { formatGoDuration } from './messages'
import { computePodConditions, computePodPhase } from './pod-status'

const running: ContainerStatus = { name: 'app', ready: true, restartCount: 0, state: { running: { startedAt: 'x' } } }
const exited = (exitCode: number): ContainerStatus => ({ name: 'app', ready: false, restartCount: 0, state: { terminated: { exitCode } } })
const crashLooping: ContainerStatus = { name: 'app', ready: false, restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1 } } }
const spec = (restartPolicy: string) => ({ containers: [{ name: 'app' }], restartPolicy })

describe('getPhase (semantics.md §2.1)', () => {
  it('derives the phase from container states and restartPolicy', () => {
    expect(computePodPhase(spec('Always'), [], [{ name: 'app', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }], false)).toBe('Pending')
    expect(computePodPhase(spec('Always'), [], [running], false)).toBe('Running')
    expect(computePodPhase(spec('Always'), [], [crashLooping], false)).toBe('Running')
    expect(computePodPhase(spec('Never'), [], [exited(0)], false)).toBe('Succeeded')
    expect(computePodPhase(spec('Never'), [], [exited(2)], false)).toBe('Failed')
    expect(computePodPhase(spec('OnFailure'), [], [exited(1)], false)).toBe('Running')
    expect(computePodPhase(spec('Always'), [], [exited(143)], true)).toBe('Failed')
  })

  it('a failed init container under Never fails the pod; pending initialization keeps it Pending', () => {
    const withInit = { ...spec('Never'), initContainers: [{ name: 'init' }] }
    const waiting: ContainerStatus = { name: 'app', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }
    expect(computePodPhase(withInit, [{ ...exited(1), name: 'init' }], [waiting], false)).toBe('Failed')
    expect(computePodPhase(withInit, [{ ...running, name: 'init' }], [waiting], false)).toBe('Pending')
  })
})

describe('kubelet conditions (semantics.md §2.2)', () => {
  it('keeps lastTransitionTime while the status is unchanged and lists unready containers', () => {
    const base = { spec: { containers: [{ name: 'app' }, { name: 'side' }] }, phase: 'Running' as const, sandboxReady: true, initStatuses: [], terminating: false }
    const first = computePodConditions({ ...base, statuses: [running, { ...running, name: 'side', ready: false }], current: [], now: 'T1' })
    expect(first.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [side]', lastTransitionTime: 'T1' })
    const second = computePodConditions({ ...base, statuses: [running, { ...running, name: 'side' }], current: [...first, { type: 'PodScheduled', status: 'True' }], now: 'T2' })
    expect(second.map((c) => [c.type, c.status, c.lastTransitionTime])).toEqual([
      ['PodReadyToStartContainers', 'True', 'T1'],
      ['Initialized', 'True', 'T1'],
      ['Ready', 'True', 'T2'],
      ['ContainersReady', 'True', 'T2'],
      ['PodScheduled', 'True', undefined],
    ])
  })
})

describe('Go duration text', () => {
  it('formats like time.Duration.String()', () => {
    expect([0, 500, 2000, 1500, 90_000, 300_000, 3_600_000].map(formatGoDuration)).toEqual(['0s', '500ms', '2s', '1.5s', '1m30s', '5m0s', '1h0m0s'])
  })
})
