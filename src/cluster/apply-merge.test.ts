// The one-pass last-applied annotation and JSON copy against their definitions (the forms
// apply-merge.ts and planApply used before): a JSON round-trip copy, the annotation (and then empty
// annotations) deleted, keys sorted by assigning them in order to fresh objects, JSON.stringify.
// Inputs are plain data as documents hold them, including what a round-trip changes (-0, NaN,
// holes, undefined) and keys objects treat specially.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { jsonRoundTrip, LAST_APPLIED, lastAppliedAnnotation } from './apply-merge'
import { sameShape } from '../../test/same-shape'

function referenceAnnotation(manifest: Record<string, unknown>): string {
  const copy = JSON.parse(JSON.stringify(manifest)) as Record<string, any>
  if (copy.metadata?.annotations) {
    delete copy.metadata.annotations[LAST_APPLIED]
    if (Object.keys(copy.metadata.annotations).length === 0) delete copy.metadata.annotations
  }
  return `${JSON.stringify(referenceSortKeys(copy))}\n`
}

function referenceSortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(referenceSortKeys)
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value).sort()) out[key] = referenceSortKeys((value as Record<string, unknown>)[key])
  return out
}

/** An own data property, whatever the key (a `__proto__` key stays a key, as in parsed documents). */
function withKeys(entries: [string, unknown][]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, writable: true, enumerable: true, configurable: true })
  return out
}

const key = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'toString', '0', '1', '9', '10', '01', '4294967294', '4294967295', '-1', '', 'a', 'B', 'é', '\ud800', LAST_APPLIED, 'annotations', 'metadata'),
  fc.string({ maxLength: 4 }),
)
const leaf = fc.oneof(fc.string({ maxLength: 5 }), fc.double(), fc.constantFrom(-0, 0, 1, NaN, Infinity, true, false, null, undefined, '', () => 1, Symbol('s')))
const value = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, tie('list'), tie('map')),
  list: fc.array(tie('value'), { maxLength: 4 }).map((items) => (items.length > 1 && items.length % 2 === 0 ? (delete items[1], items) : items)),
  map: fc.array(fc.tuple(key, tie('value')), { maxLength: 5 }).map(withKeys),
})).value

describe('lastAppliedAnnotation', () => {
  it('writes what a JSON round-trip, deleting the annotation and sorting keys would', () => {
    const annotations = fc.oneof(value, fc.array(fc.tuple(key, value), { maxLength: 3 }).map((entries) => withKeys([...entries, [LAST_APPLIED, 'old']])))
    const manifest = fc
      .tuple(fc.array(fc.tuple(key, value), { maxLength: 4 }), fc.array(fc.tuple(key, value), { maxLength: 3 }), annotations, fc.oneof(fc.constant('object'), fc.constant('other')))
      .map(([top, meta, ann, shape]) => withKeys([...top, ['metadata', shape === 'object' ? withKeys([...meta, ['annotations', ann]]) : ann]]))
    fc.assert(
      fc.property(manifest, (m) => lastAppliedAnnotation(m) === referenceAnnotation(m)),
      { numRuns: 5_000 },
    )
  })

  it('orders array-index keys first, by value, and leaves out __proto__', () => {
    const m = withKeys([['kind', 'ConfigMap'], ['data', withKeys([['b', '1'], ['10', '2'], ['9', '3'], ['__proto__', '4'], ['01', '5']])], ['metadata', { name: 'a', annotations: { [LAST_APPLIED]: 'x' } }]])
    expect(lastAppliedAnnotation(m)).toBe('{"data":{"9":"3","10":"2","01":"5","b":"1"},"kind":"ConfigMap","metadata":{"name":"a"}}\n')
    expect(lastAppliedAnnotation(m)).toBe(referenceAnnotation(m))
  })
})

describe('jsonRoundTrip', () => {
  it('copies as a JSON round-trip does', () => {
    fc.assert(fc.property(fc.oneof(value, fc.array(fc.tuple(key, value)).map(withKeys)), (v) => typeof v === 'function' || typeof v === 'symbol' || v === undefined || sameShape(jsonRoundTrip(v), JSON.parse(JSON.stringify(v)))), { numRuns: 5_000 })
    const frozen = Object.freeze({ a: Object.freeze([1, -0]) })
    expect(Object.isFrozen(jsonRoundTrip(frozen).a)).toBe(false)
    expect(() => jsonRoundTrip({ a: [1n] })).toThrow(new TypeError('Do not know how to serialize a BigInt'))
  })
})
