// Jobs end to end: the job-controller with the scheduler and kubelets (semantics §8). Default profile:
// image pull 2 s the first time per node, start 1 s, restartPolicy Never/OnFailure containers run 10 s.
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { createCluster } from '../../src/index'
import { CORPUS } from '../corpus'

const corpus = (path: string) => readFileSync(`${CORPUS}/website/content/${path}`, 'utf8')
const job = (cluster: ReturnType<typeof createCluster>, name: string) => cluster.get('Job', name) as any
const conditionTypes = (j: any) => (j.status?.conditions ?? []).filter((c: any) => c.status === 'True').map((c: any) => c.type)
const isFinished = (j: any) => conditionTypes(j).some((t: string) => t === 'Complete' || t === 'Failed')
const jobEvents = (cluster: ReturnType<typeof createCluster>, name: string) =>
  cluster.events({ involvedObject: { kind: 'Job', name } }).map((e: any) => `${e.reason}: ${e.message}`)

function simpleJob(name: string, spec: Record<string, unknown>, annotations: Record<string, string> = {}, restartPolicy = 'Never') {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: { ...spec, template: { metadata: { annotations }, spec: { restartPolicy, containers: [{ name: 'work', image: 'busybox' }] } } },
  }
}

describe('Job (§8)', () => {
  it('runs the corpus pi Job to completion: SuccessCriteriaMet then Complete, succeeded 1, finalizer removed', () => {
    const cluster = createCluster({ nodes: 3, images: { perl: { runDuration: '8s' } } })
    cluster.apply(corpus('en/examples/controllers/job.yaml'))
    cluster.runUntil(() => isFinished(job(cluster, 'pi')), { timeout: '2m' })
    const pi = job(cluster, 'pi')
    expect(conditionTypes(pi)).toEqual(['SuccessCriteriaMet', 'Complete'])
    expect(pi.status.conditions[1]).toMatchObject({ reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' })
    expect(pi.status).toMatchObject({ succeeded: 1, ready: 0, terminating: 0, uncountedTerminatedPods: {}, startTime: '2025-01-01T00:00:00Z' })
    expect(pi.status.active).toBeUndefined()
    // pull 2 s + start 1 s + run 8 s.
    expect(pi.status.completionTime).toBe('2025-01-01T00:00:11Z')
    const pods = cluster.list('Pod', { labelSelector: 'job-name=pi' }) as any[]
    expect(pods).toHaveLength(1)
    expect(pods[0].metadata.name).toMatch(/^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/)
    expect(pods[0].status.phase).toBe('Succeeded')
    expect(pods[0].metadata.finalizers).toBeUndefined()
    expect(pods[0].metadata.labels).toMatchObject({ 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': pi.metadata.uid, 'batch.kubernetes.io/controller-uid': pi.metadata.uid })
    expect(jobEvents(cluster, 'pi')).toEqual([`SuccessfulCreate: Created pod: ${pods[0].metadata.name}`, 'Completed: Job completed'])
  })

  it('adds the job-tracking finalizer to pods while they run', () => {
    const cluster = createCluster({ nodes: 1 })
    cluster.apply(simpleJob('tracked', {}))
    cluster.settle()
    const [pod] = cluster.list('Pod') as any[]
    expect(pod.metadata.finalizers).toEqual(['batch.kubernetes.io/job-tracking'])
    expect(job(cluster, 'tracked').status).toMatchObject({ active: 1, startTime: '2025-01-01T00:00:00Z' })
  })

  it('never runs more than parallelism 3 pods for completions 6, and finishes with 6 succeeded', () => {
    const cluster = createCluster({ nodes: 3 })
    let active = 0
    let maxActive = 0
    const seen = new Map<string, boolean>()
    cluster.watch('Pod', ({ type, object }) => {
      const p = object as any
      const running = type !== 'DELETED' && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed' && !p.metadata.deletionTimestamp
      const was = seen.get(p.metadata.name) ?? false
      if (running !== was) active += running ? 1 : -1
      seen.set(p.metadata.name, running)
      maxActive = Math.max(maxActive, active)
    })
    cluster.apply(simpleJob('batch', { completions: 6, parallelism: 3 }))
    cluster.runUntil(() => isFinished(job(cluster, 'batch')), { timeout: '5m' })
    expect(maxActive).toBe(3)
    expect(job(cluster, 'batch').status.succeeded).toBe(6)
    expect(conditionTypes(job(cluster, 'batch'))).toContain('Complete')
    expect(cluster.list('Pod')).toHaveLength(6)
  })

  it('work-queue Job (completions unset): no new pods after the first success', () => {
    const cluster = createCluster({ nodes: 3 })
    cluster.apply(simpleJob('queue', { parallelism: 3 }))
    cluster.runUntil(() => isFinished(job(cluster, 'queue')), { timeout: '5m' })
    expect(cluster.list('Pod')).toHaveLength(3)
    expect(job(cluster, 'queue').status.succeeded).toBe(3)
  })

  it('fails with BackoffLimitExceeded after backoffLimit+1 pods, re-creating after 10 s, 20 s, 40 s', () => {
    const cluster = createCluster({ nodes: 1 })
    cluster.apply(simpleJob('crashy', { backoffLimit: 3 }, { 'kubesim.io/exit-code': '1' }))
    cluster.runUntil(() => isFinished(job(cluster, 'crashy')), { timeout: '10m' })
    const pods = (cluster.list('Pod') as any[]).sort((a, b) => (a.metadata.creationTimestamp < b.metadata.creationTimestamp ? -1 : 1))
    expect(pods).toHaveLength(4)
    expect(pods.every((p) => p.status.phase === 'Failed')).toBe(true)
    const gapsMs = pods.slice(1).map((p, i) => Date.parse(p.metadata.creationTimestamp) - Date.parse(pods[i].status.containerStatuses[0].state.terminated.finishedAt))
    expect(gapsMs).toEqual([10_000, 20_000, 40_000])
    const crashy = job(cluster, 'crashy')
    expect(crashy.status.failed).toBe(4)
    expect(conditionTypes(crashy)).toEqual(['FailureTarget', 'Failed'])
    expect(crashy.status.conditions[1]).toMatchObject({ reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' })
    expect(crashy.status.completionTime).toBeUndefined()
    expect(jobEvents(cluster, 'crashy').at(-1)).toBe('BackoffLimitExceeded: Job has reached the specified backoff limit')
  })

  it('completes the corpus Indexed Job: indexes 0-4, hostnames <job>-<index>, JOB_COMPLETION_INDEX', () => {
    const cluster = createCluster({ nodes: 3 })
    cluster.apply(corpus('en/examples/application/job/indexed-job.yaml'))
    cluster.settle()
    const first = cluster.list('Pod') as any[]
    expect(first.map((p) => p.metadata.annotations['batch.kubernetes.io/job-completion-index']).sort()).toEqual(['0', '1', '2'])
    const zero = first.find((p) => p.metadata.labels['batch.kubernetes.io/job-completion-index'] === '0')
    expect(zero.metadata.name).toMatch(/^indexed-job-0-[a-z0-9]{5}$/)
    expect(zero.spec.hostname).toBe('indexed-job-0')
    expect(zero.spec.containers[0].env.find((e: any) => e.name === 'JOB_COMPLETION_INDEX').valueFrom.fieldRef.fieldPath).toBe("metadata.annotations['batch.kubernetes.io/job-completion-index']")
    expect(zero.spec.initContainers[0].env.map((e: any) => e.name)).toContain('JOB_COMPLETION_INDEX')
    cluster.runUntil(() => isFinished(job(cluster, 'indexed-job')), { timeout: '5m' })
    const done = job(cluster, 'indexed-job')
    expect(done.status.completedIndexes).toBe('0-4')
    expect(done.status.succeeded).toBe(5)
    expect(conditionTypes(done)).toContain('Complete')
  })

  it('fails the corpus pod-failure-policy Job on exit code 42 with reason PodFailurePolicy', () => {
    const cluster = createCluster({ nodes: 3 })
    const manifest = parse(corpus('en/examples/controllers/job-pod-failure-policy-example.yaml'))
    // The container's `exit 42` expressed as the simulator's behaviour annotation.
    manifest.spec.template.metadata = { annotations: { 'kubesim.io/exit-code': '42', 'kubesim.io/run-duration': '5s' } }
    cluster.apply(manifest)
    cluster.runUntil(() => isFinished(job(cluster, 'job-pod-failure-policy-example')), { timeout: '5m' })
    const j = job(cluster, 'job-pod-failure-policy-example')
    const failed = j.status.conditions.find((c: any) => c.type === 'Failed')
    expect(failed.reason).toBe('PodFailurePolicy')
    expect(failed.message).toMatch(/^Container main for pod default\/job-pod-failure-policy-example-[a-z0-9]{5} failed with exit code 42 matching FailJob rule at index 0$/)
    // Fails at the first failure wave, far below backoffLimit 6: no replacement pods were created.
    expect(jobEvents(cluster, 'job-pod-failure-policy-example').filter((e) => e.startsWith('SuccessfulCreate'))).toHaveLength(3)
  })

  it('activeDeadlineSeconds: deletes the running pod at the deadline and fails with DeadlineExceeded', () => {
    const cluster = createCluster({ nodes: 1 })
    cluster.apply(simpleJob('slow', { activeDeadlineSeconds: 60 }, { 'kubesim.io/run-duration': '300s' }))
    cluster.runUntil(() => isFinished(job(cluster, 'slow')), { timeout: '5m' })
    const slow = job(cluster, 'slow')
    expect(slow.status.conditions.find((c: any) => c.type === 'FailureTarget').lastTransitionTime).toBe('2025-01-01T00:01:00Z')
    expect(slow.status.conditions.find((c: any) => c.type === 'Failed')).toMatchObject({ reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' })
    expect(jobEvents(cluster, 'slow')).toContain('DeadlineExceeded: Job was active longer than specified deadline')
    expect(cluster.list('Pod')).toHaveLength(0)
  })

  it('suspend: no pods and no startTime; resuming creates pods and sets startTime then', () => {
    const cluster = createCluster({ nodes: 1 })
    cluster.apply(simpleJob('later', { suspend: true }))
    cluster.advance('50s')
    expect(cluster.list('Pod')).toHaveLength(0)
    expect(job(cluster, 'later').status.startTime).toBeUndefined()
    expect(job(cluster, 'later').status.conditions[0]).toMatchObject({ type: 'Suspended', status: 'True', reason: 'JobSuspended', message: 'Job suspended' })
    cluster.edit('Job', 'later', (d: any) => void (d.spec.suspend = false))
    cluster.settle()
    expect(cluster.list('Pod')).toHaveLength(1)
    expect(job(cluster, 'later').status.startTime).toBe('2025-01-01T00:00:50Z')
    expect(job(cluster, 'later').status.conditions[0]).toMatchObject({ type: 'Suspended', status: 'False', reason: 'JobResumed' })
    expect(jobEvents(cluster, 'later')).toContain('Resumed: Job resumed')
  })

  it('OnFailure: the kubelet restarts in place; the Job fails when restarts reach backoffLimit', () => {
    const cluster = createCluster({ nodes: 1 })
    cluster.apply(simpleJob('flaky', { backoffLimit: 2 }, { 'kubesim.io/exit-code': '1' }, 'OnFailure'))
    cluster.runUntil(() => isFinished(job(cluster, 'flaky')), { timeout: '10m' })
    const flaky = job(cluster, 'flaky')
    expect(flaky.status.conditions.find((c: any) => c.type === 'Failed').reason).toBe('BackoffLimitExceeded')
    expect(flaky.status.failed).toBe(1)
    expect(cluster.list('Pod').length).toBeLessThanOrEqual(1)
  })

  it('ttlSecondsAfterFinished deletes the Job and its pods 100 s after it completed', () => {
    const cluster = createCluster({ nodes: 1 })
    cluster.apply(simpleJob('shortlived', { ttlSecondsAfterFinished: 100 }))
    cluster.runUntil(() => isFinished(job(cluster, 'shortlived')), { timeout: '2m' })
    const finishedAt = cluster.elapsed()
    cluster.runUntil(() => job(cluster, 'shortlived') === undefined, { timeout: '5m' })
    expect(cluster.elapsed() - finishedAt).toBe(100_000)
    cluster.settle()
    expect(cluster.list('Pod')).toHaveLength(0)
  })
})

describe('orphaned Job pods (job_controller.go syncOrphanPod)', () => {
  it('releases the tracking finalizer of pods whose Job was deleted, so they do not stay Terminating', () => {
    const cluster = createCluster({ nodes: 1 })
    cluster.apply({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi' }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl' }] } } } })
    cluster.advance('5s')
    expect(cluster.list('Pod')).toHaveLength(1)
    expect(cluster.list('Pod')[0].metadata.finalizers).toEqual(['batch.kubernetes.io/job-tracking'])
    cluster.delete('Job', 'pi')
    cluster.advance('1m')
    expect(cluster.list('Pod')).toEqual([])
  })
})
