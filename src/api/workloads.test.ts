// Defaults, validation and update rules of the workload kinds (Deployment, ReplicaSet, RC, StatefulSet,
// DaemonSet, Job, CronJob).
import { describe, expect, it } from 'vitest'
import { deploymentKind } from './deployment'
import { replicaSetKind } from './replica-set'
import { replicationControllerKind } from './replication-controller'
import { statefulSetKind, statefulSetUpdateForbiddenMessage } from './stateful-set'
import { daemonSetKind } from './daemon-set'
import { jobKind } from './job'
import { cronJobKind } from './cron-job'
import type { KindInfo } from './kind-info'

const meta = (name = 'web') => ({ name, namespace: 'default', uid: 'uid-1', creationTimestamp: '2024-01-01T00:00:00Z' })
const template = (labels: Record<string, string> = { app: 'web' }, spec: Record<string, unknown> = {}) => ({
  metadata: { labels },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }], ...spec },
})

function admit(kind: KindInfo, object: any): any {
  kind.applyDefaults?.(object)
  const parsed = kind.schema.safeParse(object)
  expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true)
  return object
}

const deployment = (spec: Record<string, unknown> = {}): any => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: meta(),
  spec: { selector: { matchLabels: { app: 'web' } }, template: template(), ...spec },
})

describe('Deployment', () => {
  it('gets the upstream defaults', () => {
    const d = admit(deploymentKind, deployment())
    expect(d.spec).toMatchObject({
      replicas: 1,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    })
    expect(d.spec.template.spec).toMatchObject({ restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', terminationGracePeriodSeconds: 30 })
    expect(d.spec.template.spec.containers[0].imagePullPolicy).toBe('IfNotPresent')
    // Pod-only admission does not touch templates.
    expect(d.spec.template.spec.tolerations).toBeUndefined()
    expect(d.spec.template.spec.serviceAccountName).toBeUndefined()
    expect(deploymentKind.validate!(d)).toEqual([])
  })

  it('leaves Recreate without rollingUpdate', () => {
    const d = admit(deploymentKind, deployment({ strategy: { type: 'Recreate' } }))
    expect(d.spec.strategy).toEqual({ type: 'Recreate' })
  })

  it('rejects a selector that does not match the template', () => {
    const d = admit(deploymentKind, deployment({ template: template({ app: 'other' }) }))
    expect(deploymentKind.validate!(d)).toEqual([
      { path: ['spec', 'template', 'metadata', 'labels'], message: 'Invalid value: {"app":"other"}: `selector` does not match template `labels`' },
    ])
  })

  it('rejects negative replicas, empty selectors, bad strategies and restart policies', () => {
    const issues = deploymentKind.validate!(
      admit(
        deploymentKind,
        deployment({
          replicas: -1,
          selector: {},
          strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '0%' } },
          template: template({ app: 'web' }, { restartPolicy: 'Never' }),
        }),
      ),
    )
    expect(issues).toEqual([
      { path: ['spec', 'replicas'], message: 'Invalid value: -1: must be greater than or equal to 0' },
      { path: ['spec', 'selector'], message: 'Invalid value: {}: empty selector is invalid for deployment' },
      { path: ['spec', 'template', 'spec', 'restartPolicy'], message: 'Unsupported value: "Never": supported values: "Always"' },
      { path: ['spec', 'strategy', 'rollingUpdate', 'maxUnavailable'], message: 'Invalid value: 0: may not be 0 when `maxSurge` is 0' },
    ])
  })

  it('keeps the selector immutable', () => {
    const before = admit(deploymentKind, deployment())
    const after = structuredClone(before)
    after.spec.selector = { matchLabels: { app: 'web', tier: 'x' } }
    after.spec.template.metadata.labels.tier = 'x'
    const issues = deploymentKind.validateUpdate!(before, after)
    expect(issues).toHaveLength(1)
    expect(issues[0].path).toEqual(['spec', 'selector'])
    expect(issues[0].message).toMatch(/field is immutable$/)
    const scaled = structuredClone(before)
    scaled.spec.replicas = 5
    expect(deploymentKind.validateUpdate!(before, scaled)).toEqual([])
  })
})

