// Running status counts per ReplicaSet / ReplicationController, kept from the Pod watch. Upstream's
// calculateStatus counts every pod of the owner on every sync, and a sync follows every pod write:
// at 100 replicas that is 100 pods visited per pod write. Here each pod write moves the counts of
// the one owner that controls it, and a sync reads them in O(1).
//
// The counts are only trusted when every Pod write has reached the watch (no event still queued:
// a write made outside the loop, or a test driving the store by hand) and when claiming would
// change nothing: no pod of the owner that stopped matching (to release) and no active orphan that
// might match (to adopt). Otherwise the sync takes its full path, which is exact by construction.
import type { KubeObject } from '../../api/meta'
import type { Pod } from '../../api/pod'
import type { ObjectKey } from '../../store/keys'
import { matchesSelector, type Labels, type Selector } from '../../store/selectors'
import type { Store } from '../../store/store'
import type { WatchEvent } from '../../store/watch'
import { isPodReady, readPodFacts, type PodFacts } from './pod-state'
import { hasAllLabels, templateLabelsOf, type ReplicaCounts, type ReplicaOwnerView } from './replica-status'

/** What one controlled pod adds to its owner's counts, as bits. */
const ACTIVE = 1
const FULLY_LABELED = 2
const READY = 4
const TERMINATING = 8
/** Active but no longer matching the selector: a sync would release it. */
const UNMATCHED = 16

type TalliedOwner = KubeObject & ReplicaOwnerView & { spec: { selector?: unknown } }
/** Stored pods always have a uid. */
type StoredPod = Pod & KubeObject

/** The counts of one owner, for the selector and template labels it had when they were built. */
class OwnerTally {
  replicas = 0
  fullyLabeled = 0
  ready = 0
  terminating = 0
  unmatched = 0
  /** Pod uid → its contribution bits. */
  readonly pods = new Map<string, number>()
  private readonly templateLabels: readonly (readonly [string, string])[]

  constructor(
    readonly ownerKey: ObjectKey,
    readonly uid: string,
    /** The stored (frozen) spec.selector and template labels the counts were built for. */
    readonly selectorSource: unknown,
    readonly templateLabelsSource: unknown,
    readonly selector: Selector,
    owner: ReplicaOwnerView,
  ) {
    this.templateLabels = templateLabelsOf(owner)
  }

  /** Counts the pod's current state, replacing what its previous state counted. */
  set(pod: StoredPod, facts: PodFacts): void {
    const uid = pod.metadata.uid
    const before = this.pods.get(uid)
    const bits = this.contribution(pod, facts)
    if (before === bits) return
    if (before !== undefined) this.apply(before, -1)
    this.pods.set(uid, bits)
    this.apply(bits, 1)
  }

  remove(podUid: string): void {
    const bits = this.pods.get(podUid)
    if (bits === undefined) return
    this.pods.delete(podUid)
    this.apply(bits, -1)
  }

  /** As the full sync classifies a pod it controls: claimed when active and matching, else terminating or to release. */
  private contribution(pod: Pod, facts: PodFacts): number {
    const matches = matchesSelector(this.selector, pod.metadata.labels)
    if (facts.active) {
      if (!matches) return UNMATCHED
      return ACTIVE | (hasAllLabels(pod, this.templateLabels) ? FULLY_LABELED : 0) | (facts.ready ? READY : 0)
    }
    return facts.terminating && matches ? TERMINATING : 0
  }

  private apply(bits: number, sign: 1 | -1): void {
    if (bits & ACTIVE) this.replicas += sign
    if (bits & FULLY_LABELED) this.fullyLabeled += sign
    if (bits & READY) this.ready += sign
    if (bits & TERMINATING) this.terminating += sign
    if (bits & UNMATCHED) this.unmatched += sign
  }
}

export class ReplicaPodTallies {
  private readonly byUid = new Map<string, OwnerTally>()
  private readonly byOwnerKey = new Map<ObjectKey, OwnerTally>()
  // Pods go by uid, not key: a stored string, so no key is built and hashed per event.
  /** Pod uid → the tally that counts it. */
  private readonly talliedBy = new Map<string, OwnerTally>()
  /** The labels of active pods without a controller (adoption candidates) by uid; built on first use. */
  private orphans: Map<string, Labels> | undefined

  constructor(
    private readonly store: Store,
    private readonly selectorOf: (owner: KubeObject) => Selector,
    private readonly reportsTerminating: boolean,
  ) {
    store.watch('Pod', (event) => this.observe(event))
  }

