// semantics.md §3.1 (cycle, numFeasibleNodesToFind), §3.3 (host selection), §3.4 (FailedScheduling
// message), §3.6 (preemption suffix) and Testable facts (3).
import { describe, expect, it } from 'vitest'
import type { Pod } from '../../api/pod'
import { addPod, type NodeInfo } from './node-info'
import { numFeasibleNodesToFind, planPlacement, type PlacementContext } from './schedule-one'
import { makeNodeInfo, makePod, seededRandom } from './test-builders'

const withSpec = (pod: Pod, spec: Partial<Pod['spec']>): Pod => ({ ...pod, spec: { ...pod.spec, ...spec } })
const ctx = (seed = 1, extra: Partial<PlacementContext> = {}): PlacementContext => ({ random: seededRandom(seed), nextStartNodeIndex: 0, ...extra })

function bindOrFail(pod: Pod, nodes: readonly NodeInfo[], c: PlacementContext): string {
  const plan = planPlacement(pod, nodes, c)
  if (plan.kind !== 'bind') throw new Error(plan.message)
  c.nextStartNodeIndex = plan.nextStartNodeIndex
  return plan.nodeName
}

/** Places pods one by one, updating the snapshots with addPod as the scheduler cache would. */
function placeAll(pods: Pod[], nodes: NodeInfo[], c: PlacementContext): string[] {
  return pods.map((pod) => {
    const name = bindOrFail(pod, nodes, c)
    const i = nodes.findIndex((n) => n.name === name)
    nodes[i] = addPod(nodes[i], { ...pod, spec: { ...pod.spec, nodeName: name } })
    return name
  })
}

