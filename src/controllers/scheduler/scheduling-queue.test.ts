import { describe, expect, it } from 'vitest'
import { SchedulingQueue } from './scheduling-queue'
import { makePod } from './test-builders'

const T0 = 1_735_689_600_000

describe('SchedulingQueue', () => {
  it('pops by priority, then by arrival', () => {
    const q = new SchedulingQueue({ startMs: T0 })
    q.add('default/a', makePod('a', { priority: 0 }), T0)
    q.add('default/b', makePod('b', { priority: 10 }), T0)
    q.add('default/c', makePod('c', { priority: 0 }), T0)
    expect([q.pop(T0)!.key, q.pop(T0)!.key, q.pop(T0)!.key]).toEqual(['default/b', 'default/a', 'default/c'])
    expect(q.pop(T0)).toBeUndefined()
  })

  it('without SchedulerPopFromBackoffQ, a pod moved by constant events retries after 1, 2, 4, 8, 10, 10 s', () => {
    const q = new SchedulingQueue({ startMs: T0, popFromBackoffQ: false })
    q.add('default/p', makePod('p'), T0)
    const attempts: number[] = []
    for (let ms = 0; ms <= 40_000; ms += 100) {
      const now = T0 + ms
      // A relevant cluster event every 100 ms moves the parked pod (to backoffQ while backing off).
      q.moveUnschedulable(() => true, now)
      const info = q.pop(now)
      if (info) {
        attempts.push(ms / 1000)
        q.addUnschedulable(info.key, ['NodeResourcesFit'], now)
      }
    }
    const gaps = attempts.slice(1).map((t, i) => Math.round((t - attempts[i]) * 10) / 10)
    expect(gaps.slice(0, 6)).toEqual([1, 2, 4, 8, 10, 10])
  })

  it('with SchedulerPopFromBackoffQ (default), a moved pod is popped at once when activeQ is empty', () => {
    const q = new SchedulingQueue({ startMs: T0 })
    q.add('default/p', makePod('p'), T0)
    const info = q.pop(T0)!
    q.addUnschedulable(info.key, ['NodeResourcesFit'], T0)
    expect(q.pop(T0 + 100)).toBeUndefined()
    q.moveUnschedulable(() => true, T0 + 200)
    expect(q.get('default/p')!.where).toBe('backoff')
    expect(q.pop(T0 + 200)!.key).toBe('default/p')
  })

  it('keeps a parked pod until the first 30 s flush tick more than 5 min after it was parked', () => {
    const q = new SchedulingQueue({ startMs: T0 })
    q.add('default/p', makePod('p'), T0 + 7_000)
    const info = q.pop(T0 + 7_000)!
    q.addUnschedulable(info.key, ['NodeResourcesFit'], T0 + 7_000)
    expect(q.wakeAtMs(q.get('default/p')!)).toBe(T0 + 330_000)
    expect(q.flushUnschedulableLeftover(T0 + 300_000)).toEqual([])
    expect(q.flushUnschedulableLeftover(T0 + 330_000).map((i) => i.key)).toEqual(['default/p'])
  })

  it('parks gated pods without attempts and activates them when the gates go', () => {
    const q = new SchedulingQueue({ startMs: T0 })
    const gated = makePod('g', { spec: { schedulingGates: [{ name: 'x' }] } })
    q.add('default/g', gated, T0)
    expect(q.pop(T0)).toBeUndefined()
    q.update('default/g', makePod('g'), T0 + 1)
    expect(q.pop(T0 + 1)).toMatchObject({ key: 'default/g', attempts: 1 })
  })
})
