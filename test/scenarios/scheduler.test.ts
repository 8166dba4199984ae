// kube-scheduler scenarios (semantics.md §3, §14): placement, failure messages, queueing, priority and
// preemption, observed through the API as a user would (pods, conditions, events).
import { describe, expect, it } from 'vitest'
import { createCluster } from '../../src/index'
import { addNode, condition, pod, schedulerEvents } from './scheduler-helpers'

const NO_PREEMPTION_HELP = (n: number) => `preemption: 0/${n} nodes are available: ${n} Preemption is not helpful for scheduling.`

function threeNodes(seed = 1, o: Parameters<typeof addNode>[2] = {}) {
  const cluster = createCluster({ seed, nodes: 0 })
  for (const n of ['node-1', 'node-2', 'node-3']) addNode(cluster, n, o)
  return cluster
}

describe('binding (§3.4)', () => {
  it('binds a pending pod, sets PodScheduled=True and records Scheduled from default-scheduler', () => {
    const cluster = threeNodes()
    cluster.create(pod('web-0', { cpu: '100m', memory: '128Mi' }))
    cluster.settle()
    const bound = cluster.get('Pod', 'web-0')!
    expect(bound.spec.nodeName).toMatch(/^node-[123]$/)
    expect(condition(cluster, 'web-0', 'PodScheduled')).toMatchObject({ status: 'True', lastProbeTime: null, lastTransitionTime: '2025-01-01T00:00:00Z' })
    const [event] = schedulerEvents(cluster, 'web-0', 'Scheduled')
    expect(event).toMatchObject({ type: 'Normal', message: `Successfully assigned default/web-0 to ${bound.spec.nodeName}`, source: { component: 'default-scheduler' } })
  })

  it('leaves pods created with spec.nodeName alone (no Scheduled event)', () => {
    const cluster = threeNodes()
    cluster.create(pod('pinned', { spec: { nodeName: 'node-2' } }))
    cluster.settle()
    expect(cluster.get('Pod', 'pinned')!.spec.nodeName).toBe('node-2')
    expect(schedulerEvents(cluster, 'pinned')).toEqual([])
  })

  it('ignores pods that name another scheduler', () => {
    const cluster = threeNodes()
    cluster.create(pod('custom', { spec: { schedulerName: 'my-scheduler' } }))
    cluster.settle()
    expect(cluster.get('Pod', 'custom')!.spec.nodeName).toBeUndefined()
    expect(schedulerEvents(cluster, 'custom')).toEqual([])
  })

  it('places three equal replicas one per node on three empty nodes (Testable fact 3.7)', () => {
    const cluster = threeNodes()
    for (let i = 0; i < 3; i++) cluster.create(pod(`web-${i}`, { cpu: '500m', memory: '512Mi', labels: { app: 'web' } }))
    cluster.settle()
    const nodes = [0, 1, 2].map((i) => cluster.get('Pod', `web-${i}`)!.spec.nodeName).sort()
    expect(nodes).toEqual(['node-1', 'node-2', 'node-3'])
  })
})

