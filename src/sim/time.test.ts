import { describe, expect, it } from 'vitest'
import { parseRfc3339, toRfc3339, toRfc3339Micro } from './time'
import { toMs } from './duration'

describe('RFC 3339 timestamps without Date', () => {
  it('formats with second resolution as the API server does', () => {
    expect(toRfc3339(0)).toBe('1970-01-01T00:00:00Z')
    expect(toRfc3339(1735689600000)).toBe('2025-01-01T00:00:00Z')
    expect(toRfc3339(1735689600000 + 3_723_999)).toBe('2025-01-01T01:02:03Z')
    expect(toRfc3339(951782400000)).toBe('2000-02-29T00:00:00Z')
    expect(toRfc3339Micro(1735689600000 + 1234)).toBe('2025-01-01T00:00:01.234000Z')
  })

  it('parses what it formats, with offsets and fractions', () => {
    for (const ms of [0, 951782400000, 1735689600000, 4102444799000]) expect(parseRfc3339(toRfc3339(ms))).toBe(ms)
    expect(parseRfc3339('2025-01-01T02:00:00+02:00')).toBe(1735689600000)
    expect(parseRfc3339('2025-01-01T00:00:00.5Z')).toBe(1735689600500)
    expect(parseRfc3339('yesterday')).toBeNaN()
  })
})

describe('durations', () => {
  it('reads Go-style strings and plain milliseconds', () => {
    expect(toMs('500ms')).toBe(500)
    expect(toMs('30s')).toBe(30_000)
    expect(toMs('1h30m')).toBe(5_400_000)
    expect(toMs('1.5s')).toBe(1500)
    expect(toMs(250)).toBe(250)
    expect(toMs('0')).toBe(0)
  })

  it('rejects nonsense with a message naming it', () => {
    expect(() => toMs('soon')).toThrow(/invalid duration "soon"/)
    expect(() => toMs(-1)).toThrow(/invalid duration -1/)
  })
})
