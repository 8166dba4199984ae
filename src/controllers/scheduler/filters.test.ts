// semantics.md §3.2 (Filter plugins): each filter's decision and its exact upstream reason string.
import { describe, expect, it } from 'vitest'
import type { Pod } from '../../api/pod'
import { computeCycleState } from './cycle-state'
import { filterInterPodAffinity } from './filter-inter-pod-affinity'
import { filterNodeAffinity, preFilterNodeAffinity } from './filter-node-affinity'
import { filterNodeName } from './filter-node-name'
import { filterNodePorts } from './filter-node-ports'
import { filterNodeResourcesFit } from './filter-node-resources-fit'
import { filterNodeUnschedulable } from './filter-node-unschedulable'
import { filterPodTopologySpread } from './filter-pod-topology-spread'
import { filterTaintToleration } from './filter-taint-toleration'
import { makeNodeInfo, makePod } from './test-builders'

const withSpec = (pod: Pod, spec: Partial<Pod['spec']>): Pod => ({ ...pod, spec: { ...pod.spec, ...spec } })

describe('NodeUnschedulable (semantics.md §3.2)', () => {
  it('rejects a cordoned node unless the pod tolerates node.kubernetes.io/unschedulable', () => {
    const cordoned = makeNodeInfo('n1', { unschedulable: true })
    expect(filterNodeUnschedulable(makePod('p'), cordoned)).toMatchObject({ reason: 'node(s) were unschedulable', unresolvable: true })
    const tolerant = withSpec(makePod('p'), { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] })
    expect(filterNodeUnschedulable(tolerant, cordoned)).toBeUndefined()
  })
})

describe('NodeName', () => {
  it('rejects other nodes', () => {
    const pod = withSpec(makePod('p'), { nodeName: 'n2' })
    expect(filterNodeName(pod, makeNodeInfo('n1'))?.reason).toBe("node(s) didn't match the requested node name")
    expect(filterNodeName(pod, makeNodeInfo('n2'))).toBeUndefined()
  })
})

describe('TaintToleration filter (semantics.md §3.2, Testable facts 3 and 5)', () => {
  const tainted = makeNodeInfo('n1', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] })
  it('repels with the current upstream reason (no taint details since kubernetes#134740)', () => {
    expect(filterTaintToleration(makePod('p'), tainted)).toMatchObject({ reason: 'node(s) had untolerated taint(s)', unresolvable: true })
  })
  it('admits an Equal toleration with the value, and an Exists toleration without a key', () => {
    expect(filterTaintToleration(withSpec(makePod('p'), { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] }), tainted)).toBeUndefined()
    expect(filterTaintToleration(withSpec(makePod('p'), { tolerations: [{ operator: 'Exists' }] }), tainted)).toBeUndefined()
    expect(filterTaintToleration(withSpec(makePod('p'), { tolerations: [{ key: 'dedicated', value: 'cpu' }] }), tainted)).toBeDefined()
  })
  it('ignores PreferNoSchedule', () => {
    expect(filterTaintToleration(makePod('p'), makeNodeInfo('n1', { taints: [{ key: 'k', effect: 'PreferNoSchedule' }] }))).toBeUndefined()
  })
})

describe('NodeAffinity filter (semantics.md §3.2)', () => {
  const ssd = makeNodeInfo('n1', { labels: { disk: 'ssd', cores: '16' } })
  const hdd = makeNodeInfo('n2', { labels: { disk: 'hdd', cores: '4' } })
  it('nodeSelector: every pair must match', () => {
    const pod = withSpec(makePod('p'), { nodeSelector: { disk: 'ssd' } })
    expect(filterNodeAffinity(pod, ssd)).toBeUndefined()
    expect(filterNodeAffinity(pod, hdd)?.reason).toBe("node(s) didn't match Pod's node affinity/selector")
  })
  it('required terms are ORed; Gt/Lt compare integers; NotIn matches an absent key', () => {
    const term = (key: string, operator: 'Gt' | 'Lt' | 'NotIn' | 'DoesNotExist', values?: string[]) => ({ matchExpressions: [{ key, operator, ...(values ? { values } : {}) }] })
    const affinity = (terms: object[]) => withSpec(makePod('p'), { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } } as never)
    expect(filterNodeAffinity(affinity([term('cores', 'Gt', ['8'])]), ssd)).toBeUndefined()
    expect(filterNodeAffinity(affinity([term('cores', 'Gt', ['8'])]), hdd)).toBeDefined()
    expect(filterNodeAffinity(affinity([term('cores', 'Gt', ['8']), term('cores', 'Lt', ['5'])]), hdd)).toBeUndefined()
    expect(filterNodeAffinity(affinity([term('zone', 'NotIn', ['a'])]), hdd)).toBeUndefined()
    expect(filterNodeAffinity(affinity([{}]), hdd)).toBeDefined() // an empty term matches nothing
  })
  it('matchFields metadata.name pins the candidate nodes in PreFilter', () => {
    const pod = withSpec(makePod('p'), {
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n2'] }] }] } } },
    } as never)
    expect(preFilterNodeAffinity(pod)).toEqual({ nodeNames: new Set(['n2']) })
    expect(filterNodeAffinity(pod, hdd)).toBeUndefined()
    expect(filterNodeAffinity(pod, ssd)).toBeDefined()
  })
})

