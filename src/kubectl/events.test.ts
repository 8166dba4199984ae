import { describe, expect, it } from 'vitest'
import { formatEventAge, sortEventsByTime, sortEventsForGet } from './events'
import type { Obj } from './object'
import { at, T0 } from './test-fixtures'

const ev = (name: string, last: number, extra: any = {}): Obj => ({ metadata: { name, namespace: 'default' }, firstTimestamp: at(0), lastTimestamp: at(last), count: 1, ...extra })

describe('event order and ages', () => {
  it('get events keeps the API list order (namespace, then name = object, then time)', () => {
    const events = [ev('web-1.17a9c3e1f2b4d5c6', 5), ev('web-0.17a9c3e1f2b4d5c7', 9), ev('web-0.17a9c3e1f2b4d5c5', 1)]
    expect(sortEventsForGet(events).map((e) => e.metadata.name)).toEqual(['web-0.17a9c3e1f2b4d5c5', 'web-0.17a9c3e1f2b4d5c7', 'web-1.17a9c3e1f2b4d5c6'])
  })
  it('describe sorts by last seen, stable on ties', () => {
    const events = [ev('c', 30), ev('a', 10), ev('b', 10), ev('d', 0, { lastTimestamp: undefined, eventTime: at(20) })]
    expect(sortEventsByTime(events).map((e) => e.metadata.name)).toEqual(['a', 'b', 'd', 'c'])
  })
  it('formats `(x3 over 2m)`', () => {
    expect(formatEventAge(ev('a', 60, { count: 3 }), T0 + 120_000)).toBe('60s (x3 over 2m)')
    expect(formatEventAge(ev('a', 60), T0 + 120_000)).toBe('2m')
    expect(formatEventAge({ metadata: {}, eventTime: at(0), series: { count: 4, lastObservedTime: at(100) } }, T0 + 190_000)).toBe('90s (x4 over 3m10s)')
    expect(formatEventAge({ metadata: {} }, T0)).toBe('<unknown>')
  })
})
