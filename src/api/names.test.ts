import { describe, expect, it } from 'vitest'
import {
  isDns1035Label,
  isDns1123Label,
  isDns1123Subdomain,
  validateLabelKey,
  validateLabels,
  validateLabelValue,
  validateName,
} from './names'

describe('DNS names', () => {
  it('checks labels and subdomains', () => {
    expect(isDns1123Label('web-1')).toBe(true)
    expect(isDns1123Label('1web')).toBe(true)
    expect(isDns1123Label('web.1')).toBe(false)
    expect(isDns1123Label('a'.repeat(64))).toBe(false)
    expect(isDns1123Subdomain('web.example.com')).toBe(true)
    expect(isDns1123Subdomain('Web')).toBe(false)
    expect(isDns1123Subdomain('a'.repeat(254))).toBe(false)
    expect(isDns1035Label('web')).toBe(true)
    expect(isDns1035Label('1web')).toBe(false)
  })

  it('returns upstream messages', () => {
    expect(validateName('dns1123-subdomain', 'web')).toBeUndefined()
    expect(validateName('dns1123-subdomain', 'Web_1')).toBe(
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    )
    expect(validateName('dns1123-label', 'a.b')).toBe(
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    )
    expect(validateName('dns1035-label', '1web')).toBe(
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    )
    expect(validateName('dns1123-label', 'a'.repeat(64))).toBe('must be no more than 63 characters')
    expect(validateName('path-segment', 'a/b')).toBe("may not contain '/'")
    expect(validateName('path-segment', '..')).toBe("may not be '..'")
  })
})

describe('labels', () => {
  it('validates keys', () => {
    expect(validateLabelKey('app')).toBeUndefined()
    expect(validateLabelKey('app.kubernetes.io/name')).toBeUndefined()
    expect(validateLabelKey('Bad Key')).toMatch(/^name part must consist of alphanumeric characters/)
    expect(validateLabelKey('/name')).toBe('prefix part must be non-empty')
    expect(validateLabelKey('Example.com/name')).toMatch(/^prefix part a lowercase RFC 1123 subdomain/)
    expect(validateLabelKey('a/b/c')).toMatch(/^a qualified name must consist/)
    expect(validateLabelKey('x'.repeat(64))).toBe('name part must be no more than 63 characters')
  })

  it('validates values', () => {
    expect(validateLabelValue('')).toBeUndefined()
    expect(validateLabelValue('v1.2_3')).toBeUndefined()
    expect(validateLabelValue('-bad')).toMatch(/^a valid label must be an empty string or consist of alphanumeric characters/)
    expect(validateLabelValue('x'.repeat(64))).toBe('must be no more than 63 characters')
  })

  it('reports label issues at a path', () => {
    expect(validateLabels({ ok: 'yes', 'bad key': 'v' }, ['metadata', 'labels'])).toEqual([
      { path: ['metadata', 'labels'], message: expect.stringMatching(/^Invalid value: "bad key": name part must consist/) },
    ])
  })
})
