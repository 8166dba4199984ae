import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { NameRule } from './kind-info'
import { labelKeyProblems, labelValueProblems, nameProblems, validateLabelKey, validateLabelValue, validateName } from './names'

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
