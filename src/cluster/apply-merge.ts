// What `kubectl apply` writes over an existing object: a three-way merge of the live object, the
// configuration last applied (kept in an annotation, as kubectl does) and the new manifest. Fields
// the manifest sets win; fields it stopped setting are removed; fields nobody applied (defaults,
// `kubectl scale`, controllers) are kept. Lists are replaced whole (kubectl merges some by key).

import { LAST_APPLIED_ANNOTATION as LAST_APPLIED } from '../api/meta'

export { LAST_APPLIED }

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

const isMap = (v: unknown): v is Record<string, Json> => v !== null && typeof v === 'object' && !Array.isArray(v)

export function threeWayMerge(live: Json, lastApplied: Json | undefined, manifest: Json): Json {
  if (!isMap(live) || !isMap(manifest)) return manifest
  const out: Record<string, Json> = { ...live }
  const last = isMap(lastApplied) ? lastApplied : {}
  for (const key of Object.keys(last)) if (!(key in manifest)) delete out[key]
  for (const key of Object.keys(manifest)) out[key] = threeWayMerge(live[key] as Json, last[key], manifest[key])
  return out
}

/** The annotation value kubectl writes: compact JSON with keys sorted (Go's map marshalling) and a newline. */
export function lastAppliedAnnotation(manifest: Record<string, unknown>): string {
  const copy = JSON.parse(JSON.stringify(manifest)) as Record<string, any>
  if (copy.metadata?.annotations) {
    delete copy.metadata.annotations[LAST_APPLIED]
    if (Object.keys(copy.metadata.annotations).length === 0) delete copy.metadata.annotations
  }
  return `${JSON.stringify(sortKeys(copy))}\n`
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (!isMap(value)) return value
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key])
  return out
}
