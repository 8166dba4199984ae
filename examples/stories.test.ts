// The examples are part of the product: each story must keep telling the truth.
import { describe, expect, it } from 'vitest'
import { runCustomController } from './custom-controller'
import { runDaemonSet } from './daemonset'
import { runDeployment } from './deployment'
import { runJob } from './job'
import { runOutage } from './outage'
import { runStatefulSet } from './statefulset'

const quiet = () => {}

describe('example stories', () => {
  it('outage: the plain client fails only while endpoints list dead pods; the retrying client never fails', () => {
    const { cluster, plainStats, resilientStats } = runOutage(quiet)
    expect(plainStats.failed).toBeGreaterThan(0)
    expect(plainStats.availability).toBeGreaterThan(0.9)
    expect(resilientStats.failed).toBe(0)
    expect(cluster.get('Deployment', 'web')!.status!.availableReplicas).toBe(6)
  })

  it('deployment: the rollback leaves the first ReplicaSet with all 3 replicas', () => {
    const cluster = runDeployment(quiet)
    const sets = cluster.list('ReplicaSet').map((rs) => [rs.spec.template!.spec!.containers[0].image, rs.spec.replicas])
    expect(sets).toContainEqual(['nginx:1.14.2', 3])
    expect(sets).toContainEqual(['nginx:1.16.1', 0])
  })

  it('statefulset: web-0 comes back on claim www-web-0', () => {
    const cluster = runStatefulSet(quiet)
    expect(cluster.get('Pod', 'web-0')!.spec.volumes!.find((v) => v.name === 'www')!.persistentVolumeClaim!.claimName).toBe('www-web-0')
  })

  it('daemonset: pods follow the nodes', () => {
    const cluster = runDaemonSet(quiet)
    expect(cluster.list('Pod', { namespace: 'kube-system' }).map((p) => p.spec.nodeName).sort()).toEqual(['node-2', 'node-3', 'node-4'])
  })

  it('job: pi completes and the CronJob keeps three successful Jobs', () => {
    const cluster = runJob(quiet)
    expect(cluster.get('Job', 'pi')!.status!.succeeded).toBe(1)
    expect(cluster.list('Job').filter((j) => j.metadata.name.startsWith('hello-'))).toHaveLength(3)
  })

  it('custom controller: deleting the Website collects what the operator made', () => {
    const cluster = runCustomController(quiet)
    expect(cluster.get('Deployment', 'blog')).toBeUndefined()
    expect(cluster.get('Service', 'blog')).toBeUndefined()
  })
})
