// Bad input never hurts: malformed manifests of every sort give a typed error, write nothing
// (the trace hash is unchanged) and leave Object.prototype alone. Sized by FUZZ_RUNS (default 10,000, or 10 × CHAOS_RUNS).
import fc from 'fast-check'
import { stringify } from 'yaml'
import { describe, expect, it } from 'vitest'
import { KubesimError, createCluster } from '../../src/index'

// CHAOS_RUNS scales every randomized suite up: here ten inputs per chaos schedule, never fewer than 10,000.
const RUNS = Number(process.env.FUZZ_RUNS ?? Math.max(10_000, 10 * Number(process.env.CHAOS_RUNS ?? 0)))

const base = (): Record<string, any>[] => [
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
  },
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'busybox', ports: [{ containerPort: 80 }] }] } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } },
  { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi' }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl' }] } } } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', labels: { a: 'b' } }, data: { k: 'v' } },
]

const deep = (depth: number): unknown => {
  let v: unknown = 'x'
  for (let i = 0; i < depth; i++) v = { n: v }
  return v
}

/** metadata as an object, replacing a non-object (which leaves the manifest without a name: still invalid). */
const meta = (o: any) => (o.metadata && typeof o.metadata === 'object' && !Array.isArray(o.metadata) ? o.metadata : (o.metadata = {}))

/** Mutations that make any of the base objects invalid, whatever else is done to them. */
const invalidating: fc.Arbitrary<(o: Record<string, any>) => void>[] = [
  fc.constantFrom('', 'UPPER', 'has space', 'a'.repeat(254), '-lead', 'trail-', 'under_score', 'dot..dot', '😀').map((name) => (o: any) => void (meta(o).name = name)),
  fc.constant((o: any) => void delete meta(o).name),
  fc.constant((o: any) => void delete o.kind),
  fc.constant((o: any) => void delete o.apiVersion),
  fc.constantFrom('v0', 'apps/v0', 'extensions/v1beta1', 'batch/v1beta1', 42 as unknown as string).map((v) => (o: any) => void (o.apiVersion = v)),
  fc.constantFrom('Deploymnt', 'pod', '', 'List ').map((k) => (o: any) => void (o.kind = k)),
  fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string())).map((v) => (o: any) => void (o.metadata = v)),
  fc.oneof(fc.integer(), fc.boolean(), fc.array(fc.string()), fc.constant({ nested: { deep: 1 } })).map((v) => (o: any) => void (meta(o).labels = { bad: v })),
  fc.constantFrom('__proto__', 'constructor', '-x', 'a/b/c', '', 'x'.repeat(64)).map((key) => (o: any) => {
    meta(o).labels = JSON.parse(`{${JSON.stringify(key)}: "v", "-invalid-": "v"}`)
  }),
  fc.integer({ min: 1, max: 200 }).map((depth) => (o: any) => void (meta(o).labels = { nested: deep(depth) })),
  fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.constant({})).map((v) => (o: any) => {
    if (o.kind === 'ConfigMap') o.data = { k: { not: 'a string' } }
    else if (o.kind === 'Service') o.spec.ports = [{ port: typeof v === 'number' ? 70000 + Math.abs(v % 1000) : 'eighty' }]
    else if (o.kind === 'Pod') o.spec.containers = v === null ? [] : [{ name: 'c', image: 'busybox' }, { name: 'c', image: 'busybox' }]
    else if (o.kind === 'Job') o.spec.template.spec.restartPolicy = 'Always'
    else (o.spec ??= {}).replicas = -1 - (typeof v === 'number' ? Math.abs(v) : 1)
  }),
  fc.constantFrom(1e20, -5, 3.5, 'three', Number.MAX_SAFE_INTEGER).map((n) => (o: any) => {
    if (o.kind === 'Deployment') o.spec.replicas = n
    else meta(o).generateName = 7 as unknown
    if (o.kind === 'Deployment' && typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 2 ** 31 - 1) o.spec.selector = { matchLabels: { app: 'other' } }
  }),
  fc.constant((o: any) => {
    o['__proto__'] = { polluted: true }
    meta(o).name = 'Invalid_Name'
  }),
]

const manifest = fc.tuple(fc.integer({ min: 0, max: 4 }), fc.array(fc.oneof(...invalidating), { minLength: 1, maxLength: 3 }), fc.boolean()).map(([index, mutations, asText]) => {
  const object = base()[index]
  for (const mutate of mutations) mutate(object)
  return { object, asText }
})

const yamlAttacks = fc.constantFrom(
  // billion laughs
  'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nkind: ConfigMap\napiVersion: v1\nmetadata: {name: bomb}\n',
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  name: y\n',
  'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\ndata: {}\n',
  'apiVersion: v1\nkind: ConfigMap\n\tmetadata:\n  name: tabbed\n',
  '- just\n- a\n- list\n',
  '"a scalar"',
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: BAD NAME\n',
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  __proto__: {polluted: true}\n  labels: {"-bad": "v"}\n',
)

describe('bad input (fuzz)', () => {
  it(`gives a typed error, writes nothing and pollutes nothing for ${RUNS} malformed manifests`, () => {
    const cluster = createCluster({ nodes: 0 })
    const hash = cluster.traceHash()
    fc.assert(
      fc.property(manifest, ({ object, asText }) => {
        let thrown: unknown
        try {
          cluster.apply(asText ? stringify(object) : object)
        } catch (error) {
          thrown = error
        }
        expect(thrown).toBeInstanceOf(KubesimError)
        expect(cluster.traceHash()).toBe(hash)
        expect(({} as any).polluted).toBeUndefined()
      }),
      { numRuns: RUNS, seed: 20261122 },
    )
  })

  it('survives YAML attacks: alias bombs, deep nesting, duplicate keys, broken syntax, non-objects', () => {
    const cluster = createCluster({ nodes: 0 })
    const hash = cluster.traceHash()
    fc.assert(
      fc.property(yamlAttacks, (text) => {
        expect(() => cluster.apply(text)).toThrow(KubesimError)
        expect(cluster.traceHash()).toBe(hash)
        expect(({} as any).polluted).toBeUndefined()
        expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false)
      }),
      { numRuns: 50, seed: 7 },
    )
  })
})
