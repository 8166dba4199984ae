import { describe, expect, it } from 'vitest'
import { createRandom } from '../sim/random'
import type { Controller } from '../runtime/controller'
import { createCluster } from './cluster'
import { Loop } from './loop'
import { ReconcileTally } from './reconcile-tally'
import { NotConvergedError } from '../api/errors'

describe('ReconcileTally', () => {
  it('gives the exact count of every (controller, key) that reaches exactFrom, whatever shares its bucket', () => {
    const random = createRandom(7)
    const controllers = [{}, {}, {}] as Controller[]
    for (const exactFrom of [1, 2, 5, 40]) {
      const tally = new ReconcileTally(exactFrom)
      const exact = new Map<Controller, Map<string, number>>(controllers.map((c) => [c, new Map()]))
      for (let step = 0; step < 20_000; step++) {
        const controller = controllers[random.int(controllers.length)]
        // Fresh strings, as keys built per watch event are: equal text, another instance.
        const key = `default/pod-${random.int(step % 3 === 0 ? 5 : 3000)}`.slice(0)
        const n = (exact.get(controller)!.get(key) ?? 0) + 1
        exact.get(controller)!.set(key, n)
        const counted = tally.count(controller, key)
        if (counted === undefined) expect(n).toBeLessThan(exactFrom)
        else expect(counted).toBe(n)
      }
    }
  })
})

describe('Loop livelock check', () => {
  const limits = { watchAfterSteps: 300, maxReconcilesPerKey: 60, maxStepsPerInstant: 1_000_000 }

  // Two controllers edit ConfigMaps at one instant: x forever (a livelock in both), the others for a
  // while, so the count of x runs among many keys that share the instant.
  const livelocked = () => {
    const cluster = createCluster({ nodes: 0, seed: 3 })
    for (const name of ['fidget', 'twitch']) {
      cluster.addController({
        name,
        for: 'ConfigMap',
        reconcile(key, { cluster: c }) {
          const map = c.get('ConfigMap', key.name, { namespace: key.namespace })
          const n = Number(map?.data?.n ?? 0) + 1
          if (key.name === 'x' || n < 2 * key.name.length + (name === 'fidget' ? 30 : 50)) c.edit('ConfigMap', key.name, (d) => void (d.data = { n: String(n) }), { namespace: key.namespace })
        },
      })
    }
    for (const name of ['x', 'yy', 'zzz', 'wwww']) cluster.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } })
    return cluster
  }

  // The rule, counted the plain way: from step watchAfterSteps on, the reconcile that would be the
  // (maxReconcilesPerKey + 1)-th of one (controller, key) at the instant is not run.
  const plainSettle = (env: ReturnType<typeof livelocked>['env']): string | undefined => {
    const { store, clock, manager } = env
    let counts: Map<string, number> | undefined
    for (let steps = 1; ; steps++) {
      store.flush()
      const timer = clock.takeDue()
      if (timer) {
        timer.fire()
        store.flush()
      } else {
        const work = manager.takeWork()
        if (!work) return undefined
        if (counts) {
          const id = `${work.controller.spec.name} reconciled ${work.key}`
          const n = (counts.get(id) ?? 0) + 1
          counts.set(id, n)
          if (n > limits.maxReconcilesPerKey) return `${id} ${n} times`
        }
        manager.run(work.controller, work.key)
        store.flush()
      }
      if (steps === limits.watchAfterSteps) counts = new Map()
    }
  }

  it('throws at the same reconcile, with the same count and state, as counting every key in a map', () => {
    const expected = livelocked()
    const plain = plainSettle(expected.env)
    expect(plain).toMatch(/reconciled default\/x 61 times$/)

    const actual = livelocked()
    const { store, clock, manager } = actual.env
    let error: unknown
    try {
      new Loop(store, clock, manager, limits).settle()
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(NotConvergedError)
    expect((error as Error).message).toContain(`: ${plain} at the same instant`)
    expect(actual.traceHash()).toBe(expected.traceHash())
    expect(actual.list('ConfigMap').map((c) => `${c.metadata.name}=${c.data?.n}`)).toEqual(expected.list('ConfigMap').map((c) => `${c.metadata.name}=${c.data?.n}`))
  })
})
