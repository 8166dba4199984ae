// Records core/v1 Events as the client-go recorder does: one Event per distinct (involved object,
// type, reason, message, source); a repeat increments `count` and moves `lastTimestamp` instead of
// creating a new object. Event names are `<involved name>.<hex nanoseconds>` as upstream.
import type { KubeObject } from '../api/meta'
import type { Clock } from '../sim/clock'
import { toRfc3339 } from '../sim/time'
import type { Client } from '../store/client'
import { objectKey, type ObjectKey } from '../store/keys'

export type EventType = 'Normal' | 'Warning'

export interface EventSource {
  component: string
  host?: string
}

export class EventRecorder {
  private readonly series = new Map<string, ObjectKey>()
  private lastMs = -1
  private sameMsCount = 0
  /** nowMs × 10⁶ (nanoseconds) for lastMs, computed once per instant. */
  private lastNanos = 0n

  constructor(private readonly client: Client, private readonly clock: Clock) {}

  record(involved: KubeObject, type: EventType, reason: string, message: string, source: EventSource, fieldPath?: string): void {
    const namespace = involved.metadata.namespace || 'default'
    const nowMs = this.clock.now()
    const now = toRfc3339(nowMs)
    const seriesKey = `${involved.metadata.uid}\u0000${type}\u0000${reason}\u0000${message}\u0000${source.component}\u0000${source.host ?? ''}\u0000${fieldPath ?? ''}`
    const existingKey = this.series.get(seriesKey)
    if (existingKey && this.client.get('Event', existingKey)) {
      this.client.patch<any>('Event', existingKey, (e) => {
        e.count = (e.count ?? 1) + 1
        e.lastTimestamp = now
      })
      return
    }
    if (nowMs === this.lastMs) this.sameMsCount++
    else {
      this.lastMs = nowMs
      this.sameMsCount = 0
      this.lastNanos = BigInt(nowMs) * 1_000_000n
    }
    const prefix = `${involved.metadata.name}.`
    let name = prefix + (this.lastNanos + BigInt(this.sameMsCount)).toString(16)
    // Several recorders (one per kubelet, per controller) may name an event for the same object in the same ms.
    while (this.client.get('Event', objectKey(namespace, name))) {
      this.sameMsCount++
      name = prefix + (this.lastNanos + BigInt(this.sameMsCount)).toString(16)
    }
    const involvedObject: Record<string, unknown> = {
      kind: involved.kind,
      namespace: involved.metadata.namespace,
      name: involved.metadata.name,
      uid: involved.metadata.uid,
      apiVersion: involved.apiVersion,
      resourceVersion: involved.metadata.resourceVersion,
    }
    if (fieldPath) involvedObject.fieldPath = fieldPath
    for (const k in involvedObject) if (involvedObject[k] === undefined) delete involvedObject[k]
    // A fresh object handed over to the store (no defaults apply to Events): no copy.
    this.client.create(
      {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace },
        involvedObject,
        reason,
        message,
        source: source.host ? { component: source.component, host: source.host } : { component: source.component },
        firstTimestamp: now,
        lastTimestamp: now,
        count: 1,
        type,
        eventTime: null,
        reportingComponent: source.component,
        reportingInstance: source.host ?? '',
      },
      { owned: true },
    )
    this.series.set(seriesKey, objectKey(namespace, name))
  }
}