describe('ReplicaSet and ReplicationController', () => {
  it('defaults replicas to 1', () => {
    const rs = admit(replicaSetKind, { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: meta(), spec: { selector: { matchLabels: { app: 'web' } }, template: template() } })
    expect(rs.spec.replicas).toBe(1)
    expect(replicaSetKind.validate!(rs)).toEqual([])
  })

  it('defaults an RC selector and labels from its template', () => {
    const rc = admit(replicationControllerKind, { apiVersion: 'v1', kind: 'ReplicationController', metadata: meta(), spec: { template: template() } })
    expect(rc.spec.selector).toEqual({ app: 'web' })
    expect(rc.metadata.labels).toEqual({ app: 'web' })
    expect(rc.spec.replicas).toBe(1)
    expect(replicationControllerKind.validate!(rc)).toEqual([])
  })
})

describe('StatefulSet', () => {
  const sts = (spec: Record<string, unknown> = {}): any => ({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: meta(),
    spec: {
      serviceName: 'web',
      selector: { matchLabels: { app: 'web' } },
      template: template({ app: 'web' }, { containers: [{ name: 'c', image: 'x:1', volumeMounts: [{ name: 'www', mountPath: '/data' }] }] }),
      volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      ...spec,
    },
  })

  it('gets the upstream defaults, including its claim templates', () => {
    const s = admit(statefulSetKind, sts())
    expect(s.spec).toMatchObject({
      replicas: 1,
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    })
    expect(s.spec.volumeClaimTemplates[0]).toMatchObject({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', spec: { volumeMode: 'Filesystem' }, status: { phase: 'Pending' } })
    expect(statefulSetKind.validate!(s)).toEqual([])
  })

  it('allows only some spec fields to change', () => {
    const before = admit(statefulSetKind, sts())
    const scaled = structuredClone(before)
    scaled.spec.replicas = 3
    scaled.spec.template.spec.containers[0].image = 'x:2'
    expect(statefulSetKind.validateUpdate!(before, scaled)).toEqual([])
    const resized = structuredClone(before)
    resized.spec.volumeClaimTemplates[0].spec.resources.requests.storage = '2Gi'
    expect(statefulSetKind.validateUpdate!(before, resized)).toEqual([{ path: ['spec'], message: `Forbidden: ${statefulSetUpdateForbiddenMessage}` }])
  })
})

describe('DaemonSet', () => {
  it('gets the upstream defaults', () => {
    const ds = admit(daemonSetKind, { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: meta(), spec: { selector: { matchLabels: { app: 'web' } }, template: template() } })
    expect(ds.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } })
    expect(ds.spec.revisionHistoryLimit).toBe(10)
    expect(daemonSetKind.validate!(ds)).toEqual([])
  })
})

