import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { builtinKinds, removedVersions } from '../api/kinds'
import { KindRegistry } from '../api/registry'
import { VirtualClock } from '../sim/clock'
import { createRandom } from '../sim/random'
import { Trace } from '../sim/trace'
import { matchesSelector, type Selector } from './selectors'
import { Store } from './store'

// list() answers a lone `key=value` selector from the label index without matching each object
// again: the answer must be exactly the objects a full scan selects, in key order.
describe('list by a lone equality selector', () => {
  it('equals a scan of every object with matchesSelector', () => {
    const ctx = { actor: 'test', validate: false }
    const label = fc.record({ app: fc.constantFrom('a', 'b', 'c'), tier: fc.constantFrom('web', 'db') }, { requiredKeys: [] })
    fc.assert(
      fc.property(fc.array(fc.tuple(label, fc.constantFrom('default', 'other'), fc.constantFrom('n1', 'n2', '')), { maxLength: 30 }), fc.constantFrom('app', 'tier', 'zone'), fc.constantFrom('a', 'b', 'web', 'x'), (objects, key, value) => {
        const store = new Store(new KindRegistry(builtinKinds, removedVersions), new VirtualClock(0), createRandom(1), new Trace())
        for (const ns of ['default', 'other']) store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }, ctx)
        objects.forEach(([labels, namespace, node], i) =>
          store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${i}`, namespace, labels }, spec: { containers: [{ name: 'c', image: 'i' }], ...(node ? { nodeName: node } : {}) } }, ctx),
        )
        const selector: Selector = [{ key, operator: 'In', values: [value] }]
        const scan = store.list('Pod').filter((o) => matchesSelector(selector, o.metadata.labels))
        expect(store.list('Pod', { selector })).toEqual(scan)
        expect(store.list('Pod', { selector, namespace: 'other' })).toEqual(scan.filter((o) => o.metadata.namespace === 'other'))
        const onNode = scan.filter((o: any) => o.spec.nodeName === 'n1')
        expect(store.list('Pod', { selector, fields: [{ field: 'spec.nodeName', equal: true, value: 'n1' }] })).toEqual(onNode)
      }),
      { numRuns: 200 },
    )
  })
})

// The namespace index is built on the first namespace-scoped list and kept up to date after: lists
// before and after it, with creates and deletes on both sides, must equal a filtered full list.
describe('list by namespace', () => {
  it('equals the full list filtered by namespace, whenever the index is built', () => {
    const ctx = { actor: 'test', validate: false }
    const step = fc.oneof(
      fc.record({ op: fc.constant('create' as const), name: fc.constantFrom('a', 'b', 'c', 'd'), namespace: fc.constantFrom('default', 'other') }),
      fc.record({ op: fc.constant('delete' as const), name: fc.constantFrom('a', 'b', 'c', 'd'), namespace: fc.constantFrom('default', 'other') }),
      fc.record({ op: fc.constant('list' as const), namespace: fc.constantFrom('default', 'other', 'none') }),
    )
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const store = new Store(new KindRegistry(builtinKinds, removedVersions), new VirtualClock(0), createRandom(1), new Trace())
        for (const ns of ['default', 'other']) store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }, ctx)
        const check = (namespace: string) => expect(store.list('ConfigMap', { namespace })).toEqual(store.list('ConfigMap').filter((o) => o.metadata.namespace === namespace))
        for (const s of steps) {
          const key = s.op === 'list' ? '' : `${s.namespace}/${s.name}`
          if (s.op === 'create' && !store.get('ConfigMap', key)) store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: s.name, namespace: s.namespace } }, ctx)
          else if (s.op === 'delete' && store.get('ConfigMap', key)) store.delete('ConfigMap', key, ctx)
          else if (s.op === 'list') check(s.namespace)
        }
        for (const ns of ['default', 'other', 'none']) check(ns)
      }),
      { numRuns: 200 },
    )
  })
})
