// PodGC selection and timing (semantics.md §11.6, testable fact 11.5).
import { describe, expect, it } from 'vitest'
import type { Stored } from '../../api/meta'
import type { Pod } from '../../api/pod'
import { orphanDeletionMs, planTerminatedPodDeletions } from './pod-gc'

function pod(name: string, created: string, reason?: string): Stored<Pod> {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', creationTimestamp: created, uid: name, resourceVersion: '1' }, spec: { containers: [] }, status: { phase: 'Failed', ...(reason ? { reason } : {}) } } as Stored<Pod>
}

describe('planTerminatedPodDeletions', () => {
  it('deletes only the excess over the threshold: evicted pods first, then the oldest, name as tie-break', () => {
    const pods = [pod('c', '2025-01-01T00:00:02Z'), pod('b', '2025-01-01T00:00:01Z'), pod('a', '2025-01-01T00:00:01Z'), pod('z', '2025-01-01T00:00:09Z', 'Evicted')]
    expect(planTerminatedPodDeletions(pods, 2).map((p) => p.metadata.name)).toEqual(['z', 'a'])
    expect(planTerminatedPodDeletions(pods, 4)).toEqual([])
    expect(planTerminatedPodDeletions(pods, 0)).toEqual([])
  })
})

describe('orphanDeletionMs', () => {
  it('is the 20 s pass that notices the orphan plus the 40 s quarantine', () => {
    expect(orphanDeletionMs(100_000)).toBe(140_000)
    expect(orphanDeletionMs(101_000)).toBe(160_000)
  })
})
