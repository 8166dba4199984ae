import { describe, expect, it } from 'vitest'
import { matchesLabelSelector, matchesSelector, parseFieldSelector, parseSelector, matchesFields } from './selectors'

// semantics.md §1.5
describe('label selectors', () => {
  it('`notin` and `!=` match objects without the key; `in` does not (testable fact 1.6)', () => {
    expect(matchesSelector(parseSelector('env notin (prod)'), {})).toBe(true)
    expect(matchesSelector(parseSelector('env in (prod)'), {})).toBe(false)
    expect(matchesSelector(parseSelector('env!=prod'), { app: 'web' })).toBe(true)
    expect(matchesSelector(parseSelector('env!=prod'), { env: 'prod' })).toBe(false)
  })

  it('parses the whole kubectl syntax', () => {
    expect(parseSelector('app=web,tier in (fe,be),!legacy,track,x==y,n>3')).toEqual([
      { key: 'app', operator: 'In', values: ['web'] },
      { key: 'tier', operator: 'In', values: ['fe', 'be'] },
      { key: 'legacy', operator: 'DoesNotExist', values: [] },
      { key: 'track', operator: 'Exists', values: [] },
      { key: 'x', operator: 'In', values: ['y'] },
      { key: 'n', operator: 'Gt', values: ['3'] },
    ])
    expect(() => parseSelector('app in web')).toThrow(/expected: '\('/)
  })

  it('nil selects nothing and {} selects everything', () => {
    expect(matchesLabelSelector(undefined, { a: 'b' })).toBe(false)
    expect(matchesLabelSelector({}, { a: 'b' })).toBe(true)
    expect(matchesLabelSelector({ matchLabels: { a: 'b' }, matchExpressions: [{ key: 'c', operator: 'Exists' }] }, { a: 'b' })).toBe(false)
  })
})

describe('field selectors', () => {
  it('supports metadata.name, metadata.namespace, spec.nodeName and status.phase', () => {
    const pod = { metadata: { name: 'web-0', namespace: 'default' }, spec: { nodeName: 'node-1' }, status: { phase: 'Running' } }
    expect(matchesFields(parseFieldSelector('spec.nodeName=node-1,status.phase!=Pending'), pod)).toBe(true)
    expect(matchesFields(parseFieldSelector('metadata.name==web-1'), pod)).toBe(false)
    expect(() => parseFieldSelector('spec.foo=bar')).toThrow(/field label not supported: spec.foo/)
  })
})
