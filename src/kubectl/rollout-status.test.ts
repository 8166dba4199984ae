import { describe, expect, it } from 'vitest'
import type { Obj } from './object'
import { rolloutStatus } from './rollout-status'

const deployment = (generation: number, status: any, replicas = 3): Obj => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', generation }, spec: { replicas }, status,
})

describe('rollout status: Deployment', () => {
  it('walks through every intermediate message', () => {
    expect(rolloutStatus(deployment(2, { observedGeneration: 1 }))).toEqual({ done: false, message: 'Waiting for deployment spec update to be observed...\n' })
    expect(rolloutStatus(deployment(2, { observedGeneration: 2, replicas: 4, updatedReplicas: 1, availableReplicas: 3 })).message).toBe(
      'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...\n',
    )
    expect(rolloutStatus(deployment(2, { observedGeneration: 2, replicas: 4, updatedReplicas: 3, availableReplicas: 3 })).message).toBe(
      'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...\n',
    )
    expect(rolloutStatus(deployment(2, { observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 2 })).message).toBe(
      'Waiting for deployment "web" rollout to finish: 2 of 3 updated replicas are available...\n',
    )
    expect(rolloutStatus(deployment(2, { observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 3 }))).toEqual({
      done: true, message: 'deployment "web" successfully rolled out\n',
    })
  })
  it('reports an exceeded progress deadline as an error', () => {
    const status = { observedGeneration: 2, replicas: 4, updatedReplicas: 1, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] }
    expect(rolloutStatus(deployment(2, status))).toEqual({ done: false, error: true, message: 'error: deployment "web" exceeded its progress deadline\n' })
  })
})

describe('rollout status: DaemonSet', () => {
  const ds = (status: any, type = 'RollingUpdate'): Obj => ({ kind: 'DaemonSet', metadata: { name: 'fluentd', generation: 1 }, spec: { updateStrategy: { type } }, status: { observedGeneration: 1, ...status } })
  it('updated, then available, then done', () => {
    expect(rolloutStatus(ds({ desiredNumberScheduled: 3, updatedNumberScheduled: 1 })).message).toBe('Waiting for daemon set "fluentd" rollout to finish: 1 out of 3 new pods have been updated...\n')
    expect(rolloutStatus(ds({ desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 2 })).message).toBe('Waiting for daemon set "fluentd" rollout to finish: 2 of 3 updated pods are available...\n')
    expect(rolloutStatus(ds({ desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 3 }))).toEqual({ done: true, message: 'daemon set "fluentd" successfully rolled out\n' })
    expect(rolloutStatus({ ...ds({}), status: { observedGeneration: 0 } }).message).toBe('Waiting for daemon set spec update to be observed...\n')
  })
  it('refuses OnDelete', () => {
    expect(rolloutStatus(ds({}, 'OnDelete')).message).toBe('error: rollout status is only available for RollingUpdate strategy type\n')
  })
})

describe('rollout status: StatefulSet', () => {
  const sts = (status: any, rollingUpdate?: any): Obj => ({
    kind: 'StatefulSet', metadata: { name: 'web', generation: 2 },
    spec: { replicas: 3, updateStrategy: { type: 'RollingUpdate', ...(rollingUpdate ? { rollingUpdate } : {}) } }, status: { observedGeneration: 2, ...status },
  })
  it('observed, ready, then revision messages', () => {
    expect(rolloutStatus(sts({ observedGeneration: 1 })).message).toBe('Waiting for statefulset spec update to be observed...\n')
    expect(rolloutStatus(sts({ readyReplicas: 1 })).message).toBe('Waiting for 2 pods to be ready...\n')
    expect(rolloutStatus(sts({ readyReplicas: 3, updatedReplicas: 1, currentRevision: 'web-6f7b', updateRevision: 'web-8c9d' })).message).toBe(
      'waiting for statefulset rolling update to complete 1 pods at revision web-8c9d...\n',
    )
    expect(rolloutStatus(sts({ readyReplicas: 3, updatedReplicas: 3, currentReplicas: 3, currentRevision: 'web-8c9d', updateRevision: 'web-8c9d' }))).toEqual({
      done: true, message: 'statefulset rolling update complete 3 pods at revision web-8c9d...\n',
    })
  })
  it('with a partition (the API server defaults partition: 0)', () => {
    expect(rolloutStatus(sts({ readyReplicas: 3, updatedReplicas: 1 }, { partition: 1 })).message).toBe('Waiting for partitioned roll out to finish: 1 out of 2 new pods have been updated...\n')
    expect(rolloutStatus(sts({ readyReplicas: 3, updatedReplicas: 3 }, { partition: 0 }))).toEqual({ done: true, message: 'partitioned roll out complete: 3 new pods have been updated...\n' })
  })
})
