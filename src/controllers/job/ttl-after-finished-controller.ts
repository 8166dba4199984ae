// The TTL-after-finished controller ([k8s] pkg/controller/ttlafterfinished/ttlafterfinished_controller.go,
// semantics §8.9): deletes a finished Job (Complete or Failed) once `ttlSecondsAfterFinished` has passed
// since the terminal condition's lastTransitionTime, with foreground propagation so the garbage
// collector removes its pods first. One timer per Job that has a TTL; nothing runs otherwise.
import type { Job } from '../../api/job'
import { defineController } from '../../runtime/controller'
import { parseRfc3339 } from '../../sim/time'

export const TTL_AFTER_FINISHED_CONTROLLER = 'ttl-after-finished-controller'

/** Milliseconds until the Job may be deleted (≤ 0: now), or undefined when it has no TTL or is not finished. */
export function computeTtlRemainingMs(job: Job, nowMs: number): number | undefined {
  const ttl = job.spec.ttlSecondsAfterFinished
  if (ttl === undefined || ttl === null) return undefined
  const finished = job.status?.conditions?.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True')
  if (!finished?.lastTransitionTime) return undefined
  return parseRfc3339(finished.lastTransitionTime) + ttl * 1000 - nowMs
}

export function createTtlAfterFinishedController() {
  return defineController({
    name: TTL_AFTER_FINISHED_CONTROLLER,
    for: 'Job',
    reconcile(key, ctx) {
      const job = ctx.store.get<Job>('Job', key)
      if (!job || job.metadata.deletionTimestamp) return
      const remainingMs = computeTtlRemainingMs(job, ctx.clock.now())
      if (remainingMs === undefined) return
      if (remainingMs > 0) return { requeueAfterMs: remainingMs }
      ctx.client.delete('Job', key, { propagationPolicy: 'Foreground', preconditions: { uid: job.metadata.uid } })
      return undefined
    },
  })
}
