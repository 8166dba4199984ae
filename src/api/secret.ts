// core/v1 Secret: base64 data, write-only stringData (merged into data on write, as the API server does),
// type defaulting to Opaque, the keys each well-known type requires, and the `immutable` flag.
import { z } from 'zod'
import type { FieldIssue, KindInfo } from './kind-info'
import { ObjectMeta } from './meta'
import { validateConfigKeys, validateImmutableData } from './config-key'
import { immutableIssue, invalidIssue, requiredIssue } from './field-issues'

export const Secret = z.looseObject({
  apiVersion: z.literal('v1'),
  kind: z.literal('Secret'),
  metadata: ObjectMeta,
  type: z.string().optional(),
  data: z.record(z.string(), z.string()).optional(),
  stringData: z.record(z.string(), z.string()).optional(),
  immutable: z.boolean().optional(),
})
export type Secret = z.infer<typeof Secret>

const base64Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** Standard base64 of the UTF-8 bytes of `text` (portable: no Buffer). */
export function toBase64(text: string): string {
  const bytes = new TextEncoder().encode(text)
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i], bytes[i + 1], bytes[i + 2]]
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0)
    out += base64Alphabet[(n >> 18) & 63] + base64Alphabet[(n >> 12) & 63]
    out += b === undefined ? '=' : base64Alphabet[(n >> 6) & 63]
    out += c === undefined ? '=' : base64Alphabet[n & 63]
  }
  return out
}

const base64Regex = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/** SetDefaults_Secret (type Opaque) and the v1 conversion of stringData into data. */
export function applySecretDefaults(secret: any): void {
  if (typeof secret !== 'object' || secret === null) return
  secret.type ??= 'Opaque'
  if (secret.stringData && typeof secret.stringData === 'object') {
    secret.data ??= {}
    for (const [key, value] of Object.entries(secret.stringData)) secret.data[key] = toBase64(String(value))
    delete secret.stringData
  }
}

const requiredKeys: Record<string, readonly string[]> = {
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/basic-auth': [],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
}

export function validateSecret(secret: Secret): FieldIssue[] {
  const issues = validateConfigKeys({ data: secret.data })
  for (const [key, value] of Object.entries(secret.data ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!base64Regex.test(value)) issues.push(invalidIssue(['data', key], '<secret contents redacted>', 'illegal base64 data'))
  }
  for (const key of requiredKeys[secret.type ?? 'Opaque'] ?? []) {
    if (secret.data?.[key] === undefined) issues.push(requiredIssue(['data', key]))
  }
  if (secret.type === 'kubernetes.io/service-account-token' && !secret.metadata.annotations?.['kubernetes.io/service-account.name']) {
    issues.push(requiredIssue(['metadata', 'annotations', 'kubernetes.io/service-account.name']))
  }
  return issues
}

export function validateSecretUpdate(previous: Secret, next: Secret): FieldIssue[] {
  const issues = validateImmutableData(previous, next, ['data'])
  if ((previous.type ?? 'Opaque') !== (next.type ?? 'Opaque')) issues.push(immutableIssue(['type'], next.type))
  return issues
}

export const secretKind: KindInfo = {
  kind: 'Secret',
  group: '',
  version: 'v1',
  apiVersion: 'v1',
  plural: 'secrets',
  singular: 'secret',
  shortNames: [],
  namespaced: true,
  nameRule: 'dns1123-subdomain',
  schema: Secret,
  tracksGeneration: false,
  statusFields: [],
  applyDefaults: applySecretDefaults,
  validate: validateSecret,
  validateUpdate: validateSecretUpdate,
}
