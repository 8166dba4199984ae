import { describe, expect, it } from 'vitest'
import type { LabelSelector } from '../../api/meta'
import type { Pod } from '../../api/pod'
import { createRandom } from '../../sim/random'
import { SchedulerSnapshot } from './snapshot'
import { makeNode, makePod } from './test-builders'

// The counts of a selector are found again by its object when the same frozen selector comes back
// (the scheduler reuses one per controller). Whatever the history (counts dropped when their last pod
// leaves and made again, another namespace asked with the same object, another object between), they
// must be those a fresh, equal selector object gets.

const freeze = <T>(o: T): T => {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    for (const v of Object.values(o)) freeze(v)
    Object.freeze(o)
  }
  return o
}
const selectorFor = (app: string): LabelSelector => ({ matchExpressions: [{ key: 'app', operator: 'In', values: [app] }] })
const read = (snapshot: SchedulerSnapshot, namespace: string, selector: LabelSelector) => {
  const c = snapshot.defaultSpreadCounts(namespace, selector)
  return { onNode: [...c.podsOnNode], inZone: [...c.podsInZone] }
}

describe('SpreadCounts found again by selector object', () => {
  it('give the counts a fresh equal selector gets, across drops, namespaces and other selectors', () => {
    const random = createRandom(3)
    const snapshot = new SchedulerSnapshot()
    for (let i = 0; i < 6; i++) snapshot.setNode(freeze(makeNode(`node-${i}`, { labels: { 'topology.kubernetes.io/zone': `z${i % 2}` } })))
    const shared = { web: freeze(selectorFor('web')), db: freeze(selectorFor('db')) }
    const held: { node: string; pod: Pod }[] = []
    for (let k = 0; k < 400; k++) {
      // Phases of mostly adding and of mostly removing, so counts fall to zero and come back.
      const adding = Math.floor(k / 50) % 2 === 0 ? random.int(3) < 2 : random.int(3) < 1
      if (adding || held.length === 0) {
        const app = random.int(2) === 0 ? 'web' : 'db'
        const namespace = random.int(3) === 0 ? 'other' : 'default'
        const node = `node-${random.int(6)}`
        const pod = freeze(makePod(`p${k}`, { namespace, labels: { app }, nodeName: node }))
        snapshot.addPod(node, pod)
        held.push({ node, pod })
      } else {
        // Removing pods (often the last of a selector: its counts are dropped).
        const [gone] = held.splice(random.int(held.length), 1)
        snapshot.removePod(gone.node, gone.pod)
      }
      const app = random.int(2) === 0 ? 'web' : 'db'
      const namespace = random.int(3) === 0 ? 'other' : 'default'
      expect(read(snapshot, namespace, shared[app])).toEqual(read(snapshot, namespace, selectorFor(app)))
    }
  })
})
