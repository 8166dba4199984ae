// core/v1 Event, as `kubectl get events` and `describe` read it: the involved object, reason, message,
// type, the deduplication counters (count, first/lastTimestamp) and the events.k8s.io-style fields.
// Events have no spec, status or generation; the recorder (elsewhere) names and aggregates them.
import { z } from 'zod'
import { Int32 } from './integers'
import type { FieldIssue, KindInfo } from './kind-info'
import { ObjectMeta } from './meta'
import { ObjectReference } from './object-reference'
import { invalidIssue, requiredIssue, unsupportedIssue } from './field-issues'

export const EventSource = z.looseObject({
  component: z.string().optional(),
  host: z.string().optional(),
})
export type EventSource = z.infer<typeof EventSource>

export const EventSeries = z.looseObject({
  count: Int32.optional(),
  lastObservedTime: z.string().optional(),
})
export type EventSeries = z.infer<typeof EventSeries>

export const Event = z.looseObject({
  apiVersion: z.literal('v1'),
  kind: z.literal('Event'),
  metadata: ObjectMeta,
  involvedObject: ObjectReference,
  reason: z.string().optional(),
  message: z.string().optional(),
  source: EventSource.optional(),
  firstTimestamp: z.string().nullable().optional(),
  lastTimestamp: z.string().nullable().optional(),
  count: Int32.optional(),
  type: z.string().optional(),
  /** MicroTime: RFC 3339 with microseconds. */
  eventTime: z.string().nullable().optional(),
  series: EventSeries.optional(),
  action: z.string().optional(),
  related: ObjectReference.optional(),
  reportingComponent: z.string().optional(),
  reportingInstance: z.string().optional(),
})
export type Event = z.infer<typeof Event>

export function validateEvent(event: Event): FieldIssue[] {
  const issues: FieldIssue[] = []
  if (event.type !== undefined && event.type !== '' && event.type !== 'Normal' && event.type !== 'Warning') {
    issues.push(unsupportedIssue(['type'], event.type, ['Normal', 'Warning']))
  }
  const involvedNamespace = event.involvedObject.namespace
  if (involvedNamespace && event.metadata.namespace && involvedNamespace !== event.metadata.namespace) {
    issues.push(invalidIssue(['involvedObject', 'namespace'], involvedNamespace, 'does not match event.namespace'))
  }
  if (event.eventTime && !event.reportingComponent) issues.push(requiredIssue(['reportingComponent']))
  return issues
}

export const eventKind: KindInfo = {
  kind: 'Event',
  group: '',
  version: 'v1',
  apiVersion: 'v1',
  plural: 'events',
  singular: 'event',
  shortNames: ['ev'],
  namespaced: true,
  nameRule: 'dns1123-subdomain',
  schema: Event,
  tracksGeneration: false,
  statusFields: [],
  validate: validateEvent,
}
