// Taint-based eviction decisions (semantics.md §11.4, testable facts 11.1–11.4).
import { describe, expect, it } from 'vitest'
import { defaultNoExecuteTolerations } from '../../api/pod-spec-defaults'
import type { Taint } from '../../api/node'
import { planTaintEviction } from './taint-eviction'

const unreachable: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: '2025-01-01T00:01:00Z' }
const NOW = 60_000

describe('planTaintEviction', () => {
  it('a pod with the default tolerations is deleted 300 s after the unreachable taint', () => {
    expect(planTaintEviction([unreachable], defaultNoExecuteTolerations as any, undefined, NOW)).toEqual({ action: 'schedule', eviction: { createdAtMs: NOW, fireAtMs: NOW + 300_000 }, replaced: false })
  })
  it('tolerationSeconds 30 evicts after 30 s', () => {
    const plan = planTaintEviction([unreachable], [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }], undefined, NOW)
    expect(plan).toMatchObject({ action: 'schedule', eviction: { fireAtMs: NOW + 30_000 } })
  })
  it('DaemonSet pods tolerate it forever: nothing is scheduled (any pending deletion is cancelled)', () => {
    expect(planTaintEviction([unreachable], [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' }], undefined, NOW)).toEqual({ action: 'cancel' })
  })
  it('an untolerated NoExecute taint deletes at once', () => {
    expect(planTaintEviction([{ key: 'maintenance', value: 'true', effect: 'NoExecute' }], defaultNoExecuteTolerations as any, undefined, NOW)).toEqual({ action: 'deleteNow' })
  })
  it('keeps an earlier schedule; cancels when the taints are gone', () => {
    const scheduled = { createdAtMs: NOW - 10_000, fireAtMs: NOW + 290_000 }
    expect(planTaintEviction([unreachable], defaultNoExecuteTolerations as any, scheduled, NOW)).toEqual({ action: 'keep' })
    expect(planTaintEviction([], defaultNoExecuteTolerations as any, scheduled, NOW)).toEqual({ action: 'cancel' })
  })
  it('tolerationSeconds <= 0 means now', () => {
    expect(planTaintEviction([unreachable], [{ operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 0 }], undefined, NOW)).toMatchObject({ eviction: { fireAtMs: NOW } })
  })
})
