import { describe, expect, it } from 'vitest'
import { normalizeInput } from './normalize'

// Shapes of @kubernetes/client-node models (classes with quoted optional properties, Date timestamps,
// a static attributeTypeMap), written here because the package does not load on Node 20.
class V1ObjectMeta {
  'name'?: string
  'namespace'?: string
  'creationTimestamp'?: Date
  'labels'?: { [key: string]: string }
  static readonly attributeTypeMap = [
    { name: 'name', baseName: 'name', type: 'string', format: '' },
    { name: 'namespace', baseName: 'namespace', type: 'string', format: '' },
    { name: 'creationTimestamp', baseName: 'creationTimestamp', type: 'Date', format: 'date-time' },
    { name: 'labels', baseName: 'labels', type: '{ [key: string]: string; }', format: '' },
  ]
}
class V1NetworkPolicyPeer {
  'podSelector'?: { matchLabels?: { [key: string]: string } }
}
class V1NetworkPolicyIngressRule {
  '_from'?: V1NetworkPolicyPeer[]
  'ports'?: { port?: number | string; protocol?: string }[]
  static readonly attributeTypeMap = [
    { name: '_from', baseName: 'from', type: 'Array<V1NetworkPolicyPeer>', format: '' },
    { name: 'ports', baseName: 'ports', type: 'Array<V1NetworkPolicyPort>', format: '' },
  ]
}
class V1JSONSchemaProps {
  'type'?: string
  'ref'?: string
  'x_kubernetes_preserve_unknown_fields'?: boolean
  static readonly attributeTypeMap = [
    { name: 'type', baseName: 'type', type: 'string', format: '' },
    { name: 'ref', baseName: '$ref', type: 'string', format: '' },
    { name: 'x_kubernetes_preserve_unknown_fields', baseName: 'x-kubernetes-preserve-unknown-fields', type: 'boolean', format: '' },
  ]
}
class V1MicroTime extends Date {
  override toISOString(): string {
    return `${super.toISOString().slice(0, -1)}000Z`
  }
}