describe('unschedulable pods (§3.2, §3.4, §14 fact 3)', () => {
  it('keeps a 5-CPU pod Pending on three 4-CPU nodes with the exact FailedScheduling message', () => {
    const cluster = threeNodes()
    cluster.create(pod('big', { cpu: '5' }))
    cluster.settle()
    const message = `0/3 nodes are available: 3 Insufficient cpu. ${NO_PREEMPTION_HELP(3)}`
    expect(cluster.get('Pod', 'big')!.spec.nodeName).toBeUndefined()
    expect(condition(cluster, 'big', 'PodScheduled')).toMatchObject({ status: 'False', reason: 'Unschedulable', message })
    const [event] = schedulerEvents(cluster, 'big', 'FailedScheduling')
    expect(event).toMatchObject({ type: 'Warning', message, count: 1, source: { component: 'default-scheduler' } })
  })

  it('lists each node reason sorted as strings: taint, cordon and selector (Testable fact 3.3)', () => {
    const cluster = createCluster({ nodes: 0 })
    addNode(cluster, 'n1', { labels: { disk: 'ssd' }, taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] })
    addNode(cluster, 'n2', { labels: { disk: 'ssd' }, unschedulable: true })
    addNode(cluster, 'n3')
    cluster.create(pod('picky', { spec: { nodeSelector: { disk: 'ssd' } } }))
    cluster.settle()
    // Newest upstream no longer names the taint (kubernetes PR #134740).
    expect(condition(cluster, 'picky', 'PodScheduled')?.message).toBe(
      `0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint(s), 1 node(s) were unschedulable. ${NO_PREEMPTION_HELP(3)}`,
    )
  })

  it('schedules a pending pod at the instant a node that fits is added (§14 fact 3)', () => {
    const cluster = threeNodes()
    cluster.create(pod('big', { cpu: '5' }))
    cluster.advance('7s')
    addNode(cluster, 'node-big', { cpu: '8' })
    cluster.settle()
    expect(cluster.get('Pod', 'big')!.spec.nodeName).toBe('node-big')
    expect(schedulerEvents(cluster, 'big', 'Scheduled')[0]).toMatchObject({ lastTimestamp: '2025-01-01T00:00:07Z', message: 'Successfully assigned default/big to node-big' })
  })

  it('retries an unschedulable pod after 5 min 30 s when nothing changes (5 min flush on 30 s ticks)', () => {
    const cluster = threeNodes()
    cluster.create(pod('big', { cpu: '5' }))
    cluster.advance('5m29s')
    expect(schedulerEvents(cluster, 'big', 'FailedScheduling')[0].count).toBe(1)
    cluster.advance('1s')
    const [event] = schedulerEvents(cluster, 'big', 'FailedScheduling')
    expect(event).toMatchObject({ count: 2, lastTimestamp: '2025-01-01T00:05:30Z' })
    cluster.advance('5m30s')
    expect(schedulerEvents(cluster, 'big', 'FailedScheduling')[0]).toMatchObject({ count: 3, lastTimestamp: '2025-01-01T00:11:00Z' })
  })

  it('retries with error back-off when there are no nodes at all (SchedulerError; 1 s window alignment of v1.33+)', () => {
    const cluster = createCluster({ nodes: 0 })
    cluster.create(pod('lonely'))
    const attempts: number[] = []
    let last = 0
    for (let s = 0; s <= 40; s++) {
      if (s > 0) cluster.advance('1s')
      else cluster.settle()
      const count = schedulerEvents(cluster, 'lonely', 'FailedScheduling')[0]?.count ?? 0
      if (count > last) attempts.push(s)
      last = count
    }
    // Back-off 1, 2, 4, 8, 10 s from each failure, expiries truncated to 1 s windows and released
    // at the next window: attempts at 0, 2, 5, 10, 19, 30 s.
    expect(attempts).toEqual([0, 2, 5, 10, 19, 30])
    expect(condition(cluster, 'lonely', 'PodScheduled')).toMatchObject({ status: 'False', reason: 'SchedulerError', message: 'no nodes available to schedule pods' })
  })
})

