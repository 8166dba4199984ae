import { describe, expect, it } from 'vitest'
import { builtinKinds, removedVersions } from '../api/kinds'
import type { KubeObject } from '../api/meta'
import { KindRegistry } from '../api/registry'
import { VirtualClock } from '../sim/clock'
import { createRandom } from '../sim/random'
import { Trace } from '../sim/trace'
import { Client } from '../store/client'
import { Store } from '../store/store'
import { EventRecorder } from './event-recorder'

function setup() {
  const clock = new VirtualClock(0)
  const store = new Store(new KindRegistry(builtinKinds, removedVersions), clock, createRandom(1), new Trace())
  const client = new Client(store, 'replicaset-controller')
  client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } })
  const rs = client.create<KubeObject>({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-7c5ddbdf54', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } } })
  return { clock, store, rs, recorder: new EventRecorder(client, clock) }
}

// semantics.md §14.1: an identical event (same source, object, type, reason, message) updates count
// and lastTimestamp instead of creating an Event.
describe('EventRecorder', () => {
  it('aggregates a repeat on an object with many series (one per pod it created)', () => {
    const { clock, store, rs, recorder } = setup()
    const source = { component: 'replicaset-controller' }
    for (let i = 0; i < 20; i++) {
      clock.advanceTo(clock.now() + 1000)
      recorder.record(rs, 'Normal', 'SuccessfulCreate', `Created pod: web-7c5ddbdf54-${String(i).padStart(5, 'a')}`, source)
    }
    clock.advanceTo(clock.now() + 1000)
    recorder.record(rs, 'Normal', 'SuccessfulCreate', 'Created pod: web-7c5ddbdf54-aaaa3', source)
    recorder.record(rs, 'Normal', 'SuccessfulCreate', 'Created pod: web-7c5ddbdf54-aaa13', source)
    recorder.record(rs, 'Warning', 'SuccessfulCreate', 'Created pod: web-7c5ddbdf54-aaa13', source)
    const events = store.list<any>('Event')
    expect(events).toHaveLength(21)
    const counts = Object.fromEntries(events.map((e) => [`${e.type} ${e.message}`, e.count]))
    expect(counts['Normal Created pod: web-7c5ddbdf54-aaaa3']).toBe(2)
    expect(counts['Normal Created pod: web-7c5ddbdf54-aaa13']).toBe(2)
    expect(counts['Warning Created pod: web-7c5ddbdf54-aaa13']).toBe(1)
    expect(counts['Normal Created pod: web-7c5ddbdf54-aaaa0']).toBe(1)
    const repeated = events.find((e) => e.message === 'Created pod: web-7c5ddbdf54-aaaa3')
    expect([repeated.firstTimestamp, repeated.lastTimestamp]).toEqual(['1970-01-01T00:00:04Z', '1970-01-01T00:00:21Z'])
  })

  it('aggregates a repeat on an object with a few series', () => {
    const { clock, store, rs, recorder } = setup()
    const source = { component: 'replicaset-controller' }
    recorder.record(rs, 'Normal', 'SuccessfulCreate', 'Created pod: a', source)
    recorder.record(rs, 'Normal', 'SuccessfulDelete', 'Deleted pod: a', source)
    clock.advanceTo(5000)
    recorder.record(rs, 'Normal', 'SuccessfulCreate', 'Created pod: a', source)
    expect(store.list<any>('Event').map((e) => [e.reason, e.count])).toEqual([['SuccessfulCreate', 2], ['SuccessfulDelete', 1]])
  })

  it('gives an Event a free name when another recorder took it in the same ms', () => {
    const { clock, store, rs, recorder } = setup()
    const other = new EventRecorder(new Client(store, 'deployment-controller'), clock)
    clock.advanceTo(7000)
    recorder.record(rs, 'Normal', 'SuccessfulCreate', 'Created pod: a', { component: 'replicaset-controller' })
    other.record(rs, 'Normal', 'ScalingReplicaSet', 'Scaled up', { component: 'deployment-controller' })
    other.record(rs, 'Normal', 'ScalingReplicaSet', 'Scaled down', { component: 'deployment-controller' })
    // 7000 ms = 7e9 ns = 0x1a13b8600; the same instant's later names count up from there.
    expect(store.list<any>('Event').map((e) => [e.metadata.name, e.reason])).toEqual([
      ['web-7c5ddbdf54.1a13b8600', 'SuccessfulCreate'],
      ['web-7c5ddbdf54.1a13b8601', 'ScalingReplicaSet'],
      ['web-7c5ddbdf54.1a13b8602', 'ScalingReplicaSet'],
    ])
  })
})
