import { describe, expect, it } from 'vitest'
import { builtinKinds, removedVersions } from '../api/kinds'
import { KindRegistry } from '../api/registry'
import { VirtualClock } from '../sim/clock'
import { createRandom } from '../sim/random'
import { Trace } from '../sim/trace'
import { Store } from './store'

// Uids and the trace digest are part of a run's fingerprint: these values were produced before the
// uid text and the trace line were hashed part by part instead of being built, and must not move.
describe('uids and trace digest', () => {
  it('stay as pinned, including a key created again after removals', () => {
    const trace = new Trace()
    const store = new Store(new KindRegistry(builtinKinds, removedVersions), new VirtualClock(0), createRandom(5), trace)
    const ctx = { actor: 't', validate: false }
    const uids: string[] = []
    uids.push(store.create<any>({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } }, ctx).metadata.uid)
    for (let i = 0; i < 3; i++) {
      uids.push(store.create<any>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' } }, ctx).metadata.uid)
      store.delete('ConfigMap', 'default/cfg', ctx)
    }
    uids.push(store.create<any>({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' } }, ctx).metadata.uid)
    expect(uids).toEqual([
      'ea479e13-9bdc-4eda-8e6b-17ae60696322',
      '70d39364-b766-44ae-a289-e3151a9b8d83',
      '1eab1952-d48c-4ffe-a3c0-de258b0fe034',
      'b1e49cb5-11e6-42e5-919c-65e622a96d51',
      '44e91b0a-853d-446b-9078-8e11fae5d1f6',
    ])
    expect(trace.hash()).toBe('c4ad806416658626')
  })
})
