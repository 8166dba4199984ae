// A day in the life (issue 6): 100 nodes, 3,000 long-running pods (30 apps × 100 bare pods, until the
// Deployment controller lands), a per-minute CronJob whose Jobs run 10 s, and 24 h of virtual time.
// Idle time must be nearly free: the only work between minutes is the CronJob's own Jobs.
// --quick: 10 nodes, 300 pods, 2 h.
import { createCluster } from './kubesim'
import { MemoryPeak, time, type Scenario } from './harness'

export const dayScenario: Scenario = {
  name: 'day',
  run(quick) {
    const nodes = quick ? 10 : 100
    const apps = 30
    const perApp = quick ? 10 : 100
    const hours = quick ? 2 : 24
    const memory = new MemoryPeak()
    const cluster = createCluster({ nodes, keepTrace: false })
    const setup = time(() => {
      for (let a = 0; a < apps; a++)
        for (let i = 0; i < perApp; i++)
          cluster.create({
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: { name: `app-${a}-${i}`, labels: { app: `app-${a}` } },
            spec: { containers: [{ name: 'web', image: `registry.example/app-${a}:1`, resources: { requests: { cpu: '10m', memory: '32Mi' } } }] },
          })
      cluster.apply({
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'tick' },
        spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'tick', image: 'busybox' }] } } } } },
      })
      cluster.runUntil(() => cluster.list('Pod', { labelSelector: 'app' }).every((p: any) => p.status?.phase === 'Running'), { timeout: '10m' })
    })
    memory.sample()
    const startMs = cluster.now()
    const day = time(() => cluster.advance(`${hours}h`))
    memory.sample()
    const virtualMs = cluster.now() - startMs
    const cronJob = cluster.get('CronJob', 'tick') as any
    const jobs = cluster.list('Job').filter((j: any) => j.status?.conditions?.some((c: any) => c.type === 'Complete' && c.status === 'True')).length
    const running = cluster.list('Pod', { labelSelector: 'app' }).filter((p: any) => p.status?.phase === 'Running').length
    if (running !== apps * perApp) throw new Error(`day bench: ${running} of ${apps * perApp} app pods running`)
    if (jobs !== 3 || !cronJob.status?.lastScheduleTime) throw new Error(`day bench: ${jobs} successful Jobs kept (expected 3), lastScheduleTime ${cronJob.status?.lastScheduleTime}`)
    return {
      name: 'day',
      wallMs: setup.ms + day.ms,
      virtualMs,
      objects: apps * perApp,
      peakHeapMiB: memory.heapMiB,
      peakRssMiB: memory.rssMiB,
      setupMs: Math.round(setup.ms),
      dayMs: Math.round(day.ms),
      notes: `${nodes} nodes, ${apps * perApp} pods running; setup ${Math.round(setup.ms)} ms, ${hours} h virtual in ${Math.round(day.ms)} ms; last schedule ${cronJob.status.lastScheduleTime}`,
    }
  },
}
