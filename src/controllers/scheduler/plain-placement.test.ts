import { describe, expect, it } from 'vitest'
import { createRandom } from '../../sim/random'
import { addPod, createNodeInfo, type NodeInfo } from './node-info'
import { planPlacement } from './schedule-one'
import { computeNodeColumns, SchedulerSnapshot } from './snapshot'
import { makeNode, makePod } from './test-builders'

// The plain path (taken when a summary is given) must place exactly like the general path.
function run(withSummary: boolean, withColumns = false): string[] {
  let infos: NodeInfo[] = Array.from({ length: 150 }, (_, i) =>
    createNodeInfo(makeNode(`node-${String(i).padStart(3, '0')}`, { cpu: i % 3 === 0 ? '2' : '4', memory: i % 5 === 0 ? '4Gi' : '8Gi', ...(i % 7 === 0 ? { unschedulable: true } : {}), ...(i % 11 === 0 ? { taints: [{ key: 'k', effect: 'NoSchedule' as const }] } : {}) })),
  )
  const random = createRandom(42)
  const summary = { podsWithAffinity: 0, podsWithRequiredAntiAffinity: 0, nodesWithImages: 0, nodesWithPreferNoScheduleTaints: 0 }
  let next = 0
  const out: string[] = []
  for (let k = 0; k < 400; k++) {
    const pod = Object.freeze(makePod(`p${k}`, { cpu: ['100m', '250m', '1'][k % 3], ...(k % 4 === 0 ? {} : { memory: '300Mi' }) }))
    const plan = planPlacement(pod, infos, { random, nextStartNodeIndex: next, ...(withSummary ? { summary } : {}), ...(withColumns ? { columns: computeNodeColumns(infos) } : {}) })
    next = plan.nextStartNodeIndex
    if (plan.kind !== 'bind') {
      out.push('-')
      continue
    }
    out.push(`${plan.nodeName}/${plan.evaluatedNodes}/${plan.feasibleNodes}`)
    const i = infos.findIndex((n) => n.name === plan.nodeName)
    infos = infos.map((n, j) => (j === i ? addPod(n, { ...pod, spec: { ...pod.spec, nodeName: plan.nodeName } }) : n))
  }
  return out
}

// The same with the scheduler's snapshot: columns (and the totals they remember) kept across cycles.
function runOnSnapshot(): string[] {
  const snapshot = new SchedulerSnapshot()
  for (let i = 0; i < 150; i++)
    snapshot.setNode(makeNode(`node-${String(i).padStart(3, '0')}`, { cpu: i % 3 === 0 ? '2' : '4', memory: i % 5 === 0 ? '4Gi' : '8Gi', ...(i % 7 === 0 ? { unschedulable: true } : {}), ...(i % 11 === 0 ? { taints: [{ key: 'k', effect: 'NoSchedule' as const }] } : {}) }))
  const random = createRandom(42)
  let next = 0
  const out: string[] = []
  for (let k = 0; k < 400; k++) {
    const pod = Object.freeze(makePod(`p${k}`, { cpu: ['100m', '250m', '1'][k % 3], ...(k % 4 === 0 ? {} : { memory: '300Mi' }) }))
    const plan = planPlacement(pod, snapshot.nodeInfos(), { random, nextStartNodeIndex: next, summary: snapshot.summary, columns: snapshot.columns() })
    next = plan.nextStartNodeIndex
    if (plan.kind !== 'bind') {
      out.push('-')
      continue
    }
    out.push(`${plan.nodeName}/${plan.evaluatedNodes}/${plan.feasibleNodes}`)
    snapshot.addPod(plan.nodeName, { ...pod, spec: { ...pod.spec, nodeName: plan.nodeName } })
  }
  return out
}

describe('plain placement', () => {
  it('places the same with the snapshot columns kept across cycles', () => {
    expect(runOnSnapshot()).toEqual(run(false))
  })
  it('chooses the same nodes, with the same counts and random draws, as the general path', () => {
    const general = run(false)
    expect(run(true)).toEqual(general)
    expect(run(true, true)).toEqual(general)
  })
})