describe('Job', () => {
  const job = (spec: Record<string, unknown> = {}): any => ({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: meta('pi'),
    spec: { template: { spec: { containers: [{ name: 'pi', image: 'perl' }], restartPolicy: 'Never' } }, ...spec },
  })

  it('gets the upstream defaults and a generated selector', () => {
    const j = admit(jobKind, job())
    expect(j.spec).toMatchObject({
      completions: 1,
      parallelism: 1,
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      suspend: false,
      podReplacementPolicy: 'TerminatingOrFailed',
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'uid-1' } },
    })
    const labels = {
      'batch.kubernetes.io/controller-uid': 'uid-1',
      'controller-uid': 'uid-1',
      'batch.kubernetes.io/job-name': 'pi',
      'job-name': 'pi',
    }
    expect(j.spec.template.metadata.labels).toEqual(labels)
    expect(j.metadata.labels).toEqual(labels)
    expect(jobKind.validate!(j)).toEqual([])
  })

  it('leaves completions unset for a work queue and uses MaxInt32 with backoffLimitPerIndex', () => {
    expect(admit(jobKind, job({ parallelism: 3 })).spec.completions).toBeUndefined()
    expect(admit(jobKind, job({ completions: 5, completionMode: 'Indexed', backoffLimitPerIndex: 1 })).spec.backoffLimit).toBe(2147483647)
    const withPolicy = admit(jobKind, job({ podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] } }))
    expect(withPolicy.spec.podReplacementPolicy).toBe('Failed')
    expect(withPolicy.spec.podFailurePolicy.rules[0].onPodConditions[0].status).toBe('True')
  })

  it('requires a restartPolicy of OnFailure or Never', () => {
    const j = admit(jobKind, job({ template: { spec: { containers: [{ name: 'pi', image: 'perl' }] } } }))
    expect(jobKind.validate!(j)).toEqual([
      { path: ['spec', 'template', 'spec', 'restartPolicy'], message: 'Unsupported value: "Always": supported values: "OnFailure", "Never"' },
    ])
  })

  it('rejects a hand-written selector without manualSelector', () => {
    const j = admit(jobKind, job({ selector: { matchLabels: { app: 'x' } } }))
    expect(jobKind.validate!(j)).toContainEqual({ path: ['spec', 'selector'], message: 'Invalid value: {"matchLabels":{"app":"x"}}: `selector` not auto-generated' })
  })

  it('keeps the template and completions immutable', () => {
    const before = admit(jobKind, job())
    const after = structuredClone(before)
    after.spec.template.spec.containers[0].image = 'perl:2'
    after.spec.completions = 3
    expect(jobKind.validateUpdate!(before, after).map((i) => i.path.join('.'))).toEqual(['spec.template', 'spec.completions'])
    const resumed = structuredClone(before)
    resumed.spec.suspend = true
    expect(jobKind.validateUpdate!(before, resumed)).toEqual([])
  })
})

describe('CronJob', () => {
  const cronJob = (name = 'hello', spec: Record<string, unknown> = {}): any => ({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: meta(name),
    spec: {
      schedule: '* * * * *',
      jobTemplate: { spec: { template: { spec: { containers: [{ name: 'hello', image: 'busybox' }], restartPolicy: 'OnFailure' } } } },
      ...spec,
    },
  })

  it('gets the upstream defaults, but no Job defaults in its template', () => {
    const c = admit(cronJobKind, cronJob())
    expect(c.spec).toMatchObject({ concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 })
    expect(c.spec.jobTemplate.spec.backoffLimit).toBeUndefined()
    expect(c.spec.jobTemplate.spec.template.spec.terminationGracePeriodSeconds).toBe(30)
    expect(cronJobKind.validate!(c)).toEqual([])
  })

  it('limits names to 52 characters and checks the schedule', () => {
    expect(cronJobKind.validate!(admit(cronJobKind, cronJob('a'.repeat(53))))).toEqual([
      { path: ['metadata', 'name'], message: `Invalid value: "${'a'.repeat(53)}": must be no more than 52 characters` },
    ])
    expect(cronJobKind.validate!(admit(cronJobKind, cronJob('c', { schedule: 'every minute' })))).toEqual([
      { path: ['spec', 'schedule'], message: 'Invalid value: "every minute": expected exactly 5 fields, found 2: [every minute]' },
    ])
    expect(cronJobKind.validate!(admit(cronJobKind, cronJob('c', { schedule: '' })))).toEqual([{ path: ['spec', 'schedule'], message: 'Required value' }])
    expect(cronJobKind.validate!(admit(cronJobKind, cronJob('c', { schedule: '@hourly', timeZone: 'Europe/Paris' })))).toEqual([])
    expect(cronJobKind.validate!(admit(cronJobKind, cronJob('c', { timeZone: 'Mars/Base' })))).toEqual([
      { path: ['spec', 'timeZone'], message: 'Invalid value: "Mars/Base": unknown time zone Mars/Base' },
    ])
  })
})
