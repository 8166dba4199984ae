// What the taint eviction controller decides for one pod on a node with NoExecute taints
// ([k8s] pkg/controller/tainteviction/taint_eviction.go: processPodOnNode). Pure.
import type { Taint } from '../../api/node'
import type { Toleration } from '../../api/pod'
import { matchingTolerations, minTolerationMs } from './tolerations'

export interface ScheduledEviction {
  createdAtMs: number
  fireAtMs: number
}

export type EvictionPlan =
  | { action: 'cancel' } // no NoExecute taints, or tolerated forever: drop any scheduled deletion
  | { action: 'deleteNow' } // a NoExecute taint is not tolerated
  | { action: 'keep' } // an earlier schedule stands
  | { action: 'schedule'; eviction: ScheduledEviction; replaced: boolean }

export function planTaintEviction(taints: readonly Taint[], tolerations: readonly Toleration[], scheduled: ScheduledEviction | undefined, nowMs: number): EvictionPlan {
  const noExecute = taints.filter((t) => t.effect === 'NoExecute')
  if (!noExecute.length) return { action: 'cancel' }
  const { allTolerated, used } = matchingTolerations(noExecute, tolerations)
  if (!allTolerated) return { action: 'deleteNow' }
  const minMs = minTolerationMs(used)
  if (minMs < 0) return { action: 'cancel' }
  if (scheduled) {
    // Upstream keeps a schedule made earlier (its start + the new minimum is before now + minimum).
    if (scheduled.createdAtMs < nowMs || scheduled.fireAtMs === nowMs + minMs) return { action: 'keep' }
    return { action: 'schedule', eviction: { createdAtMs: nowMs, fireAtMs: nowMs + minMs }, replaced: true }
  }
  return { action: 'schedule', eviction: { createdAtMs: nowMs, fireAtMs: nowMs + minMs }, replaced: false }
}
