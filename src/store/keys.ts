// Object keys: "namespace/name" for namespaced kinds, "name" for cluster-scoped ones.
// Only objectKey() produces them, so every index and queue agrees on the spelling.

export type ObjectKey = string

export function objectKey(namespace: string | undefined, name: string): ObjectKey {
  return namespace ? `${namespace}/${name}` : name
}

export function splitKey(key: ObjectKey): { namespace: string | undefined; name: string } {
  const slash = key.indexOf('/')
  return slash < 0 ? { namespace: undefined, name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) }
}

export function keyOf(object: { metadata: { namespace?: string; name?: string } }): ObjectKey {
  return objectKey(object.metadata.namespace, object.metadata.name ?? '')
}

/** Total order on keys by code unit, never by locale: deterministic everywhere. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