describe('FailedScheduling message (semantics.md §3.4, §3.6)', () => {
  it('5-CPU pod on three 4-CPU nodes: unresolvable, so preemption is not helpful', () => {
    const nodes = ['n1', 'n2', 'n3'].map((n) => makeNodeInfo(n, { cpu: '4' }))
    const plan = planPlacement(makePod('big', { cpu: '5' }), nodes, ctx())
    expect(plan.kind).toBe('unschedulable')
    if (plan.kind !== 'unschedulable') return
    expect(plan.message).toBe('0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.')
    expect(plan.unresolvable).toBe(true)
    expect(plan.unschedulablePlugins).toEqual(['NodeResourcesFit'])
  })
  it('Testable fact 2: 1 CPU pod on three 2-CPU nodes with 1.5 CPU used: no preemption victims', () => {
    const nodes = ['n1', 'n2', 'n3'].map((n) => makeNodeInfo(n, { cpu: '2' }, [makePod(`used-${n}`, { cpu: '1500m', nodeName: n })]))
    const plan = planPlacement(makePod('p', { cpu: '1' }), nodes, ctx())
    expect(plan.kind === 'unschedulable' && plan.message).toBe(
      '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
    )
  })
  it('Testable fact 3: mixed reasons, counted and sorted as strings', () => {
    const nodes = [
      makeNodeInfo('n1', { labels: { disk: 'ssd' }, taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }),
      makeNodeInfo('n2', { labels: { disk: 'ssd' }, unschedulable: true }),
      makeNodeInfo('n3'),
    ]
    const plan = planPlacement(withSpec(makePod('p'), { nodeSelector: { disk: 'ssd' } }), nodes, ctx())
    expect(plan.kind === 'unschedulable' && plan.message).toBe(
      "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint(s), 1 node(s) were unschedulable. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    )
  })
  it('with DynamicResources on, its PostFilter note precedes the preemption part (v1.34+ clusters)', () => {
    const nodes = ['n1', 'n2', 'n3'].map((n) => makeNodeInfo(n, { cpu: '4' }))
    const plan = planPlacement(makePod('big', { cpu: '5' }), nodes, ctx(1, { dynamicResources: true }))
    expect(plan.kind === 'unschedulable' && plan.message).toBe(
      '0/3 nodes are available: 3 Insufficient cpu. no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    )
  })
  it('preemptionPolicy Never: preemption is not attempted', () => {
    const nodes = [makeNodeInfo('n1', { cpu: '1' }, [makePod('low', { cpu: '1', nodeName: 'n1', priority: -5 })])]
    const plan = planPlacement(makePod('p', { cpu: '1', spec: { preemptionPolicy: 'Never' } }), nodes, ctx())
    expect(plan.kind === 'unschedulable' && plan.message).toBe('0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.')
  })
  it('when preemption finds a node, the message has no preemption part and the plan names the victims', () => {
    const nodes = [makeNodeInfo('n1', { cpu: '1' }, [makePod('low', { cpu: '1', nodeName: 'n1', priority: -5 })])]
    const plan = planPlacement(makePod('p', { cpu: '1' }), nodes, ctx())
    expect(plan.kind).toBe('unschedulable')
    if (plan.kind !== 'unschedulable') return
    expect(plan.message).toBe('0/1 nodes are available: 1 Insufficient cpu.')
    expect(plan.preemption?.nodeName).toBe('n1')
    expect(plan.preemption?.victims.map((v) => v.metadata.name)).toEqual(['low'])
  })
  it('DaemonSet-style node pins: other nodes did not satisfy NodeAffinity', () => {
    const pinned = withSpec(makePod('ds', { cpu: '8' }), {
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n2'] }] }] } } },
    })
    const nodes = ['n1', 'n2', 'n3'].map((n) => makeNodeInfo(n))
    const plan = planPlacement(pinned, nodes, ctx())
    expect(plan.kind === 'unschedulable' && plan.message).toBe(
      "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    )
  })
  it('no nodes at all', () => {
    expect(planPlacement(makePod('p'), [], ctx())).toMatchObject({ kind: 'unschedulable', message: 'no nodes available to schedule pods' })
  })
})

describe('filtering and placement (semantics.md §3.2, §3.3)', () => {
  it('nodeSelector picks the labelled node', () => {
    const nodes = [makeNodeInfo('a'), makeNodeInfo('b', { labels: { disk: 'ssd' } }), makeNodeInfo('c')]
    expect(bindOrFail(withSpec(makePod('p'), { nodeSelector: { disk: 'ssd' } }), nodes, ctx())).toBe('b')
  })
  it('a NoSchedule taint repels; a toleration admits (Testable fact 5)', () => {
    const nodes = [makeNodeInfo('a', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }), makeNodeInfo('b', { cpu: '1' })]
    expect(bindOrFail(makePod('p', { cpu: '500m' }), nodes, ctx())).toBe('b')
    const tolerant = withSpec(makePod('p', { cpu: '2' }), { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] })
    expect(bindOrFail(tolerant, nodes, ctx())).toBe('a')
  })
  it('a PreferNoSchedule taint lowers the score', () => {
    const nodes = [makeNodeInfo('a', { taints: [{ key: 'spot', effect: 'PreferNoSchedule' }] }), makeNodeInfo('b')]
    for (let seed = 1; seed <= 10; seed++) expect(bindOrFail(makePod('p'), nodes, ctx(seed))).toBe('b')
    const plan = planPlacement(makePod('p'), nodes, ctx())
    expect(plan.kind === 'bind' && plan.scores.map((s) => s.byPlugin.TaintToleration)).toEqual([0, 100])
  })
  it('a cordoned node is filtered', () => {
    const nodes = [makeNodeInfo('a', { unschedulable: true }), makeNodeInfo('b', { unschedulable: true }), makeNodeInfo('c')]
    expect(bindOrFail(makePod('p'), nodes, ctx())).toBe('c')
  })
  it('LeastAllocated prefers the emptier node (Testable fact 1: B)', () => {
    const nodes = [makeNodeInfo('a', { cpu: '4000m', memory: '8Gi' }, [makePod('old', { cpu: '2000m', memory: '4Gi', nodeName: 'a' })]), makeNodeInfo('b', { cpu: '4000m', memory: '8Gi' })]
    const plan = planPlacement(makePod('new', { cpu: '1000m', memory: '1Gi' }), nodes, ctx())
    expect(plan).toMatchObject({ kind: 'bind', nodeName: 'b', evaluatedNodes: 2, feasibleNodes: 2 })
  })
  it('6 replicas with zone spread maxSkew 1 over 3 zones end 2/2/2', () => {
    const zones = ['z1', 'z1', 'z2', 'z2', 'z3', 'z3']
    const nodes = zones.map((z, i) => makeNodeInfo(`n${i}`, { labels: { 'topology.kubernetes.io/zone': z } }))
    const replica = (i: number) =>
      withSpec(makePod(`web-${i}`, { labels: { app: 'web' }, cpu: '100m' }), {
        topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }],
      })
    const placed = placeAll([0, 1, 2, 3, 4, 5].map(replica), nodes, ctx(7))
    const perZone: Record<string, number> = {}
    for (const name of placed) {
      const zone = zones[Number(name.slice(1))]
      perZone[zone] = (perZone[zone] ?? 0) + 1
    }
    expect(perZone).toEqual({ z1: 2, z2: 2, z3: 2 })
  })
  it('required anti-affinity on hostname: one per node, the 4th is unschedulable', () => {
    const nodes = ['n1', 'n2', 'n3'].map((n) => makeNodeInfo(n))
    const replica = (i: number) =>
      withSpec(makePod(`db-${i}`, { labels: { app: 'db' } }), {
        affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname' }] } },
      })
    const c = ctx(3)
    expect(new Set(placeAll([0, 1, 2].map(replica), nodes, c))).toEqual(new Set(['n1', 'n2', 'n3']))
    const plan = planPlacement(replica(3), nodes, c)
    expect(plan.kind === 'unschedulable' && plan.message).toBe(
      "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
    )
  })
  it('Testable fact 7: system default spreading places 3 replicas one per node', () => {
    const nodes = ['n1', 'n2', 'n3'].map((n) => makeNodeInfo(n))
    const pods = [0, 1, 2].map((i) => makePod(`web-${i}`, { labels: { app: 'web' } }))
    const placed = placeAll(pods, nodes, ctx(11, { defaultSpreadSelector: { matchLabels: { app: 'web' } } }))
    expect(new Set(placed).size).toBe(3)
  })
})

