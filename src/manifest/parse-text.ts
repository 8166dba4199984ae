// Reads YAML or JSON text (one or many `---`-separated documents) into plain objects the way kubectl
// does, reporting every problem of every document at once with its document number and line:column.
// Guarantees: never throws on any text; values follow kubectl's YAML 1.1 reading (`yes` is true,
// `0644` is 420), with a warning for each unquoted boolean word; alias bombs, circular aliases and
// nesting deeper than MAX_NESTING_DEPTH are refused with an issue; a `__proto__` key becomes an own
// data property, so Object.prototype is never touched. It does not check apiVersion, kind or schemas.
import {
  LineCounter,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseAllDocuments,
  type Document,
  type Node,
  type Pair,
  type Scalar,
  type YAMLError,
} from 'yaml'
import type { ValidationIssue } from '../api/errors'
import type { FieldPath } from '../api/field-issues'
import { toFieldPath } from './field-path'
import { resolveKubectlScalar } from './kubectl-scalars'
import { MAX_ALIAS_COUNT, MAX_NESTING_DEPTH } from './limits'
import type { ParsedDocument, SourcePosition } from './parsed-document'

export interface ParsedManifest {
  documents: ParsedDocument[]
  /** Problems that make the input unusable; when non-empty, nothing should be applied. */
  issues: ValidationIssue[]
  /** Things kubectl accepts but that are probably not what the author meant. */
  warnings: ValidationIssue[]
  /** The file name given in the options, for messages. */
  source?: string
}

type Doc = Document.Parsed

/**
 * Parses every document of `text`. Empty and comment-only documents (and documents that are just
 * `null`) are skipped silently, as kubectl skips them, but they still count in the 1-based document
 * numbers, so "document 3" is the third `---`-separated section of the file.
 */
export function parseManifestText(text: string, options: { source?: string } = {}): ParsedManifest {
  const lineCounter = new LineCounter()
  const result: ParsedManifest = { documents: [], issues: [], warnings: [] }
  if (options.source !== undefined) result.source = options.source
  const position = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset)
    return { line, column: col }
  }

  let stream: Doc[]
  try {
    stream = parseAllDocuments(text, { lineCounter, prettyErrors: false, schema: 'core', merge: true }) as Doc[]
  } catch (error) {
    // parseAllDocuments reports syntax errors on the documents; a throw would be a bug or exhaustion.
    result.issues.push({ path: '', message: `the text could not be read as YAML: ${errorMessage(error)}` })
    return result
  }

  stream.forEach((doc, i) => {
    const index = i + 1
    const start = position(doc.contents?.range?.[0] ?? doc.range[0])
    const at = (node: Node | Pair | null | undefined, path: FieldPath, message: string): ValidationIssue => {
      const offset = nodeOffset(node)
      const where = offset === undefined ? start : position(offset)
      return { document: index, line: where.line, column: where.column, path: toFieldPath(path), message }
    }

    for (const warning of doc.warnings) result.warnings.push(fromYamlError(warning, index, position))
    if (doc.errors.length > 0) {
      // Refuse documents with syntax errors: `yaml` still builds a (garbled) value for them.
      let exhausted = false
      for (const error of doc.errors) {
        if (error.code === 'RESOURCE_EXHAUSTION') {
          if (exhausted) continue // one report per document; the overflow unwinds through many levels
          exhausted = true
          result.issues.push({ ...fromYamlError(error, index, position), message: `nesting deeper than ${MAX_NESTING_DEPTH} levels (the YAML parser ran out of stack)` })
        } else {
          result.issues.push(fromYamlError(error, index, position))
        }
      }
      return
    }

    const inspection = inspectDocument(doc, at)
    result.warnings.push(...inspection.warnings)
    if (inspection.issues.length > 0) {
      result.issues.push(...inspection.issues)
      return
    }

    let value: unknown
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })
    } catch (error) {
      const message =
        error instanceof ReferenceError
          ? `aliases expand too many times (more than ${MAX_ALIAS_COUNT} expansions of an anchor): refused as a resource-exhaustion ("billion laughs") document`
          : errorMessage(error)
      result.issues.push(at(doc.contents, [], message))
      return
    }

    if (value === null || value === undefined) return // empty, comment-only or `null`: kubectl skips it
    if (typeof value !== 'object' || Array.isArray(value)) {
      result.issues.push(at(doc.contents, [], `expected a Kubernetes object (a mapping with apiVersion and kind), got ${describeValue(value)}`))
      return
    }
    result.documents.push({
      index,
      object: value as Record<string, unknown>,
      itemPath: [],
      locate: (path) => {
        const offset = nodeOffset(locateNode(doc, path))
        return offset === undefined ? undefined : position(offset)
      },
    })
  })
  return result
}

/**
 * One pass over a document's syntax tree before it becomes JavaScript values:
 * - rewrites plain scalars to kubectl's YAML 1.1 reading, warning about boolean words;
 * - refuses nesting deeper than MAX_NESTING_DEPTH, counting what aliases expand to;
 * - refuses aliases to a collection that contains them (they would build circular objects);
 * - refuses keys that are collections (sigs.k8s.io/yaml cannot turn them into JSON keys).
 * Recursion stops at MAX_NESTING_DEPTH, so the walk itself cannot overflow the stack.
 */
