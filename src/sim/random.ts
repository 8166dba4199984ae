// The seeded random stream: the only source of chance. sfc32 is small, fast and well distributed;
// fork(label) derives an independent stream from (seed, label), so that drawing for one pod never
// shifts another's numbers: adding a pod to a scenario leaves every other pod's timing unchanged.
import { fnv1a32 } from './hash'

export interface Random {
  /** A float in [0, 1). */
  float(): number
  /** An integer in [0, maxExclusive). */
  int(maxExclusive: number): number
  pick<T>(items: readonly T[]): T
  shuffle<T>(items: readonly T[]): T[]
  /** An independent stream derived from this stream's seed and the label (not from its position). */
  fork(label: string): Random
}

export function createRandom(seed: number | string): Random {
  return new Sfc32(typeof seed === 'number' ? `${seed}` : seed)
}

class Sfc32 implements Random {
  /** a, b, c, d as int32 slots: plain number fields would box the values that leave the Smi range. */
  private readonly s = new Int32Array(4)

  constructor(private readonly seedText: string) {
    const s = this.s
    s[0] = fnv1a32(seedText, 0x811c9dc5)
    s[1] = fnv1a32(seedText, 0x9e3779b9)
    s[2] = fnv1a32(seedText, 0x85ebca6b)
    s[3] = 1
    for (let i = 0; i < 12; i++) this.next()
  }

  private next(): number {
    const s = this.s
    const a = s[0]
    const b = s[1]
    const c = s[2]
    const d = s[3]
    const t = (((a + b) | 0) + d) | 0
    s[3] = (d + 1) | 0
    s[0] = b ^ (b >>> 9)
    s[1] = (c + (c << 3)) | 0
    s[2] = (((c << 21) | (c >>> 11)) + t) | 0
    return t >>> 0
  }

  float(): number {
    return this.next() / 4294967296
  }

  int(maxExclusive: number): number {
    if (maxExclusive <= 0) throw new RangeError(`int(${maxExclusive}): the bound must be positive`)
    return Math.floor(this.float() * maxExclusive)
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list')
    return items[this.int(items.length)]
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice()
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1)
      ;[out[i], out[j]] = [out[j], out[i]]
    }
    return out
  }

  fork(label: string): Random {
    return new Sfc32(`${this.seedText}/${label}`)
  }
}
