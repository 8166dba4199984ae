// kubesim/vitest: the matchers, their failure messages, and independence from vitest's fake timers
// (kubectl.md §4.2–4.3).
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createCluster } from '../src/index'
import { EventRecorder } from '../src/runtime/event-recorder'
import { Client } from '../src/store/client'
import { track } from '../src/vitest/index'

const T = '2025-01-01T00:00:00Z'

function readyPod(name: string, ready: boolean, extra: any = {}) {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, creationTimestamp: T },
    spec: { nodeName: 'node-2', containers: [{ name: 'app', image: 'nginx' }] },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', ...(ready ? {} : { reason: 'ContainersNotReady' }) }],
      containerStatuses: [{ name: 'app', ready, restartCount: 0, state: ready ? { running: { startedAt: T } } : { waiting: { reason: 'CrashLoopBackOff' } } }],
      ...extra,
    },
  }
}

const deployment = (status: any, generation = 1) => ({
  apiVersion: 'apps/v1', kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', generation, creationTimestamp: T },
  spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
  status,
})

describe('kubesim/vitest matchers', () => {
  it('toBeReady, toBeRunning and toBeScheduledOn read a pod\'s conditions, container states and node', () => {
    expect(readyPod('a', true)).toBeReady()
    expect(readyPod('a', true)).toBeRunning()
    expect(readyPod('b', false)).not.toBeReady()
    expect(readyPod('b', false)).not.toBeRunning()
    expect(readyPod('a', true)).toBeScheduledOn('node-2')
    expect(readyPod('a', true)).not.toBeScheduledOn('node-1')
  })

  it('workload matchers: toBeReady, toHaveAvailableReplicas and toHaveRolledOut (rollout status semantics)', () => {
    const done = deployment({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 })
    const midway = deployment({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 2, availableReplicas: 2 })
    expect(done).toBeReady()
    expect(done).toHaveAvailableReplicas(3)
    expect(done).toHaveRolledOut()
    expect(midway).not.toBeReady()
    expect(midway).not.toHaveRolledOut()
    expect(deployment({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 }, 2)).not.toHaveRolledOut()
  })

  it('toBeComplete reads the Job Complete condition', () => {
    const job = (type: string) => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi', creationTimestamp: T }, spec: {}, status: { conditions: [{ type, status: 'True' }], succeeded: type === 'Complete' ? 1 : 0 } })
    expect(job('Complete')).toBeComplete()
    expect(job('Failed')).not.toBeComplete()
  })

  it('failure messages carry the rollout status and the object\'s kubectl line', () => {
    const midway = deployment({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 2, availableReplicas: 2 })
    let message = ''
    try {
      expect(midway).toHaveRolledOut()
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toContain('expected deployment web to have rolled out; kubectl rollout status says: Waiting for deployment "web" rollout to finish: 2 of 3 updated replicas are available...')
    expect(message).toContain('NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    2/3     3            2           0s\n')
  })

  it('toHaveAvailableReplicas reports the actual count', () => {
    expect(() => expect(deployment({ availableReplicas: 1 })).toHaveAvailableReplicas(3)).toThrow('expected deployment web to have 3 available replicas, it has 1')
  })

  it('a missing object (cluster.get returned undefined) fails with a clear message', () => {
    expect(() => expect(undefined).toBeReady()).toThrow('toBeReady: expected a Kubernetes object (from cluster.get), received undefined')
  })

  it('toHaveEvent on a cluster filters by reason, object, type and message; tracked objects show their Events in failures', () => {
    const cluster = track(createCluster({ nodes: 0 }))
    const [pod] = cluster.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0' }, spec: { containers: [{ name: 'app', image: 'busybox' }] } })
    const recorder = new EventRecorder(new Client(cluster.env.store, 'test'), cluster.env.clock)
    recorder.record(pod, 'Warning', 'FailedScheduling', '0/3 nodes are available: 3 Insufficient cpu.', { component: 'default-scheduler' })
    cluster.advance('12s')
    expect(cluster).toHaveEvent('FailedScheduling', { object: pod, type: 'Warning', message: /Insufficient cpu/ })
    expect(cluster).not.toHaveEvent('Scheduled', { object: pod })
    expect(cluster).not.toHaveEvent('FailedScheduling', { object: { kind: 'Pod', name: 'other' } })
    expect(cluster.get('Pod', 'web-0')).toHaveEvent('FailedScheduling')
    let message = ''
    try {
      expect(cluster.get('Pod', 'web-0')).toBeReady()
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toContain('expected pod web-0 to be ready: no Ready condition yet')
    expect(message).toContain('web-0   0/1     Pending   0          12s')
    // The Events block as describe prints it (the scheduler's own events about the pod are there too).
    expect(message).toMatch(/\nEvents:\n {2}Type {5}Reason {12}Age +From {15}Message\n/)
    expect(message).toMatch(/\n {2}Warning {2}FailedScheduling {2}12s +default-scheduler {2}0\/3 nodes are available: 3 Insufficient cpu\.\n/)
  })
})

describe('fake timers cannot affect the simulator (kubectl.md §4.3)', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('with vi.useFakeTimers() a cluster runs a scenario to completion on its own virtual clock', () => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('1999-12-31T23:59:59Z'))
    const cluster = createCluster({ nodes: 1 })
    // A user controller that marks ConfigMaps done 30 s after it first sees them: timers on the virtual clock only.
    cluster.addController({
      name: 'marker',
      for: 'ConfigMap',
      reconcile(key, ctx) {
        const cm = ctx.cluster.get('ConfigMap', key.name, { namespace: key.namespace }) as any
        if (!cm || cm.data?.done) return
        const age = ctx.now - Date.parse(cm.metadata.creationTimestamp)
        if (age < 30_000) return { requeueAfter: 30_000 - age }
        ctx.cluster.edit('ConfigMap', key.name, (d: any) => {
          d.data = { ...(d.data ?? {}), done: 'yes' }
        }, { namespace: key.namespace })
      },
    })
    cluster.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'job' } })
    const took = cluster.runUntil(() => (cluster.get('ConfigMap', 'job') as any)?.data?.done === 'yes', { timeout: '5m' })
    expect(took).toBe(30_000)
    expect(cluster.get('ConfigMap', 'job')!.metadata.creationTimestamp).toBe('2025-01-01T00:00:00Z')
    expect(cluster.kubectl('get cm job')).toBe('NAME   DATA   AGE\njob    1      30s\n')
    // No real timer was scheduled by the library.
    expect(vi.getTimerCount()).toBe(0)
  })
})
