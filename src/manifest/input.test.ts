import { describe, expect, it } from 'vitest'
import { readManifests, toFieldPath } from './input'
import { resolveKubectlScalar } from './kubectl-scalars'

describe('toFieldPath', () => {
  it('renders kubectl field paths', () => {
    expect(toFieldPath(['spec', 'template', 'spec', 'containers', 0, 'name'])).toBe('spec.template.spec.containers[0].name')
    expect(toFieldPath(['metadata', 'labels', 'app.kubernetes.io/name'])).toBe('metadata.labels[app.kubernetes.io/name]')
    expect(toFieldPath(['data', 'config.yaml'])).toBe('data[config.yaml]')
    expect(toFieldPath(['items', 3, 'spec', 'x-kubernetes-preserve-unknown-fields'])).toBe('items[3].spec.x-kubernetes-preserve-unknown-fields')
    expect(toFieldPath([0, 'kind'])).toBe('[0].kind')
    expect(toFieldPath([])).toBe('')
  })
})

describe('resolveKubectlScalar (go-yaml v2 rules)', () => {
  it.each([
    ['yes', true],
    ['Off', false],
    ['n', false],
    ['0644', 420],
    ['-0644', -420],
    ['0o17', 15],
    ['0x1F', 31],
    ['0X1f', 31],
    ['0b101', 5],
    ['1_000', 1000],
    ['08', 8],
    ['0', 0],
    ['-0', 0],
    ['12', 12],
    ['1e3', 1000],
    ['-1.5', -1.5],
  ] as const)('%s → %s', (source, value) => {
    expect(resolveKubectlScalar(source)).toBe(value)
  })

  it.each(['yEs', 'nginx', '1.2.3', '2024-01-01', '-', '+', '.5', 'null', '~', ''])('%s is left to YAML 1.2', (source) => {
    expect(resolveKubectlScalar(source)).toBeUndefined()
  })
})

describe('readManifests', () => {
  it('reads text with positions, expanding lists', () => {
    const result = readManifests('apiVersion: v1\nkind: List\nitems:\n  - {apiVersion: v1, kind: ConfigMap, metadata: {name: a}, data: {on: "1"}}\n')
    expect(result.issues).toEqual([])
    expect(result.documents.map((d) => [d.index, d.object])).toEqual([[1, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { true: '1' } }]])
    expect(result.warnings).toEqual([
      { document: 1, line: 4, column: 67, path: 'items[0].data', message: 'unquoted key "on" is read as "true" (YAML 1.1), quote it to keep the key "on"' },
    ])
    expect(result.documents[0].locate(['metadata', 'name'])).toEqual({ line: 4, column: 56 })
  })

  it('reads objects without positions', () => {
    const result = readManifests([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } }, { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } }] }])
    expect(result.issues).toEqual([])
    expect(result.warnings).toEqual([])
    expect(result.documents.map((d) => [d.index, d.object.kind, d.itemPath])).toEqual([
      [1, 'ConfigMap', []],
      [2, 'Secret', ['items', 0]],
    ])
    expect(result.documents[1].locate(['metadata'])).toBeUndefined()
  })

  it('reads a cdk8s App', () => {
    const chart = { toJson: () => [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo' } }] }
    expect(readManifests({ charts: [chart, chart] }).documents.map((d) => d.index)).toEqual([1, 2])
  })

  it('collects issues from every stage', () => {
    const result = readManifests('kind: A\n---\n[1]\n---\nkind: List\nitems: [3]\n')
    expect(result.issues.map((i) => [i.document, i.path])).toEqual([
      [2, ''],
      [3, 'items[0]'],
    ])
  })
})
