// Expands list documents into their items, as `kubectl apply` does (cli-runtime FlattenListVisitor
// over apimachinery's unstructured decoding): any object with a top-level `items` field is a list —
// `kind: List`, `DeploymentList`, or anything else — and nested lists are flattened breadth-first.
// An item with neither kind nor apiVersion inherits them from a typed list (`PodList` items become
// `v1` `Pod`s). Items keep the list's document index and know their path (`items[3]`) for locating.
import type { ValidationIssue } from '../api/errors'
import type { FieldPath } from '../api/field-issues'
import { toFieldPath } from './field-path'
import type { ParsedDocument } from './parsed-document'

/** True for objects kubectl decodes as a list: those with a top-level `items` field (even `null`). */
export function isListObject(object: Record<string, unknown>): boolean {
  return Object.hasOwn(object, 'items') && object.items !== undefined
}

export function expandLists(documents: readonly ParsedDocument[]): { documents: ParsedDocument[]; issues: ValidationIssue[] } {
  const expanded: ParsedDocument[] = []
  const issues: ValidationIssue[] = []
  for (const document of documents) {
    if (!isListObject(document.object)) {
      expanded.push(document)
      continue
    }
    const issue = (path: FieldPath, message: string): ValidationIssue => {
      const where = document.locate(path)
      return {
        document: document.index,
        ...(where && { line: where.line, column: where.column }),
        path: toFieldPath([...document.itemPath, ...path]),
        message,
      }
    }
    // Breadth-first, like FlattenListVisitor: a nested list's items come after its siblings.
    const queue: { object: Record<string, unknown>; path: FieldPath }[] = [{ object: document.object, path: [] }]
    for (let i = 0; i < queue.length; i++) {
      const { object, path } = queue[i]
      if (!isListObject(object)) {
        expanded.push(itemDocument(document, object, path))
        continue
      }
      const items = object.items
      if (items === null) continue // decoded by kubectl as an empty list
      if (!Array.isArray(items)) {
        issues.push(issue([...path, 'items'], `expected a list of Kubernetes objects, got ${typeof items === 'object' ? 'a mapping' : `a ${typeof items}`}`))
        continue
      }
      const listKind = typeof object.kind === 'string' ? object.kind : ''
      const itemKind = listKind.endsWith('List') ? listKind.slice(0, -'List'.length) : listKind
      const listApiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : ''
      items.forEach((item: unknown, j) => {
        const itemPath = [...path, 'items', j]
        if (item === null || typeof item !== 'object' || Array.isArray(item)) {
          issues.push(issue(itemPath, 'expected a Kubernetes object (a mapping with apiVersion and kind)'))
          return
        }
        queue.push({ object: inheritKind(item as Record<string, unknown>, itemKind, listApiVersion), path: itemPath })
      })
    }
  }
  return { documents: expanded, issues }
}

/** apimachinery's "hacky" rule: an item with neither kind nor apiVersion takes them from the list. */
function inheritKind(item: Record<string, unknown>, itemKind: string, listApiVersion: string): Record<string, unknown> {
  const isSet = (value: unknown) => typeof value === 'string' && value !== ''
  if (isSet(item.kind) || isSet(item.apiVersion) || itemKind === '') return item
  const { apiVersion: _apiVersion, kind: _kind, ...rest } = item
  return { ...(listApiVersion !== '' && { apiVersion: listApiVersion }), kind: itemKind, ...rest }
}

function itemDocument(list: ParsedDocument, object: Record<string, unknown>, path: FieldPath): ParsedDocument {
  if (path.length === 0) return list
  return {
    index: list.index,
    object,
    itemPath: [...list.itemPath, ...path],
    locate: (field) => list.locate([...path, ...field]),
  }
}
