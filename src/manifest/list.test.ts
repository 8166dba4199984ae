import { describe, expect, it } from 'vitest'
import { expandLists } from './list'
import { parseManifestText } from './parse-text'

const listText = [
  'apiVersion: v1', // 1
  'kind: List',
  'items:',
  '  - apiVersion: v1',
  '    kind: ConfigMap', // 5
  '    metadata: {name: a}',
  '  - apiVersion: apps/v1',
  '    kind: Deployment',
  '    metadata: {name: web}',
  '    spec:', // 10
  '      replicas: 2',
  '---',
  'apiVersion: v1',
  'kind: Service',
  'metadata: {name: svc}', // 15
  '',
].join('\n')

describe('expandLists', () => {
  it('expands a v1 List into its items, in order, keeping the List document index', () => {
    const { documents, issues } = expandLists(parseManifestText(listText).documents)
    expect(issues).toEqual([])
    expect(documents.map((d) => [d.index, d.object.kind, (d.object.metadata as any).name, d.itemPath])).toEqual([
      [1, 'ConfigMap', 'a', ['items', 0]],
      [1, 'Deployment', 'web', ['items', 1]],
      [2, 'Service', 'svc', []],
    ])
  })

  it('locates fields of an item inside the List text', () => {
    const deployment = expandLists(parseManifestText(listText).documents).documents[1]
    expect(deployment.locate(['spec', 'replicas'])).toEqual({ line: 11, column: 17 })
    expect(deployment.locate([])).toEqual({ line: 7, column: 5 })
  })

  it('gives typed-list items without kind and apiVersion those of the list (DeploymentList)', () => {
    const text = 'apiVersion: apps/v1\nkind: DeploymentList\nitems:\n  - metadata: {name: a}\n  - kind: StatefulSet\n    metadata: {name: b}\n'
    const { documents, issues } = expandLists(parseManifestText(text).documents)
    expect(issues).toEqual([])
    expect(documents.map((d) => d.object)).toEqual([
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'a' } },
      { kind: 'StatefulSet', metadata: { name: 'b' } },
    ])
  })

  it('leaves items of a plain List without kind for validation to report', () => {
    const { documents } = expandLists(parseManifestText('apiVersion: v1\nkind: List\nitems:\n  - metadata: {name: a}\n').documents)
    expect(documents.map((d) => d.object)).toEqual([{ metadata: { name: 'a' } }])
  })

  it('flattens nested lists breadth-first, as kubectl does', () => {
    const text = [
      'apiVersion: v1',
      'kind: List',
      'items:',
      '  - {kind: A}',
      '  - apiVersion: v1',
      '    kind: List',
      '    items: [{kind: B}, {kind: C}]',
      '  - {kind: D}',
      '',
    ].join('\n')
    const { documents } = expandLists(parseManifestText(text).documents)
    expect(documents.map((d) => [d.object.kind, d.itemPath])).toEqual([
      ['A', ['items', 0]],
      ['D', ['items', 2]],
      ['B', ['items', 1, 'items', 0]],
      ['C', ['items', 1, 'items', 1]],
    ])
    expect(documents[3].locate(['kind'])).toEqual({ line: 7, column: 31 })
  })

  it('treats items: null as an empty list and reports items that are not objects', () => {
    expect(expandLists(parseManifestText('apiVersion: v1\nkind: List\nitems:\n').documents)).toEqual({ documents: [], issues: [] })
    const text = 'apiVersion: v1\nkind: List\nitems:\n  - kind: A\n  - just a string\n---\nkind: PodList\nitems: {a: 1}\n'
    expect(expandLists(parseManifestText(text).documents).issues).toEqual([
      { document: 1, line: 5, column: 5, path: 'items[1]', message: 'expected a Kubernetes object (a mapping with apiVersion and kind)' },
      { document: 2, line: 8, column: 8, path: 'items', message: 'expected a list of Kubernetes objects, got a mapping' },
    ])
  })

  it('passes documents without items through untouched', () => {
    const documents = parseManifestText('kind: ConfigMap\ndata: {items: x}\n').documents
    expect(expandLists(documents).documents[0]).toBe(documents[0])
  })
})
