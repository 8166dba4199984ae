import { describe, expect, it } from 'vitest'
import { Trace, type TraceEntry } from './trace'

const entry = (i: number): TraceEntry => ({
  time: Math.floor(i / 3) * 1000,
  actor: i % 2 ? 'kubelet/node-1' : 'replicaset-controller',
  verb: i % 4 === 0 ? 'create' : 'updateStatus',
  kind: i % 5 === 0 ? 'Node' : 'Pod',
  namespace: i % 5 === 0 ? undefined : 'default',
  name: `web-${i}`,
  resourceVersion: String(i + 1),
})

// A kept trace digests its entries when the hash is read; one that keeps none digests as it goes.
// Both must give the digest of the same lines, whenever the hash is read.
describe('Trace', () => {
  it('gives the same hash whether entries are kept or not, read in the middle or only at the end', () => {
    const kept = new Trace()
    const unkept = new Trace({ keep: false })
    const readOnce = new Trace()
    const midway: string[] = []
    for (let i = 0; i < 50; i++) {
      for (const t of [kept, unkept, readOnce]) t.record(entry(i))
      if (i % 7 === 0) midway.push(kept.hash(), unkept.hash())
    }
    expect(kept.hash()).toBe(unkept.hash())
    expect(readOnce.hash()).toBe(kept.hash())
    for (let i = 0; i < midway.length; i += 2) expect(midway[i]).toBe(midway[i + 1])
    expect(new Set(midway).size).toBe(midway.length / 2)
    expect([kept.length, unkept.length, kept.list().length, unkept.list().length]).toEqual([50, 50, 50, 0])
  })

  it('digests every field: traces that differ in one field hash differently', () => {
    const hashOf = (change: Partial<TraceEntry>) => {
      const t = new Trace()
      t.record(entry(1))
      t.record({ ...entry(2), ...change })
      return t.hash()
    }
    const hashes = [{}, { time: 1 }, { actor: 'x' }, { verb: 'delete' as const }, { kind: 'Node' }, { namespace: 'other' }, { name: 'web-x' }, { resourceVersion: '9' }].map(hashOf)
    expect(new Set(hashes).size).toBe(hashes.length)
  })
})