  /**
   * The owner's status counts when they can be trusted and claiming would change nothing; undefined
   * means the sync must take its full path. Availability equals readiness (minReadySeconds 0 only).
   */
  settledCounts(store: Store, ownerKey: ObjectKey, owner: TalliedOwner): ReplicaCounts | undefined {
    if (store !== this.store || store.hub.pending !== 0 || owner.spec.minReadySeconds) return undefined
    const tally = this.tallyFor(ownerKey, owner)
    if (tally.unmatched > 0 || this.mayAdopt(tally.selector)) return undefined
    return { replicas: tally.replicas, fullyLabeled: tally.fullyLabeled, ready: tally.ready, available: tally.ready, terminating: this.reportsTerminating ? tally.terminating : undefined }
  }

  /** Drops the counts of an owner that is gone. */
  forget(ownerKey: ObjectKey): void {
    const tally = this.byOwnerKey.get(ownerKey)
    if (tally) this.drop(tally)
  }

  private tallyFor(key: ObjectKey, owner: TalliedOwner): OwnerTally {
    const current = this.byOwnerKey.get(key)
    if (current && current.uid === owner.metadata.uid && current.selectorSource === owner.spec.selector && current.templateLabelsSource === owner.spec.template?.metadata?.labels) return current
    if (current) this.drop(current)
    const tally = new OwnerTally(key, owner.metadata.uid, owner.spec.selector, owner.spec.template?.metadata?.labels, this.selectorOf(owner), owner)
    this.byOwnerKey.set(key, tally)
    this.byUid.set(tally.uid, tally)
    for (const o of this.store.dependents(tally.uid)) {
      const facts = o.kind === 'Pod' ? readPodFacts(o as StoredPod) : undefined
      if (facts?.controllerUid !== tally.uid) continue
      tally.set(o as StoredPod, facts)
      this.talliedBy.set(o.metadata.uid, tally)
    }
    return tally
  }

  private drop(tally: OwnerTally): void {
    this.byOwnerKey.delete(tally.ownerKey)
    if (this.byUid.get(tally.uid) === tally) this.byUid.delete(tally.uid)
    for (const podUid of tally.pods.keys()) if (this.talliedBy.get(podUid) === tally) this.talliedBy.delete(podUid)
  }

  /** Some active orphan matches the selector (ignoring namespace: a false alarm only costs a full sync). */
  private mayAdopt(selector: Selector): boolean {
    if (!this.orphans) {
      this.orphans = new Map()
      for (const pod of this.store.list<StoredPod>('Pod')) {
        const facts = readPodFacts(pod)
        if (facts.active && facts.controllerUid === undefined) this.orphans.set(pod.metadata.uid, pod.metadata.labels)
      }
    }
    for (const labels of this.orphans.values()) if (matchesSelector(selector, labels)) return true
    return false
  }

  private observe(event: WatchEvent): void {
    const pod = event.object as StoredPod
    // Most pod writes are status writes that leave everything counted as it was (binding, conditions
    // other than Ready). The previous version was observed here, or read from the store by a tally or
    // orphan set built since (only ever with no event queued), so the counts and orphans already hold
    // what this version would put there.
    if (event.type === 'MODIFIED' && event.previous && sameCountedState(event.previous as StoredPod, pod)) return
    const uid = pod.metadata.uid
    this.orphans?.delete(uid)
    // Which tally counts the pod now: its controller's, if that owner has one (most events keep it).
    let next: OwnerTally | undefined
    let facts: PodFacts | undefined
    if (event.type !== 'DELETED' && (this.byUid.size > 0 || this.orphans)) {
      facts = readPodFacts(pod)
      if (facts.controllerUid !== undefined) next = this.byUid.get(facts.controllerUid)
      else if (facts.active) this.orphans?.set(uid, pod.metadata.labels)
    }
    const previous = this.talliedBy.get(uid)
    if (previous !== next) {
      previous?.remove(uid)
      if (next) this.talliedBy.set(uid, next)
      else this.talliedBy.delete(uid)
    }
    if (next && facts) next.set(pod, facts)
  }
}

/**
 * Two versions of a pod that every tally and the orphan set see alike: the same controllerRef and
 * labels (stored subtrees are shared while unchanged, so identity says so), and the same activity,
 * termination and readiness.
 */
function sameCountedState(before: StoredPod, after: StoredPod): boolean {
  return (
    before.metadata.ownerReferences === after.metadata.ownerReferences &&
    before.metadata.labels === after.metadata.labels &&
    before.metadata.deletionTimestamp === after.metadata.deletionTimestamp &&
    before.status?.phase === after.status?.phase &&
    isPodReady(before) === isPodReady(after)
  )
}
