import { describe, expect, it } from 'vitest'
import type { LabelSelector } from '../../api/meta'
import type { Node } from '../../api/node'
import type { Pod } from '../../api/pod'
import { createRandom, type Random } from '../../sim/random'
import { deepFreeze } from '../../store/json'
import { LABEL_HOSTNAME, LABEL_TOPOLOGY_ZONE } from './framework'
import { planPlacement } from './schedule-one'
import { SchedulerSnapshot } from './snapshot'
import { makeNode, makePod, seededRandom } from './test-builders'
import { countMatchingPods } from './topology-spread-constraint'

// The plain path with system default spreading (summary, columns and the snapshot's running counts)
// must place exactly like the general path (no summary: every plugin scores, pods are counted).

interface App {
  namespace: string
  labels: Record<string, string>
  selector: LabelSelector
}

// Frozen, as the scheduler's selectors are (the snapshot then finds their counts by identity).
const APPS: App[] = deepFreeze<App[]>([
  { namespace: 'default', labels: { app: 'web', tier: 'front' }, selector: { matchLabels: { app: 'web' } } },
  { namespace: 'default', labels: { app: 'api', 'pod-template-hash': 'h1' }, selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['api'] }, { key: 'pod-template-hash', operator: 'In', values: ['h1'] }] } },
  { namespace: 'other', labels: { app: 'web' }, selector: { matchLabels: { app: 'web' } } },
  { namespace: 'other', labels: { app: 'db', role: 'primary' }, selector: { matchLabels: { app: 'db' }, matchExpressions: [{ key: 'role', operator: 'NotIn', values: ['replica'] }] } },
  // No equality requirement: counted against every pod of the namespace.
  { namespace: 'default', labels: { batch: 'b' }, selector: { matchExpressions: [{ key: 'batch', operator: 'Exists' }] } },
])

const ZONES = ['z-a', 'z-b', 'z-c', '']

