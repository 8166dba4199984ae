// Recreate (semantics.md §5.6; recreate.go oldPodsRunning): the new ReplicaSet is created only
// when no pod of an old ReplicaSet is left in a non-terminal phase, terminating pods included. Pure.
import type { KubeObject } from '../../api/meta'

export function hasOldPodsRunning(oldStatusReplicas: number, podsByReplicaSet: ReadonlyMap<string, readonly KubeObject[]>, newRSUid: string | undefined): boolean {
  if (oldStatusReplicas > 0) return true
  for (const [uid, pods] of podsByReplicaSet) {
    if (uid === newRSUid) continue
    for (const pod of pods) {
      const phase = (pod as { status?: { phase?: string } }).status?.phase
      if (phase !== 'Succeeded' && phase !== 'Failed') return true
    }
  }
  return false
}
