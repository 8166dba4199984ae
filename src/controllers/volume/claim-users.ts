// Which pods mount which claims: an informer-style index (claim key → pod keys) kept from the pod
// watch, so the binder and the protection controller find a claim's users without scanning pods.
// Pod volumes never change after creation, so ADDED/DELETED maintain it; the index is only read.
import type { KubeObject } from '../../api/meta'
import type { Pod } from '../../api/pod'
import { compareKeys, keyOf, objectKey, type ObjectKey } from '../../store/keys'
import type { Store } from '../../store/store'
import { claimNamesOf } from './binding'

export class ClaimUsers {
  private readonly byClaim = new Map<ObjectKey, Set<ObjectKey>>()

  constructor(private readonly store: Store) {
    store.watch('Pod', (event) => {
      if (event.type === 'MODIFIED') return
      const pod = event.object as unknown as Pod & KubeObject
      const podKey = keyOf(pod)
      for (const claim of claimNamesOf(pod)) {
        const claimKey = objectKey(pod.metadata.namespace, claim)
        if (event.type === 'DELETED') {
          const set = this.byClaim.get(claimKey)
          set?.delete(podKey)
          if (set && set.size === 0) this.byClaim.delete(claimKey)
        } else {
          let set = this.byClaim.get(claimKey)
          if (!set) this.byClaim.set(claimKey, (set = new Set()))
          set.add(podKey)
        }
      }
    })
  }

  /** Pods (existing) that mount the claim, sorted by key. */
  pods(claimKey: ObjectKey): (Pod & KubeObject)[] {
    const set = this.byClaim.get(claimKey)
    if (!set) return []
    return [...set]
      .sort(compareKeys)
      .map((k) => this.store.get<Pod & KubeObject>('Pod', k))
      .filter((p): p is Pod & KubeObject => p !== undefined)
  }
}