function node(r: Random, i: number): Node {
  const name = `node-${String(i).padStart(3, '0')}`
  const zone = r.int(6) === 0 ? undefined : r.pick(ZONES)
  const n = makeNode(name, {
    cpu: r.pick(['2', '4', '8']),
    memory: r.pick(['4Gi', '8Gi']),
    pods: r.pick(['20', '110']),
    ...(zone !== undefined ? { labels: { [LABEL_TOPOLOGY_ZONE]: zone } } : {}),
    ...(r.int(9) === 0 ? { unschedulable: true } : {}),
    ...(r.int(10) === 0 ? { taints: [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' as const }] } : {}),
  })
  if (r.int(15) === 0) delete n.metadata.labels![LABEL_HOSTNAME]
  return n
}

function podOf(r: Random, k: number, app: App): Pod {
  const labels = r.int(8) === 0 ? { ...app.labels, role: 'replica' } : app.labels
  return makePod(`p${k}`, {
    namespace: app.namespace,
    labels,
    cpu: r.pick(['100m', '250m', '500m']),
    ...(r.int(4) === 0 ? {} : { memory: r.pick(['128Mi', '300Mi']) }),
    ...(r.int(7) === 0 ? { spec: { tolerations: [{ key: 'dedicated', operator: 'Exists' as const }] } } : {}),
  })
}

function expectCountsAsPods(snapshot: SchedulerSnapshot): void {
  const infos = snapshot.nodeInfos()
  for (const app of APPS) {
    const counts = snapshot.defaultSpreadCounts(app.namespace, app.selector)
    const inZone = new Map<number, number>()
    infos.forEach((info, i) => {
      const n = countMatchingPods(info.pods, app.selector, app.namespace)
      expect(counts.podsOnNode[i]).toBe(n)
      const z = counts.nodeZone[i]
      expect(z >= 0).toBe(Object.prototype.hasOwnProperty.call(info.node.metadata.labels ?? {}, LABEL_TOPOLOGY_ZONE))
      if (z >= 0) inZone.set(z, (inZone.get(z) ?? 0) + n)
    })
    for (const [z, n] of inZone) expect(counts.podsInZone[z]).toBe(n)
  }
}

function run(seed: number): { fast: number } {
  const r = createRandom(seed)
  const snapshot = new SchedulerSnapshot()
  let nodeCount = 150
  for (let i = 0; i < nodeCount; i++) snapshot.setNode(node(r, i))
  const fastRandom = seededRandom(seed)
  const generalRandom = seededRandom(seed)
  const bound: { pod: Pod; nodeName: string }[] = []
  // Pods already running before any counts are asked for (they are found by the first count).
  for (let k = 0; k < 100; k++) {
    const pod = podOf(r, -k - 1, r.pick(APPS))
    const nodeName = r.pick(snapshot.nodeInfos()).name
    const placed = { ...pod, metadata: { ...pod.metadata, ...(k % 9 === 0 ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) }, spec: { ...pod.spec, nodeName } }
    snapshot.addPod(nodeName, placed)
    bound.push({ pod: placed, nodeName })
  }
  let next = 0
  const paths = { fast: 0 }
  for (let k = 0; k < 500; k++) {
    const app = r.pick(APPS)
    const pod = podOf(r, k, app)
    const infos = snapshot.nodeInfos()
    const base = { nextStartNodeIndex: next, defaultSpreadSelector: app.selector }
    const fast = planPlacement(pod, infos, { ...base, random: fastRandom, summary: snapshot.summary, columns: snapshot.columns(), defaultSpreadCounts: (ns, s) => snapshot.defaultSpreadCounts(ns, s) })
    const general = planPlacement(pod, infos, { ...base, random: generalRandom, preemption: false })
    const outcome = (p: typeof fast) => (p.kind === 'bind' ? `${p.nodeName}/${p.evaluatedNodes}/${p.feasibleNodes}/${p.nextStartNodeIndex}` : `-/${p.nextStartNodeIndex}`)
    expect(outcome(fast), `seed ${seed} pod ${k}`).toBe(outcome(general))
    expect(fastRandom.draws).toBe(generalRandom.draws)
    // The general path keeps per-node scores, the plain path does not: count cycles where both scored.
    if (general.kind === 'bind' && general.scores.length > 0 && fast.kind === 'bind' && fast.scores.length === 0) paths.fast++
    next = general.nextStartNodeIndex
    if (general.kind === 'bind') {
      const placed = { ...pod, spec: { ...pod.spec, nodeName: general.nodeName }, status: { phase: 'Running' as const } }
      snapshot.addPod(general.nodeName, placed)
      bound.push({ pod: placed, nodeName: general.nodeName })
    }
    // Churn between cycles: pods removed, terminating, finished or relabelled; nodes relabelled, removed, added.
    const churn = r.int(10)
    if (bound.length > 0 && churn < 5) {
      const j = r.int(bound.length)
      const { pod: before, nodeName } = bound[j]
      if (churn === 0) {
        snapshot.removePod(nodeName, before)
        bound.splice(j, 1)
        continue
      }
      const after: Pod =
        churn === 1
          ? { ...before, metadata: { ...before.metadata, deletionTimestamp: '2026-01-01T00:00:00Z' } }
          : churn === 2
            ? { ...before, status: { phase: 'Succeeded' } }
            : churn === 3
              ? { ...before, metadata: { ...before.metadata, labels: r.pick(APPS).labels } }
              : { ...before, status: { phase: 'Running', podIP: `10.0.0.${k % 250}` } }
      snapshot.updatePod(nodeName, before, after)
      if (churn === 2) bound.splice(j, 1)
      else bound[j] = { pod: after, nodeName }
    } else if (churn === 5) {
      const info = r.pick(snapshot.nodeInfos())
      const labels = { ...info.node.metadata.labels }
      if (r.int(3) === 0) delete labels[LABEL_TOPOLOGY_ZONE]
      else labels[LABEL_TOPOLOGY_ZONE] = r.pick([...ZONES, 'z-new'])
      snapshot.setNode({ ...info.node, metadata: { ...info.node.metadata, labels } })
    } else if (churn === 6 && r.int(4) === 0) {
      const info = r.pick(snapshot.nodeInfos())
      snapshot.removeNode(info.name)
      // Sometimes it comes back, with the pods that waited for it.
      if (r.int(2) === 0) snapshot.setNode(info.node)
    } else if (churn === 7 && r.int(4) === 0) {
      snapshot.setNode(node(r, nodeCount++))
    }
  }
  expectCountsAsPods(snapshot)
  return paths
}

describe('plain placement with system default spreading', () => {
  it('chooses the same nodes, with the same counts and random draws, as the general path', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const paths = run(seed)
      // The comparison is meaningful only if both paths actually scored nodes.
      expect(paths.fast).toBeGreaterThan(100)
    }
  })
})
