// The unit the rest of kubesim consumes: one Kubernetes object read from the user's input, with the
// 1-based document number it came from and a way to point back at the source text. Objects are plain
// JSON data (no class instances, functions, undefined values or cycles) and are never shared between
// documents; within one YAML document, the values of an anchor and its aliases may be the same object.
import type { FieldPath } from '../api/field-issues'

/** A 1-based line and column in the source text. */
export interface SourcePosition {
  line: number
  column: number
}

export interface ParsedDocument {
  /**
   * 1-based position of the document in the input: for text, among all documents of the YAML stream
   * (empty and comment-only ones included, so the number matches what a reader counts in the file);
   * for arrays, the element's position; for cdk8s, the position in the synthesized output.
   * Items expanded from a `List` keep the List's index.
   */
  index: number
  object: Record<string, unknown>
  /**
   * Where this object sits inside its document: `[]` for a top-level object, `['items', 3]` for the
   * fourth item of a List. Prefix it to a field path to name the field within the document.
   */
  itemPath: FieldPath
  /**
   * The line and column of the node at `path` (relative to `object`), or of its nearest existing ancestor.
   * Always undefined for object input, which has no text.
   */
  locate(path: FieldPath): SourcePosition | undefined
}
