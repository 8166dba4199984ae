// Stable string hashing: FNV-1a (32-bit) for seeds and names, and a running 64-bit digest
// (two independent FNV-1a lanes) for the trace.

export function fnv1a32(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h >>> 0
}

/** An incremental digest; `hex()` is 16 hex characters. */
export class RunningHash {
  private a = 0x811c9dc5
  private b = 0x050c5d1f

  update(text: string): void {
    let a = this.a
    let b = this.b
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      a = Math.imul(a ^ c, 0x01000193) >>> 0
      b = Math.imul(b ^ c, 0x01000193 + 0x2f0) >>> 0
    }
    this.a = a
    this.b = b
  }

  hex(): string {
    return this.a.toString(16).padStart(8, '0') + this.b.toString(16).padStart(8, '0')
  }
}
