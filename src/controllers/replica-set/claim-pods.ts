// Adoption and release by selector and controllerRef (controller_ref_manager.go ClaimObject, as
// used by claimPods): an orphan that matches is adopted; an owned pod that stops matching is
// released; pods controlled by someone else are never touched. Pure: returns what to write.
import type { Pod } from '../../api/pod'
import { controllerOf } from '../../runtime/owners'

export interface PodClaims {
  /** Owned and matching, including those about to be adopted, in input order. */
  claimed: Pod[]
  adopt: Pod[]
  release: Pod[]
}

export function planPodClaims(ownerUid: string, ownerDeleting: boolean, pods: readonly Pod[], matches: (pod: Pod) => boolean): PodClaims {
  const out: PodClaims = { claimed: [], adopt: [], release: [] }
  for (const pod of pods) {
    const ref = controllerOf(pod)
    if (ref) {
      if (ref.uid !== ownerUid) continue
      if (matches(pod)) out.claimed.push(pod)
      else if (!ownerDeleting) out.release.push(pod)
      continue
    }
    if (ownerDeleting || !matches(pod) || pod.metadata.deletionTimestamp) continue
    out.adopt.push(pod)
    out.claimed.push(pod)
  }
  return out
}
