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
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`
  const record = value as Record<string, unknown>
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort()
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`
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

// Stored objects are deeply frozen, so their canonical texts are computed once per object.
const canonicalTexts = new WeakMap<object, string>()
const normalizedTexts = new WeakMap<object, string>()

const normalizedText = (template: unknown): string => canonicalJson(normalizeTemplate(template))

function cached(cache: WeakMap<object, string>, value: unknown, compute: (value: unknown) => string): string {
  if (value === null || typeof value !== 'object' || !Object.isFrozen(value)) return compute(value)
  let text = cache.get(value)
  if (text === undefined) cache.set(value, (text = compute(value)))
  return text
}

/** Drops the hash label, and (as apimachinery's Semantic.DeepEqual) treats nil and empty maps/lists alike. */
function normalizeTemplate(template: unknown): unknown {
  const t = (template ?? {}) as { metadata?: { labels?: Record<string, string> } }
  const labels = t.metadata?.labels
  if (!labels || !(POD_TEMPLATE_HASH in labels)) return dropEmpty(t)
  const { [POD_TEMPLATE_HASH]: _hash, ...rest } = labels
  return dropEmpty({ ...t, metadata: { ...t.metadata, labels: rest } })
}

function dropEmpty(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(dropEmpty)
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined || v === null) continue
    const d = dropEmpty(v)
    if (d && typeof d === 'object' && (Array.isArray(d) ? d.length === 0 : Object.keys(d).length === 0)) continue
    out[k] = d
  }
  return out
}
