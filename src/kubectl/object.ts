// The loose structural shape kubectl printing reads: plain JSON in the Kubernetes wire format.
// Printing never validates; absent fields print as kubectl prints Go zero values.

export interface ObjectMeta {
  name?: string
  namespace?: string
  uid?: string
  labels?: Record<string, string>
  annotations?: Record<string, string>
  creationTimestamp?: string
  deletionTimestamp?: string
  deletionGracePeriodSeconds?: number
  generation?: number
  resourceVersion?: string
  ownerReferences?: { apiVersion?: string; kind: string; name: string; uid?: string; controller?: boolean }[]
  [key: string]: unknown
}

export interface Obj {
  apiVersion?: string
  kind?: string
  metadata: ObjectMeta
  spec?: any
  status?: any
  [key: string]: any
}

/** The controller owner as describe prints it: `ReplicaSet/web-7c5ddbdf54`, or '' when none. */
export function controllerOf(obj: Obj): string {
  const ref = obj.metadata.ownerReferences?.find((r) => r.controller === true)
  return ref ? `${ref.kind}/${ref.name}` : ''
}

/** Compares like Go's `<` on strings (UTF-16 code units equal byte order for the BMP). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
