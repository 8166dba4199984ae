// Deployments end to end: the rolling-update arithmetic, one phase per sync, the progress deadline,
// proportional scaling, Recreate, history, undo, pause (semantics.md §5 testable facts 1–10).
import { describe, expect, it } from 'vitest'
import { createCluster, type Cluster } from '../../src/index'

type Any = any

function deployment(name: string, replicas: number, extra: { image?: string; strategy?: Any; revisionHistoryLimit?: number; annotations?: Record<string, string> } = {}) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      ...(extra.strategy ? { strategy: extra.strategy } : {}),
      ...(extra.revisionHistoryLimit !== undefined ? { revisionHistoryLimit: extra.revisionHistoryLimit } : {}),
      template: {
        metadata: { labels: { app: name }, ...(extra.annotations ? { annotations: extra.annotations } : {}) },
        spec: { containers: [{ name: 'web', image: extra.image ?? 'nginx:1.14.2' }] },
      },
    },
  }
}

const dep = (c: Cluster, name = 'web'): Any => c.get('Deployment', name)
const rsSizes = (c: Cluster) => Object.fromEntries(c.list('ReplicaSet').map((rs: Any) => [rs.metadata.name, rs.spec.replicas]))
const scalingEvents = (c: Cluster) => c.events({ involvedObject: { kind: 'Deployment' } }).filter((e: Any) => e.reason === 'ScalingReplicaSet').map((e: Any) => e.message)
const condition = (d: Any, type: string) => d.status?.conditions?.find((x: Any) => x.type === type)

function isComplete(c: Cluster, name = 'web'): boolean {
  const d = dep(c, name)
  return !!d && d.status?.observedGeneration >= d.metadata.generation && d.status.updatedReplicas === d.spec.replicas && d.status.replicas === d.spec.replicas && d.status.availableReplicas === d.spec.replicas && condition(d, 'Progressing')?.reason === 'NewReplicaSetAvailable'
}

function rolledOut(replicas: number, strategy?: Any, nodes = 3) {
  const c = createCluster({ nodes })
  c.apply(deployment('web', replicas, { strategy }))
  c.runUntil(() => isComplete(c))
  const [first] = c.list('ReplicaSet')
  return { c, oldName: (first as Any).metadata.name as string }
}

function setImage(c: Cluster, image: string, name = 'web') {
  c.edit('Deployment', name, (d: Any) => void (d.spec.template.spec.containers[0].image = image))
}

/** A template whose new pods run but never become Ready (a readiness probe and ready-after 24h). */
function makeNeverReady(c: Cluster) {
  c.edit('Deployment', 'web', (d: Any) => {
    d.spec.template.metadata.annotations = { 'kubesim.io/ready-after': '24h' }
    d.spec.template.spec.containers[0].image = 'nginx:1.16.1'
    d.spec.template.spec.containers[0].readinessProbe = { httpGet: { path: '/', port: 80 }, periodSeconds: 10 }
  })
}

