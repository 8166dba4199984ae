import { describe, expect, it } from 'vitest'
import { computeNewReplicaSetAnnotations, DESIRED_REPLICAS, MAX_REPLICAS, REVISION, REVISION_HISTORY } from './annotations'

describe('ReplicaSet revision annotations (semantics.md §5.3)', () => {
  it('gives a new ReplicaSet revision max+1, desired/max replicas and the Deployment annotations except the skipped ones', () => {
    const { annotations, changed } = computeNewReplicaSetAnnotations(
      { team: 'a', [REVISION]: '1', 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
      undefined,
      2,
      { desired: 10, max: 13 },
    )
    expect(changed).toBe(true)
    expect(annotations).toEqual({ team: 'a', [REVISION]: '2', [DESIRED_REPLICAS]: '10', [MAX_REPLICAS]: '13' })
  })

  it('moves the old revision into revision-history when an old ReplicaSet becomes new again (testable fact 5.9)', () => {
    const first = computeNewReplicaSetAnnotations({}, { [REVISION]: '1' }, 3, undefined)
    expect(first.annotations).toMatchObject({ [REVISION]: '3', [REVISION_HISTORY]: '1' })
    const second = computeNewReplicaSetAnnotations({}, first.annotations, 5, undefined)
    expect(second.annotations).toMatchObject({ [REVISION]: '5', [REVISION_HISTORY]: '1,3' })
  })

  it('never lowers a revision and reports no change when nothing differs', () => {
    const r = computeNewReplicaSetAnnotations({}, { [REVISION]: '4' }, 3, undefined)
    expect(r).toEqual({ annotations: { [REVISION]: '4' }, changed: false })
  })
})
