// CronJobs end to end on the virtual clock: cronjob-controller → job-controller → pods (semantics §9).
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { createCluster } from '../../src/index'
import { CORPUS } from '../corpus'

const hello = () => parse(readFileSync(`${CORPUS}/website/content/ja/examples/application/job/cronjob.yaml`, 'utf8'))
type C = ReturnType<typeof createCluster>
const jobNames = (cluster: C) => (cluster.list('Job') as any[]).map((j) => j.metadata.name)
const cronEvents = (cluster: C) => cluster.events({ involvedObject: { kind: 'CronJob', name: 'hello' } }).map((e: any) => `${e.reason}: ${e.message}`)
const minutes = (iso: string) => Math.floor(Date.parse(iso) / 60_000)

describe('CronJob (§9)', () => {
  it('creates one Job per virtual minute named by scheduled minutes since the epoch, keeping 3 successful Jobs', () => {
    const cluster = createCluster({ nodes: 2 })
    const created: string[] = []
    cluster.watch('Job', ({ type, object }) => void (type === 'ADDED' && created.push(`${object.metadata.name}@${cluster.elapsed()}`)))
    cluster.apply(hello())
    cluster.advance('5m30s')
    const m = minutes('2025-01-01T00:00:00Z')
    // The first run is at 00:01 (the first schedule time after creation), each within ~100 ms of its slot.
    expect(created).toEqual([1, 2, 3, 4, 5].map((i) => `hello-${m + i}@${i * 60_000 + 100}`))
    expect(jobNames(cluster)).toEqual([`hello-${m + 3}`, `hello-${m + 4}`, `hello-${m + 5}`])
    const last = cluster.get('Job', `hello-${m + 5}`) as any
    expect(last.metadata.annotations['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2025-01-01T00:05:00Z')
    expect(last.metadata.ownerReferences[0]).toMatchObject({ kind: 'CronJob', name: 'hello', controller: true })
    const cj = cluster.get('CronJob', 'hello') as any
    expect(cj.status.lastScheduleTime).toBe('2025-01-01T00:05:00Z')
    expect(cj.status.active).toBeUndefined()
    // Image cached on the node by now: start 1 s + run 10 s after 00:05:00.1.
    expect(cj.status.lastSuccessfulTime).toBe('2025-01-01T00:05:11Z')
    const events = cronEvents(cluster)
    expect(events).toContain(`SuccessfulCreate: Created job hello-${m + 1}`)
    expect(events).toContain(`SawCompletedJob: Saw completed job: hello-${m + 1}, status: Complete`)
    expect(events).toContain(`SuccessfulDelete: Deleted job hello-${m + 1}`)
    expect(events).toContain(`SuccessfulDelete: Deleted job hello-${m + 2}`)
  })

  it('Forbid skips a slot while the previous Job runs (JobAlreadyActive) and starts it late when that Job ends', () => {
    const cluster = createCluster({ nodes: 1 })
    const cj = hello()
    cj.spec.concurrencyPolicy = 'Forbid'
    cj.spec.jobTemplate.spec.template.metadata = { annotations: { 'kubesim.io/run-duration': '90s' } }
    cluster.apply(cj)
    cluster.advance('2m30s')
    const m = minutes('2025-01-01T00:00:00Z')
    // 00:01 starts; 00:02 is skipped while it runs (pull 2 s + start 1 s + 90 s → ends 00:02:33).
    expect(cronEvents(cluster)).toContain('JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid')
    expect(jobNames(cluster)).toEqual([`hello-${m + 1}`])
    cluster.advance('10s')
    // The skipped 00:02 slot starts late, as soon as the first Job is done.
    expect(jobNames(cluster)).toEqual([`hello-${m + 1}`, `hello-${m + 2}`])
    expect((cluster.get('Job', `hello-${m + 2}`) as any).metadata.creationTimestamp).toBe('2025-01-01T00:02:33Z')
  })

  it('Replace deletes the running Job at the next slot and starts a new one', () => {
    const cluster = createCluster({ nodes: 1 })
    const cj = hello()
    cj.spec.concurrencyPolicy = 'Replace'
    cj.spec.jobTemplate.spec.template.metadata = { annotations: { 'kubesim.io/run-duration': '300s' } }
    cluster.apply(cj)
    cluster.advance('2m1s')
    const m = minutes('2025-01-01T00:00:00Z')
    expect(jobNames(cluster)).toEqual([`hello-${m + 2}`])
    expect(cronEvents(cluster)).toContain(`SuccessfulDelete: Deleted job hello-${m + 1}`)
    const status = (cluster.get('CronJob', 'hello') as any).status
    expect(status.active.map((r: any) => r.name)).toEqual([`hello-${m + 2}`])
  })

  it('suspend stops new Jobs; running Jobs continue', () => {
    const cluster = createCluster({ nodes: 1 })
    cluster.apply(hello())
    cluster.advance('1m1s')
    cluster.edit('CronJob', 'hello', (d: any) => void (d.spec.suspend = true))
    cluster.advance('5m')
    expect(jobNames(cluster)).toHaveLength(1)
    expect((cluster.list('Job') as any[])[0].status.succeeded).toBe(1)
  })

  it('writes the scheduled timestamp in spec.timeZone', () => {
    const cluster = createCluster({ nodes: 1 })
    const cj = hello()
    cj.spec.schedule = '0 9 * * *'
    cj.spec.timeZone = 'Asia/Tokyo'
    cluster.apply(cj)
    cluster.advance('1h')
    const [job] = cluster.list('Job') as any[]
    // Created at 09:00 Tokyo time (00:00 UTC): the first run is the next day's 09:00.
    expect(job).toBeUndefined()
    cluster.advance('23h1s')
    const [first] = cluster.list('Job') as any[]
    expect(first.metadata.annotations['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2025-01-02T09:00:00+09:00')
  })

  it('rejects TZ= inside the schedule, as the API server does', () => {
    const cluster = createCluster({ nodes: 1 })
    const cj = hello()
    cj.spec.schedule = 'TZ=UTC * * * * *'
    expect(() => cluster.apply(cj)).toThrow(/cannot use TZ or CRON_TZ in schedule, use timeZone field instead/)
  })
})