describe('tie-break with the seeded stream (semantics.md §3.3 "Host selection")', () => {
  const nodes = ['a', 'b', 'c', 'd'].map((n) => makeNodeInfo(n))
  it('the same seed gives the same choice', () => {
    for (let seed = 1; seed <= 20; seed++) {
      expect(bindOrFail(makePod('p'), nodes, ctx(seed))).toBe(bindOrFail(makePod('p'), nodes, ctx(seed)))
    }
  })
  it('different seeds spread the choice over all tied nodes', () => {
    const chosen = new Set<string>()
    for (let seed = 1; seed <= 40; seed++) chosen.add(bindOrFail(makePod('p'), nodes, ctx(seed)))
    expect(chosen).toEqual(new Set(['a', 'b', 'c', 'd']))
  })
  it('draws nothing when one node is strictly best', () => {
    const r = seededRandom(1)
    const uneven = [makeNodeInfo('a', {}, [makePod('x', { cpu: '1', memory: '1Gi', nodeName: 'a' })]), makeNodeInfo('b')]
    planPlacement(makePod('p', { cpu: '100m' }), uneven, { random: r, nextStartNodeIndex: 0 })
    expect(r.draws).toBe(0)
  })
})

describe('numFeasibleNodesToFind and the rotating start (semantics.md §3.1)', () => {
  it('adaptive percentage: all below 100 nodes, 50 - n/125 percent, at least 100 nodes', () => {
    expect(numFeasibleNodesToFind(50)).toBe(50)
    expect(numFeasibleNodesToFind(100)).toBe(100)
    expect(numFeasibleNodesToFind(1000)).toBe(420)
    expect(numFeasibleNodesToFind(5000)).toBe(500)
    expect(numFeasibleNodesToFind(20000)).toBe(1000) // floor of 5%
    expect(numFeasibleNodesToFind(1000, 30)).toBe(300)
  })
  it('on 5,000 nodes one pod evaluates only 500 nodes and the next search starts after them', () => {
    const nodes = Array.from({ length: 5000 }, (_, i) => makeNodeInfo(`node-${String(i).padStart(4, '0')}`))
    const plan = planPlacement(makePod('p', { cpu: '100m' }), nodes, ctx(1, { nextStartNodeIndex: 4900 }))
    expect(plan).toMatchObject({ kind: 'bind', evaluatedNodes: 500, feasibleNodes: 500, nextStartNodeIndex: 400 })
  })
  it('rejected nodes count towards the next start index', () => {
    const nodes = [makeNodeInfo('a', { unschedulable: true }), makeNodeInfo('b'), makeNodeInfo('c')]
    expect(planPlacement(makePod('p'), nodes, ctx(1, { nextStartNodeIndex: 2 }))).toMatchObject({ evaluatedNodes: 3, nextStartNodeIndex: 2 })
  })
  it('tries the nominated node first', () => {
    const nodes = [makeNodeInfo('a'), makeNodeInfo('b'), makeNodeInfo('c')]
    const pod = { ...makePod('p'), status: { phase: 'Pending' as const, nominatedNodeName: 'c' } }
    expect(planPlacement(pod, nodes, ctx())).toMatchObject({ kind: 'bind', nodeName: 'c', evaluatedNodes: 1 })
  })
})
