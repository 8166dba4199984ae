// core/v1 Namespace (cluster-scoped, DNS-1123 label names): defaults set the immutable label
// kubernetes.io/metadata.name, the 'kubernetes' finalizer and phase Active. Deletion (phase Terminating,
// finalizer removal) is the namespace controller's work, not this module's.
import { z } from 'zod'
import type { KindInfo } from './kind-info'
import { Condition, ObjectMeta } from './meta'

export const namespaceNameLabel = 'kubernetes.io/metadata.name'

export const Namespace = z.looseObject({
  apiVersion: z.literal('v1'),
  kind: z.literal('Namespace'),
  metadata: ObjectMeta,
  spec: z.looseObject({ finalizers: z.array(z.string()).optional() }).optional(),
  status: z
    .looseObject({
      phase: z.enum(['Active', 'Terminating']).optional(),
      conditions: z.array(Condition).optional(),
    })
    .optional(),
})
export type Namespace = z.infer<typeof Namespace>

export function applyNamespaceDefaults(namespace: any): void {
  if (typeof namespace !== 'object' || namespace === null) return
  const name = namespace.metadata?.name
  // SetDefaults_Namespace always (re)writes the name label.
  if (typeof name === 'string' && name !== '') namespace.metadata.labels = { ...namespace.metadata.labels, [namespaceNameLabel]: name }
  namespace.spec ??= {}
  namespace.spec.finalizers ??= ['kubernetes']
  namespace.status ??= {}
  namespace.status.phase ??= 'Active'
}

export const namespaceKind: KindInfo = {
  kind: 'Namespace',
  group: '',
  version: 'v1',
  apiVersion: 'v1',
  plural: 'namespaces',
  singular: 'namespace',
  shortNames: ['ns'],
  namespaced: false,
  nameRule: 'dns1123-label',
  schema: Namespace,
  tracksGeneration: false,
  statusFields: ['status'],
  applyDefaults: applyNamespaceDefaults,
}
