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

const LANE_A_PRIME = 0x01000193
const LANE_B_PRIME = 0x01000193 + 0x2f0

/** An incremental digest; `hex()` is 16 hex characters. */
export class RunningHash {
  private a = 0x811c9dc5
  private b = 0x050c5d1f

  /** Starts over from these two lane values (for digests keyed by a secret instead of the offset basis). */
  reset(laneA: number, laneB: number): void {
    this.a = laneA >>> 0
    this.b = laneB >>> 0
  }

  /** The first lane as it stands (unsigned 32 bits). */
  get laneA(): number {
    return this.a
  }

  /** The second lane as it stands (unsigned 32 bits). */
  get laneB(): number {
    return this.b
  }

  update(text: string): void {
    let a = this.a
    let b = this.b
    // imul works on the low 32 bits whatever the sign, so the lanes go unsigned once, at the end.
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      a = Math.imul(a ^ c, LANE_A_PRIME)
      b = Math.imul(b ^ c, LANE_B_PRIME)
    }
    this.a = a >>> 0
    this.b = b >>> 0
  }

  /** As update() with the one-character text of this UTF-16 code unit. */
  updateCode(code: number): void {
    this.a = Math.imul(this.a ^ code, LANE_A_PRIME) >>> 0
    this.b = Math.imul(this.b ^ code, LANE_B_PRIME) >>> 0
  }

  hex(): string {
    return this.a.toString(16).padStart(8, '0') + this.b.toString(16).padStart(8, '0')
  }
}
