// The trace: an append-only record of every write to the store, with a running digest.
// Two runs with the same seed and calls have byte-identical traces, hence equal hashes.
import { RunningHash } from './hash'

export type TraceVerb = 'create' | 'update' | 'updateStatus' | 'delete'

export interface TraceEntry {
  time: number
  actor: string
  verb: TraceVerb
  kind: string
  namespace: string | undefined
  name: string
  resourceVersion: string
}

const BAR = '|'.charCodeAt(0)
const NEWLINE = '\n'.charCodeAt(0)

export class Trace {
  private readonly entries: TraceEntry[] = []
  private readonly digest = new RunningHash()
  private readonly keep: boolean
  /** How many kept entries the digest covers: with `keep`, it is brought up to date when read. */
  private digested = 0

  /** With `keep: false` only the digest and count are kept (for very large runs). */
  constructor(options: { keep?: boolean } = {}) {
    this.keep = options.keep ?? true
  }

  private count = 0
  private lastTime = Number.NaN
  private lastTimeText = ''

  record(entry: TraceEntry): void {
    this.count++
    // A kept entry is digested when the hash is asked for (most runs never ask), not on the write path.
    if (this.keep) this.entries.push(entry)
    else this.feed(entry)
  }

  get length(): number {
    return this.count
  }

  list(): readonly TraceEntry[] {
    return this.entries
  }

  tail(n: number): readonly TraceEntry[] {
    return this.entries.slice(-n)
  }

  hash(): string {
    const entries = this.entries
    while (this.digested < entries.length) this.feed(entries[this.digested++])
    return this.digest.hex()
  }

  /**
   * The digest covers the line `time|actor|verb|kind|namespace|name|resourceVersion\n` of every entry
   * in order, fed field by field so that the line is never built.
   */
  private feed(entry: TraceEntry): void {
    const d = this.digest
    // Writes come in runs at one instant: its text is kept rather than rebuilt per write.
    if (entry.time !== this.lastTime) {
      this.lastTime = entry.time
      this.lastTimeText = String(entry.time)
    }
    d.update(this.lastTimeText)
    d.updateCode(BAR)
    d.update(entry.actor)
    d.updateCode(BAR)
    d.update(entry.verb)
    d.updateCode(BAR)
    d.update(entry.kind)
    d.updateCode(BAR)
    if (entry.namespace) d.update(entry.namespace)
    d.updateCode(BAR)
    d.update(entry.name)
    d.updateCode(BAR)
    d.update(entry.resourceVersion)
    d.updateCode(NEWLINE)
  }
}

export function describeEntry(entry: TraceEntry): string {
  const key = entry.namespace ? `${entry.namespace}/${entry.name}` : entry.name
  const verb = { create: 'created', update: 'updated', updateStatus: 'updated the status of', delete: 'deleted' }[entry.verb]
  return `${entry.actor} ${verb} ${entry.kind} ${key} (rv ${entry.resourceVersion})`
}
