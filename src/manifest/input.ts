// The one entry point from user input to documents: `readManifests` takes whatever `apply` accepts
// (YAML/JSON text, objects, arrays, cdk8s Charts and Apps), reads it, and flattens lists. The input
// type is deliberately structural and minimal, so that kubernetes-types interfaces, client-node and
// kubernetes-models class instances and plain literals are all accepted without casts.
import type { ValidationIssue } from '../api/errors'
import { expandLists } from './list'
import { normalizeInput } from './normalize'
import type { ParsedDocument } from './parsed-document'
import { parseManifestText } from './parse-text'

export { toFieldPath } from './field-path'

/**
 * Any Kubernetes object. No index signature and no literal types, on purpose: classes and
 * interfaces have no implicit index signature, and kubernetes-types declares `apiVersion?: "apps/v1"`.
 */
export interface ManifestInput {
  apiVersion?: string
  kind?: string
  metadata?: { name?: string; namespace?: string; generateName?: string }
}

/** A cdk8s Chart (or anything whose `toJson()` synthesizes Kubernetes objects). */
export interface ChartInput {
  toJson(): unknown[]
}

/** A cdk8s App: its charts, in order. */
export interface AppInput {
  charts: readonly ChartInput[]
}

/**
 * An object literal written inline (`apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', labels }, data })`):
 * with ManifestInput alone, TypeScript's excess-property check would reject `data` and `labels`.
 * Class instances match ManifestInput instead, so they need no index signature.
 */
export interface ManifestObject {
  apiVersion?: string
  kind?: string
  metadata?: { name?: string; namespace?: string; generateName?: string; [field: string]: unknown }
  [field: string]: unknown
}

export type ApplyInput = string | ManifestInput | ManifestObject | readonly (ManifestInput | ManifestObject)[] | ChartInput | AppInput

export interface ReadManifests {
  documents: ParsedDocument[]
  issues: ValidationIssue[]
  warnings: ValidationIssue[]
}

/**
 * Reads any apply input into documents, with lists expanded into their items. Text gets exact
 * line:column positions; objects have none (`locate` returns undefined). Check `issues` first: when
 * it is non-empty, the input must be refused as a whole.
 */
export function readManifests(input: ApplyInput, options: { source?: string } = {}): ReadManifests {
  let documents: ParsedDocument[]
  const issues: ValidationIssue[] = []
  const warnings: ValidationIssue[] = []
  if (typeof input === 'string') {
    const parsed = parseManifestText(input, options)
    documents = parsed.documents
    issues.push(...parsed.issues)
    warnings.push(...parsed.warnings)
  } else {
    const normalized = normalizeInput(input)
    documents = normalized.objects.map(({ index, object }) => ({ index, object, itemPath: [], locate: noPosition }))
    issues.push(...normalized.issues)
  }
  const lists = expandLists(documents)
  issues.push(...lists.issues)
  return { documents: lists.documents, issues, warnings }
}

/** Objects carry no text positions. */
function noPosition(): undefined {
  return undefined
}
