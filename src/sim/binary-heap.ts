// A binary min-heap under a caller's strict order: the clock's timers (by due time, then sequence)
// and the scheduler's queues (by priority and arrival, or by back-off expiry) both sit on it.

export class BinaryHeap<T> {
  private readonly items: T[] = []

  constructor(private readonly less: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.items.length
  }

  peek(): T | undefined {
    return this.items[0]
  }

  /** The items in heap order (not sorted), for diagnostics. */
  values(): readonly T[] {
    return this.items
  }

  push(item: T): void {
    const a = this.items
    a.push(item)
    let i = a.length - 1
    while (i > 0) {
      const p = (i - 1) >> 1
      if (!this.less(a[i], a[p])) break
      const item = a[i]
      a[i] = a[p]
      a[p] = item
      i = p
    }
  }

  pop(): T | undefined {
    const a = this.items
    if (a.length === 0) return undefined
    const top = a[0]
    const last = a.pop()!
    if (a.length > 0) {
      a[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < a.length && this.less(a[l], a[m])) m = l
        if (r < a.length && this.less(a[r], a[m])) m = r
        if (m === i) break
        const item = a[i]
        a[i] = a[m]
        a[m] = item
        i = m
      }
    }
    return top
  }
}
