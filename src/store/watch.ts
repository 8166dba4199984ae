// Watch: subscriptions per kind with optional namespace, label and field filters. The store queues
// events as it writes; the loop flushes them in revision order. A filtered watcher sees an object
// enter its selection as ADDED and leave it as DELETED, as the API server's watch cache does.
import type { KubeObject } from '../api/meta'
import { matchesFields, matchesSelector, type FieldRequirement, type Selector } from './selectors'

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED'

export interface WatchEvent<T = KubeObject> {
  type: WatchEventType
  object: T
  /** The state before a MODIFIED or DELETED change (undefined for ADDED). */
  previous?: T
  revision: number
}

export interface WatchFilter {
  namespace?: string
  selector?: Selector
  fields?: readonly FieldRequirement[]
}

interface Subscription {
  kind: string // '*' for every kind
  filter?: WatchFilter
  handler: (event: WatchEvent, kind: string) => void
  active: boolean
}

export class WatchHub {
  private readonly byKind = new Map<string, Subscription[]>()
  // Queued events and their kinds side by side (no wrapper object per write).
  private kinds: string[] = []
  private events: WatchEvent[] = []
  private head = 0

  subscribe(kind: string, handler: (event: WatchEvent, kind: string) => void, filter?: WatchFilter): () => void {
    const sub: Subscription = { kind, filter, handler, active: true }
    const list = this.byKind.get(kind) ?? []
    // Copy on write, so that a subscription made during a flush does not see the event in flight.
    this.byKind.set(kind, [...list, sub])
    return () => {
      if (!sub.active) return
      sub.active = false
      this.byKind.set(kind, (this.byKind.get(kind) ?? []).filter((s) => s !== sub))
    }
  }

  enqueue(kind: string, event: WatchEvent): void {
    if (!this.byKind.has(kind) && !this.byKind.has('*')) return
    this.kinds.push(kind)
    this.events.push(event)
  }

  get pending(): number {
    return this.events.length - this.head
  }

  /** Delivers queued events in order, including any queued by handlers meanwhile. */
  flush(): number {
    let delivered = 0
    while (this.head < this.events.length) {
      const kind = this.kinds[this.head]
      const event = this.events[this.head++]
      delivered++
      // Both lists as they stand now: a subscription made by a handler does not see the event in flight.
      const forKind = this.byKind.get(kind)
      const forAll = this.byKind.get('*')
      if (forKind) for (let i = 0; i < forKind.length; i++) if (forKind[i].active) deliver(forKind[i], kind, event)
      if (forAll) for (let i = 0; i < forAll.length; i++) if (forAll[i].active) deliver(forAll[i], kind, event)
    }
    this.kinds = []
    this.events = []
    this.head = 0
    return delivered
  }
}

function deliver(sub: Subscription, kind: string, event: WatchEvent): void {
  const f = sub.filter
  if (!f) return sub.handler(event, kind)
  const now = matches(f, event.object)
  if (event.type === 'ADDED') {
    if (now) sub.handler(event, kind)
  } else if (event.type === 'DELETED') {
    if (matches(f, event.previous ?? event.object)) sub.handler(event, kind)
  } else {
    const before = event.previous ? matches(f, event.previous) : false
    if (before && now) sub.handler(event, kind)
    else if (!before && now) sub.handler({ ...event, type: 'ADDED' }, kind)
    else if (before && !now) sub.handler({ ...event, type: 'DELETED' }, kind)
  }
}

function matches(f: WatchFilter, object: KubeObject): boolean {
  if (f.namespace !== undefined && object.metadata.namespace !== f.namespace) return false
  if (f.selector !== undefined && !matchesSelector(f.selector, object.metadata.labels)) return false
  if (f.fields && !matchesFields(f.fields, object)) return false
  return true
}
