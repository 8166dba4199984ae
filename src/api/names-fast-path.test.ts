import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { NameRule } from './kind-info'
import { isDns1123Subdomain, labelKeyProblems, labelValueProblems, nameProblems, validateLabelKey, validateLabelValue, validateName } from './names'

// validateName and validateLabelValue answer valid input without building the problem list, and
// validateLabelKey remembers its answers: each must say exactly what the full check says.
const joined = (problems: string[]) => (problems.length ? problems.join('; ') : undefined)
const rules: NameRule[] = ['dns1123-subdomain', 'dns1123-label', 'dns1035-label', 'path-segment']
const text = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'abcz09-._/%A Z'.split('')), maxLength: 70 }),
  fc.string({ maxLength: 300 }),
  fc.constantFrom('', '.', '..', 'a'.repeat(63), 'a'.repeat(64), 'a'.repeat(253), 'a'.repeat(254), 'x.com/app', '/app', 'a/b/c'),
)

describe('name and label checks: fast answers equal the full ones', () => {
  it('validateName', () => {
    fc.assert(fc.property(fc.constantFrom(...rules), text, (rule, name) => validateName(rule, name) === joined(nameProblems(rule, name))), { numRuns: 5000 })
  })

  it('isDns1123Subdomain scans as the upstream pattern matches', () => {
    // The pattern as upstream writes it (apimachinery validation.go: dns1123SubdomainFmt).
    const upstream = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/
    const dense = fc.string({ unit: fc.constantFrom(...'a9-.-.Z_'.split('')), maxLength: 12 })
    fc.assert(fc.property(dense, (name) => isDns1123Subdomain(name) === upstream.test(name)), { numRuns: 20000 })
  })

  it('validateLabelValue', () => {
    fc.assert(fc.property(text, (value) => validateLabelValue(value) === joined(labelValueProblems(value))), { numRuns: 5000 })
  })

  it('validateLabelKey, asked once and again', () => {
    fc.assert(
      fc.property(text, (key) => {
        const expected = joined(labelKeyProblems(key))
        return validateLabelKey(key) === expected && validateLabelKey(key) === expected
      }),
      { numRuns: 10_000 },
    )
    expect(validateLabelKey('app')).toBeUndefined()
  })
})
