// core/v1 ConfigMap: string data and base64 binaryData, keys checked by IsConfigMapKey, and the
// `immutable` flag that freezes both. No defaults, no status, no generation.
import { z } from 'zod'
import type { KindInfo } from './kind-info'
import { ObjectMeta } from './meta'
import { validateConfigKeys, validateImmutableData } from './config-key'

export const ConfigMap = z.looseObject({
  apiVersion: z.literal('v1'),
  kind: z.literal('ConfigMap'),
  metadata: ObjectMeta,
  data: z.record(z.string(), z.string()).optional(),
  binaryData: z.record(z.string(), z.string()).optional(),
  immutable: z.boolean().optional(),
})
export type ConfigMap = z.infer<typeof ConfigMap>

export const configMapKind: KindInfo = {
  kind: 'ConfigMap',
  group: '',
  version: 'v1',
  apiVersion: 'v1',
  plural: 'configmaps',
  singular: 'configmap',
  shortNames: ['cm'],
  namespaced: true,
  nameRule: 'dns1123-subdomain',
  schema: ConfigMap,
  tracksGeneration: false,
  statusFields: [],
  validate: (configMap: ConfigMap) => validateConfigKeys({ data: configMap.data, binaryData: configMap.binaryData }),
  validateUpdate: (previous: ConfigMap, next: ConfigMap) => validateImmutableData(previous, next, ['data', 'binaryData']),
}
