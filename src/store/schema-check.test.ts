import { describe, expect, it } from 'vitest'
import { Event } from '../api/event'
import { Deployment } from '../api/deployment'
import { isPlainJson } from './json'
import { schemaIssues } from './schema-check'

const fresh = (schema: typeof Event | typeof Deployment, object: unknown) => {
  const result = schema.safeParse(object)
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path, message: i.message }))
}

const event = (extra: Record<string, unknown>) => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name: 'web.1', namespace: 'default' },
  involvedObject: { kind: 'Pod', name: 'web' },
  ...extra,
})

describe('schema checks remembered by JSON text', () => {
  it('answer as zod does, the first time and when remembered', () => {
    const deployments = [
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { selector: { matchLabels: { app: 'web' } }, template: { spec: { containers: [] } } } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 'three', selector: {}, template: {} } },
    ]
    for (const d of deployments) {
      const expected = fresh(Deployment, d)
      expect(schemaIssues(Deployment, d)).toEqual(expected)
      expect(schemaIssues(Deployment, structuredClone(d))).toEqual(expected)
    }
    expect(schemaIssues(Deployment, deployments[1]).map((i) => i.path.join('.'))).toEqual(['spec.replicas', 'spec.template.spec'])
  })

  it('do not take NaN for the null its JSON text shows', () => {
    expect(schemaIssues(Event, event({ firstTimestamp: null }))).toEqual([])
    const issues = schemaIssues(Event, event({ firstTimestamp: Number.NaN }))
    expect(issues.map((i) => i.path.join('.'))).toEqual(['firstTimestamp'])
  })

  it('do not take a function for the missing field its JSON text shows', () => {
    expect(schemaIssues(Event, event({}))).toEqual([])
    expect(schemaIssues(Event, event({ reason: () => 'x' })).map((i) => i.path.join('.'))).toEqual(['reason'])
  })

  it('hand out frozen issues', () => {
    const d = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { replicas: -1.5, selector: {}, template: {} } }
    const issues = schemaIssues(Deployment, d)
    expect(issues.length).toBeGreaterThan(0)
    expect(Object.isFrozen(issues) && Object.isFrozen(issues[0]) && Object.isFrozen(issues[0].path)).toBe(true)
  })
})

describe('isPlainJson', () => {
  it('accepts JSON values and rejects what JSON text would change', () => {
    expect(isPlainJson({ a: [1, 'x', true, null, { b: Object.create(null) }] })).toBe(true)
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, undefined, () => 1, 1n, Symbol('s'), new Date(0), new Map(), [undefined], { a: undefined }, { a: { b: [Number.NaN] } }])
      expect(isPlainJson(bad)).toBe(false)
  })
})
