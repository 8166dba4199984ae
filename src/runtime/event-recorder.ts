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

/**
 * An object's series. Most objects (a pod: Scheduled, Pulled, Created, Started, Killing) have a
 * handful, scanned in a list. A controller's object gets one per pod it creates or deletes ("Created
 * pod: web-…"), all with one reason and messages of one length that differ only at the end: past
 * MAX_SCANNED_SERIES they are found by message instead.
 */
type SeriesOfObject = Series[] | Map<string, Series[]>

const MAX_SCANNED_SERIES = 8

function addToList(byMessage: Map<string, Series[]>, series: Series): void {
  const list = byMessage.get(series.message)
  if (list) list.push(series)
  else byMessage.set(series.message, [series])
}

export class EventRecorder {
  /** Series by involved object uid (see SeriesOfObject). */
  private readonly series = new Map<string, SeriesOfObject>()
  private lastMs = -1
  private sameMsCount = 0
  /** nowMs × 10⁶ (nanoseconds) for lastMs, computed once per instant. */
  private lastNanos: EpochNanoseconds = epochNanoseconds(0)

  /** The last Event.source, frozen: a recorder (a kubelet's, a controller's) nearly always records for one. */
  private lastSource: Readonly<EventSource> | undefined
  private lastInvolvedObject: Readonly<Record<string, unknown>> | undefined

  constructor(private readonly client: Client, private readonly clock: Clock) {}

  record(involved: KubeObject, type: EventType, reason: string, message: string, source: EventSource, fieldPath?: string): void {
    const namespace = involved.metadata.namespace || 'default'
    const nowMs = this.clock.now()
    const now = toRfc3339(nowMs)
    const host = source.host ?? ''
    const path = fieldPath ?? ''
    const seriesOfObject = this.series.get(involved.metadata.uid)
    const candidates = seriesOfObject === undefined ? undefined : Array.isArray(seriesOfObject) ? seriesOfObject : seriesOfObject.get(message)
    let series: Series | undefined
    if (candidates)
      for (let i = 0; i < candidates.length; i++) {
        const s = candidates[i]
        if (s.reason === reason && s.message === message && s.type === type && s.component === source.component && s.host === host && s.fieldPath === path) {
          series = s
          break
        }
      }
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
    const involvedName = involved.metadata.name
    let key = this.keyFor(namespace, involvedName)
    // The name is the key's tail: a view of the key's (flat) text rather than a second copy of it.
    const metadata = { name: key.slice(namespace.length + 1), namespace }
    const involvedObject = this.involvedObjectFor(involved, fieldPath)
    // A fresh object (sharing only frozen parts) handed over to the store: no copy (no defaults apply
    // to Events). Several recorders (one per kubelet, per controller) may name an Event for the same
    // object in the same ms: a taken name is skipped.
    const event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata,
      involvedObject,
      reason,
      message,
      source: this.sourceFor(source.component, host),
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: source.component,
      reportingInstance: source.host ?? '',
    }
    while (!this.client.createRecordedEvent(event, key)) {
      this.sameMsCount++
      key = this.keyFor(namespace, involvedName)
      metadata.name = key.slice(namespace.length + 1)
    }
    if (series) series.key = key
    else this.addSeries(involved.metadata.uid, seriesOfObject, { type, reason, message, component: source.component, host, fieldPath: path, key })
  }

  private addSeries(uid: string, seriesOfObject: SeriesOfObject | undefined, series: Series): void {
    if (seriesOfObject === undefined) this.series.set(uid, [series])
    else if (!Array.isArray(seriesOfObject)) addToList(seriesOfObject, series)
    else if (seriesOfObject.length < MAX_SCANNED_SERIES) seriesOfObject.push(series)
    else {
      const byMessage = new Map<string, Series[]>()
      for (const s of seriesOfObject) addToList(byMessage, s)
      addToList(byMessage, series)
      this.series.set(uid, byMessage)
    }
  }

  /**
   * The key of the Event named `<involved name>.<hex nanoseconds>` for the current instant and
   * count. Built as one text, from which the name is then sliced: the concatenation is made flat
   * (copied) once, by that slice, not once for the key and once more for the name.
   */
  private keyFor(namespace: string, involvedName: string): ObjectKey {
    return objectKey(namespace, `${involvedName}.${nanosecondsHex(this.lastNanos, this.sameMsCount)}`)
  }

  /**
   * The reference to the involved object; the previous Event's when equal (a kubelet records
   * several in a row for one container), as the store would otherwise share it, so that each
   * version of an object is kept once.
   */
  private involvedObjectFor(involved: KubeObject, fieldPath: string | undefined): Readonly<Record<string, unknown>> {
    const meta = involved.metadata
    const last = this.lastInvolvedObject
    const path = fieldPath || undefined
    if (last && last.uid === meta.uid && last.resourceVersion === meta.resourceVersion && last.name === meta.name && last.namespace === meta.namespace && last.kind === involved.kind && last.apiVersion === involved.apiVersion && last.fieldPath === path)
      return last
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
    if (path) involvedObject.fieldPath = path
    // The store freezes it with the Event.
    return (this.lastInvolvedObject = involvedObject)
  }

  /** Event.source; the previous Event's when equal, so that it is built, frozen and kept once. */
  private sourceFor(component: string, host: string): Readonly<EventSource> {
    const last = this.lastSource
    if (last && last.component === component && (last.host ?? '') === host) return last
    return (this.lastSource = Object.freeze(host ? { component, host } : { component }))
  }
}
