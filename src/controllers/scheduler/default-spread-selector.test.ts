import { describe, expect, it } from 'vitest'
import { computeDefaultSpreadSelector } from './default-spread-selector'
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
