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