describe('RollingUpdate (semantics.md §5.5)', () => {
  it('replicas 10, maxSurge 3, maxUnavailable 2: the first sync creates the new RS at 3 and scales the old to 8, the next raises the new to 5 (fact 5.1)', () => {
    const { c, oldName } = rolledOut(10, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } })
    const before = scalingEvents(c).length
    setImage(c, 'nginx:1.16.1')
    c.settle()
    const newName = (c.list('ReplicaSet') as Any[]).find((rs) => rs.metadata.name !== oldName).metadata.name
    expect(scalingEvents(c).slice(before)).toEqual([
      `Scaled up replica set ${newName} from 0 to 3`,
      `Scaled down replica set ${oldName} from 10 to 8`,
      `Scaled up replica set ${newName} from 3 to 5`,
    ])
    expect(rsSizes(c)).toEqual({ [oldName]: 8, [newName]: 5 })
  })

  it('never has more than 13 pods nor fewer than 8 available while rolling 10 replicas (observed with watch)', () => {
    const { c, oldName } = rolledOut(10, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } })
    let maxPods = 0
    let minReady = Infinity
    let maxSpecTotal = 0
    const observe = () => {
      const pods = c.list('Pod').filter((p: Any) => !p.metadata.deletionTimestamp)
      maxPods = Math.max(maxPods, pods.length)
      minReady = Math.min(minReady, pods.filter((p: Any) => p.status?.conditions?.some((x: Any) => x.type === 'Ready' && x.status === 'True')).length)
      maxSpecTotal = Math.max(maxSpecTotal, (c.list('ReplicaSet') as Any[]).reduce((n, rs) => n + rs.spec.replicas, 0))
    }
    const stopPods = c.watch('Pod', observe)
    const stopRs = c.watch('ReplicaSet', observe)
    setImage(c, 'nginx:1.16.1')
    c.runUntil(() => isComplete(c))
    stopPods()
    stopRs()
    expect(maxPods).toBe(13)
    expect(maxSpecTotal).toBe(13)
    expect(minReady).toBe(8)
    expect(rsSizes(c)[oldName]).toBe(0)
    const steps = scalingEvents(c)
    expect(steps[steps.length - 1]).toMatch(new RegExp(`^Scaled down replica set ${oldName} from \\d+ to 0$`))
  })

  it('freezes at 8/5 when new pods never become ready, stays Available, and reports ProgressDeadlineExceeded after 600 s (fact 5.2)', () => {
    const { c, oldName } = rolledOut(10, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } })
    makeNeverReady(c)
    c.advance('5m')
    const newName = (c.list('ReplicaSet') as Any[]).find((rs) => rs.metadata.name !== oldName).metadata.name
    expect(rsSizes(c)).toEqual({ [oldName]: 8, [newName]: 5 })
    let d = dep(c)
    expect(d.status).toMatchObject({ replicas: 13, updatedReplicas: 5, availableReplicas: 8, unavailableReplicas: 5 })
    expect(condition(d, 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable' })
    expect(condition(d, 'Progressing')).toMatchObject({ status: 'True', reason: 'ReplicaSetUpdated' })
    const lastProgressMs = Date.parse(condition(d, 'Progressing').lastUpdateTime)
    const waited = c.runUntil(() => condition(dep(c), 'Progressing')?.reason === 'ProgressDeadlineExceeded', { timeout: '15m' })
    d = dep(c)
    expect(condition(d, 'Progressing')).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${newName}" has timed out progressing.` })
    expect(c.now() - lastProgressMs).toBe(601_000)
    expect(waited).toBeGreaterThan(0)
    expect(rsSizes(c)).toEqual({ [oldName]: 8, [newName]: 5 })
    expect(c.rolloutStatus('deployment', 'web')).toEqual({ done: false, error: true, message: 'error: deployment "web" exceeded its progress deadline\n' })
  })

  it('scaling the frozen rollout to 15 distributes proportionally: old 8 → 11, new 5 → 7 (fact 5.3)', () => {
    const { c, oldName } = rolledOut(10, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } })
    makeNeverReady(c)
    c.advance('1m')
    const newName = (c.list('ReplicaSet') as Any[]).find((rs) => rs.metadata.name !== oldName).metadata.name
    c.scale('Deployment', 'web', 15)
    c.settle()
    expect(rsSizes(c)).toEqual({ [oldName]: 11, [newName]: 7 })
    for (const rs of c.list('ReplicaSet') as Any[]) {
      expect(rs.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/desired-replicas': '15', 'deployment.kubernetes.io/max-replicas': '18' })
    }
    expect(scalingEvents(c).slice(-2)).toEqual([`Scaled up replica set ${oldName} from 8 to 11`, `Scaled up replica set ${newName} from 5 to 7`])
  })

  it('replicas 3 with default 25%/25%: the new RS starts at 1 and the old one is not scaled down in that sync (fact 5.4)', () => {
    const { c, oldName } = rolledOut(3)
    setImage(c, 'nginx:1.16.1')
    c.settle()
    const newName = (c.list('ReplicaSet') as Any[]).find((rs) => rs.metadata.name !== oldName).metadata.name
    expect(rsSizes(c)).toEqual({ [oldName]: 3, [newName]: 1 })
  })

  it('replicas 3, maxSurge 0, maxUnavailable 25%: unavailable is forced to 1, so the old RS goes 3 → 2 before the new one gets a pod (fact 5.5)', () => {
    const { c, oldName } = rolledOut(3, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '25%' } })
    const before = scalingEvents(c).length
    setImage(c, 'nginx:1.16.1')
    c.settle()
    const newName = (c.list('ReplicaSet') as Any[]).find((rs) => rs.metadata.name !== oldName).metadata.name
    expect(scalingEvents(c).slice(before)).toEqual([`Scaled down replica set ${oldName} from 3 to 2`, `Scaled up replica set ${newName} from 0 to 1`])
  })
})

