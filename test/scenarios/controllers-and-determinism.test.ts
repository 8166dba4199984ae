// The controller runtime through the public API, the loop's bounds, and determinism.
import { describe, expect, it } from 'vitest'
import { NotConvergedError, TimeoutError, createCluster } from '../../src/index'

describe('user controllers (addController)', () => {
  it('reconciles on the same runtime as the built-ins: a tiny operator that mirrors ConfigMaps', () => {
    const cluster = createCluster({ nodes: 0 })
    cluster.addController({
      name: 'mirror-operator',
      for: 'ConfigMap',
      reconcile(key, { cluster: c }) {
        if (key.name.endsWith('-mirror')) return
        const source = c.get('ConfigMap', key.name, { namespace: key.namespace })
        const mirror = c.get('ConfigMap', `${key.name}-mirror`, { namespace: key.namespace })
        if (!source) {
          if (mirror) c.delete('ConfigMap', `${key.name}-mirror`, { namespace: key.namespace })
          return
        }
        if (!mirror) c.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${key.name}-mirror`, namespace: key.namespace }, data: source.data })
        else c.edit('ConfigMap', `${key.name}-mirror`, (d) => void (d.data = source.data), { namespace: key.namespace })
      },
    })
    cluster.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { colour: 'blue' } })
    expect(cluster.get('ConfigMap', 'settings-mirror')).toBeUndefined()
    cluster.settle()
    expect(cluster.get('ConfigMap', 'settings-mirror')!.data).toEqual({ colour: 'blue' })
    cluster.edit('ConfigMap', 'settings', (d) => void (d.data = { colour: 'green' }))
    cluster.settle()
    expect(cluster.get('ConfigMap', 'settings-mirror')!.data).toEqual({ colour: 'green' })
    expect(cluster.trace().filter((t) => t.actor === 'mirror-operator').map((t) => t.verb)).toEqual(['create', 'update'])
  })

  it('requeueAfter wakes the controller on the virtual clock', () => {
    const cluster = createCluster({ nodes: 0 })
    const seenAt: number[] = []
    cluster.addController({
      name: 'ticker',
      for: 'ConfigMap',
      reconcile() {
        seenAt.push(cluster.elapsed())
        return seenAt.length < 3 ? { requeueAfter: '30s' } : undefined
      },
    })
    cluster.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } })
    cluster.advance('5m')
    expect(seenAt).toEqual([0, 30_000, 60_000])
  })

  it('retries a failing reconcile with back-off instead of stopping', () => {
    const cluster = createCluster({ nodes: 0 })
    let attempts = 0
    cluster.addController({
      name: 'flaky',
      for: 'ConfigMap',
      reconcile() {
        attempts++
        if (attempts < 4) throw new Error('transient')
      },
    })
    cluster.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } })
    cluster.advance('1s')
    expect(attempts).toBe(4)
  })

  it('gives each controller a turn of every key queued when the turn began; keys queued meanwhile wait for its next turn', () => {
    const cluster = createCluster({ nodes: 0 })
    const order: string[] = []
    // `stamper` annotates each ConfigMap once; `summary` watches them all under one key.
    cluster.addController({
      name: 'stamper',
      for: 'ConfigMap',
      reconcile(key, { cluster: c }) {
        order.push(`stamper ${key.name}`)
        const map = c.get('ConfigMap', key.name, { namespace: key.namespace })
        if (map && !map.metadata.annotations?.stamped) c.edit('ConfigMap', key.name, (d) => void (d.metadata.annotations = { stamped: 'yes' }), { namespace: key.namespace })
      },
    })
    cluster.addController({
      name: 'summary',
      watches: [{ kind: 'ConfigMap', map: () => 'default/all' }],
      reconcile(key) {
        order.push(`summary ${key.name}`)
      },
    })
    for (const name of ['a', 'b', 'c']) cluster.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } })
    cluster.settle()
    // The stamper's three edits reach the summary's queue while its key already waits there: one
    // reconcile sees all three. The edits requeue a, b and c for the stamper, after the summary's turn.
    expect(order).toEqual(['stamper a', 'stamper b', 'stamper c', 'summary all', 'stamper a', 'stamper b', 'stamper c'])
  })

  it('names a livelocked controller in NotConvergedError', () => {
    const cluster = createCluster({ nodes: 0 })
    cluster.addController({
      name: 'fidget',
      for: 'ConfigMap',
      reconcile(key, { cluster: c }) {
        c.edit('ConfigMap', key.name, (d) => void (d.data = { n: String(Number(d.data?.n ?? 0) + 1) }), { namespace: key.namespace })
      },
    })
    cluster.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } })
    expect(() => cluster.settle()).toThrow(NotConvergedError)
    expect(() => cluster.settle()).toThrow(/fidget reconciled default\/x \d+ times at the same instant/)
  })
})

describe('runUntil', () => {
  it('returns the virtual time it took and throws TimeoutError with a diagnosis', () => {
    const cluster = createCluster({ nodes: 0 })
    cluster.addController({ name: 'slow', for: 'ConfigMap', reconcile: () => ({ requeueAfter: '1m' }) })
    cluster.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } })
    expect(cluster.runUntil(() => cluster.elapsed() >= 120_000)).toBe(120_000)
    expect(() => cluster.runUntil(() => false, { timeout: '30s', description: 'the impossible' })).toThrow(TimeoutError)
    expect(() => cluster.runUntil(() => false, { timeout: '30s', description: 'the impossible' })).toThrow(/the impossible did not hold within 30000 ms.*\n.*next timers: slow requeue default\/x/)
  })
})

describe('determinism', () => {
  const scenario = (seed: number) => {
    const cluster = createCluster({ seed, nodes: 0 })
    for (let i = 0; i < 20; i++) cluster.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'cm-' } })
    const owner = cluster.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner' } })
    cluster.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'child', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid }] } })
    cluster.delete('ConfigMap', 'owner', { propagationPolicy: 'Foreground' })
    cluster.advance('1m')
    return { hash: cluster.traceHash(), names: cluster.list('ConfigMap').map((c) => `${c.metadata.name} ${c.metadata.uid}`) }
  }

  it('the same seed and calls give the same trace hash, names and uids', () => {
    expect(scenario(42)).toEqual(scenario(42))
  })

  it('another seed gives other generated names', () => {
    expect(scenario(1).names).not.toEqual(scenario(2).names)
  })
})

describe('TimeoutError diagnosis', () => {
  it('says why pods are not ready, with the scheduler\'s reason', () => {
    const cluster = createCluster({ nodes: 3 })
    cluster.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'big' }, spec: { containers: [{ name: 'c', image: 'app', resources: { requests: { cpu: '5' } } }] } })
    expect(() => cluster.runUntil(() => cluster.get('Pod', 'big')?.status?.phase === 'Running', { timeout: '1m' })).toThrow(
      /\n {2}big is Pending: no node can take it — 0\/3 nodes are available: 3 Insufficient cpu\./,
    )
  })
})
