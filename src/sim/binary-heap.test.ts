import { describe, expect, it } from 'vitest'
import { BinaryHeap } from './binary-heap'
import { createRandom } from './random'

/** The textbook heap, swapping at every level: the layout the hole-carrying sifts must keep. */
class SwappingHeap<T> {
  readonly items: T[] = []
  constructor(private readonly less: (a: T, b: T) => boolean) {}
  push(item: T): void {
    const a = this.items
    a.push(item)
    for (let i = a.length - 1; i > 0; ) {
      const p = (i - 1) >> 1
      if (!this.less(a[i], a[p])) break
      ;[a[i], a[p]] = [a[p], a[i]]
      i = p
    }
  }
  pop(): T | undefined {
    const a = this.items
    if (a.length === 0) return undefined
    const top = a[0]
    const last = a.pop()!
    if (a.length === 0) return top
    a[0] = last
    for (let i = 0; ; ) {
      const l = 2 * i + 1
      let m = i
      if (l < a.length && this.less(a[l], a[m])) m = l
      if (l + 1 < a.length && this.less(a[l + 1], a[m])) m = l + 1
      if (m === i) return top
      ;[a[i], a[m]] = [a[m], a[i]]
      i = m
    }
  }
}

describe('BinaryHeap', () => {
  it('keeps the same layout and pop order as swapping, ties included', () => {
    const random = createRandom(11)
    // Priorities only: many ties, so the layout decides which equal item comes out first.
    const less = (a: { priority: number }, b: { priority: number }) => a.priority < b.priority
    const heap = new BinaryHeap(less)
    const reference = new SwappingHeap(less)
    for (let step = 0; step < 20_000; step++) {
      if (random.int(3) === 0) expect(heap.pop()).toBe(reference.pop())
      else {
        const item = { priority: random.int(20), id: step }
        heap.push(item)
        reference.push(item)
      }
      if (step % 997 === 0) expect(heap.values()).toEqual(reference.items)
    }
    while (reference.items.length) expect(heap.pop()).toBe(reference.pop())
    expect(heap.size).toBe(0)
  })
})