function inspectDocument(
  doc: Doc,
  at: (node: Node | Pair | null | undefined, path: FieldPath, message: string) => ValidationIssue,
): { issues: ValidationIssue[]; warnings: ValidationIssue[] } {
  const issues: ValidationIssue[] = []
  const warnings: ValidationIssue[] = []
  // The nesting height (1 for a flat collection) of every collection already walked, for aliases to it.
  const heights = new Map<Node, number>()
  const open = new Set<Node>()
  let tooDeep = false
  const refuseDepth = (node: Node, path: FieldPath, how: string) => {
    if (!tooDeep) issues.push(at(node, path, `nesting deeper than ${MAX_NESTING_DEPTH} levels${how}`))
    tooDeep = true
  }

  const readAsKubectl = (node: Scalar, path: FieldPath, isKey: boolean) => {
    if (node.type !== 'PLAIN' || node.tag !== undefined || typeof node.source !== 'string') return
    const value = resolveKubectlScalar(node.source)
    if (value === undefined || value === node.value) return
    const wasString = typeof node.value === 'string'
    node.value = value
    if (typeof value !== 'boolean' || !wasString) return
    const word = node.source
    warnings.push(
      at(node, path, isKey
        ? `unquoted key "${word}" is read as "${value}" (YAML 1.1), quote it to keep the key "${word}"`
        : `unquoted "${word}" is read as the boolean ${value} (YAML 1.1), quote it to keep a string`),
    )
  }

  /** Returns the nesting height of `node`: 0 for scalars, 1 + the deepest child for collections. */
  const walk = (node: unknown, path: (string | number)[], depth: number): number => {
    if (isScalar(node)) {
      readAsKubectl(node, path, false)
      return 0
    }
    if (isAlias(node)) {
      const target = node.resolve(doc)
      if (target === undefined) return 0 // `yaml` already reported the unknown anchor
      if (open.has(target)) {
        issues.push(at(node, path, `alias *${node.source} refers to a collection that contains it, which would make the object circular`))
        return 0
      }
      const height = heights.get(target) ?? 0
      if (depth - 1 + height > MAX_NESTING_DEPTH) refuseDepth(node, path, ` (through alias *${node.source})`)
      return height
    }
    if (!isMap(node) && !isSeq(node)) return 0
    if (depth > MAX_NESTING_DEPTH) {
      refuseDepth(node, path, '')
      return 0
    }
    open.add(node)
    let deepest = 0
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isScalar(pair.key)) readAsKubectl(pair.key, path, true)
        else if (isMap(pair.key) || isSeq(pair.key)) issues.push(at(pair.key, path, 'a mapping key must be a string, not a list or a mapping'))
        deepest = Math.max(deepest, walk(pair.value, [...path, keyString(pair.key)], depth + 1))
      }
    } else {
      node.items.forEach((item, i) => {
        deepest = Math.max(deepest, walk(item, [...path, i], depth + 1))
      })
    }
    open.delete(node)
    heights.set(node, deepest + 1)
    return deepest + 1
  }

  walk(doc.contents, [], 1)
  return { issues, warnings }
}

/** The node at `path`, or the deepest node on the way that exists (the document itself for `[]`). */
function locateNode(doc: Doc, path: FieldPath): Node | Pair | null | undefined {
  let node: unknown = doc.contents
  let found: Node | Pair | null | undefined = doc.contents
  for (const segment of path) {
    const collection = isAlias(node) ? node.resolve(doc) : node
    if (isMap(collection)) {
      const pair = findPair(doc, collection.items as Pair[], String(segment), 0)
      if (pair === undefined) break
      // An absent value (`image:` and nothing after) has no useful position: point at the key.
      found = isScalar(pair.value) && pair.value.value === null && pair.value.source === '' ? (pair.key as Node) : (pair.value as Node)
      node = pair.value
    } else if (isSeq(collection) && typeof segment === 'number' && segment >= 0 && segment < collection.items.length) {
      node = collection.items[segment]
      found = node as Node
    } else {
      break
    }
  }
  return found
}

/** A key's pair in a mapping, looking into `<<` merge sources as YAML merge keys do (explicit keys win). */
function findPair(doc: Doc, items: readonly Pair[], key: string, mergeDepth: number): Pair | undefined {
  const direct = items.find((pair) => keyString(pair.key) === key && !isMergeKey(pair.key))
  if (direct !== undefined || mergeDepth > MAX_NESTING_DEPTH) return direct
  for (const pair of items) {
    if (!isMergeKey(pair.key)) continue
    const value = isAlias(pair.value) ? pair.value.resolve(doc) : pair.value
    const sources = isSeq(value) ? value.items.map((item) => (isAlias(item) ? item.resolve(doc) : item)) : [value]
    for (const source of sources) {
      const merged = isMap(source) ? findPair(doc, source.items as Pair[], key, mergeDepth + 1) : undefined
      if (merged !== undefined) return merged
    }
  }
  return undefined
}

function isMergeKey(key: unknown): boolean {
  return isScalar(key) && typeof key.value === 'symbol'
}

/** A mapping key as it appears in the JavaScript object (what `yaml`'s toJS and sigs.k8s.io/yaml produce). */
function keyString(key: unknown): string {
  if (!isScalar(key)) return String(key)
  const value = key.value
  if (value === null || value === undefined) return ''
  if (typeof value === 'symbol') return value.description ?? ''
  return String(value)
}

function nodeOffset(node: Node | Pair | null | undefined): number | undefined {
  if (node === null || node === undefined) return undefined
  if ('range' in node && node.range) return node.range[0]
  if ('key' in node) return nodeOffset(node.key as Node | null)
  return undefined
}

function fromYamlError(error: YAMLError, document: number, position: (offset: number) => SourcePosition): ValidationIssue {
  const linePos = error.linePos?.[0]
  const where = linePos ? { line: linePos.line, column: linePos.col } : position(error.pos[0])
  return { document, line: where.line, column: where.column, path: '', message: error.message }
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`
  return `the ${typeof value} ${String(value)}`
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