describe('a new Deployment (fact 5.6)', () => {
  it('creates its RS "from 0 to 10", reports NewReplicaSetCreated, becomes Available at 8 and NewReplicaSetAvailable at 10', () => {
    const c = createCluster({ nodes: 3 })
    const seen: { available: number; availableCond?: string; progressing?: string; message?: string }[] = []
    c.watch('Deployment', ({ object }: Any) => {
      seen.push({ available: object.status?.availableReplicas ?? 0, availableCond: condition(object, 'Available')?.status, progressing: condition(object, 'Progressing')?.reason, message: condition(object, 'Progressing')?.message })
    })
    c.apply(deployment('web', 10))
    c.runUntil(() => isComplete(c))
    const rsName = (c.list('ReplicaSet')[0] as Any).metadata.name
    expect(rsName).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{1,10}$/)
    expect(scalingEvents(c)).toEqual([`Scaled up replica set ${rsName} from 0 to 10`])
    expect(seen.find((s) => s.progressing)).toMatchObject({ progressing: 'NewReplicaSetCreated', message: `Created new replica set "${rsName}"` })
    for (const s of seen.filter((x) => x.availableCond)) expect(s.availableCond).toBe(s.available >= 8 ? 'True' : 'False')
    expect(seen.some((s) => s.availableCond === 'False')).toBe(true)
    const d = dep(c)
    expect(condition(d, 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${rsName}" has successfully progressed.` })
    expect(condition(d, 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' })
    expect(d.metadata.annotations['deployment.kubernetes.io/revision']).toBe('1')
    expect(d.status).toMatchObject({ observedGeneration: 1, replicas: 10, updatedReplicas: 10, readyReplicas: 10, availableReplicas: 10, terminatingReplicas: 0 })
  })
})

describe('Recreate (semantics.md §5.6)', () => {
  it('scales the old RS to 0 first and creates the new one only after every old pod, terminating included, is gone (fact 5.7)', () => {
    const c = createCluster({ nodes: 3 })
    c.apply(deployment('web', 3, { strategy: { type: 'Recreate' }, annotations: { 'kubesim.io/stop-duration': '5s' } }))
    c.runUntil(() => isComplete(c))
    const oldName = (c.list('ReplicaSet')[0] as Any).metadata.name
    let overlap = false
    c.watch('Pod', () => {
      const pods = c.list('Pod') as Any[]
      const hashes = new Set(pods.map((p) => p.metadata.labels['pod-template-hash']))
      if (hashes.size > 1) overlap = true
    })
    const startMs = c.now()
    setImage(c, 'nginx:1.16.1')
    c.settle()
    expect(rsSizes(c)).toEqual({ [oldName]: 0 })
    expect((c.list('Pod') as Any[]).every((p) => p.metadata.deletionTimestamp)).toBe(true)
    c.runUntil(() => c.list('ReplicaSet').length === 2)
    expect(c.now() - startMs).toBe(5_000)
    c.runUntil(() => isComplete(c))
    expect(overlap).toBe(false)
    const newName = (c.list('ReplicaSet') as Any[]).find((rs) => rs.metadata.name !== oldName).metadata.name
    expect(scalingEvents(c).slice(-2)).toEqual([`Scaled down replica set ${oldName} from 3 to 0`, `Scaled up replica set ${newName} from 0 to 3`])
  })
})

describe('revision history (semantics.md §5.3, §5.8, §5.10)', () => {
  it('twelve template changes with revisionHistoryLimit 10 keep 10 old ReplicaSets and the new one (fact 5.8)', () => {
    const c = createCluster({ nodes: 2 })
    c.apply(deployment('web', 1, { revisionHistoryLimit: 10 }))
    c.runUntil(() => isComplete(c))
    for (let i = 1; i <= 12; i++) {
      setImage(c, `nginx:1.${i}`)
      c.runUntil(() => isComplete(c) && c.list('ReplicaSet').length <= 11)
    }
    const sets = c.list('ReplicaSet') as Any[]
    expect(sets).toHaveLength(11)
    const revisions = sets.map((rs) => Number(rs.metadata.annotations['deployment.kubernetes.io/revision'])).sort((a, b) => a - b)
    expect(revisions).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13])
    expect(dep(c).metadata.annotations['deployment.kubernetes.io/revision']).toBe('13')
  })

  it('undo restores the previous template: its RS becomes revision 3 with revision-history "1" (fact 5.9)', () => {
    const { c, oldName } = rolledOut(3)
    setImage(c, 'nginx:1.16.1')
    c.runUntil(() => isComplete(c))
    const newName = (c.list('ReplicaSet') as Any[]).find((rs) => rs.metadata.name !== oldName).metadata.name
    expect(c.rolloutHistory('deployment', 'web')).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n')
    expect(c.rolloutUndo('deployment', 'web')).toBe('deployment.apps/web rolled back\n')
    c.runUntil(() => isComplete(c))
    const old = c.get('ReplicaSet', oldName) as Any
    expect(old.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/revision-history': '1' })
    expect(old.spec.replicas).toBe(3)
    expect((c.get('ReplicaSet', newName) as Any).spec.replicas).toBe(0)
    expect(dep(c).metadata.annotations['deployment.kubernetes.io/revision']).toBe('3')
    expect(dep(c).spec.template.spec.containers[0].image).toBe('nginx:1.14.2')
    expect(c.rolloutHistory('deployment', 'web')).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n')
    expect(c.rolloutUndo('deployment', 'web', { toRevision: 3 })).toBe('deployment.apps/web skipped rollback (current template already matches revision 3)\n')
    expect(() => c.rolloutUndo('deployment', 'web', { toRevision: 7 })).toThrow('unable to find specified revision 7 in history')
  })

  it('undo --to-revision picks that revision; a paused Deployment refuses to roll back', () => {
    const { c } = rolledOut(2)
    setImage(c, 'nginx:2')
    c.runUntil(() => isComplete(c))
    setImage(c, 'nginx:3')
    c.runUntil(() => isComplete(c))
    c.rolloutPause('deployment', 'web')
    expect(() => c.rolloutUndo('deployment', 'web', { toRevision: 1 })).toThrow("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/web' and try again")
    c.rolloutResume('deployment', 'web')
    c.rolloutUndo('deployment', 'web', { toRevision: 1 })
    c.runUntil(() => isComplete(c))
    expect(dep(c).spec.template.spec.containers[0].image).toBe('nginx:1.14.2')
    expect(dep(c).metadata.annotations['deployment.kubernetes.io/revision']).toBe('4')
  })
})

describe('pause, resume and restart (semantics.md §5.10)', () => {
  it('a paused Deployment makes no new RS for a new image, but observes the generation; resume rolls out (fact 5.10)', () => {
    const { c } = rolledOut(3)
    expect(c.rolloutPause('deployment', 'web')).toBe('deployment.apps/web paused\n')
    expect(() => c.rolloutPause('deployment', 'web')).toThrow('deployments.apps "web" is already paused')
    setImage(c, 'nginx:1.16.1')
    c.advance('1m')
    expect(c.list('ReplicaSet')).toHaveLength(1)
    const d = dep(c)
    expect(d.status.observedGeneration).toBe(d.metadata.generation)
    expect(condition(d, 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' })
    c.scale('Deployment', 'web', 5)
    c.settle()
    expect(Object.values(rsSizes(c))).toEqual([5])
    expect(c.rolloutResume('deployment', 'web')).toBe('deployment.apps/web resumed\n')
    c.settle()
    expect(c.list('ReplicaSet')).toHaveLength(2)
    c.runUntil(() => isComplete(c))
    expect(dep(c).spec.template.spec.containers[0].image).toBe('nginx:1.16.1')
  })

  it('rollout restart stamps restartedAt on the template and rolls every pod', () => {
    const { c, oldName } = rolledOut(2)
    c.advance('30s')
    expect(c.rolloutRestart('deployment', 'web')).toBe('deployment.apps/web restarted\n')
    expect(dep(c).spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt']).toBe('2025-01-01T00:00:33Z')
    c.runUntil(() => isComplete(c))
    expect(rsSizes(c)[oldName]).toBe(0)
    expect((c.list('Pod') as Any[]).every((p) => p.metadata.annotations?.['kubectl.kubernetes.io/restartedAt'] === '2025-01-01T00:00:33Z')).toBe(true)
  })
})

describe('rollout status (kubectl.md §5.6)', () => {
  it('prints kubectl\'s lines while watching a rolling update to the end', () => {
    const { c } = rolledOut(3)
    setImage(c, 'nginx:1.16.1')
    const status = c.rolloutStatus('deployment', 'web', { watch: true })
    expect(status.done).toBe(true)
    const lines = status.message.trimEnd().split('\n')
    expect(lines[0]).toBe('Waiting for deployment spec update to be observed...')
    expect(lines).toContain('Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...')
    expect(lines).toContain('Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...')
    expect(lines[lines.length - 1]).toBe('deployment "web" successfully rolled out')
  })
})
