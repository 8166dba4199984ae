import { describe, expect, it } from 'vitest'
import { computePodColumns } from './pod-status'
import { at, pod, runningStatus, T0 } from './test-fixtures'

const now = T0 + 600_000 // ten minutes after T0

describe('printPod READY / STATUS / RESTARTS', () => {
  it('Running and ready', () => {
    expect(computePodColumns(pod('a', { status: runningStatus() }), now)).toEqual({ ready: '1/1', status: 'Running', restarts: '0' })
  })
  it('Pending before scheduling', () => {
    expect(computePodColumns(pod('a', { status: { phase: 'Pending' } }), now).status).toBe('Pending')
  })
  it('ContainerCreating while waiting', () => {
    const p = pod('a', { status: { phase: 'Pending', containerStatuses: [{ name: 'nginx', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }] } })
    expect(computePodColumns(p, now)).toEqual({ ready: '0/1', status: 'ContainerCreating', restarts: '0' })
  })
  it('CrashLoopBackOff with `5 (2m ago)` restarts', () => {
    const p = pod('a', {
      status: {
        phase: 'Running',
        containerStatuses: [{
          name: 'nginx', ready: false, restartCount: 5, state: { waiting: { reason: 'CrashLoopBackOff' } },
          lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: at(480) } },
        }],
      },
    })
    expect(computePodColumns(p, now)).toEqual({ ready: '0/1', status: 'CrashLoopBackOff', restarts: '5 (2m ago)' })
  })
  it('Completed and Error for terminated containers; ExitCode:N without a reason', () => {
    const done = (exitCode: number, reason?: string): any => ({
      phase: exitCode === 0 ? 'Succeeded' : 'Failed',
      containerStatuses: [{ name: 'nginx', ready: false, restartCount: 0, state: { terminated: { exitCode, ...(reason ? { reason } : {}) } } }],
    })
    expect(computePodColumns(pod('a', { status: done(0, 'Completed') }), now).status).toBe('Completed')
    expect(computePodColumns(pod('a', { status: done(2, 'Error') }), now).status).toBe('Error')
    expect(computePodColumns(pod('a', { status: done(3) }), now).status).toBe('ExitCode:3')
  })
  it('Init:0/1, Init:CrashLoopBackOff, Init:Error and PodInitializing', () => {
    const initSpec = { initContainers: [{ name: 'init', image: 'busybox' }], containers: [{ name: 'nginx', image: 'nginx' }] }
    const appWaiting = [{ name: 'nginx', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }]
    const withInit = (init: any): any => ({ phase: 'Pending', initContainerStatuses: [{ name: 'init', ready: false, restartCount: 0, ...init }], containerStatuses: appWaiting })
    expect(computePodColumns(pod('a', { spec: initSpec, status: withInit({ state: { running: { startedAt: at(1) } } }) }), now).status).toBe('Init:0/1')
    expect(computePodColumns(pod('a', { spec: initSpec, status: withInit({ state: { waiting: { reason: 'CrashLoopBackOff' } } }) }), now).status).toBe('Init:CrashLoopBackOff')
    expect(computePodColumns(pod('a', { spec: initSpec, status: withInit({ state: { terminated: { exitCode: 1, reason: 'Error' } } }) }), now).status).toBe('Init:Error')
    expect(computePodColumns(pod('a', { spec: initSpec, status: withInit({ state: { terminated: { exitCode: 0, reason: 'Completed' } } }) }), now).status).toBe('PodInitializing')
  })
  it('Terminating when deleted, Unknown when the node is lost', () => {
    const terminating = pod('a', { metadata: { deletionTimestamp: at(590) }, status: runningStatus() })
    expect(computePodColumns(terminating, now).status).toBe('Terminating')
    const lost = pod('a', { metadata: { deletionTimestamp: at(590) }, status: { ...runningStatus(), reason: 'NodeLost' } })
    expect(computePodColumns(lost, now).status).toBe('Unknown')
  })
  it('the first container in spec order that waits decides (reverse walk), READY counts the others', () => {
    const p = pod('a', {
      spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] },
      status: {
        phase: 'Pending',
        containerStatuses: [
          { name: 'a', ready: false, restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff' } } },
          { name: 'b', ready: true, restartCount: 0, state: { running: { startedAt: at(0) } } },
        ],
      },
    })
    expect(computePodColumns(p, now)).toEqual({ ready: '1/2', status: 'ImagePullBackOff', restarts: '0' })
  })
  it('counts started sidecars in READY and NotReady when Completed with a running container', () => {
    const spec = { initContainers: [{ name: 'proxy', image: 'envoy', restartPolicy: 'Always' }], containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] }
    const status = {
      phase: 'Running',
      conditions: [{ type: 'Initialized', status: 'True' }, { type: 'Ready', status: 'False' }],
      initContainerStatuses: [{ name: 'proxy', ready: true, started: true, restartCount: 1, state: { running: { startedAt: at(10) } }, lastState: { terminated: { exitCode: 1, finishedAt: at(420) } } }],
      containerStatuses: [
        { name: 'a', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
        { name: 'b', ready: true, restartCount: 0, state: { running: { startedAt: at(5) } } },
      ],
    }
    expect(computePodColumns(pod('a', { spec, status }), now)).toEqual({ ready: '2/3', status: 'NotReady', restarts: '1 (3m ago)' })
  })
  it('SchedulingGated and status.reason (Evicted)', () => {
    expect(computePodColumns(pod('a', { status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] } }), now).status).toBe('SchedulingGated')
    expect(computePodColumns(pod('a', { status: { phase: 'Failed', reason: 'Evicted' } }), now).status).toBe('Evicted')
  })
})
