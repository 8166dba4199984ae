// `kubectl rollout` through cluster.kubectl(line) and the facade methods, which share one
// implementation (src/cluster/rollout.ts). Texts from kubectl pkg/cmd/rollout/*.go and
// polymorphichelpers history.go, rollback.go, objectrestarter.go, objectpauser.go (kubectl.md §5.6,
// semantics.md §5.10): StatefulSet and DaemonSet history/undo through ControllerRevisions, the
// error texts kubectl builds as `error: <resource> "<name>" <reason>`, and the watch's ends.
import { describe, expect, it } from 'vitest'
import { createCluster, RolloutError, type Cluster } from '../../src/index'

type Any = any

const template = (app: string, image: string) => ({ metadata: { labels: { app } }, spec: { containers: [{ name: app, image }] } })

const statefulSet = (name: string, replicas: number) => ({
  apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name },
  spec: { replicas, serviceName: name, selector: { matchLabels: { app: name } }, template: template(name, 'nginx:1.14.2') },
})

const daemonSet = (name: string) => ({
  apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name },
  spec: { selector: { matchLabels: { app: name } }, template: template(name, 'fluentd:1') },
})

const deployment = (name: string, replicas: number) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, labels: { app: name } },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: template(name, 'nginx:1.14.2') },
})

const image = (c: Cluster, kind: string, name: string): string => (c.get(kind, name) as Any).spec.template.spec.containers[0].image

function setImage(c: Cluster, kind: string, name: string, to: string): void {
  c.edit(kind, name, (d: Any) => void (d.spec.template.spec.containers[0].image = to))
}

