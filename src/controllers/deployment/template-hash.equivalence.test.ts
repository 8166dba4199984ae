// The one-pass canonical texts against their definition: canonicalJson as sorted-key JSON without
// undefined members, and the template identity as canonicalJson after dropping the hash label and
// nil/empty members (the two-step form template-hash.ts used before).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canonicalJson, equalIgnoreHash, POD_TEMPLATE_HASH } from './template-hash'

function referenceJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : referenceJson(v))).join(',')}]`
  const record = value as Record<string, unknown>
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort()
  return `{${keys.map((k) => `${JSON.stringify(k)}:${referenceJson(record[k])}`).join(',')}}`
}

function referenceDropEmpty(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(referenceDropEmpty)
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined || v === null) continue
    const d = referenceDropEmpty(v)
    if (d && typeof d === 'object' && (Array.isArray(d) ? d.length === 0 : Object.keys(d).length === 0)) continue
    out[k] = d
  }
  return out
}

const leaf = fc.oneof(fc.constant(null), fc.constant(undefined), fc.boolean(), fc.integer(), fc.constantFrom('', 'a', '{}', '[]', 'x"y'))
const tree = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('a', 'b', 'c', 'labels', 'z'), tie('node'), { maxKeys: 4 })),
})).node

describe('template canonical texts (equivalence with the two-step definition)', () => {
  it('canonicalJson is sorted-key JSON without undefined members', () => {
    fc.assert(
      fc.property(tree, (value) => {
        expect(canonicalJson(value)).toBe(referenceJson(value))
      }),
      { numRuns: 2000 },
    )
  })

  it('equalIgnoreHash agrees with comparing the canonical JSON of the nil/empty-dropped templates', () => {
    const template = fc.record({ metadata: fc.record({ labels: fc.dictionary(fc.constantFrom('app', POD_TEMPLATE_HASH), fc.constantFrom('x', 'y')) }, { requiredKeys: [] }), spec: tree }, { requiredKeys: [] })
    const strip = (t: { metadata?: { labels?: Record<string, string> } }) => {
      const labels = t.metadata?.labels
      if (!labels || !(POD_TEMPLATE_HASH in labels)) return t
      const { [POD_TEMPLATE_HASH]: _hash, ...rest } = labels
      return { ...t, metadata: { ...t.metadata, labels: rest } }
    }
    fc.assert(
      fc.property(template, template, (a, b) => {
        const expected = referenceJson(referenceDropEmpty(strip(a))) === referenceJson(referenceDropEmpty(strip(b)))
        expect(equalIgnoreHash(a, b)).toBe(expected)
      }),
      { numRuns: 2000 },
    )
  })
})
