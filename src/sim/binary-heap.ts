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

  // Both sifts carry the moving item in a hole and write it once where it lands: the same moves as
  // swapping at every level (so the same layout), with half the writes.
  push(item: T): void {
    const a = this.items
    let i = a.length
    a.push(item)
    while (i > 0) {
      const p = (i - 1) >> 1
      const parent = a[p]
      if (!this.less(item, parent)) break
      a[i] = parent
      i = p
    }
    a[i] = item
  }

  pop(): T | undefined {
    const a = this.items
    if (a.length === 0) return undefined
    const top = a[0]
    const last = a.pop()!
    const n = a.length
    if (n > 0) {
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let least: T = last
        let at = i
        if (l < n && this.less(a[l], least)) {
          least = a[l]
          at = l
        }
        if (r < n && this.less(a[r], least)) {
          least = a[r]
          at = r
        }
        if (at === i) break
        a[i] = least
        i = at
      }
      a[i] = last
    }
    return top
  }
}
