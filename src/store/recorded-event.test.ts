import { describe, expect, it } from 'vitest'
import { ValidationError } from '../api/errors'
import { builtinKinds, removedVersions } from '../api/kinds'
import { KindRegistry } from '../api/registry'
import { VirtualClock } from '../sim/clock'
import { createRandom } from '../sim/random'
import { Trace } from '../sim/trace'
import { ForbiddenError, Store } from './store'

function setup() {
  const clock = new VirtualClock(5_000)
  const trace = new Trace()
  const store = new Store(new KindRegistry(builtinKinds, removedVersions), clock, createRandom(3), trace)
  const ctx = { actor: 'kube-apiserver', validate: false }
  for (const name of ['default', 'doomed']) store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, ctx)
  return { store, trace, clock }
}

/** An Event as the recorder builds it. */
const event = (name: string, namespace = 'default') => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name, namespace },
  involvedObject: { kind: 'Pod', namespace, name: 'web-1', uid: 'u-1', apiVersion: 'v1', resourceVersion: '7' },
  reason: 'Started',
  message: 'Started container web',
  source: { component: 'kubelet', host: 'node-1' },
  firstTimestamp: '1970-01-01T00:00:05Z',
  lastTimestamp: '1970-01-01T00:00:05Z',
  count: 1,
  type: 'Normal',
  eventTime: null,
  reportingComponent: 'kubelet',
  reportingInstance: 'node-1',
})

// The recorder's shortcut skips only checks that cannot fail for its Events: what it stores, and
// what it traces and watches, must be exactly what a create would have.
describe('Store.createRecordedEvent', () => {
  it('stores, traces and announces the Event exactly as create would', () => {
    const viaCreate = setup()
    const viaRecorder = setup()
    const seen: unknown[][] = [[], []]
    viaCreate.store.watch('Event', (e) => seen[0].push(e))
    viaRecorder.store.watch('Event', (e) => seen[1].push(e))
    for (const name of ['web-1.16f1', 'web-1.16f2']) {
      viaCreate.store.create(event(name), { actor: 'kubelet/node-1', validate: false }, { owned: true })
      expect(viaRecorder.store.createRecordedEvent(event(name), `default/${name}`, 'kubelet/node-1')).toBe(true)
    }
    viaCreate.store.flush()
    viaRecorder.store.flush()
    const stored = viaRecorder.store.get<any>('Event', 'default/web-1.16f2')
    expect(stored).toEqual(viaCreate.store.get('Event', 'default/web-1.16f2'))
    expect(stored.metadata).toMatchObject({ resourceVersion: '4', creationTimestamp: '1970-01-01T00:00:05Z' })
    expect(Object.isFrozen(stored) && Object.isFrozen(stored.metadata) && Object.isFrozen(stored.involvedObject)).toBe(true)
    expect(viaRecorder.store.byUid(stored.metadata.uid)).toBe(stored)
    expect(viaRecorder.store.list('Event', { namespace: 'default' })).toHaveLength(2)
    expect(viaRecorder.trace.hash()).toBe(viaCreate.trace.hash())
    expect(viaRecorder.trace.list().at(-1)).toEqual({ time: 5_000, actor: 'kubelet/node-1', verb: 'create', kind: 'Event', namespace: 'default', name: 'web-1.16f2', resourceVersion: '4' })
    expect(seen[1]).toEqual(seen[0])
    expect(seen[1].map((e: any) => e.type)).toEqual(['ADDED', 'ADDED'])
  })

  it('writes nothing and answers false when the name is taken', () => {
    const { store, trace } = setup()
    expect(store.createRecordedEvent(event('web-1.16f1'), 'default/web-1.16f1', 'kubelet/node-1')).toBe(true)
    const before = [store.revision, trace.length, store.get('Event', 'default/web-1.16f1')]
    const again = event('web-1.16f1')
    again.message = 'another message'
    expect(store.createRecordedEvent(again, 'default/web-1.16f1', 'kubelet/node-2')).toBe(false)
    expect([store.revision, trace.length, store.get('Event', 'default/web-1.16f1')]).toEqual(before)
  })

  it('runs admission hooks registered for Events, as create would', () => {
    const { store } = setup()
    store.addAdmission('Event', (object, operation) => void (object.metadata.annotations = { admitted: operation }))
    expect(store.createRecordedEvent(event('web-1.16f1'), 'default/web-1.16f1', 'kubelet/node-1')).toBe(true)
    expect(store.get<any>('Event', 'default/web-1.16f1').metadata.annotations).toEqual({ admitted: 'create' })
  })

  it('refuses a missing or terminating namespace and an invalid name, writing nothing', () => {
    const { store, trace } = setup()
    store.delete('Namespace', 'doomed', { actor: 'user', validate: false }, { propagationPolicy: 'Foreground' })
    const revision = store.revision
    expect(() => store.createRecordedEvent(event('web-1.16f1', 'nowhere'), 'nowhere/web-1.16f1', 'k')).toThrow('namespaces "nowhere" not found')
    expect(() => store.createRecordedEvent(event('web-1.16f1', 'doomed'), 'doomed/web-1.16f1', 'k')).toThrow(ForbiddenError)
    const tooLong = `${'w'.repeat(250)}.16f1`
    expect(() => store.createRecordedEvent(event(tooLong), `default/${tooLong}`, 'k')).toThrow(ValidationError)
    expect(() => store.createRecordedEvent(event('Web_1.16f1'), 'default/Web_1.16f1', 'k')).toThrow(/metadata.name: Invalid value: "Web_1.16f1"/)
    expect([store.revision, trace.length, store.count('Event')]).toEqual([revision, 3, 0])
  })
})