describe('NodePorts', () => {
  it('rejects a host port already in use for the same protocol', () => {
    const withPort = (name: string, hostPort: number, hostIP?: string) =>
      ({ ...makePod(name), spec: { containers: [{ name: 'c', ports: [{ containerPort: 80, hostPort, ...(hostIP ? { hostIP } : {}) }] }] } }) as Pod
    const info = makeNodeInfo('n1', {}, [withPort('a', 8080, '10.0.0.1')])
    expect(filterNodePorts(withPort('b', 8080), info)?.reason).toBe("node(s) didn't have free ports for the requested pod ports")
    expect(filterNodePorts(withPort('b', 8080, '10.0.0.2'), info)).toBeUndefined()
    expect(filterNodePorts(withPort('b', 8081), info)).toBeUndefined()
  })
})

describe('NodeResourcesFit (semantics.md §3.2, Testable fact 4)', () => {
  it('reports one reason per short resource', () => {
    const info = makeNodeInfo('n1', { cpu: '2', memory: '2Gi' }, [makePod('a', { cpu: '1500m', memory: '1Gi', nodeName: 'n1' })])
    expect(filterNodeResourcesFit(makePod('p', { cpu: '1', memory: '2Gi' }), info)).toMatchObject({
      reasons: ['Insufficient cpu', 'Insufficient memory'],
      unresolvable: false,
    })
  })
  it('is unresolvable when the request exceeds the whole node', () => {
    expect(filterNodeResourcesFit(makePod('p', { cpu: '5' }), makeNodeInfo('n1'))).toMatchObject({ reasons: ['Insufficient cpu'], unresolvable: true })
  })
  it('rejects the 111th pod with Too many pods even without requests', () => {
    const pods = Array.from({ length: 110 }, (_, i) => makePod(`p${i}`, { nodeName: 'n1' }))
    expect(filterNodeResourcesFit(makePod('new'), makeNodeInfo('n1', {}, pods))?.reasons).toEqual(['Too many pods'])
  })
})

describe('PodTopologySpread filter (semantics.md §3.2)', () => {
  const spread = (extra: object = {}) =>
    withSpec(makePod('new', { labels: { app: 'web' } }), {
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } }, ...extra }],
    })
  const web = (name: string, node: string) => makePod(name, { labels: { app: 'web' }, nodeName: node })
  const a = makeNodeInfo('a', { labels: { zone: 'z1' } }, [web('w1', 'a')])
  const b = makeNodeInfo('b', { labels: { zone: 'z2' } })
  const nolabel = makeNodeInfo('c')
  it('rejects the domain that would exceed maxSkew, and nodes missing the key', () => {
    const pod = spread()
    const state = computeCycleState(pod, [a, b, nolabel]).topologySpread
    expect(filterPodTopologySpread(pod, a, state)?.reason).toBe("node(s) didn't match pod topology spread constraints")
    expect(filterPodTopologySpread(pod, b, state)).toBeUndefined()
    expect(filterPodTopologySpread(pod, nolabel, state)).toMatchObject({
      reason: "node(s) didn't match pod topology spread constraints (missing required label)",
      unresolvable: true,
    })
  })
  it('treats the global minimum as 0 while fewer than minDomains domains exist', () => {
    const pod = spread({ minDomains: 3 })
    const a2 = makeNodeInfo('a', { labels: { zone: 'z1' } }, [web('w1', 'a')])
    const b2 = makeNodeInfo('b', { labels: { zone: 'z2' } }, [web('w2', 'b')])
    const state = computeCycleState(pod, [a2, b2]).topologySpread
    expect(filterPodTopologySpread(pod, a2, state)).toBeDefined() // 1 + 1 - 0 > 1
  })
})

describe('InterPodAffinity filter (semantics.md §3.2)', () => {
  const term = { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname' }
  const db = (node: string) => makePod(`db-${node}`, { labels: { app: 'db' }, nodeName: node })
  it('required affinity needs a matching pod in the domain, except for the first of its kind', () => {
    const pod = withSpec(makePod('p'), { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } } })
    const n1 = makeNodeInfo('n1', {}, [db('n1')])
    const n2 = makeNodeInfo('n2')
    const state = computeCycleState(pod, [n1, n2]).interPodAffinity
    expect(filterInterPodAffinity(pod, n1, state)).toBeUndefined()
    expect(filterInterPodAffinity(pod, n2, state)).toMatchObject({ reason: "node(s) didn't match pod affinity rules", unresolvable: true })
    const self = withSpec(makePod('first', { labels: { app: 'db' } }), { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } } })
    expect(filterInterPodAffinity(self, n2, computeCycleState(self, [n2]).interPodAffinity)).toBeUndefined()
  })
  it("rejects by the pod's own anti-affinity and by existing pods' anti-affinity", () => {
    const pod = withSpec(makePod('p'), { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } } })
    const n1 = makeNodeInfo('n1', {}, [db('n1')])
    expect(filterInterPodAffinity(pod, n1, computeCycleState(pod, [n1]).interPodAffinity)?.reason).toBe("node(s) didn't match pod anti-affinity rules")
    const guard = withSpec(makePod('guard', { nodeName: 'n2' }), {
      affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }] } },
    })
    const n2 = makeNodeInfo('n2', {}, [guard])
    const webPod = makePod('w', { labels: { app: 'web' } })
    expect(filterInterPodAffinity(webPod, n2, computeCycleState(webPod, [n2]).interPodAffinity)?.reason).toBe("node(s) didn't satisfy existing pods anti-affinity rules")
  })
  it('terms default to the pod namespace', () => {
    const pod = withSpec(makePod('p', { namespace: 'other' }), { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } } })
    const n1 = makeNodeInfo('n1', {}, [db('n1')])
    expect(filterInterPodAffinity(pod, n1, computeCycleState(pod, [n1]).interPodAffinity)).toBeUndefined()
  })
})
