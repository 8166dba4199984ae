// explainPod: the verdict line for each way a pod can be stuck (semantics.md §2.2–2.4, §3.4, §11).
import { describe, expect, it } from 'vitest'
import { explainPod } from './why'
import { parseRfc3339, toRfc3339 } from '../sim/time'

const T0 = parseRfc3339('2025-01-01T00:00:00Z')
const at = (s: number): string => toRfc3339(T0 + s * 1000)

const pod = (extra: { spec?: any; status?: any; metadata?: any } = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-7d4b9c8f5-x2x4k', namespace: 'default', uid: 'u1', creationTimestamp: at(0), ...extra.metadata },
  spec: { containers: [{ name: 'app', image: 'nginx:1.27' }], restartPolicy: 'Always', ...extra.spec },
  status: { phase: 'Pending', ...extra.status },
})

const readyNode = { metadata: { name: 'node-1' }, spec: {}, status: { conditions: [{ type: 'Ready', status: 'True' }] } }
const cond = (type: string, status: string, reason?: string, message?: string) => ({ type, status, ...(reason ? { reason } : {}), ...(message ? { message } : {}) })
const firstLine = (text: string) => text.split('\n')[0]

describe('explainPod verdicts', () => {
  it('an unschedulable pod quotes the scheduler FitError from PodScheduled=False (§3.4)', () => {
    const text = explainPod({
      pod: pod({ status: { conditions: [cond('PodScheduled', 'False', 'Unschedulable', '0/3 nodes are available: 3 Insufficient cpu.')] } }),
      events: [], nowMs: T0 + 5000,
    })
    expect(firstLine(text)).toBe('web-7d4b9c8f5-x2x4k is Pending: no node can take it — 0/3 nodes are available: 3 Insufficient cpu.')
    expect(text).toContain('Conditions: PodScheduled=False (Unschedulable)')
  })

  it('a pod the scheduler has not seen yet says so', () => {
    expect(firstLine(explainPod({ pod: pod(), events: [], nowMs: T0 }))).toMatch(/is Pending: it has not been scheduled yet/)
  })

  it('CrashLoopBackOff gives the restart count, last exit code and the back-off (§2.4)', () => {
    const p = pod({
      spec: { nodeName: 'node-1' },
      status: {
        phase: 'Running',
        conditions: [cond('PodScheduled', 'True'), cond('Ready', 'False', 'ContainersNotReady')],
        containerStatuses: [{
          name: 'app', ready: false, restartCount: 4,
          state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 1m20s restarting failed container=app pod=web_default(u1)' } },
          lastState: { terminated: { exitCode: 1, reason: 'Error' } },
        }],
      },
    })
    const events = [{ type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container app in pod web_default(u1)', count: 6, lastTimestamp: at(100) }]
    const text = explainPod({ pod: p, node: readyNode, events, nowMs: T0 + 130_000 })
    expect(firstLine(text)).toBe(
      'web-7d4b9c8f5-x2x4k is not ready on node-1: container app is in CrashLoopBackOff: it keeps exiting (last exit code 1, Error) and has been restarted 4 times; the kubelet waits 1m20s before starting it again.',
    )
    expect(text).toContain('Recent warnings:\n    30s ago  BackOff: Back-off restarting failed container app in pod web_default(u1) (x6)')
  })

  it('ImagePullBackOff names the image and the kubelet\'s pull failure', () => {
    const p = pod({
      spec: { nodeName: 'node-1' },
      status: { containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff' } } }] },
    })
    const events = [{ type: 'Warning', reason: 'Failed', message: 'Failed to pull image "nginx:1.27": not found', lastTimestamp: at(3) }]
    expect(firstLine(explainPod({ pod: p, node: readyNode, events, nowMs: T0 + 10_000 }))).toBe(
      'web-7d4b9c8f5-x2x4k is Pending on node-1: container app cannot pull image "nginx:1.27" (ImagePullBackOff): Failed to pull image "nginx:1.27": not found.',
    )
  })

  it('ContainerCreating with a FailedMount event explains the mount', () => {
    const p = pod({ spec: { nodeName: 'node-1' }, status: { containerStatuses: [{ name: 'app', state: { waiting: { reason: 'ContainerCreating' } } }] } })
    const events = [{ type: 'Warning', reason: 'FailedMount', message: 'MountVolume.SetUp failed for volume "cfg" : configmap "cfg" not found', lastTimestamp: at(2) }]
    expect(firstLine(explainPod({ pod: p, node: readyNode, events, nowMs: T0 + 10_000 }))).toContain('container app is still being created: MountVolume.SetUp failed for volume "cfg"')
  })

  it('a running pod failing its readiness probe quotes the latest Unhealthy event (§2.6)', () => {
    const p = pod({
      spec: { nodeName: 'node-1', containers: [{ name: 'app', image: 'x', readinessProbe: { httpGet: { port: 80 } } }] },
      status: { phase: 'Running', conditions: [cond('Ready', 'False', 'ContainersNotReady')], containerStatuses: [{ name: 'app', ready: false, state: { running: { startedAt: at(1) } } }] },
    })
    const events = [{ type: 'Warning', reason: 'Unhealthy', message: 'Readiness probe failed: HTTP probe failed with statuscode: 503', lastTimestamp: at(30) }]
    expect(firstLine(explainPod({ pod: p, node: readyNode, events, nowMs: T0 + 40_000 }))).toBe(
      'web-7d4b9c8f5-x2x4k is Running but not Ready on node-1: the readiness probe of app fails — Readiness probe failed: HTTP probe failed with statuscode: 503',
    )
  })

  it('a pod on a node that stopped reporting says the node is Unknown (§11)', () => {
    const p = pod({ spec: { nodeName: 'node-1' }, status: { phase: 'Running', containerStatuses: [{ name: 'app', ready: true, state: { running: {} } }] } })
    const node = { metadata: { name: 'node-1' }, spec: {}, status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } }
    expect(firstLine(explainPod({ pod: p, node, events: [], nowMs: T0 }))).toMatch(/is Running but its node node-1 is Unknown/)
  })

  it('a terminating pod on a dead node stays Terminating (§2.8)', () => {
    const p = pod({ metadata: { deletionTimestamp: at(0), deletionGracePeriodSeconds: 30 }, spec: { nodeName: 'node-1' }, status: { phase: 'Running' } })
    const node = { metadata: { name: 'node-1' }, status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } }
    expect(firstLine(explainPod({ pod: p, node, events: [], nowMs: T0 + 60_000 }))).toMatch(/^web-7d4b9c8f5-x2x4k is Terminating: it was deleted 60s ago but its node node-1 is Unknown/)
  })

  it('a healthy pod is Running and Ready; a finished one has completed', () => {
    const running = pod({ spec: { nodeName: 'node-1' }, status: { phase: 'Running', conditions: [cond('Ready', 'True')], containerStatuses: [{ name: 'app', ready: true, state: { running: {} } }] } })
    expect(firstLine(explainPod({ pod: running, node: readyNode, events: [], nowMs: T0 }))).toBe('web-7d4b9c8f5-x2x4k is Running and Ready on node-1.')
    expect(firstLine(explainPod({ pod: pod({ status: { phase: 'Succeeded' } }), events: [], nowMs: T0 }))).toMatch(/has completed/)
    const failed = pod({ spec: { nodeName: 'node-1', restartPolicy: 'Never' }, status: { phase: 'Failed', containerStatuses: [{ name: 'app', state: { terminated: { exitCode: 2, reason: 'Error' } } }] } })
    expect(firstLine(explainPod({ pod: failed, node: readyNode, events: [], nowMs: T0 }))).toBe('web-7d4b9c8f5-x2x4k has failed (phase Failed): container app exited with code 2 (Error).')
  })
})
