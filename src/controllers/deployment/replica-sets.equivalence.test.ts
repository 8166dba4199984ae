// The allocation-free forms of two per-sync steps against the definitions they replaced:
// findNewReplicaSet as "sort a copy by creation, take the first match", and the new ReplicaSet's
// annotations as "copy, then apply every change" (now copied on the first change only).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ANNOTATIONS_TO_SKIP, computeNewReplicaSetAnnotations, DESIRED_REPLICAS, REVISION, REVISION_HISTORY, withReplicasAnnotations } from './annotations'
import { compareByCreation, findNewReplicaSet, type RsView } from './replica-sets'
import { equalIgnoreHash } from './template-hash'

const templates = [{ spec: { image: 'a' } }, { spec: { image: 'b' } }, { metadata: { labels: { 'pod-template-hash': 'x' } }, spec: { image: 'a' } }]
const rsArb: fc.Arbitrary<RsView> = fc.record({
  metadata: fc.record({ name: fc.constantFrom('a', 'b', 'c'), creationTimestamp: fc.constantFrom(undefined, '2025-01-01T00:00:01Z', '2025-01-01T00:00:02Z') }),
  spec: fc.record({ template: fc.constantFrom(...templates) }),
})

describe('findNewReplicaSet', () => {
  it('finds what sorting a copy by creation and taking the first match finds, ties included', () => {
    fc.assert(
      fc.property(fc.array(rsArb, { maxLength: 6 }), fc.constantFrom(...templates), (rsList, template) => {
        const reference = [...rsList].sort(compareByCreation).find((rs) => equalIgnoreHash(rs.spec.template, template))
        expect(findNewReplicaSet(template, rsList)).toBe(reference)
      }),
    )
  })
})

const annotationsArb = fc.option(
  fc.dictionary(fc.constantFrom('team', 'x', REVISION, REVISION_HISTORY, DESIRED_REPLICAS), fc.constantFrom('', '1', '2', '7', 'a', '1,2')),
  { nil: undefined },
)

/** The copy-then-write form (revision-history trimming left out: the values here stay short). */
function reference(deployment: Record<string, string> | undefined, current: Record<string, string> | undefined, newRevision: number, create: { desired: number; max: number } | undefined) {
  const annotations: Record<string, string> = { ...(current ?? {}) }
  let changed = false
  for (const [k, v] of Object.entries(deployment ?? {})) {
    if (ANNOTATIONS_TO_SKIP.has(k) || annotations[k] === v) continue
    annotations[k] = v
    changed = true
  }
  const hadRevision = REVISION in annotations
  const oldText = annotations[REVISION] ?? ''
  let oldRevision = 0
  if (oldText !== '') {
    if (!/^\d+$/.test(oldText)) return { annotations, changed }
    oldRevision = Number(oldText)
  }
  if (oldRevision < newRevision) {
    annotations[REVISION] = String(newRevision)
    changed = true
    if (hadRevision) annotations[REVISION_HISTORY] = annotations[REVISION_HISTORY] ? `${annotations[REVISION_HISTORY]},${oldText}` : oldText
  }
  if (create) {
    const next = withReplicasAnnotations(annotations, create.desired, create.max)
    if (next !== annotations) return { annotations: next, changed: true }
  }
  return { annotations, changed }
}

describe('computeNewReplicaSetAnnotations', () => {
  it('gives what copying first gives, and the (frozen) input itself when nothing changes', () => {
    fc.assert(
      fc.property(annotationsArb, annotationsArb, fc.integer({ min: 1, max: 8 }), fc.boolean(), (deployment, current, revision, create) => {
        const frozen = current && Object.freeze({ ...current })
        const sizes = create ? { desired: 3, max: 4 } : undefined
        const result = computeNewReplicaSetAnnotations(deployment, frozen, revision, sizes)
        const expected = reference(deployment, current, revision, sizes)
        expect(result).toEqual(expected)
        expect(Object.keys(result.annotations)).toEqual(Object.keys(expected.annotations))
        if (!result.changed && frozen) expect(result.annotations).toBe(frozen)
      }),
    )
  })
})
