import { describe, expect, it } from 'vitest'
import { formatBytes, formatCpuMillis, isQuantity, parseBytes, parseCpuMillis, parseQuantity, toQuantityString } from './quantity'

describe('parseQuantity', () => {
  it.each([
    ['100m', 0.1],
    ['1Gi', 1073741824],
    ['1k', 1000],
    ['2', 2],
    ['1e3', 1000],
    ['1E3', 1000],
    ['1E', 1e18],
    ['128Mi', 134217728],
    ['0.5', 0.5],
    ['.5', 0.5],
    ['1.5Gi', 1610612736],
    ['-1', -1],
    ['+3k', 3000],
    ['500u', 0.0005],
    [4, 4],
    [0.25, 0.25],
  ] as const)('parses %s as %d', (q, value) => {
    expect(parseQuantity(q)).toBe(value)
  })

  it.each(['', 'abc', '1GiB', '1 Gi', '1.2.3', 'Gi', '1ki', '--1', '1e'])('throws on %j', (q) => {
    expect(() => parseQuantity(q)).toThrow(/quantities must match/)
  })
})

describe('parseCpuMillis', () => {
  it.each([
    ['100m', 100],
    ['0.5', 500],
    ['1', 1000],
    ['2', 2000],
    ['0.29', 290],
    ['0.1m', 1],
    ['1500u', 2],
    [1, 1000],
    [0.1, 100],
  ] as const)('%s → %d millicores (rounded up)', (q, millis) => {
    expect(parseCpuMillis(q)).toBe(millis)
  })
})

describe('parseBytes', () => {
  it.each([
    ['1Gi', 1073741824],
    ['64Mi', 67108864],
    ['1G', 1e9],
    ['1500m', 2],
    ['1e3', 1000],
    ['0.5Ki', 512],
  ] as const)('%s → %d bytes', (q, bytes) => {
    expect(parseBytes(q)).toBe(bytes)
  })
})

describe('memoised readings', () => {
  it('keeps each reading of one quantity apart, in any order and on repeat', () => {
    expect(parseCpuMillis('1500u')).toBe(2)
    expect(parseQuantity('1500u')).toBe(0.0015)
    expect(parseBytes('1500u')).toBe(1)
    expect(parseCpuMillis('1500u')).toBe(2)
    expect(parseBytes('0.75')).toBe(1)
    expect(parseQuantity('0.75')).toBe(0.75)
    expect(parseCpuMillis('0.75')).toBe(750)
  })

  it('throws on garbage every time, remembering nothing for it', () => {
    expect(() => parseBytes('12 parsecs')).toThrow(/quantities must match/)
    expect(() => parseCpuMillis('12 parsecs')).toThrow(/quantities must match/)
  })
})

describe('formatting and checks', () => {
  it('formats millicores and bytes as kubectl prints them', () => {
    expect(formatCpuMillis(1000)).toBe('1')
    expect(formatCpuMillis(250)).toBe('250m')
    expect(formatBytes(1073741824)).toBe('1Gi')
    expect(formatBytes(1536)).toBe('1536')
    expect(formatBytes(2048)).toBe('2Ki')
    expect(formatBytes(1500)).toBe('1500')
  })

  it('recognizes quantities', () => {
    expect(isQuantity('100m')).toBe(true)
    expect(isQuantity(3)).toBe(true)
    expect(isQuantity('3 cores')).toBe(false)
    expect(isQuantity(undefined)).toBe(false)
  })

  it('stores numbers as strings', () => {
    expect(toQuantityString(1)).toBe('1')
    expect(toQuantityString(0.5)).toBe('0.5')
    expect(toQuantityString('1Gi')).toBe('1Gi')
  })
})
