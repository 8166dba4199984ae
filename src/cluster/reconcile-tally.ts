// Reconciles per (controller, key) at one long instant, for the loop's livelock check. Exact where it
// matters, cheap everywhere else: at envelope scale an instant runs hundreds of thousands of steps
// over as many keys, and a hash map holding every key (cold memory, stored key text compared on each
// probe) cost more per step than the rest of the loop. So each step is only logged (two array pushes)
// and tallied in a small table of counters by a hash of its key text. A counter is the sum over every
// (controller, key) whose key falls in its bucket, never below the count of any one of them; while it
// stays below `exactFrom`, so does each of those counts. Only a key whose bucket has reached it is
// counted exactly: once from the log, then one by one (the bucket never goes back down).
import { fnv1a32 } from '../sim/hash'
import type { Controller } from '../runtime/controller'
import type { ObjectKey } from '../store/keys'

/** Counters in the table: a power of two, small enough (256 KiB) to stay in cache. */
const BUCKETS = 1 << 16

export class ReconcileTally {
  private readonly buckets = new Int32Array(BUCKETS)
  private readonly loggedControllers: Controller[] = []
  private readonly loggedKeys: ObjectKey[] = []
  private readonly exact = new Map<Controller, Map<ObjectKey, number>>()

  constructor(private readonly exactFrom: number) {}

  /** Counts one more reconcile; returns the exact count so far, or undefined when it is below `exactFrom`. */
  count(controller: Controller, key: ObjectKey): number | undefined {
    this.loggedControllers.push(controller)
    this.loggedKeys.push(key)
    // All of the key's text: a part of it (say the name) would put every namespace's copy of one name
    // in one bucket, and a busy bucket costs a scan of the log per key in it.
    if (++this.buckets[fnv1a32(key) & (BUCKETS - 1)] < this.exactFrom) return undefined
    let counts = this.exact.get(controller)
    if (!counts) this.exact.set(controller, (counts = new Map()))
    const known = counts.get(key)
    const n = known === undefined ? this.countLogged(controller, key) : known + 1
    counts.set(key, n)
    return n
  }

  /** Steps logged for this controller and key, this one included. */
  private countLogged(controller: Controller, key: ObjectKey): number {
    let n = 0
    for (let i = 0; i < this.loggedKeys.length; i++) if (this.loggedControllers[i] === controller && this.loggedKeys[i] === key) n++
    return n
  }
}