describe('rollout history and undo of StatefulSets and DaemonSets (history.go, rollback.go)', () => {
  it('a StatefulSet lists its ControllerRevisions (REVISION only) and undo restores the previous template', () => {
    const c = createCluster({ nodes: 2 })
    c.apply(statefulSet('web', 2))
    expect(c.kubectl('rollout status statefulset/web')).toContain('partitioned roll out complete: 2 new pods have been updated...\n')
    setImage(c, 'StatefulSet', 'web', 'nginx:1.16.1')
    c.kubectl('rollout status statefulset/web')
    expect(c.kubectl('rollout history statefulset/web')).toBe('statefulset.apps/web \nREVISION\n1\n2\n\n')
    expect(c.kubectl('rollout history sts/web --revision=1')).toMatch(/^statefulset\.apps\/web with revision #1\nPod Template:\n[\s\S]*Image:\s+nginx:1\.14\.2\n/)
    expect(c.kubectl('rollout undo statefulset/web --to-revision=2')).toBe('statefulset.apps/web skipped rollback (current template already matches revision 2)\n')
    expect(c.kubectl('rollout undo statefulset/web --to-revision=5')).toBe('error: unable to find specified revision 5 in history\n')
    expect(c.kubectl('rollout undo statefulset/web')).toBe('statefulset.apps/web rolled back\n')
    expect(image(c, 'StatefulSet', 'web')).toBe('nginx:1.14.2')
    expect((c.get('StatefulSet', 'web') as Any).spec.template.$patch).toBeUndefined()
    c.kubectl('rollout status statefulset/web')
    expect((c.list('Pod') as Any[]).map((p) => p.spec.containers[0].image)).toEqual(['nginx:1.14.2', 'nginx:1.14.2'])
  })

  it('a DaemonSet lists REVISION and CHANGE-CAUSE, and cannot undo with a single revision', () => {
    const c = createCluster({ nodes: 2 })
    c.apply(daemonSet('logs'))
    c.kubectl('rollout status daemonset/logs')
    expect(c.kubectl('rollout history ds/logs')).toBe('daemonset.apps/logs \nREVISION  CHANGE-CAUSE\n1         <none>\n\n')
    expect(c.kubectl('rollout undo ds/logs')).toBe('error: no last revision to roll back to\n')
    setImage(c, 'DaemonSet', 'logs', 'fluentd:2')
    c.kubectl('rollout status daemonset/logs')
    expect(c.rolloutUndo('DaemonSet', 'logs')).toBe('daemonset.apps/logs rolled back\n')
    expect(image(c, 'DaemonSet', 'logs')).toBe('fluentd:1')
  })
})

describe('rollout errors as kubectl prints them', () => {
  it('restart of a paused Deployment names the resource: error: deployments.apps "web" can\'t restart paused deployment', () => {
    const c = createCluster({ nodes: 0 })
    c.apply(deployment('web', 1))
    c.rolloutPause('deployment', 'web')
    expect(() => c.rolloutRestart('deployment', 'web')).toThrow(RolloutError)
    expect(() => c.rolloutRestart('deployment', 'web')).toThrow('error: deployments.apps "web" can\'t restart paused deployment (run rollout resume first)')
    expect(c.rolloutResume('deployment', 'web')).toBe('deployment.apps/web resumed\n')
    // kubectl's patch drops `paused: false` (omitted from the JSON), so the field is gone.
    expect((c.get('Deployment', 'web') as Any).spec.paused).toBeUndefined()
  })

  it('the facade refuses kinds kubectl has no helper for, with kubectl\'s texts', () => {
    const c = createCluster({ nodes: 0 })
    c.apply({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'rs' }, spec: { replicas: 0, selector: { matchLabels: { app: 'rs' } }, template: template('rs', 'nginx') } })
    expect(() => c.rolloutPause('ReplicaSet', 'rs')).toThrow('error: replicasets.apps "rs" pausing is not supported')
    expect(() => c.rolloutRestart('ReplicaSet', 'rs')).toThrow('error: replicasets.apps "rs" restarting is not supported')
    expect(() => c.rolloutHistory('ReplicaSet', 'rs')).toThrow('error: no history viewer has been implemented for "ReplicaSet.apps"')
    expect(() => c.rolloutUndo('ReplicaSet', 'rs')).toThrow('error: no rollbacker has been implemented for "ReplicaSet.apps"')
  })

  it('a missing object is the API server\'s NotFound', () => {
    const c = createCluster({ nodes: 0 })
    for (const verb of ['status', 'history', 'undo', 'pause', 'resume', 'restart']) {
      expect(c.kubectl(`rollout ${verb} deployment/ghost`)).toBe('Error from server (NotFound): deployments.apps "ghost" not found\n')
    }
  })

  it('status stops with "error: object has been deleted" when the object goes away while watching', () => {
    const c = createCluster({ nodes: 0 })
    // A user controller that deletes the Deployment 5 s after it appears.
    c.addController({
      name: 'reaper',
      for: 'Deployment',
      reconcile(key, { cluster }) {
        if (cluster.elapsed() < 5_000) return { requeueAfter: 5_000 - cluster.elapsed() }
        if (cluster.get('Deployment', key.name)) cluster.delete('Deployment', key.name)
        return undefined
      },
    })
    c.apply(deployment('web', 1))
    const start = c.now()
    const text = c.kubectl('rollout status deployment/web')
    expect(text.startsWith('Waiting for deployment spec update to be observed...\n')).toBe(true)
    expect(text.endsWith('error: object has been deleted\n')).toBe(true)
    expect(c.now() - start).toBe(5_000)
  })

  it('the facade\'s watch times out with a RolloutError carrying what was printed', () => {
    const c = createCluster({ nodes: 0 })
    c.apply(deployment('web', 1))
    c.rolloutPause('deployment', 'web')
    let error: unknown
    try {
      c.rolloutStatus('deployment', 'web', { watch: true, timeout: '20s' })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(RolloutError)
    expect((error as RolloutError).message).toBe('error: timed out waiting for the condition')
    expect((error as RolloutError).output).toBe('Waiting for deployment spec update to be observed...\nWaiting for deployment "web" rollout to finish: 0 out of 1 new replicas have been updated...\n')
  })
})
