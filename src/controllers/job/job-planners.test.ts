// Pure Job planners: completedIndexes text, back-off delays, wantActive, podFailurePolicy (semantics §8).
import { describe, expect, it } from 'vitest'
import type { Pod } from '../../api/pod'
import { firstPendingIndexes, formatIndexes, parseIndexes } from './completion-indexes'
import { computeBackoffDelayMs, computeBackoffRecord, computeRemainingBackoffMs, EMPTY_BACKOFF } from './pod-failure-backoff'
import { matchPodFailurePolicy } from './pod-failure-policy'
import { computeWantActive } from './plan-job'

describe('completedIndexes (§8.2)', () => {
  it('formats sorted intervals like upstream', () => {
    expect(formatIndexes([0, 1, 2, 4])).toBe('0-2,4')
    expect(formatIndexes([2, 0])).toBe('0,2')
    expect(formatIndexes([])).toBe('')
    expect(formatIndexes([5, 3, 4, 4, 9])).toBe('3-5,9')
  })
  it('parses intervals back, dropping indexes beyond completions', () => {
    expect(parseIndexes('0-2,4', 5)).toEqual([0, 1, 2, 4])
    expect(parseIndexes('0-2,4', 3)).toEqual([0, 1, 2])
    expect(parseIndexes(undefined, 3)).toEqual([])
  })
  it('picks the lowest pending indexes', () => {
    expect(firstPendingIndexes(5, new Set([0]), new Set([1, 3]), 2)).toEqual([2, 4])
    expect(firstPendingIndexes(3, new Set([0, 1, 2]), new Set(), 2)).toEqual([])
  })
})

describe('pod failure back-off (§8.7)', () => {
  it('doubles from 10 s and caps at 600 s (or a configured cap)', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => computeBackoffDelayMs(n))).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 600_000, 600_000])
    expect(computeBackoffDelayMs(7, 10_000, 360_000)).toBe(360_000)
    expect(computeBackoffDelayMs(0)).toBe(0)
  })
  it('counts failures since the last success and measures from the last failure', () => {
    const one = computeBackoffRecord(EMPTY_BACKOFF, [], [5_000])
    expect(one).toEqual({ failuresAfterLastSuccess: 1, lastFailureMs: 5_000 })
    const two = computeBackoffRecord(one, [], [30_000])
    expect(computeRemainingBackoffMs(two, 40_000)).toBe(10_000)
    expect(computeRemainingBackoffMs(two, 50_000)).toBe(0)
    expect(computeBackoffRecord(two, [60_000], [55_000, 70_000])).toEqual({ failuresAfterLastSuccess: 1, lastFailureMs: 70_000 })
    expect(computeBackoffRecord(two, [60_000], [])).toEqual({ failuresAfterLastSuccess: 0, lastFailureMs: undefined })
  })
})

describe('wantActive (§8.5)', () => {
  it('limits active pods by parallelism and remaining completions', () => {
    expect(computeWantActive(6, 3, 0, 0)).toBe(3)
    expect(computeWantActive(5, 2, 4, 1)).toBe(1)
    expect(computeWantActive(5, 2, 5, 0)).toBe(0)
  })
  it('work-queue jobs stop adding pods after the first success', () => {
    expect(computeWantActive(undefined, 3, 0, 0)).toBe(3)
    expect(computeWantActive(undefined, 3, 1, 2)).toBe(2)
  })
})

describe('podFailurePolicy (§8.8)', () => {
  const failedPod = (exitCode: number, conditions: { type: string; status: 'True' }[] = []): Pod => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default' },
    spec: { containers: [{ name: 'main', image: 'bash' }] },
    status: { phase: 'Failed', conditions, containerStatuses: [{ name: 'main', ready: false, restartCount: 0, state: { terminated: { exitCode } } }] },
  })
  const policy = {
    rules: [
      { action: 'FailJob' as const, onExitCodes: { containerName: 'main', operator: 'In' as const, values: [42] } },
      { action: 'Ignore' as const, onPodConditions: [{ type: 'DisruptionTarget', status: 'True' as const }] },
    ],
  }
  it('matches FailJob on exit code 42 with the upstream message', () => {
    expect(matchPodFailurePolicy(policy, failedPod(42))).toEqual({ action: 'FailJob', message: 'Container main for pod default/p failed with exit code 42 matching FailJob rule at index 0' })
  })
  it('matches Ignore on a DisruptionTarget condition; nothing for other exit codes', () => {
    expect(matchPodFailurePolicy(policy, failedPod(137, [{ type: 'DisruptionTarget', status: 'True' }]))?.action).toBe('Ignore')
    expect(matchPodFailurePolicy(policy, failedPod(1))).toBeUndefined()
  })
})