describe('filters (§3.2)', () => {
  it('puts a pod with a nodeSelector on the labelled node', () => {
    const cluster = createCluster({ nodes: 0 })
    addNode(cluster, 'node-1')
    addNode(cluster, 'node-2', { labels: { disk: 'ssd' } })
    addNode(cluster, 'node-3')
    cluster.create(pod('db', { spec: { nodeSelector: { disk: 'ssd' } } }))
    cluster.settle()
    expect(cluster.get('Pod', 'db')!.spec.nodeName).toBe('node-2')
  })

  it('keeps pods off a NoSchedule-tainted node unless they tolerate it (Testable fact 3.5)', () => {
    const cluster = createCluster({ nodes: 0 })
    addNode(cluster, 'gpu', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] })
    cluster.create(pod('plain'))
    cluster.create(pod('tolerant', { spec: { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] } }))
    cluster.create(pod('anything', { spec: { tolerations: [{ operator: 'Exists' }] } }))
    cluster.settle()
    expect(cluster.get('Pod', 'plain')!.spec.nodeName).toBeUndefined()
    expect(condition(cluster, 'plain', 'PodScheduled')?.message).toBe(`0/1 nodes are available: 1 node(s) had untolerated taint(s). ${NO_PREEMPTION_HELP(1)}`)
    expect(cluster.get('Pod', 'tolerant')!.spec.nodeName).toBe('gpu')
    expect(cluster.get('Pod', 'anything')!.spec.nodeName).toBe('gpu')
  })

  it('stops placing pods on a cordoned node and lets the pending pod in at the instant of uncordon', () => {
    const cluster = createCluster({ nodes: 0 })
    addNode(cluster, 'node-1')
    cluster.edit('Node', 'node-1', (n: any) => {
      n.spec.unschedulable = true
    })
    cluster.create(pod('web-0'))
    cluster.advance('12s')
    expect(cluster.get('Pod', 'web-0')!.spec.nodeName).toBeUndefined()
    expect(condition(cluster, 'web-0', 'PodScheduled')?.message).toBe(`0/1 nodes are available: 1 node(s) were unschedulable. ${NO_PREEMPTION_HELP(1)}`)
    cluster.edit('Node', 'node-1', (n: any) => {
      n.spec.unschedulable = false
    })
    cluster.settle()
    expect(cluster.get('Pod', 'web-0')!.spec.nodeName).toBe('node-1')
    expect(schedulerEvents(cluster, 'web-0', 'Scheduled')[0].lastTimestamp).toBe('2025-01-01T00:00:12Z')
  })

  it('spreads 6 pods 2/2/2 over three zones with a DoNotSchedule topology spread constraint', () => {
    const cluster = createCluster({ nodes: 0 })
    // Uneven capacity so that resource scores alone would not spread evenly.
    addNode(cluster, 'a1', { labels: { 'topology.kubernetes.io/zone': 'a' }, cpu: '16' })
    addNode(cluster, 'a2', { labels: { 'topology.kubernetes.io/zone': 'a' }, cpu: '16' })
    addNode(cluster, 'b1', { labels: { 'topology.kubernetes.io/zone': 'b' }, cpu: '2' })
    addNode(cluster, 'c1', { labels: { 'topology.kubernetes.io/zone': 'c' }, cpu: '2' })
    const spread = { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }] }
    for (let i = 0; i < 6; i++) cluster.create(pod(`web-${i}`, { cpu: '100m', labels: { app: 'web' }, spec: spread }))
    cluster.settle()
    const zoneOf: Record<string, string> = { a1: 'a', a2: 'a', b1: 'b', c1: 'c' }
    const perZone: Record<string, number> = {}
    for (let i = 0; i < 6; i++) {
      const zone = zoneOf[cluster.get('Pod', `web-${i}`)!.spec.nodeName!]
      perZone[zone] = (perZone[zone] ?? 0) + 1
    }
    expect(perZone).toEqual({ a: 2, b: 2, c: 2 })
  })

  it('puts one pod per node with required anti-affinity and leaves the 4th Pending', () => {
    const cluster = threeNodes()
    const anti = { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname' }] } } }
    for (let i = 0; i < 4; i++) cluster.create(pod(`db-${i}`, { labels: { app: 'db' }, spec: anti }))
    cluster.settle()
    const nodes = [0, 1, 2, 3].map((i) => cluster.get('Pod', `db-${i}`)!.spec.nodeName)
    expect(nodes.slice(0, 3).sort()).toEqual(['node-1', 'node-2', 'node-3'])
    expect(nodes[3]).toBeUndefined()
    expect(condition(cluster, 'db-3', 'PodScheduled')?.message).toBe(
      "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
    )
  })

  it('rejects a node at its allocatable pod count with Too many pods even for a pod requesting nothing (Testable fact 3.4)', () => {
    const cluster = createCluster({ nodes: 0 })
    addNode(cluster, 'full', { pods: '2' })
    for (let i = 0; i < 3; i++) cluster.create(pod(`p-${i}`))
    cluster.settle()
    // Too many pods could be lifted by preemption, but no pod has a lower priority.
    expect(condition(cluster, 'p-2', 'PodScheduled')?.message).toBe('0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.')
  })

  it('prefers the emptier node by LeastAllocated (Testable fact 3.1)', () => {
    const cluster = createCluster({ nodes: 0 })
    addNode(cluster, 'a', { cpu: '4', memory: '8Gi' })
    addNode(cluster, 'b', { cpu: '4', memory: '8Gi' })
    cluster.create(pod('existing', { cpu: '2', memory: '4Gi', spec: { nodeName: 'a' } }))
    cluster.settle()
    cluster.create(pod('new', { cpu: '1', memory: '1Gi' }))
    cluster.settle()
    expect(cluster.get('Pod', 'new')!.spec.nodeName).toBe('b')
  })
})

describe('queue order and gates (§3.1)', () => {
  it('gives the only free slot to the higher-priority pod created at the same instant', () => {
    const cluster = createCluster({ nodes: 0 })
    addNode(cluster, 'node-1', { cpu: '1' })
    cluster.create({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 })
    cluster.create(pod('low', { cpu: '800m' }))
    cluster.create(pod('high', { cpu: '800m', spec: { priorityClassName: 'high' } }))
    cluster.settle()
    expect(cluster.get('Pod', 'high')!.spec.nodeName).toBe('node-1')
    expect(cluster.get('Pod', 'low')!.spec.nodeName).toBeUndefined()
  })

  it('does not try a gated pod, and schedules it once its gates are removed', () => {
    const cluster = threeNodes()
    cluster.create(pod('gated', { spec: { schedulingGates: [{ name: 'example.com/wait' }] } }))
    cluster.advance('10s')
    expect(schedulerEvents(cluster, 'gated')).toEqual([])
    cluster.edit('Pod', 'gated', (p: any) => {
      p.spec.schedulingGates = []
    })
    cluster.settle()
    expect(cluster.get('Pod', 'gated')!.spec.nodeName).toMatch(/^node-/)
  })
})

