// Records core/v1 Events as the client-go recorder does: one Event per distinct (involved object,
// type, reason, message, source); a repeat increments `count` and moves `lastTimestamp` instead of
// creating a new object. Event names are `<involved name>.<hex nanoseconds>` as upstream.
import type { KubeObject } from '../api/meta'
import type { Clock } from '../sim/clock'
import { toRfc3339 } from '../sim/time'
import type { Client } from '../store/client'
import { objectKey, type ObjectKey } from '../store/keys'
import { epochNanoseconds, nanosecondsHex, type EpochNanoseconds } from './nanoseconds'

export type EventType = 'Normal' | 'Warning'

export interface EventSource {
  component: string
  host?: string
}

/** One aggregated Event: what makes a later one a repeat of it, and where it is stored. */
interface Series {
  type: EventType
  reason: string
  message: string
  component: string
  host: string
  fieldPath: string
  key: ObjectKey
}

export class EventRecorder {
  /** Series by involved object uid; an object has a handful, so a scan beats building a long key. */
  private readonly series = new Map<string, Series[]>()
  private lastMs = -1
  private sameMsCount = 0
  /** nowMs × 10⁶ (nanoseconds) for lastMs, computed once per instant. */
  private lastNanos: EpochNanoseconds = epochNanoseconds(0)

  constructor(private readonly client: Client, private readonly clock: Clock) {}

  record(involved: KubeObject, type: EventType, reason: string, message: string, source: EventSource, fieldPath?: string): void {
    const namespace = involved.metadata.namespace || 'default'
    const nowMs = this.clock.now()
    const now = toRfc3339(nowMs)
    const host = source.host ?? ''
    const path = fieldPath ?? ''
    let seriesOfObject = this.series.get(involved.metadata.uid)
    const series = seriesOfObject?.find((s) => s.reason === reason && s.message === message && s.type === type && s.component === source.component && s.host === host && s.fieldPath === path)
    if (series && this.client.get('Event', series.key)) {
      this.client.patch<any>('Event', series.key, (e) => {
        e.count = (e.count ?? 1) + 1
        e.lastTimestamp = now
      })
      return
    }
    if (nowMs === this.lastMs) this.sameMsCount++
    else {
      this.lastMs = nowMs
      this.sameMsCount = 0
      this.lastNanos = epochNanoseconds(nowMs)
    }
    const prefix = `${involved.metadata.name}.`
    let name = prefix + nanosecondsHex(this.lastNanos, this.sameMsCount)
    let key = objectKey(namespace, name)
    // Several recorders (one per kubelet, per controller) may name an event for the same object in the same ms.
    while (this.client.get('Event', key)) {
      this.sameMsCount++
      name = prefix + nanosecondsHex(this.lastNanos, this.sameMsCount)
      key = objectKey(namespace, name)
    }
    const meta = involved.metadata
    const involvedObject: Record<string, unknown> = {
      kind: involved.kind,
      namespace: meta.namespace,
      name: meta.name,
      uid: meta.uid,
      apiVersion: involved.apiVersion,
      resourceVersion: meta.resourceVersion,
    }
    // Only a cluster-scoped involved object (no namespace) normally lacks a field; the delete loop
    // (which leaves the object slower) runs only then.
    if (meta.namespace === undefined || meta.resourceVersion === undefined || involved.kind === undefined || involved.apiVersion === undefined || meta.uid === undefined || meta.name === undefined)
      for (const k in involvedObject) if (involvedObject[k] === undefined) delete involvedObject[k]
    if (fieldPath) involvedObject.fieldPath = fieldPath
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
    if (series) series.key = key
    else {
      if (!seriesOfObject) this.series.set(involved.metadata.uid, (seriesOfObject = []))
      seriesOfObject.push({ type, reason, message, component: source.component, host, fieldPath: path, key })
    }
  }
}
