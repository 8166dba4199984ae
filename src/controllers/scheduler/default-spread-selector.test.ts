import { describe, expect, it } from 'vitest'
import { builtinKinds, removedVersions } from '../../api/kinds'
import type { Pod } from '../../api/pod'
import { KindRegistry } from '../../api/registry'
import { VirtualClock } from '../../sim/clock'
import { createRandom } from '../../sim/random'
import { Trace } from '../../sim/trace'
import { Store } from '../../store/store'
import { computeDefaultSpreadSelector, readDefaultSpreadSelector } from './default-spread-selector'
import { makePod } from './test-builders'

describe('computeDefaultSpreadSelector (helper.DefaultSelector)', () => {
  const pod = makePod('web-1', { labels: { app: 'web', tier: 'fe' } })
  it('merges the selectors of Services that select the pod and ignores the others', () => {
    expect(computeDefaultSpreadSelector(pod, { services: [{ app: 'web' }, { app: 'db' }, {}, undefined] })).toEqual({ matchLabels: { app: 'web' } })
  })
  it('adds the ReplicaSet selector as requirements', () => {
    expect(computeDefaultSpreadSelector(pod, { services: [], controller: { kind: 'ReplicaSet', selector: { matchLabels: { app: 'web' } } } })).toEqual({
      matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }],
    })
  })
  it('is undefined when nothing selects the pod', () => {
    expect(computeDefaultSpreadSelector(pod, { services: [{ app: 'db' }] })).toBeUndefined()
  })
})

describe('readDefaultSpreadSelector', () => {
  it('reads the controller and the Services, reusing one result per controller while no Service has a selector', () => {
    const ctx = { actor: 'test', validate: false }
    const store = new Store(new KindRegistry(builtinKinds, removedVersions), new VirtualClock(0), createRandom(1), new Trace())
    store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } }, ctx)
    const rs = store.create({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } } } }, ctx)
    const owned = (name: string): Pod => ({
      ...makePod(name, { labels: { app: 'web', tier: 'fe' } }),
      metadata: { name, namespace: 'default', labels: { app: 'web', tier: 'fe' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid!, controller: true }] },
    })
    const controller = { kind: 'ReplicaSet' as const, selector: { matchLabels: { app: 'web' } } }
    const first = readDefaultSpreadSelector(owned('a'), store)
    expect(first).toEqual(computeDefaultSpreadSelector(owned('a'), { services: [], controller }))
    expect(readDefaultSpreadSelector(owned('b'), store)).toBe(first)
    // A Service without a selector (like `kubernetes`) selects nothing: still the same result.
    store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'kubernetes', namespace: 'default' }, spec: { ports: [{ port: 443 }] } }, ctx)
    expect(readDefaultSpreadSelector(owned('c'), store)).toBe(first)
    store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'fe', namespace: 'default' }, spec: { selector: { tier: 'fe' }, ports: [{ port: 80 }] } }, ctx)
    expect(readDefaultSpreadSelector(owned('a'), store)).toEqual(computeDefaultSpreadSelector(owned('a'), { services: [{ tier: 'fe' }], controller }))
  })
})

describe('readDefaultSpreadSelector owner references', () => {
  it('takes the controller owner only from the group its kind belongs to', () => {
    const ctx = { actor: 'test', validate: false }
    const store = new Store(new KindRegistry(builtinKinds, removedVersions), new VirtualClock(0), createRandom(1), new Trace())
    store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } }, ctx)
    store.create({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } } } }, ctx)
    store.create({ apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'rc', namespace: 'default' }, spec: { selector: { app: 'web' }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } }, ctx)
    const owned = (kind: string, name: string, apiVersion: string, controller = true): Pod => ({
      ...makePod('p', { labels: { app: 'web' } }),
      metadata: { name: 'p', namespace: 'default', labels: { app: 'web' }, ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: 'n', uid: 'u0' }, { apiVersion, kind, name, uid: 'u1', controller }] },
    })
    const rs = { matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] }
    expect(readDefaultSpreadSelector(owned('ReplicaSet', 'web', 'apps/v1'), store)).toEqual(rs)
    expect(readDefaultSpreadSelector(owned('ReplicaSet', 'web', 'apps/v1beta2'), store)).toEqual(rs)
    expect(readDefaultSpreadSelector(owned('ReplicaSet', 'web', 'extensions/v1beta1'), store)).toBeUndefined()
    expect(readDefaultSpreadSelector(owned('ReplicaSet', 'web', 'apps/v1/extra'), store)).toBeUndefined()
    expect(readDefaultSpreadSelector(owned('ReplicaSet', 'web', 'apps/v1', false), store)).toBeUndefined()
    expect(readDefaultSpreadSelector(owned('ReplicationController', 'rc', 'v1'), store)).toEqual({ matchLabels: { app: 'web' } })
    expect(readDefaultSpreadSelector(owned('ReplicationController', 'rc', 'core/v1'), store)).toBeUndefined()
    expect(readDefaultSpreadSelector(owned('ReplicaSet', 'missing', 'apps/v1'), store)).toBeUndefined()
  })
})

describe('readDefaultSpreadSelector with shared frozen owner references', () => {
  it('reads the same as with the pod’s own references, in each namespace', () => {
    const ctx = { actor: 'test', validate: false }
    const store = new Store(new KindRegistry(builtinKinds, removedVersions), new VirtualClock(0), createRandom(1), new Trace())
    for (const ns of ['default', 'other']) {
      store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }, ctx)
      store.create({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', namespace: ns }, spec: { selector: { matchLabels: { app: ns } } } }, ctx)
    }
    const references = Object.freeze([Object.freeze({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'u1', controller: true })])
    const pod = (name: string, namespace: string, shared: boolean): Pod => ({
      ...makePod(name, { namespace, labels: { app: namespace } }),
      metadata: { name, namespace, labels: { app: namespace }, ownerReferences: shared ? (references as unknown as NonNullable<Pod['metadata']['ownerReferences']>) : references.map((r) => ({ ...r })) },
    })
    for (const namespace of ['default', 'other', 'other', 'default', 'missing']) {
      expect(readDefaultSpreadSelector(pod('a', namespace, true), store)).toEqual(readDefaultSpreadSelector(pod('b', namespace, false), store))
    }
    expect(readDefaultSpreadSelector(pod('a', 'other', true), store)).toEqual({ matchExpressions: [{ key: 'app', operator: 'In', values: ['other'] }] })
    expect(readDefaultSpreadSelector(pod('a', 'missing', true), store)).toBeUndefined()
  })
})
