import { describe, expect, it } from 'vitest'
import type { Node } from '../../api/node'
import type { Pod } from '../../api/pod'
import { createRandom } from '../../sim/random'
import type { NodeColumns } from './framework'
import { addPod, createNodeInfo, setNode, updatePod, type NodeInfo } from './node-info'
import { planPlacement } from './schedule-one'
import { SchedulerSnapshot } from './snapshot'
import { makeNode, makePod } from './test-builders'

// The snapshot's columns remember each node's plain total between cycles. Status-only pod updates
// keep it (the node's numbers do not move); node changes (allocatable, cordon) must drop it. Either
// way the placements must be those of the column-less scan over plain NodeInfos, cycle for cycle.

const nodeName = (i: number) => `node-${String(i).padStart(3, '0')}`
const node = (i: number, version: number): Node =>
  makeNode(nodeName(i), {
    cpu: ['2', '4', '8'][(i + version) % 3],
    memory: i % 5 === 0 ? '4Gi' : '8Gi',
    ...((i + version) % 9 === 0 ? { unschedulable: true } : {}),
    // Tainted nodes pass the filters for some pods only (the remembered total must not skip them).
    ...(i % 4 === 1 ? { taints: [{ key: 'dedicated', effect: 'NoSchedule' as const }] } : {}),
  })
const withStatus = (pod: Pod, k: number): Pod => Object.freeze({ ...pod, status: { ...(pod.status ?? {}), phase: 'Pending', startTime: `t${k}` } }) as Pod

/** The scheduler's node cache, as the snapshot or as a plain NodeInfo list. */
interface Cache {
  infos(): readonly NodeInfo[]
  bind(name: string, pod: Pod): void
  statusUpdate(name: string, before: Pod, after: Pod): void
  nodeChanged(i: number, n: Node): void
  columns?: () => NodeColumns
}

function onSnapshot(): Cache {
  const snapshot = new SchedulerSnapshot()
  for (let i = 0; i < 120; i++) snapshot.setNode(node(i, 0))
  return {
    infos: () => snapshot.nodeInfos(),
    bind: (name, pod) => snapshot.addPod(name, pod),
    statusUpdate: (name, before, after) => snapshot.updatePod(name, before, after),
    nodeChanged: (_i, n) => void snapshot.setNode(n),
    columns: () => snapshot.columns(),
  }
}

function onNodeInfos(): Cache {
  let infos: NodeInfo[] = Array.from({ length: 120 }, (_, i) => createNodeInfo(node(i, 0)))
  const at = (name: string) => infos.findIndex((n) => n.name === name)
  const replace = (j: number, info: NodeInfo) => (infos = infos.map((n, x) => (x === j ? info : n)))
  return {
    infos: () => infos,
    bind: (name, pod) => replace(at(name), addPod(infos[at(name)], pod)),
    statusUpdate: (name, before, after) => replace(at(name), updatePod(infos[at(name)], before, after)),
    nodeChanged: (i, n) => replace(i, setNode(infos[i], n)),
  }
}

function run(cache: Cache): string[] {
  const random = createRandom(7)
  const summary = { podsWithAffinity: 0, podsWithRequiredAntiAffinity: 0, nodesWithImages: 0, nodesWithPreferNoScheduleTaints: 0 }
  const bound: { name: string; pod: Pod }[] = []
  let next = 0
  const out: string[] = []
  for (let k = 0; k < 500; k++) {
    // Mostly one request (remembered totals get reused), now and then another.
    const tolerations = k % 2 === 0 ? [{ key: 'dedicated', operator: 'Exists' as const, effect: 'NoSchedule' as const }] : undefined
    const pod = Object.freeze(makePod(`p${k}`, { uid: `uid-p${k}`, cpu: k % 6 === 0 ? '1' : '100m', memory: '300Mi', ...(tolerations ? { spec: { tolerations } } : {}) }))
    const infos = cache.infos()
    const columns = cache.columns?.()
    const plan = planPlacement(pod, infos, { random, nextStartNodeIndex: next, summary, ...(columns ? { columns } : {}) })
    next = plan.nextStartNodeIndex
    if (plan.kind !== 'bind') out.push('-')
    else {
      out.push(`${plan.nodeName}/${plan.evaluatedNodes}/${plan.feasibleNodes}`)
      const placed = Object.freeze({ ...pod, spec: Object.freeze({ ...pod.spec, nodeName: plan.nodeName }) }) as Pod
      cache.bind(plan.nodeName, placed)
      bound.push({ name: plan.nodeName, pod: placed })
    }
    // The kubelet's status write of an earlier pod (same spec, new object).
    if (bound.length > 0) {
      const b = bound[(k * 7) % bound.length]
      const after = withStatus(b.pod, k)
      cache.statusUpdate(b.name, b.pod, after)
      b.pod = after
    }
    // Now and then a node's allocatable or cordon changes while its pods stay.
    if (k % 3 === 0) cache.nodeChanged((k * 13) % 120, node((k * 13) % 120, k / 3))
  }
  return out
}

describe('snapshot columns across status updates and node changes', () => {
  it('place exactly as the scan over plain NodeInfos', () => {
    const expected = run(onNodeInfos())
    expect(expected.filter((p) => p !== '-').length).toBeGreaterThan(100)
    expect(run(onSnapshot())).toEqual(expected)
  })
})
