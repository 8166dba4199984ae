// The DisruptionTarget pod condition that a deleter disrupting a pod sets first (the eviction API,
// the taint manager, pod GC): status True, the reason naming who disrupts. It takes the place of an
// earlier DisruptionTarget condition, or is appended.
import type { Stored } from '../api/meta'
import type { Pod, PodCondition } from '../api/pod'
import type { Client } from '../store/client'
import type { ObjectKey } from '../store/keys'
import { toRfc3339 } from '../sim/time'

/** Puts the condition into a pod status draft's conditions. */
export function putDisruptionTarget(status: NonNullable<Pod['status']>, reason: string, message: string, nowMs: number): void {
  const conditions = (status.conditions ??= [])
  const condition = { type: 'DisruptionTarget', status: 'True' as const, reason, message, lastTransitionTime: toRfc3339(nowMs) }
  const i = conditions.findIndex((c: PodCondition) => c.type === 'DisruptionTarget')
  if (i >= 0) conditions[i] = condition
  else conditions.push(condition)
}

/** Writes the condition to the pod's status (its own write, before the delete). */
export function markDisruptionTarget(client: Client, key: ObjectKey, reason: string, message: string, nowMs: number): void {
  client.patchStatus<Stored<Pod>>('Pod', key, (draft) => {
    putDisruptionTarget((draft.status ??= {} as NonNullable<Pod['status']>), reason, message, nowMs)
  })
}
