import { describe, expect, it } from 'vitest'
import { VirtualClock } from './clock'

describe('VirtualClock', () => {
  it('fires timers in (dueMs, sequence) order and only when time has reached them', () => {
    const clock = new VirtualClock(1000)
    const fired: string[] = []
    clock.schedule(50, 'b', () => fired.push('b'))
    clock.schedule(10, 'a', () => fired.push('a'))
    clock.schedule(50, 'c', () => fired.push('c'))
    expect(clock.takeDue()).toBeUndefined()
    expect(clock.nextDueMs()).toBe(1010)
    clock.advanceTo(1050)
    for (let t = clock.takeDue(); t; t = clock.takeDue()) t.fire()
    expect(fired).toEqual(['a', 'b', 'c'])
    expect(clock.now()).toBe(1050)
  })

  it('never moves backwards and skips cancelled timers', () => {
    const clock = new VirtualClock(0)
    const id = clock.schedule(5, 'x', () => {})
    clock.schedule(7, 'y', () => {})
    clock.cancel(id)
    expect(clock.pending).toBe(1)
    expect(clock.nextDueMs()).toBe(7)
    clock.advanceTo(100)
    clock.advanceTo(50)
    expect(clock.now()).toBe(100)
    expect(clock.takeDue()?.label).toBe('y')
    expect(clock.takeDue()).toBeUndefined()
  })

  it('keeps order across many timers (heap property)', () => {
    const clock = new VirtualClock(0)
    const due: number[] = []
    for (let i = 0; i < 500; i++) clock.schedule((i * 7919) % 1000, `t${i}`, () => due.push(clock.now()))
    clock.advanceTo(1000)
    const order: number[] = []
    for (let t = clock.takeDue(); t; t = clock.takeDue()) order.push(t.dueMs)
    expect(order).toEqual([...order].sort((a, b) => a - b))
    expect(order).toHaveLength(500)
  })
})
