// The pod-template-hash and template identity (semantics.md §5.3). Upstream hashes the template
// with FNV-32a over Go's deep-hash printing (controller_utils.go ComputeHash); we hash a canonical
// JSON of the template (object keys sorted, undefined dropped) with FNV-32a, append the
// collisionCount when set, and render the uint32 like rand.SafeEncodeString: its decimal digits
// mapped through the 27-character alphabet, so names look like `web-7c5ddbdf54`. Same template ⇒
// same hash ⇒ same ReplicaSet name. Pure.
import { fnv1a32 } from '../../sim/hash'

export const POD_TEMPLATE_HASH = 'pod-template-hash'
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789'

export function canonicalJson(value: unknown): string {
  return canonicalText(value, false)
}

/**
 * Canonical JSON, built in one pass. `dropEmpty`: as apimachinery's Semantic.DeepEqual, object
 * members that are null, undefined, or empty maps/lists (after the same treatment) are left out;
 * list elements are kept.
 */
function canonicalText(value: unknown, dropEmpty: boolean): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) {
    let out = '['
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ','
      out += value[i] === undefined ? 'null' : canonicalText(value[i], dropEmpty)
    }
    return `${out}]`
  }
  const record = value as Record<string, unknown>
  const keys = Object.keys(record).sort()
  let out = '{'
  for (const k of keys) {
    const v = record[k]
    if (v === undefined || (dropEmpty && v === null)) continue
    const text = canonicalText(v, dropEmpty)
    if (dropEmpty && typeof v === 'object' && (text === '{}' || text === '[]')) continue
    out += `${out.length > 1 ? ',' : ''}${JSON.stringify(k)}:${text}`
  }
  return `${out}}`
}

/** SafeEncodeString over the decimal rendering of a uint32. */
export function safeEncode(n: number): string {
  let out = ''
  for (const digit of String(n >>> 0)) out += ALPHABET[digit.charCodeAt(0) % ALPHABET.length]
  return out
}

export function computePodTemplateHash(template: unknown, collisionCount?: number): string {
  const text = cached(canonicalTexts, template, canonicalJson) + (collisionCount !== undefined ? `#${collisionCount}` : '')
  return safeEncode(fnv1a32(text))
}

/** Semantic equality of two pod templates ignoring the pod-template-hash label (EqualIgnoreHash). */
export function equalIgnoreHash(a: unknown, b: unknown): boolean {
  if (a === b) return true
  return cached(normalizedTexts, a, normalizedText) === cached(normalizedTexts, b, normalizedText)
}

// Stored objects are deeply frozen, so their canonical texts are computed once per object. The
// normalized text drops the hash label and empty members (see canonicalText) before comparing.
const canonicalTexts = new WeakMap<object, string>()
const normalizedTexts = new WeakMap<object, string>()

const normalizedText = (template: unknown): string => canonicalText(withoutHashLabel(template), true)

function cached(cache: WeakMap<object, string>, value: unknown, compute: (value: unknown) => string): string {
  if (value === null || typeof value !== 'object' || !Object.isFrozen(value)) return compute(value)
  let text = cache.get(value)
  if (text === undefined) cache.set(value, (text = compute(value)))
  return text
}

/** The template without the pod-template-hash label (a shallow copy only when the label is there). */
function withoutHashLabel(template: unknown): unknown {
  const t = (template ?? {}) as { metadata?: { labels?: Record<string, string> } }
  const labels = t.metadata?.labels
  if (!labels || !(POD_TEMPLATE_HASH in labels)) return t
  const { [POD_TEMPLATE_HASH]: _hash, ...rest } = labels
  return { ...t, metadata: { ...t.metadata, labels: rest } }
}