describe('normalizeInput', () => {
  it('numbers a single object 1 and array entries by position', () => {
    expect(normalizeInput({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } })).toEqual({
      objects: [{ index: 1, object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } } }],
      issues: [],
    })
    const result = normalizeInput([{ kind: 'A' }, null, { kind: 'C' }])
    expect(result.objects.map((o) => [o.index, o.object.kind])).toEqual([
      [1, 'A'],
      [3, 'C'],
    ])
    expect(result.issues).toEqual([])
  })

  it('returns fresh plain copies and never modifies the input', () => {
    const input = { kind: 'A', spec: { list: [1, { a: 2 }] } }
    const { objects } = normalizeInput(input)
    expect(objects[0].object).toEqual(input)
    expect(objects[0].object).not.toBe(input)
    expect(objects[0].object.spec).not.toBe(input.spec)
    expect(input).toEqual({ kind: 'A', spec: { list: [1, { a: 2 }] } })
  })

  it('follows JSON: undefined and functions vanish from objects and become null in arrays', () => {
    const { objects } = normalizeInput({ kind: 'A', spec: { gone: undefined, fn: () => 1, list: [1, undefined] } })
    expect(objects[0].object).toEqual({ kind: 'A', spec: { list: [1, null] } })
    expect(Object.keys(objects[0].object.spec as object)).toEqual(['list'])
  })

  it('expands a cdk8s Chart (toJson) and an App (charts), numbering across charts', () => {
    const chart = (name: string, count: number) => ({
      toJson: () => Array.from({ length: count }, (_, i) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${name}-${i}` } })),
    })
    expect(normalizeInput(chart('a', 2)).objects.map((o) => [o.index, (o.object.metadata as any).name])).toEqual([
      [1, 'a-0'],
      [2, 'a-1'],
    ])
    const app = { charts: [chart('a', 2), chart('b', 1)] }
    expect(normalizeInput(app).objects.map((o) => [o.index, (o.object.metadata as any).name])).toEqual([
      [1, 'a-0'],
      [2, 'a-1'],
      [3, 'b-0'],
    ])
  })

  it('reports a chart whose toJson() throws', () => {
    const result = normalizeInput({
      toJson: () => {
        throw new Error('Validation failed')
      },
    })
    expect(result).toEqual({ objects: [], issues: [{ path: '', message: 'toJson() failed: Validation failed' }] })
  })

  it('turns client-node Date fields into RFC 3339 with whole seconds, and keeps MicroTime precision', () => {
    const meta = new V1ObjectMeta()
    meta.name = 'web'
    meta.creationTimestamp = new Date('2024-01-01T00:00:00.000Z')
    const event = { apiVersion: 'v1', kind: 'Event', metadata: meta, eventTime: new V1MicroTime('2024-01-01T00:00:00.123Z'), lastTimestamp: new Date(Date.UTC(2024, 5, 30, 12, 34, 56, 789)) }
    expect(normalizeInput(event).objects[0].object).toEqual({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'web', creationTimestamp: '2024-01-01T00:00:00Z' },
      eventTime: '2024-01-01T00:00:00.123000Z',
      lastTimestamp: '2024-06-30T12:34:56Z',
    })
  })

  it("renames client-node's _from (class instances and plain literals alike) and uses attributeTypeMap when present", () => {
    const rule = new V1NetworkPolicyIngressRule()
    rule._from = [{ podSelector: { matchLabels: { app: 'web' } } }]
    rule.ports = [{ port: 80 }]
    const literal = { _from: [{ podSelector: {} }] } // an object literal typed as V1NetworkPolicyIngressRule
    const policy = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'np' }, spec: { ingress: [rule, literal] } }
    expect(normalizeInput(policy).objects[0].object.spec).toEqual({
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 80 }] }, { from: [{ podSelector: {} }] }],
    })
    // and the same after a plain JSON round-trip of the instance, which keeps the TypeScript names
    expect(normalizeInput(JSON.parse(JSON.stringify(policy))).objects[0].object.spec).toEqual(normalizeInput(policy).objects[0].object.spec)

    const schema = new V1JSONSchemaProps()
    schema.ref = '#/definitions/x'
    schema.x_kubernetes_preserve_unknown_fields = true
    expect(normalizeInput({ kind: 'A', schema }).objects[0].object.schema).toEqual({ $ref: '#/definitions/x', 'x-kubernetes-preserve-unknown-fields': true })
    expect(normalizeInput({ kind: 'List', metadata: { _continue: 'token' }, items: [] }).objects[0].object.metadata).toEqual({ continue: 'token' })
  })

  it('never renames ConfigMap or Secret data keys', () => {
    const config = { apiVersion: 'v1', kind: 'ConfigMap', data: { _from: 'a', _default: 'b' }, binaryData: { _int: 'AA==' } }
    expect(normalizeInput(config).objects[0].object).toEqual(config)
  })

  it('reports a field set under both names', () => {
    const result = normalizeInput({ kind: 'A', spec: { rule: { _from: [], from: [] } } })
    expect(result.objects).toEqual([])
    expect(result.issues).toEqual([{ document: 1, path: 'spec.rule', message: 'both "_from" and "from" set the field "from"; keep one' }])
  })

  it('serializes kubernetes-models instances through toJSON()', () => {
    class Deployment {
      apiVersion = 'apps/v1'
      kind = 'Deployment'
      constructor(readonly data: { metadata: { name: string }; spec: Record<string, unknown> }) {}
      validate(): void {}
      toJSON() {
        return { apiVersion: this.apiVersion, kind: this.kind, ...this.data }
      }
    }
    const deployment = new Deployment({ metadata: { name: 'web' }, spec: { replicas: 2, template: { spec: { containers: [{ name: 'web', resources: { requests: { cpu: 1 } } }] } } } })
    expect(normalizeInput([deployment]).objects[0].object).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { replicas: 2, template: { spec: { containers: [{ name: 'web', resources: { requests: { cpu: 1 } } }] } } },
    })
  })

  it('outputs only plain objects and arrays', () => {
    const meta = new V1ObjectMeta()
    meta.name = 'x'
    const { object } = normalizeInput({ kind: 'A', metadata: meta, list: [new V1NetworkPolicyPeer()] }).objects[0]
    expect(Object.getPrototypeOf(object.metadata)).toBe(Object.prototype)
    expect(Object.getPrototypeOf((object.list as unknown[])[0])).toBe(Object.prototype)
  })

  it('reports values JSON cannot carry, with their paths', () => {
    const cyclic: Record<string, unknown> = { kind: 'A', spec: {} }
    ;(cyclic.spec as Record<string, unknown>).self = cyclic
    const result = normalizeInput([cyclic, { kind: 'B', spec: { n: Number.NaN, big: 10n, labels: new Map(), at: new Date(Number.NaN) } }])
    expect(result.objects).toEqual([])
    expect(result.issues).toEqual([
      { document: 1, path: 'spec.self', message: 'circular reference: the object contains itself' },
      { document: 2, path: 'spec.n', message: 'NaN is not a valid JSON number' },
      { document: 2, path: 'spec.big', message: 'the bigint 10 cannot be written as JSON; use a number or a string' },
      { document: 2, path: 'spec.labels', message: 'a Map cannot be written as JSON; use a plain object or an array' },
      { document: 2, path: 'spec.at', message: 'invalid date' },
    ])
  })

  it('accepts the same object twice when it is not a cycle', () => {
    const labels = { app: 'web' }
    const result = normalizeInput({ kind: 'A', metadata: { labels }, spec: { selector: { matchLabels: labels } } })
    expect(result.issues).toEqual([])
  })

  it('refuses nesting deeper than 100 levels without overflowing the stack', () => {
    let deep: Record<string, unknown> = { leaf: true }
    for (let i = 0; i < 10_000; i++) deep = { a: deep }
    const result = normalizeInput({ kind: 'A', ...deep })
    expect(result.objects).toEqual([])
    expect(result.issues).toHaveLength(1)
    expect(result.issues[0].message).toBe('nesting deeper than 100 levels')
    expect(result.issues[0].path).toBe('a'.repeat(100).split('').join('.'))
  })

  it('refuses entries that are not objects, and inputs that are nothing', () => {
    expect(normalizeInput(['kind: A', 3, [{}]]).issues).toEqual([
      { document: 1, path: '', message: 'expected a Kubernetes object (a mapping with apiVersion and kind), got a string' },
      { document: 2, path: '', message: 'expected a Kubernetes object (a mapping with apiVersion and kind), got a number' },
      { document: 3, path: '', message: 'expected a Kubernetes object (a mapping with apiVersion and kind), got a list' },
    ])
    expect(normalizeInput(undefined).issues).toEqual([
      { path: '', message: 'expected YAML or JSON text, a Kubernetes object, an array of objects, or a cdk8s Chart or App; got undefined' },
    ])
  })

  it('keeps a __proto__ key as own data and leaves Object.prototype alone', () => {
    const input = JSON.parse('{"kind":"ConfigMap","__proto__":{"polluted":true},"data":{"__proto__":"x","constructor":"y"}}')
    const { object } = normalizeInput(input).objects[0]
    expect(({} as any).polluted).toBeUndefined()
    expect(Object.getPrototypeOf(object)).toBe(Object.prototype)
    expect(Object.getOwnPropertyNames(object)).toEqual(['kind', '__proto__', 'data'])
    expect(Object.getOwnPropertyNames(object.data)).toEqual(['__proto__', 'constructor'])
    expect((object as any).polluted).toBeUndefined()
  })
})