describe('determinism (§3.3 host selection)', () => {
  const placements = (seed: number) => {
    const cluster = threeNodes(seed)
    for (let i = 0; i < 9; i++) cluster.create(pod(`p-${i}`))
    cluster.settle()
    return Array.from({ length: 9 }, (_, i) => cluster.get('Pod', `p-${i}`)!.spec.nodeName)
  }

  it('places pods identically for the same seed, and breaks ties differently for some other seed', () => {
    const first = placements(7)
    expect(placements(7)).toEqual(first)
    const others = [1, 2, 3, 4, 5, 6].map(placements)
    expect(others.some((o) => JSON.stringify(o) !== JSON.stringify(first))).toBe(true)
  })
})

describe('priority admission (§3.6)', () => {
  it('resolves priorityClassName to spec.priority, including the implicit system classes', () => {
    const cluster = threeNodes()
    cluster.create({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'batch' }, value: 50, preemptionPolicy: 'Never' })
    const batch = cluster.create(pod('job', { spec: { priorityClassName: 'batch' } }))
    expect(batch.spec).toMatchObject({ priority: 50, preemptionPolicy: 'Never' })
    const critical = cluster.create(pod('dns', { spec: { priorityClassName: 'system-node-critical' } }))
    expect((critical as any).spec.priority).toBe(2000001000)
    expect(cluster.create(pod('plain')).spec).toMatchObject({ priority: 0, preemptionPolicy: 'PreemptLowerPriority' })
  })

  it('refuses a pod naming an unknown PriorityClass', () => {
    const cluster = threeNodes()
    expect(() => cluster.create(pod('x', { spec: { priorityClassName: 'nope' } }))).toThrow('pods "x" is forbidden: no PriorityClass with name nope was found')
  })

  it('gives pods without a class the globalDefault class, and allows only one default', () => {
    const cluster = threeNodes()
    cluster.create({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'normal' }, value: 10, globalDefault: true })
    expect(cluster.create(pod('a')).spec).toMatchObject({ priorityClassName: 'normal', priority: 10 })
    expect(() => cluster.create({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'other' }, value: 20, globalDefault: true })).toThrow(
      'PriorityClass normal is already marked as default. Only one default can exist',
    )
  })
})

describe('preemption (§3.6)', () => {
  it('evicts the lower-priority pod and runs the high-priority one on that node', () => {
    const cluster = createCluster({ nodes: 0 })
    addNode(cluster, 'node-1', { cpu: '4' })
    cluster.create({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'low' }, value: 100 })
    cluster.create({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 })
    cluster.create(pod('victim', { cpu: '3', spec: { priorityClassName: 'low' } }))
    cluster.settle()
    expect(cluster.get('Pod', 'victim')!.spec.nodeName).toBe('node-1')
    const preemptor = cluster.create(pod('vip', { cpu: '3', spec: { priorityClassName: 'high' } }))
    cluster.settle()
    const victim = cluster.get('Pod', 'victim')
    if (victim) {
      expect(victim.metadata.deletionTimestamp).toBeDefined()
      expect(condition(cluster, 'victim', 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'PreemptionByScheduler', message: 'default-scheduler: preempting to accommodate a higher priority pod' })
      expect((cluster.get('Pod', 'vip') as any).status.nominatedNodeName).toBe('node-1')
      expect(condition(cluster, 'vip', 'PodScheduled')).toMatchObject({ status: 'False', reason: 'Unschedulable', message: '0/1 nodes are available: 1 Insufficient cpu.' })
    }
    const [preempted] = cluster.events({ involvedObject: { kind: 'Pod', name: 'victim' } }).filter((e: any) => e.reason === 'Preempted')
    expect(preempted).toMatchObject({ type: 'Normal', message: `Preempted by pod ${preemptor.metadata.uid} on node node-1` })
    // The kubelet finishes the victim's termination (done by hand when no kubelet runs the node).
    cluster.runUntil(() => !cluster.get('Pod', 'victim') || !!cluster.get('Pod', 'victim')!.metadata.deletionTimestamp)
    if (cluster.get('Pod', 'victim')) cluster.delete('Pod', 'victim', { gracePeriodSeconds: 0 })
    cluster.runUntil(() => !!cluster.get('Pod', 'vip')!.spec.nodeName, { timeout: '1m' })
    expect(cluster.get('Pod', 'vip')!.spec.nodeName).toBe('node-1')
  })
})
