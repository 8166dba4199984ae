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
