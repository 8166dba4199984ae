// Event ordering and ages as kubectl shows them.
// `kubectl get events` does not sort: rows come in the API server's list order, which is by namespace
// then name, and event names are `<involvedObject>.<hex time>`, so rows group by object, oldest first.
// `describe` (and `kubectl events`) sort by time: series.lastObservedTime, else lastTimestamp, else eventTime.
import { translateMsSince, translateTimestampSince } from './duration'
import { compareStrings, type Obj } from './object'
import { timestampMs } from './time'

/** The order `kubectl get events` prints in: the API server's (namespace, name) list order. */
export function sortEventsForGet(events: readonly Obj[]): Obj[] {
  return [...events].sort(
    (a, b) => compareStrings(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || compareStrings(a.metadata.name ?? '', b.metadata.name ?? ''),
  )
}

/** describe's SortableEvents key: when the event was last seen. */
export function eventSortTimeMs(event: Obj): number {
  if (event.series) return timestampMs(event.series.lastObservedTime) ?? 0
  const last = timestampMs(event.lastTimestamp)
  if (last !== undefined) return last
  return timestampMs(event.eventTime) ?? 0
}

/** Oldest first, stable for equal times (Go's sort.Sort is not stable; the simulator wants determinism). */
export function sortEventsByTime(events: readonly Obj[]): Obj[] {
  return events
    .map((event, i) => ({ event, i, t: eventSortTimeMs(event) }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((e) => e.event)
}

/** describe's Age cell: `12s`, or `<last> (x<count> over <first>)` for repeated events. */
export function formatEventAge(event: Obj, nowMs: number): string {
  const first = timestampMs(event.eventTime) !== undefined ? translateTimestampSince(event.eventTime, nowMs) : translateTimestampSince(event.firstTimestamp, nowMs)
  if (event.series) return `${translateMsSince(timestampMs(event.series.lastObservedTime), nowMs)} (x${event.series.count ?? 0} over ${first})`
  if ((event.count ?? 0) > 1) return `${translateTimestampSince(event.lastTimestamp, nowMs)} (x${event.count} over ${first})`
  return first
}
