// semantics.md §3.3 (Scoring): exact integer formulas of each default score plugin.
import { describe, expect, it } from 'vitest'
import type { Pod } from '../../api/pod'
import { defaultNamespaceLabels } from './affinity-term'
import { scoreBalancedAllocation } from './score-balanced-allocation'
import { calculateImagePriority, scoreImageLocality } from './score-image-locality'
import { scoreInterPodAffinity } from './score-inter-pod-affinity'
import { scoreNodeAffinity } from './score-node-affinity'
import { scoreNodeResourcesFit } from './score-node-resources-fit'
import { scorePodTopologySpread } from './score-pod-topology-spread'
import { scoreTaintToleration } from './score-taint-toleration'
import { makeNodeInfo, makePod } from './test-builders'

const withSpec = (pod: Pod, spec: Partial<Pod['spec']>): Pod => ({ ...pod, spec: { ...pod.spec, ...spec } })

describe('Testable facts (3) #1: LeastAllocated and BalancedAllocation', () => {
  const a = makeNodeInfo('a', { cpu: '4000m', memory: '8Gi' }, [makePod('old', { cpu: '2000m', memory: '4Gi', nodeName: 'a' })])
  const b = makeNodeInfo('b', { cpu: '4000m', memory: '8Gi' })
  const pod = makePod('new', { cpu: '1000m', memory: '1Gi' })
  it('LeastAllocated: A = (25 + 37) / 2 = 31, B = (75 + 87) / 2 = 81', () => {
    expect(scoreNodeResourcesFit(pod, [a, b])).toEqual([31, 81])
  })
  it('BalancedAllocation: 93 on both', () => {
    expect(scoreBalancedAllocation(pod, [a, b])).toEqual([93, 93])
  })
  it('LeastAllocated counts pods without requests as 100m / 200Mi', () => {
    const busy = makeNodeInfo('c', { cpu: '1', memory: '1000Mi' }, [makePod('x', { nodeName: 'c' })])
    // cpu (1000 - 200) * 100 / 1000 = 80; memory (1000Mi - 400Mi) * 100 / 1000Mi = 60 → 70
    expect(scoreNodeResourcesFit(makePod('y'), [busy])).toEqual([70])
  })
  it('BalancedAllocation skips best-effort pods', () => {
    expect(scoreBalancedAllocation(makePod('y'), [a, b])).toEqual([0, 0])
  })
})

describe('TaintToleration score', () => {
  it('reverse-normalizes untolerated PreferNoSchedule taints', () => {
    const n0 = makeNodeInfo('n0')
    const n1 = makeNodeInfo('n1', { taints: [{ key: 'a', effect: 'PreferNoSchedule' }] })
    const n2 = makeNodeInfo('n2', { taints: [{ key: 'a', effect: 'PreferNoSchedule' }, { key: 'b', effect: 'PreferNoSchedule' }] })
    expect(scoreTaintToleration(makePod('p'), [n0, n1, n2])).toEqual([100, 50, 0])
    const tolerant = withSpec(makePod('p'), { tolerations: [{ key: 'a', operator: 'Exists' }] })
    expect(scoreTaintToleration(tolerant, [n0, n1, n2])).toEqual([100, 100, 0])
  })
})

describe('NodeAffinity score', () => {
  it('normalizes summed preferred weights by the maximum', () => {
    const pod = withSpec(makePod('p'), {
      affinity: {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 80, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } },
            { weight: 20, preference: { matchExpressions: [{ key: 'zone', operator: 'Exists' }] } },
          ],
        },
      },
    })
    const nodes = [makeNodeInfo('a', { labels: { disk: 'ssd', zone: 'z' } }), makeNodeInfo('b', { labels: { disk: 'ssd' } }), makeNodeInfo('c', { labels: { zone: 'z' } })]
    expect(scoreNodeAffinity(pod, nodes)).toEqual([100, 80, 20])
  })
})

describe('PodTopologySpread score (system defaults)', () => {
  it('prefers the host and zone with fewer matching pods', () => {
    const web = (n: string, node: string) => makePod(n, { labels: { app: 'web' }, nodeName: node })
    const a = makeNodeInfo('a', { labels: { 'topology.kubernetes.io/zone': 'z1' } }, [web('w1', 'a'), web('w2', 'a')])
    const b = makeNodeInfo('b', { labels: { 'topology.kubernetes.io/zone': 'z2' } })
    const scores = scorePodTopologySpread(makePod('new', { labels: { app: 'web' } }), [a, b], [a, b], { matchLabels: { app: 'web' } })
    expect(scores[1]).toBe(100)
    expect(scores[0]).toBeLessThan(scores[1])
  })
  it('is skipped without constraints or a default selector', () => {
    const a = makeNodeInfo('a')
    expect(scorePodTopologySpread(makePod('p'), [a], [a], undefined)).toEqual([0])
  })
})

describe('InterPodAffinity score', () => {
  it('min-max normalizes preferred affinity weights per topology domain', () => {
    const pod = withSpec(makePod('p'), {
      affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: { labelSelector: { matchLabels: { app: 'cache' } }, topologyKey: 'kubernetes.io/hostname' } }] } },
    })
    const a = makeNodeInfo('a', {}, [makePod('c', { labels: { app: 'cache' }, nodeName: 'a' })])
    const b = makeNodeInfo('b')
    expect(scoreInterPodAffinity(pod, [a, b], [a, b], defaultNamespaceLabels)).toEqual([100, 0])
  })
})

describe('ImageLocality score', () => {
  it('scales image sizes by spread and clamps to the 23 MiB .. 1000 MiB x containers window', () => {
    const MiB = 1024 * 1024
    expect(calculateImagePriority(0, 1)).toBe(0)
    expect(calculateImagePriority(1000 * MiB, 1)).toBe(100)
    const a = makeNodeInfo('a', { images: [{ names: ['nginx:1.25'], sizeBytes: 500 * MiB }] })
    const b = makeNodeInfo('b')
    // spread 1/2: 250 MiB → (250 - 23) * 100 / (1000 - 23) = 23
    expect(scoreImageLocality(makePod('p'), [a, b], [a, b])).toEqual([23, 0])
  })
})
