// Pure DaemonSet planners: node eligibility with the automatic tolerations, per-node plan, rolling
// update and status counters (semantics §7).
import { describe, expect, it } from 'vitest'
import type { DaemonSet } from '../../api/daemon-set'
import type { Node } from '../../api/node'
import type { Pod } from '../../api/pod'
import { computeNodeDecision, withDaemonTolerations } from './node-eligibility'
import { planDaemonSet, scaleIntOrPercent } from './plan-daemon-set'

const node = (name: string, extra: Partial<Node['spec']> = {}, labels: Record<string, string> = {}): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } },
  spec: { ...extra },
})
const ds = (spec: Partial<DaemonSet['spec']['template']['spec']> = {}, strategy?: DaemonSet['spec']['updateStrategy']): DaemonSet => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent', namespace: 'default', generation: 1 },
  spec: {
    selector: { matchLabels: { app: 'agent' } },
    template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'agent:1' }], ...spec } },
    updateStrategy: strategy ?? { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
  },
})
let seq = 0
const pod = (nodeName: string, hash: string, ready = true, created = '2025-01-01T00:00:00Z'): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: `agent-${++seq}`, namespace: 'default', creationTimestamp: created, labels: { app: 'agent', 'controller-revision-hash': hash } },
  spec: { nodeName, containers: [{ name: 'a', image: 'agent' }] },
  status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: created }] },
})

describe('node eligibility (§7.2–7.3)', () => {
  it('adds the automatic tolerations; network-unavailable only with hostNetwork', () => {
    expect(withDaemonTolerations({ containers: [] }).map((t) => `${t.key}:${t.effect}`)).toEqual([
      'node.kubernetes.io/not-ready:NoExecute',
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule',
      'node.kubernetes.io/pid-pressure:NoSchedule',
      'node.kubernetes.io/unschedulable:NoSchedule',
    ])
    expect(withDaemonTolerations({ containers: [], hostNetwork: true })).toHaveLength(7)
  })
  it('skips untolerated NoSchedule taints but keeps running pods; NoExecute evicts', () => {
    const tpl = ds().spec.template.spec
    expect(computeNodeDecision(tpl, node('n', { taints: [{ key: 'dedicated', value: 'infra', effect: 'NoSchedule' }] }))).toEqual({ shouldRun: false, shouldContinueRunning: true })
    expect(computeNodeDecision(tpl, node('n', { taints: [{ key: 'dedicated', value: 'infra', effect: 'NoExecute' }] }))).toEqual({ shouldRun: false, shouldContinueRunning: false })
    expect(computeNodeDecision(tpl, node('n', { unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] }))).toEqual({ shouldRun: true, shouldContinueRunning: true })
  })
  it('honours nodeSelector and required node affinity', () => {
    const tpl = ds({ nodeSelector: { disk: 'ssd' } }).spec.template.spec
    expect(computeNodeDecision(tpl, node('a', {}, { disk: 'ssd' })).shouldRun).toBe(true)
    expect(computeNodeDecision(tpl, node('b')).shouldRun).toBe(false)
    const aff = ds({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['x'] }] }] } } } }).spec.template.spec
    expect(computeNodeDecision(aff, node('a', {}, { zone: 'x' })).shouldRun).toBe(true)
    expect(computeNodeDecision(aff, node('a', {}, { zone: 'y' })).shouldRun).toBe(false)
  })
})

describe('planDaemonSet (§7.5–7.7)', () => {
  const nodes = ['n1', 'n2', 'n3', 'n4'].map((n) => node(n))
  it('creates one pod per eligible node without one', () => {
    const byNode = new Map([['n2', [pod('n2', 'h1')]]])
    const plan = planDaemonSet(ds(), { nodes, podsByNode: byNode, hash: 'h1', nowMs: 0 })
    expect(plan.create).toEqual(['n1', 'n3', 'n4'])
    expect(plan.status).toMatchObject({ desiredNumberScheduled: 4, currentNumberScheduled: 1, numberReady: 1, numberAvailable: 1, updatedNumberScheduled: 1, numberUnavailable: 3, numberMisscheduled: 0 })
  })
  it('rolls one node at a time with maxUnavailable 1, waiting for the new pod to be available', () => {
    const all = new Map(nodes.map((n) => [n.metadata.name!, [pod(n.metadata.name!, 'old')]]))
    const first = planDaemonSet(ds(), { nodes, podsByNode: all, hash: 'new', nowMs: 0 })
    expect(first.delete.map((p) => p.spec.nodeName)).toEqual(['n1'])
    expect(first.create).toEqual([])
    // n1 has an unready new pod: nothing else is touched.
    const rolling = new Map(all)
    rolling.set('n1', [pod('n1', 'new', false)])
    expect(planDaemonSet(ds(), { nodes, podsByNode: rolling, hash: 'new', nowMs: 0 }).delete).toEqual([])
    rolling.set('n1', [pod('n1', 'new', true)])
    expect(planDaemonSet(ds(), { nodes, podsByNode: rolling, hash: 'new', nowMs: 0 }).delete.map((p) => p.spec.nodeName)).toEqual(['n2'])
  })
  it('scales percentages up: 10% of 5 nodes is 1', () => {
    expect(scaleIntOrPercent('10%', 5, 0)).toBe(1)
    expect(scaleIntOrPercent('25%', 10, 0)).toBe(3)
  })
  it('surges a new pod next to the old one with maxSurge 1, then deletes the old once available', () => {
    const strategy = { type: 'RollingUpdate' as const, rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } }
    const all = new Map(nodes.map((n) => [n.metadata.name!, [pod(n.metadata.name!, 'old')]]))
    const first = planDaemonSet(ds({}, strategy), { nodes, podsByNode: all, hash: 'new', nowMs: 0 })
    expect(first.create).toEqual(['n1'])
    expect(first.delete).toEqual([])
    const old = all.get('n1')![0]
    all.set('n1', [old, pod('n1', 'new', true, '2025-01-01T00:00:05Z')])
    const second = planDaemonSet(ds({}, strategy), { nodes, podsByNode: all, hash: 'new', nowMs: 10_000 })
    expect(second.delete).toEqual([old])
  })
  it('deletes pods on nodes that stop matching and counts them as misscheduled', () => {
    const d = ds({ nodeSelector: { role: 'log' } })
    const plan = planDaemonSet(d, { nodes: [node('n1', {}, { role: 'log' }), node('n2')], podsByNode: new Map([['n1', [pod('n1', 'h')]], ['n2', [pod('n2', 'h')]]]), hash: 'h', nowMs: 0 })
    expect(plan.delete.map((p) => p.spec.nodeName)).toEqual(['n2'])
    expect(plan.status.numberMisscheduled).toBe(1)
    expect(plan.status.desiredNumberScheduled).toBe(1)
  })
})
