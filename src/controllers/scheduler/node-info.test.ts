// semantics.md §3.2 (Fit details: effective pod request incl. init containers, sidecars, overhead) and
// NodeInfo bookkeeping used by every filter and score.
import { describe, expect, it } from 'vitest'
import type { Pod } from '../../api/pod'
import { addPod, createNodeInfo, removePod, updatePod } from './node-info'
import { podRequests } from './pod-requests'
import { makeNode, makePod } from './test-builders'

function podWith(spec: Partial<Pod['spec']>): Pod {
  return { ...makePod('p'), spec: { containers: [], ...spec } } as Pod
}
const c = (name: string, cpu: string, memory?: string, restartPolicy?: string) => ({
  name,
  resources: { requests: { cpu, ...(memory ? { memory } : {}) } },
  ...(restartPolicy ? { restartPolicy } : {}),
})

describe('podRequests (semantics.md §3.2, resourcehelper.PodRequests)', () => {
  it('sums app containers', () => {
    expect(podRequests(podWith({ containers: [c('a', '250m', '64Mi'), c('b', '750m', '64Mi')] }))).toMatchObject({ milliCpu: 1000, memoryBytes: 128 * 1024 * 1024 })
  })
  it('takes the larger of the app sum and the biggest regular init container', () => {
    const pod = podWith({ initContainers: [c('init', '2')], containers: [c('a', '500m')] })
    expect(podRequests(pod).milliCpu).toBe(2000)
  })
  it('adds sidecars to the app sum and to every later init container', () => {
    // sidecar 300m, then init 1000m (runs beside the sidecar: 1300m), app 500m + sidecar 300m = 800m.
    const pod = podWith({ initContainers: [c('side', '300m', undefined, 'Always'), c('init', '1')], containers: [c('a', '500m')] })
    expect(podRequests(pod).milliCpu).toBe(1300)
    const later = podWith({ initContainers: [c('init', '1'), c('side', '300m', undefined, 'Always')], containers: [c('a', '900m')] })
    expect(podRequests(later).milliCpu).toBe(1200)
  })
  it('adds spec.overhead', () => {
    expect(podRequests(podWith({ containers: [c('a', '100m')], overhead: { cpu: '250m' } })).milliCpu).toBe(350)
  })
  it('non-zero variant fills missing cpu/memory with 100m / 200Mi (semantics.md §3.3)', () => {
    const r = podRequests(podWith({ containers: [{ name: 'a' }, c('b', '0')] }), { nonZero: true })
    expect(r.milliCpu).toBe(100) // explicit 0 stays 0
    expect(r.memoryBytes).toBe(2 * 200 * 1024 * 1024)
  })
})

describe('NodeInfo', () => {
  it('adds and removes pods incrementally, skipping terminal pods', () => {
    const node = makeNode('n1')
    const a = makePod('a', { cpu: '1', memory: '1Gi', nodeName: 'n1' })
    const b = makePod('b', { nodeName: 'n1' })
    const done = { ...makePod('done', { cpu: '1', nodeName: 'n1' }), status: { phase: 'Succeeded' as const } }
    let info = createNodeInfo(node, [a, done])
    expect(info.podCount).toBe(1)
    expect(info.requestedMilliCpu).toBe(1000)
    info = addPod(info, b)
    expect(info.podCount).toBe(2)
    expect(info.requestedMilliCpu).toBe(1000)
    expect(info.nonZeroRequested.milliCpu).toBe(1100)
    info = removePod(info, a)
    expect(info.podCount).toBe(1)
    expect(info.requestedMilliCpu).toBe(0)
    expect(info.requestedMemoryBytes).toBe(0)
    expect(info.allocatable).toMatchObject({ milliCpu: 4000, pods: 110 })
  })
  it('updates a pod as removing the old version and adding the new one', () => {
    const a = makePod('a', { cpu: '300m', memory: '1Gi', nodeName: 'n1' })
    const b = makePod('b', { cpu: '1', nodeName: 'n1' })
    const c = makePod('c', { nodeName: 'n1' })
    const info = createNodeInfo(makeNode('n1'), [a, b, c])
    const withPorts = { ...b, spec: { ...b.spec, containers: [{ name: 'c', ports: [{ containerPort: 80, hostPort: 80 }] }] } } as Pod
    const cases: [Pod, Pod][] = [
      [b, { ...b, status: { phase: 'Running', podIP: '10.0.0.1' } }], // status only
      [b, { ...b, spec: { ...b.spec, containers: [{ name: 'c', resources: { requests: { cpu: '2' } } }] } }], // resized
      [b, { ...b, status: { phase: 'Succeeded' } }], // finished
      [b, withPorts],
      [b, { ...b, metadata: { ...b.metadata, uid: 'other' } }], // recreated
      [b, { ...a }], // another pod's identity, already held
      [makePod('absent'), makePod('d', { cpu: '100m' })],
    ]
    for (const [before, after] of cases) expect(updatePod(info, before, after)).toEqual(addPod(removePod(info, before), after))
  })
  it('tracks host ports', () => {
    const p = { ...makePod('p'), spec: { containers: [{ name: 'c', ports: [{ containerPort: 80, hostPort: 8080 }] }] } } as Pod
    const info = addPod(createNodeInfo(makeNode('n1')), p)
    expect(info.usedHostPorts).toEqual([{ hostIP: '0.0.0.0', protocol: 'TCP', hostPort: 8080 }])
    expect(removePod(info, p).usedHostPorts).toEqual([])
  })
})

describe('NodeInfo from shared status lists', () => {
  // Store nodes share one frozen allocatable list and one images list (read once per list object).
  const deepFreeze = <T>(o: T): T => {
    if (o && typeof o === 'object' && !Object.isFrozen(o)) {
      for (const v of Object.values(o)) deepFreeze(v)
      Object.freeze(o)
    }
    return o
  }
  const options = { cpu: '3500m', memory: '7Gi', pods: '64', images: [{ names: ['nginx:1.25', 'nginx@sha256:1'], sizeBytes: 1000 }, { names: ['pause'] }] }
  it('reads the same numbers and images as from the node’s own copies', () => {
    const shared = deepFreeze(makeNode('a', options))
    const sibling = deepFreeze({ ...makeNode('b', options), status: shared.status })
    const own = createNodeInfo(makeNode('b', options))
    for (const node of [shared, sibling, shared]) {
      const info = createNodeInfo(node)
      expect(info.allocatable).toEqual(own.allocatable)
      expect([...info.imageNames]).toEqual([...own.imageNames])
      expect([...info.imageSizes]).toEqual([...own.imageSizes])
    }
    // Another list (another node size) is read on its own.
    const bigger = createNodeInfo(deepFreeze(makeNode('c', { ...options, cpu: '8' })))
    expect(bigger.allocatable.milliCpu).toBe(8000)
    expect(createNodeInfo(shared).allocatable.milliCpu).toBe(3500)
  })
  it('gives no images to a node that reports none', () => {
    const info = createNodeInfo(deepFreeze(makeNode('d')))
    expect(info.imageNames.size).toBe(0)
    expect(info.imageSizes.size).toBe(0)
  })
})
