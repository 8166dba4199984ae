import { describe, expect, it } from 'vitest'
import { humanDuration, shortHumanDuration, translateTimestampSince } from './duration'
import { formatTabbed, renderTable } from './tab-writer'
import { formatRfc1123z, formatRfc3339, parseRfc3339 } from './time'

const s = 1000
const m = 60 * s
const h = 60 * m
const d = 24 * h

describe('parseRfc3339', () => {
  it('parses UTC, fractional and offset timestamps without Date', () => {
    expect(parseRfc3339('1970-01-01T00:00:00Z')).toBe(0)
    expect(parseRfc3339('2024-01-01T00:00:00Z')).toBe(1704067200000)
    expect(parseRfc3339('2024-02-29T12:34:56.789Z')).toBe(1709210096789)
    expect(parseRfc3339('2024-01-01T02:00:00+02:00')).toBe(1704067200000)
    expect(parseRfc3339('1969-12-31T23:59:59Z')).toBe(-1000)
    expect(parseRfc3339('not a time')).toBeNaN()
  })
  it('round-trips and formats RFC 1123Z like Go', () => {
    expect(formatRfc3339(1709210096789)).toBe('2024-02-29T12:34:56Z')
    expect(formatRfc1123z(parseRfc3339('2024-01-01T00:00:00Z'))).toBe('Mon, 01 Jan 2024 00:00:00 +0000')
    expect(formatRfc1123z(parseRfc3339('2025-07-04T09:05:03Z'))).toBe('Fri, 04 Jul 2025 09:05:03 +0000')
  })
})

describe('humanDuration (apimachinery HumanDuration upstream cases)', () => {
  it.each([
    [-2 * s, '<invalid>'], [-1500, '0s'], [0, '0s'], [59 * s, '59s'], [70 * s, '70s'], [119 * s, '119s'],
    [2 * m, '2m'], [190 * s, '3m10s'], [10 * m + s, '10m'], [70 * m, '70m'], [179 * m, '179m'],
    [3 * h, '3h'], [3 * h + m, '3h1m'], [7 * h + 59 * m, '7h59m'], [8 * h + 59 * m, '8h'], [47 * h, '47h'],
    [49 * h, '2d1h'], [2 * d, '2d'], [7 * d + 23 * h, '7d23h'], [8 * d + 23 * h, '8d'], [367 * d, '367d'], [729 * d, '729d'],
    [2 * 365 * d, '2y'], [2 * 365 * d + d, '2y1d'], [8 * 365 * d - d, '7y364d'], [8 * 365 * d, '8y'], [10 * 365 * d, '10y'],
  ])('%d ms → %s', (ms, text) => expect(humanDuration(ms)).toBe(text))

  it('shortHumanDuration keeps one unit', () => {
    expect(shortHumanDuration(59 * s)).toBe('59s')
    expect(shortHumanDuration(190 * s)).toBe('3m')
    expect(shortHumanDuration(5 * h + 30 * m)).toBe('5h')
    expect(shortHumanDuration(400 * d)).toBe('1y')
  })

  it('prints <unknown> for an absent timestamp', () => {
    expect(translateTimestampSince(undefined, 0)).toBe('<unknown>')
    expect(translateTimestampSince('2024-01-01T00:00:00Z', parseRfc3339('2024-01-01T00:05:02Z'))).toBe('5m2s')
  })
})

describe('tab writer', () => {
  it('lays out the kubectl.md example (READY = 5 + 3, STATUS = 7 + 3)', () => {
    expect(renderTable(['Name', 'Ready', 'Status', 'Restarts', 'Age'], [['nginx-deployment-86dcfdf4c6-4kz9x', '1/1', 'Running', '0', '5m2s']])).toBe(
      'NAME                                READY   STATUS    RESTARTS   AGE\n' +
        'nginx-deployment-86dcfdf4c6-4kz9x   1/1     Running   0          5m2s\n',
    )
  })
  it('uses the minimum width of 6 and never pads the last column', () => {
    expect(renderTable(['a', 'b'], [['x', 'y']])).toBe('A     B\nx     y\n')
  })
  it('cuts multi-line cells at the first line break', () => {
    expect(renderTable(['name', 'message'], [['a', 'line one\nline two']])).toBe('NAME   MESSAGE\na      line one...\n')
  })
  it('aligns column blocks separately, broken by single-cell lines (describe layout)', () => {
    const text = 'Name:\tweb\nNamespace:\tdefault\nIPs:\n  IP:\t10.0.0.1\nControlled By:\tReplicaSet/web\n'
    expect(formatTabbed(text, { minwidth: 0, tabwidth: 8, padding: 2 })).toBe(
      'Name:       web\nNamespace:  default\nIPs:\n  IP:           10.0.0.1\nControlled By:  ReplicaSet/web\n',
    )
  })
  it('keeps a nested column block inside a wider one', () => {
    const text = 'Port:\t<unset>\t80/TCP\nTargetPort:\t80/TCP\n'
    expect(formatTabbed(text, { minwidth: 0, tabwidth: 8, padding: 2 })).toBe('Port:        <unset>  80/TCP\nTargetPort:  80/TCP\n')
  })
  it('counts runes, not UTF-16 units', () => {
    expect(renderTable(['n', 'x'], [['😀', '1']])).toBe('N     X\n😀     1\n')
  })
})
