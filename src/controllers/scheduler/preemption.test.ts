// semantics.md §3.6 (Priority and preemption): victim selection and candidate node ordering.
import { describe, expect, it } from 'vitest'
import { planPreemption } from './preemption'
import { makeNodeInfo, makePod } from './test-builders'

const names = (pods: { metadata: { name?: string } }[]) => pods.map((p) => p.metadata.name)

describe('planPreemption (semantics.md §3.6)', () => {
  it('chooses the node whose victims have the lowest priority', () => {
    const nodes = [
      makeNodeInfo('n1', { cpu: '2' }, [makePod('mid', { cpu: '2', nodeName: 'n1', priority: 100 })]),
      makeNodeInfo('n2', { cpu: '2' }, [makePod('low', { cpu: '2', nodeName: 'n2', priority: 10 })]),
      makeNodeInfo('n3', { cpu: '2' }, [makePod('same', { cpu: '2', nodeName: 'n3', priority: 1000 })]),
    ]
    const plan = planPreemption(makePod('p', { cpu: '1', priority: 1000 }), nodes)
    expect(plan?.nodeName).toBe('n2')
    expect(names(plan!.victims)).toEqual(['low'])
  })
  it('evicts only as many pods as needed, reprieving the most important first', () => {
    const node = makeNodeInfo('n1', { cpu: '3' }, [
      makePod('a', { cpu: '1', nodeName: 'n1', priority: 1 }),
      makePod('b', { cpu: '1', nodeName: 'n1', priority: 5 }),
      makePod('c', { cpu: '1', nodeName: 'n1', priority: 3 }),
    ])
    const plan = planPreemption(makePod('p', { cpu: '1', priority: 10 }), [node])
    expect(names(plan!.victims)).toEqual(['a'])
  })
  it('prefers fewer victims when the highest victim priorities tie', () => {
    const nodes = [
      makeNodeInfo('n1', { cpu: '2' }, [makePod('x1', { cpu: '1', nodeName: 'n1', priority: 1 }), makePod('x2', { cpu: '1', nodeName: 'n1', priority: 1 })]),
      makeNodeInfo('n2', { cpu: '2' }, [makePod('y', { cpu: '2', nodeName: 'n2', priority: 1 })]),
    ]
    expect(planPreemption(makePod('p', { cpu: '2', priority: 10 }), nodes)?.nodeName).toBe('n2')
  })
  it('never preempts equal or higher priority pods, nor for preemptionPolicy Never', () => {
    const nodes = [makeNodeInfo('n1', { cpu: '1' }, [makePod('eq', { cpu: '1', nodeName: 'n1', priority: 10 })])]
    expect(planPreemption(makePod('p', { cpu: '1', priority: 10 }), nodes)).toBeUndefined()
    const low = [makeNodeInfo('n1', { cpu: '1' }, [makePod('low', { cpu: '1', nodeName: 'n1', priority: 1 })])]
    expect(planPreemption(makePod('p', { cpu: '1', priority: 10, spec: { preemptionPolicy: 'Never' } }), low)).toBeUndefined()
  })
  it('does not help on nodes rejected for unresolvable reasons, nor when the pod already fits', () => {
    const tainted = [makeNodeInfo('n1', { cpu: '1', taints: [{ key: 'k', effect: 'NoSchedule' }] }, [makePod('low', { cpu: '1', nodeName: 'n1', priority: 1 })])]
    expect(planPreemption(makePod('p', { cpu: '1', priority: 10 }), tainted)).toBeUndefined()
    expect(planPreemption(makePod('p', { cpu: '1', priority: 10 }), [makeNodeInfo('free')])).toBeUndefined()
  })
  it('resolves priorityClassName through the priorities table', () => {
    const nodes = [makeNodeInfo('n1', { cpu: '1' }, [makePod('low', { cpu: '1', nodeName: 'n1', spec: { priorityClassName: 'batch' } })])]
    const pod = makePod('p', { cpu: '1', spec: { priorityClassName: 'critical' } })
    expect(planPreemption(pod, nodes, { priorities: { batch: 1, critical: 1000 } })?.nodeName).toBe('n1')
  })
  it('reprieves a victim whose removal would not help anti-affinity-wise (cross-node state is updated)', () => {
    const spreadPod = (name: string, node: string, priority: number) =>
      makePod(name, { labels: { app: 'web' }, cpu: '1', nodeName: node, priority })
    const pod = {
      ...makePod('p', { labels: { app: 'web' }, cpu: '1', priority: 100 }),
    }
    pod.spec = {
      ...pod.spec,
      affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }] } },
    }
    const nodes = [makeNodeInfo('n1', { cpu: '2' }, [spreadPod('w', 'n1', 1), makePod('other', { cpu: '1', nodeName: 'n1', priority: 1 })])]
    // Removing 'w' lifts the anti-affinity and frees 1 CPU; 'other' can stay.
    expect(names(planPreemption(pod, nodes)!.victims)).toEqual(['w'])
  })
})
