// The kubelet drives bound pods through their lifecycle on the virtual clock: semantics.md §2 (phases,
// conditions, container status, restarts, probes, termination), §14 (kubelet Events) and the
// behaviour profiles of DESIGN.md §3. Pods are bound by creating them with spec.nodeName set.
import { describe, expect, it } from 'vitest'
import { createCluster, type Cluster } from '../../src/index'

type AnyPod = any

const pod = (name: string, spec: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, ...metadata },
  spec: { nodeName: 'node-1', containers: [{ name: 'app', image: 'nginx:1.14.2' }], ...spec },
})

const getPod = (cluster: Cluster, name: string): AnyPod => cluster.get('Pod', name) as AnyPod
const condition = (p: AnyPod, type: string) => p.status?.conditions?.find((c: AnyPod) => c.type === type)
const podEvents = (cluster: Cluster, name: string) =>
  cluster.events({ involvedObject: { kind: 'Pod', name } }).map((e: AnyPod) => ({ at: (Date.parse(e.lastTimestamp) - cluster.now() + cluster.elapsed()) / 1000, reason: e.reason, message: e.message, count: e.count }))

/** Samples a pod's phase / container state at each instant something changed (a watch on the pod). */
function recordTimeline(cluster: Cluster, name: string): string[] {
  const lines: string[] = []
  cluster.watch('Pod', (e) => {
    const p = e.object as AnyPod
    if (p.metadata.name !== name) return
    const cs = p.status?.containerStatuses?.[0]
    const state = cs?.state?.running ? 'running' : cs?.state?.terminated ? `terminated(${cs.state.terminated.reason})` : cs?.state?.waiting ? `waiting(${cs.state.waiting.reason})` : '-'
    lines.push(`${cluster.elapsed() / 1000}s ${e.type} ${p.status?.phase} ${state} ready=${condition(p, 'Ready')?.status ?? '-'}`)
  })
  return lines
}

describe('happy path of a bound pod (semantics.md §2.1–2.3, §14.3)', () => {
  it('goes Pending → Running with Ready at +3s: pull 2s, start 1s, with upstream events and two status writes', () => {
    const cluster = createCluster({ seed: 1 })
    const timeline = recordTimeline(cluster, 'web')
    cluster.create(pod('web'))
    cluster.advance('10s')
    expect(timeline).toEqual(['0s ADDED Pending - ready=-', '0s MODIFIED Pending waiting(ContainerCreating) ready=False', '3s MODIFIED Running running ready=True'])
    const p = getPod(cluster, 'web')
    expect(p.status.phase).toBe('Running')
    expect(p.status.hostIP).toBe('172.18.0.2')
    expect(p.status.podIP).toBe('10.244.1.2')
    expect(p.status.podIPs).toEqual([{ ip: '10.244.1.2' }])
    expect(p.status.startTime).toBe('2025-01-01T00:00:00Z')
    expect(p.status.qosClass).toBe('BestEffort')
    expect(p.status.conditions.map((c: AnyPod) => [c.type, c.status, c.lastTransitionTime])).toEqual([
      ['PodReadyToStartContainers', 'True', '2025-01-01T00:00:00Z'],
      ['Initialized', 'True', '2025-01-01T00:00:00Z'],
      ['Ready', 'True', '2025-01-01T00:00:03Z'],
      ['ContainersReady', 'True', '2025-01-01T00:00:03Z'],
    ])
    const cs = p.status.containerStatuses[0]
    expect(cs).toMatchObject({ name: 'app', ready: true, started: true, restartCount: 0, image: 'docker.io/library/nginx:1.14.2', state: { running: { startedAt: '2025-01-01T00:00:03Z' } }, lastState: {} })
    expect(cs.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/)
    expect(cs.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/)
    expect(podEvents(cluster, 'web').map((e) => [e.at, e.reason, e.message.replace(/Image size: \d+/, 'Image size: N')])).toEqual([
      [0, 'Pulling', 'Pulling image "nginx:1.14.2"'],
      [2, 'Pulled', 'Successfully pulled image "nginx:1.14.2" in 2s (2s including waiting). Image size: N bytes.'],
      [2, 'Created', 'Created container: app'],
      [3, 'Started', 'Started container app'],
    ])
    const kubeletEvent = cluster.events({ involvedObject: { kind: 'Pod', name: 'web' } })[0] as AnyPod
    expect(kubeletEvent.source).toEqual({ component: 'kubelet', host: 'node-1' })
    expect(kubeletEvent.involvedObject.fieldPath).toBe('spec.containers{app}')
    const writes = cluster.trace().filter((t) => t.kind === 'Pod' && t.name === 'web' && t.actor === 'kubelet/node-1')
    expect(writes.map((t) => [(t.time - cluster.now() + cluster.elapsed()) / 1000, t.verb])).toEqual([
      [0, 'updateStatus'],
      [3, 'updateStatus'],
    ])
  })

  it('a Job-style pod (restartPolicy Never) completes at +13s: phase Succeeded, Ready False with reason PodCompleted', () => {
    const cluster = createCluster({ seed: 1 })
    const timeline = recordTimeline(cluster, 'job')
    cluster.create(pod('job', { restartPolicy: 'Never' }))
    cluster.advance('1m')
    expect(timeline).toEqual([
      '0s ADDED Pending - ready=-',
      '0s MODIFIED Pending waiting(ContainerCreating) ready=False',
      '3s MODIFIED Running running ready=True',
      '13s MODIFIED Succeeded terminated(Completed) ready=False',
    ])
    const p = getPod(cluster, 'job')
    expect(p.status.containerStatuses[0].state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed', startedAt: '2025-01-01T00:00:03Z', finishedAt: '2025-01-01T00:00:13Z' })
    expect(condition(p, 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' })
    expect(condition(p, 'ContainersReady')).toMatchObject({ status: 'False', reason: 'PodCompleted' })
    expect(condition(p, 'Initialized')).toMatchObject({ status: 'True', reason: 'PodCompleted' })
    expect(condition(p, 'PodReadyToStartContainers')).toMatchObject({ status: 'False' })
  })

  it('restartPolicy Never with exit code 2 ends Failed with reason Error (semantics.md §2 fact 3)', () => {
    const cluster = createCluster({ seed: 1 })
    cluster.create(pod('bad', { restartPolicy: 'Never' }, { annotations: { 'kubesim.io/exit-code': '2', 'kubesim.io/run-duration': '5s' } }))
    cluster.advance('1m')
    const p = getPod(cluster, 'bad')
    expect(p.status.phase).toBe('Failed')
    expect(p.status.containerStatuses[0].state.terminated).toMatchObject({ exitCode: 2, reason: 'Error', finishedAt: '2025-01-01T00:00:08Z' })
    expect(condition(p, 'Ready')).toMatchObject({ status: 'False', reason: 'PodFailed' })
  })

  it('restartPolicy OnFailure restarts a failed container in place and the pod stays Running (fact 4)', () => {
    const cluster = createCluster({ seed: 1 })
    cluster.create(pod('retry', { restartPolicy: 'OnFailure' }, { annotations: { 'kubesim.io/exit-code': '1', 'kubesim.io/run-duration': '5s' } }))
    cluster.advance('9s') // running at 3s, exits at 8s, restarted immediately (first restart), running again at 9s
    const p = getPod(cluster, 'retry')
    expect(p.status.phase).toBe('Running')
    expect(p.status.containerStatuses[0].restartCount).toBe(1)
    expect(p.status.containerStatuses[0].lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error', finishedAt: '2025-01-01T00:00:08Z' })
    expect(p.status.containerStatuses[0].state.running.startedAt).toBe('2025-01-01T00:00:09Z')
  })

  it('pulls an image once per node: a second pod on the same node finds it "already present" and runs after 1s', () => {
    const cluster = createCluster({ seed: 1 })
    cluster.create(pod('first'))
    cluster.advance('5s')
    cluster.create(pod('second'))
    const startMs = cluster.elapsed()
    cluster.runUntil(() => getPod(cluster, 'second').status?.phase === 'Running')
    expect(cluster.elapsed() - startMs).toBe(1000)
    expect(podEvents(cluster, 'second').map((e) => [e.reason, e.message])).toEqual([
      ['Pulled', 'Container image "nginx:1.14.2" already present on machine'],
      ['Created', 'Created container: app'],
      ['Started', 'Started container app'],
    ])
    // Another node has its own image cache.
    cluster.create(pod('third', { nodeName: 'node-2' }))
    cluster.advance('10s')
    expect(podEvents(cluster, 'third')[0]).toMatchObject({ reason: 'Pulling' })
    expect(getPod(cluster, 'third').status.podIP).toBe('10.244.2.2')
    expect(getPod(cluster, 'second').status.podIP).toBe('10.244.1.3')
  })

  it('two pods pulling the same image at once on one node share the pull', () => {
    const cluster = createCluster({ seed: 1 })
    cluster.create(pod('a'))
    cluster.advance('1s')
    cluster.create(pod('b'))
    cluster.runUntil(() => getPod(cluster, 'b').status?.phase === 'Running')
    expect(cluster.elapsed()).toBe(3000)
    expect(podEvents(cluster, 'b').find((e) => e.reason === 'Pulled')!.message).toMatch(/^Successfully pulled image "nginx:1.14.2" in 1s \(1s including waiting\)/)
  })

  it('a pod bound to a node without a kubelet stays Pending without container statuses (until PodGC removes it)', () => {
    const cluster = createCluster({ seed: 1 })
    cluster.create(pod('lost', { nodeName: 'nowhere' }))
    cluster.advance('10s')
    expect(getPod(cluster, 'lost').status.phase).toBe('Pending')
    expect(getPod(cluster, 'lost').status.containerStatuses).toBeUndefined()
  })
})

describe('probes (semantics.md §2.6)', () => {
  it('readiness probe with initialDelaySeconds 5, period 10: Ready at running+5s after the first success', () => {
    const cluster = createCluster({ seed: 1 })
    cluster.create(pod('web', { containers: [{ name: 'app', image: 'nginx:1.14.2', readinessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 5, periodSeconds: 10 } }] }))
    cluster.advance('7s')
    const running = getPod(cluster, 'web')
    expect(running.status.phase).toBe('Running')
    expect(running.status.containerStatuses[0]).toMatchObject({ ready: false, started: true })
    expect(condition(running, 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [app]' })
    cluster.advance('1s')
    expect(condition(getPod(cluster, 'web'), 'Ready')).toMatchObject({ status: 'True', lastTransitionTime: '2025-01-01T00:00:08Z' })
    // Nothing can change any more: no timer is left for this pod.
    expect(cluster.env.clock.peek(50).filter((t) => t.label.includes('default/web'))).toEqual([])
  })

  it('readiness probe failing until readyAfter: Unhealthy events at each failed probe, Ready at the first success', () => {
    const cluster = createCluster({ seed: 1 })
    cluster.create(
      pod('slow', { containers: [{ name: 'app', image: 'nginx:1.14.2', readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 10 } }] }, { annotations: { 'kubesim.io/ready-after': '25s' } }),
    )
    cluster.runUntil(() => condition(getPod(cluster, 'slow'), 'Ready')?.status === 'True')
    // Running at 3s; probes at 3, 13, 23 fail; 33 succeeds.
    expect(cluster.elapsed()).toBe(33_000)
    const unhealthy = podEvents(cluster, 'slow').filter((e) => e.reason === 'Unhealthy')
    expect(unhealthy).toEqual([{ at: 23, reason: 'Unhealthy', message: 'Readiness probe failed: Get "http://10.244.1.2:8080/healthz": dial tcp 10.244.1.2:8080: connect: connection refused', count: 3 }])
  })

  it('liveness failure restarts the container with Unhealthy and Killing events (fact 7)', () => {
    const cluster = createCluster({ seed: 1 })
    cluster.create(
      pod('live', { containers: [{ name: 'app', image: 'nginx:1.14.2', livenessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 10, failureThreshold: 3 } }] }, { annotations: { 'kubesim.io/liveness-fails-after': '15s' } }),
    )
    // Running at 3s; probes at 3, 13, 23, 33, 43: fails from 18s on → 23, 33, 43 fail → killed at 43s.
    cluster.runUntil(() => getPod(cluster, 'live').status.containerStatuses[0].restartCount === 1)
    expect(cluster.elapsed()).toBe(43_000)
    const events = podEvents(cluster, 'live')
    expect(events.filter((e) => e.reason === 'Unhealthy')).toEqual([{ at: 43, reason: 'Unhealthy', message: 'Liveness probe failed: HTTP probe failed with statuscode: 500', count: 3 }])
    expect(events.find((e) => e.reason === 'Killing')).toMatchObject({ at: 43, message: 'Container app failed liveness probe, will be restarted' })
    const cs = getPod(cluster, 'live').status.containerStatuses[0]
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 143, reason: 'Error', finishedAt: '2025-01-01T00:00:43Z' })
    cluster.advance('1s')
    expect(getPod(cluster, 'live').status.containerStatuses[0].state.running.startedAt).toBe('2025-01-01T00:00:44Z')
  })

  it('startup probe gates readiness and kills a container that never starts', () => {
    const cluster = createCluster({ seed: 1 })
    cluster.create(
      pod('boot', { containers: [{ name: 'app', image: 'nginx:1.14.2', startupProbe: { tcpSocket: { port: 80 }, periodSeconds: 5, failureThreshold: 2 } }] }, { annotations: { 'kubesim.io/ready-after': '1h' } }),
    )
    cluster.runUntil(() => getPod(cluster, 'boot').status.containerStatuses[0].restartCount === 1)
    // Running at 3s; startup probes at 3 and 8 fail → killed at 8s.
    expect(cluster.elapsed()).toBe(8_000)
    expect(podEvents(cluster, 'boot').find((e) => e.reason === 'Killing')!.message).toBe('Container app failed startup probe, will be restarted')
  })
})

describe('restarts and CrashLoopBackOff (semantics.md §2.4)', () => {
  it('restarts a crashing container after 10, 20, 40, 80, 160, 300, 300 s; the pod stays Running', () => {
    const cluster = createCluster({ seed: 1 })
    cluster.create(pod('crash', {}, { annotations: { 'kubesim.io/exit-code': '1', 'kubesim.io/run-duration': '0s' } }))
    const restarts: { count: number; atS: number; lastFinishedS: number }[] = []
    cluster.watch('Pod', (e) => {
      const cs = (e.object as AnyPod).status?.containerStatuses?.[0]
      if (!cs || restarts.length && restarts[restarts.length - 1].count === cs.restartCount) return
      if (cs.restartCount === 0) return
      restarts.push({ count: cs.restartCount, atS: cluster.elapsed() / 1000, lastFinishedS: (Date.parse(cs.lastState.terminated.finishedAt) - Date.parse('2025-01-01T00:00:00Z')) / 1000 })
    })
    cluster.advance('20m')
    const waits = restarts.map((r) => r.atS - r.lastFinishedS)
    expect(waits.slice(0, 8)).toEqual([0, 10, 20, 40, 80, 160, 300, 300])
    const p = getPod(cluster, 'crash')
    expect(p.status.phase).toBe('Running')
    const backOff = podEvents(cluster, 'crash').find((e) => e.reason === 'BackOff')!
    expect(backOff.message).toBe(`Back-off restarting failed container app in pod crash_default(${p.metadata.uid})`)
    expect(backOff.count).toBeGreaterThan(5)
  })

  it('shows CrashLoopBackOff with the upstream waiting message between restarts', () => {
    const cluster = createCluster({ seed: 1 })
    cluster.create(pod('crash', {}, { annotations: { 'kubesim.io/exit-code': '1', 'kubesim.io/run-duration': '0s' } }))
    cluster.advance('5s') // exits at 3s, restarted at once, exits again at 4s: back-off 10s
    const p = getPod(cluster, 'crash')
    expect(p.status.containerStatuses[0]).toMatchObject({
      ready: false,
      restartCount: 1,
      state: { waiting: { reason: 'CrashLoopBackOff', message: `back-off 10s restarting failed container=app pod=crash_default(${p.metadata.uid})` } },
      lastState: { terminated: { exitCode: 1, reason: 'Error' } },
    })
    expect(p.status.phase).toBe('Running')
  })

  it('a container that ran for more than 10 minutes restarts at once (back-off reset, fact 2)', () => {
    const cluster = createCluster({ seed: 1 })
    cluster.create(pod('long', {}, { annotations: { 'kubesim.io/exit-code': '1', 'kubesim.io/run-duration': '11m' } }))
    cluster.advance('30m')
    // Exits at 3s+11m, restarted immediately (+1s start), exits again 11m later and again restarts immediately.
    const cs = getPod(cluster, 'long').status.containerStatuses[0]
    expect(cs.restartCount).toBe(2)
    expect(cs.state.running.startedAt).toBe('2025-01-01T00:22:05Z')
  })

  it('crash() makes a running container exit now and restartPolicy applies', () => {
    const cluster = createCluster({ seed: 1 })
    cluster.create(pod('web'))
    cluster.advance('10s')
    cluster.crash('web', { exitCode: 3 })
    cluster.settle()
    const cs = getPod(cluster, 'web').status.containerStatuses[0]
    expect(cs.restartCount).toBe(1)
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 3, reason: 'Error', finishedAt: '2025-01-01T00:00:10Z' })
    expect(podEvents(cluster, 'web').filter((e) => e.reason === 'Pulled').map((e) => e.message)[1]).toBe('Container image "nginx:1.14.2" already present on machine')
    cluster.advance('1s')
    expect(getPod(cluster, 'web').status.containerStatuses[0].state.running.startedAt).toBe('2025-01-01T00:00:11Z')
    expect(() => cluster.crash('web', { container: 'nope' })).toThrow(/no container "nope"/)
  })

  it('failureRate is a seeded chance per run: same seed, same outcome', () => {
    const outcome = (seed: number) => {
      const cluster = createCluster({ seed })
      for (let i = 0; i < 8; i++) cluster.create(pod(`p${i}`, { restartPolicy: 'Never' }, { annotations: { 'kubesim.io/failure-rate': '0.5' } }))
      cluster.advance('1m')
      return cluster.list('Pod').map((p: AnyPod) => p.status.phase).join(',')
    }
    expect(outcome(7)).toBe(outcome(7))
    expect(outcome(7)).toMatch(/Failed/)
    expect(outcome(7)).toMatch(/Succeeded/)
  })
})

describe('graceful termination (semantics.md §2.8)', () => {
  it('stopDuration 5s: Killing "Stopping container", not Ready while terminating, removed at +5s', () => {
    const cluster = createCluster({ seed: 1 })
    cluster.create(pod('web', {}, { annotations: { 'kubesim.io/stop-duration': '5s' } }))
    cluster.advance('10s')
    cluster.delete('Pod', 'web')
    cluster.settle()
    const terminating = getPod(cluster, 'web')
    expect(terminating.metadata.deletionTimestamp).toBe('2025-01-01T00:00:40Z')
    expect(condition(terminating, 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady' })
    expect(terminating.status.containerStatuses[0].state.running).toBeDefined()
    expect(podEvents(cluster, 'web').at(-1)).toMatchObject({ at: 10, reason: 'Killing', message: 'Stopping container app' })
    cluster.advance('4s')
    expect(getPod(cluster, 'web')).toBeDefined()
    cluster.advance('1s')
    expect(getPod(cluster, 'web')).toBeUndefined()
    const deletion = cluster.trace().filter((t) => t.kind === 'Pod' && t.verb === 'delete')
    expect(deletion.map((t) => [t.actor, (t.time - Date.parse('2025-01-01T00:00:00Z')) / 1000])).toEqual([['kubelet/node-1', 15]])
  })

  it('stopDuration 60s with terminationGracePeriodSeconds 30: killed at +30s with exit code 137 (fact 9)', () => {
    const cluster = createCluster({ seed: 1 })
    cluster.create(pod('stubborn', { terminationGracePeriodSeconds: 30 }, { annotations: { 'kubesim.io/stop-duration': '60s' } }))
    cluster.advance('10s')
    cluster.delete('Pod', 'stubborn')
    let last: AnyPod
    cluster.watch('Pod', (e) => void (last = e.object))
    cluster.advance('29s')
    expect(getPod(cluster, 'stubborn')).toBeDefined()
    cluster.advance('1s')
    expect(getPod(cluster, 'stubborn')).toBeUndefined()
    expect(last.status.phase).toBe('Failed')
    expect(last.status.containerStatuses[0].state.terminated).toMatchObject({ exitCode: 137, reason: 'Error', finishedAt: '2025-01-01T00:00:40Z' })
  })

  it('a pod deleted while still pulling its image is removed at once', () => {
    const cluster = createCluster({ seed: 1 })
    cluster.create(pod('early'))
    cluster.advance('1s')
    cluster.delete('Pod', 'early')
    cluster.settle()
    expect(getPod(cluster, 'early')).toBeUndefined()
  })
})

describe('ConfigMaps, Secrets and images the pod needs (semantics.md §2.3)', () => {
  const withVolume = pod('cfg', {
    volumes: [{ name: 'config', configMap: { name: 'app-config' } }],
    containers: [{ name: 'app', image: 'nginx:1.14.2', volumeMounts: [{ name: 'config', mountPath: '/etc/app' }] }],
  })

  it('a missing ConfigMap volume keeps the pod ContainerCreating with FailedMount; it starts once the ConfigMap exists', () => {
    const cluster = createCluster({ seed: 1 })
    cluster.create(withVolume)
    cluster.advance('1m')
    const blocked = getPod(cluster, 'cfg')
    expect(blocked.status.phase).toBe('Pending')
    expect(blocked.status.containerStatuses[0].state.waiting.reason).toBe('ContainerCreating')
    expect(blocked.status.podIP).toBeUndefined()
    expect(condition(blocked, 'PodReadyToStartContainers').status).toBe('False')
    expect(podEvents(cluster, 'cfg')).toEqual([{ at: 0, reason: 'FailedMount', message: 'MountVolume.SetUp failed for volume "config" : configmap "app-config" not found', count: 1 }])
    cluster.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config' }, data: { a: '1' } })
    const took = cluster.runUntil(() => getPod(cluster, 'cfg').status.phase === 'Running')
    expect(took).toBe(3000)
  })

  it('a missing env ConfigMap key: CreateContainerConfigError after the pull, then runs when the key appears', () => {
    const cluster = createCluster({ seed: 1 })
    cluster.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { other: 'x' } })
    cluster.create(pod('env', { containers: [{ name: 'app', image: 'nginx:1.14.2', env: [{ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'settings', key: 'mode' } } }] }] }))
    cluster.advance('10s')
    const blocked = getPod(cluster, 'env')
    expect(blocked.status.containerStatuses[0].state.waiting).toEqual({ reason: 'CreateContainerConfigError', message: "couldn't find key mode in ConfigMap default/settings" })
    expect(podEvents(cluster, 'env').at(-1)).toMatchObject({ at: 2, reason: 'Failed', message: "Error: couldn't find key mode in ConfigMap default/settings" })
    cluster.edit('ConfigMap', 'settings', (d: AnyPod) => void (d.data = { mode: 'fast' }))
    expect(cluster.runUntil(() => getPod(cluster, 'env').status.phase === 'Running')).toBe(1000)
  })

  it('an optional missing Secret does not block the pod', () => {
    const cluster = createCluster({ seed: 1 })
    cluster.create(pod('opt', { volumes: [{ name: 's', secret: { secretName: 'nope', optional: true } }] }))
    cluster.advance('3s')
    expect(getPod(cluster, 'opt').status.phase).toBe('Running')
  })

  it('pullError: ErrImagePull, then ImagePullBackOff, retrying with back-off 10s, 20s, …', () => {
    const cluster = createCluster({ seed: 1, images: { 'registry.example.com/app': { pullError: true, pullDuration: '1s' } } })
    cluster.create(pod('img', { containers: [{ name: 'app', image: 'registry.example.com/app:v1' }] }))
    const states: string[] = []
    cluster.watch('Pod', (e) => {
      const w = (e.object as AnyPod).status?.containerStatuses?.[0]?.state?.waiting
      if (w) states.push(`${cluster.elapsed() / 1000}s ${w.reason}`)
    })
    cluster.advance('50s')
    // Fails at 1s (back-off 10s from there), retried at 11s, fails at 12s (back-off 20s), retried at 32s.
    expect(states).toEqual(['0s ContainerCreating', '1s ErrImagePull', '2s ImagePullBackOff', '11s ContainerCreating', '12s ErrImagePull', '13s ImagePullBackOff', '32s ContainerCreating', '33s ErrImagePull', '34s ImagePullBackOff'])
    const ref = 'registry.example.com/app:v1'
    expect(podEvents(cluster, 'img').map((e) => [e.reason, e.message, e.count])).toEqual([
      ['Pulling', `Pulling image "${ref}"`, 3],
      ['Failed', `Failed to pull image "${ref}": rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`, 3],
      ['Failed', 'Error: ErrImagePull', 3],
      ['BackOff', `Back-off pulling image "${ref}"`, 3],
      ['Failed', 'Error: ImagePullBackOff', 3],
    ])
  })
})

describe('init containers and sidecars (semantics.md §2.5)', () => {
  it('runs init containers one at a time, then the app: Init:0/2 → Init:1/2 → PodInitializing → Running (fact 5)', () => {
    const cluster = createCluster({ seed: 1 })
    cluster.create(
      pod('init', {
        initContainers: [
          { name: 'migrate', image: 'busybox:1.36' },
          { name: 'warm', image: 'busybox:1.36' },
        ],
      }),
    )
    const seen: string[] = []
    cluster.watch('Pod', (e) => {
      if (e.type !== 'MODIFIED') return
      const status = cluster.kubectl('get pod init').split('\n')[1]?.split(/\s+/)[2]
      if (!seen.at(-1)?.endsWith(` ${status}`)) seen.push(`${cluster.elapsed() / 1000}s ${status}`)
    })
    cluster.advance('20s')
    // migrate: pull 2s, start 1s, runs 1s → exits at 4s; warm: image present, start 1s, runs 1s → 6s;
    // app: pull nginx 2s, start 1s → running at 9s.
    expect(seen).toEqual(['0s Init:0/2', '4s Init:1/2', '6s PodInitializing', '9s Running'])
    const p = getPod(cluster, 'init')
    expect(p.status.initContainerStatuses.map((s: AnyPod) => [s.name, s.ready, s.state.terminated.reason])).toEqual([
      ['migrate', true, 'Completed'],
      ['warm', true, 'Completed'],
    ])
    expect(condition(p, 'Initialized')).toMatchObject({ status: 'True', lastTransitionTime: '2025-01-01T00:00:06Z' })
  })

  it('a failing init container under restartPolicy Never fails the pod', () => {
    const cluster = createCluster({ seed: 1, images: { busybox: { exitCode: 1 } } })
    cluster.create(pod('bad-init', { restartPolicy: 'Never', initContainers: [{ name: 'check', image: 'busybox:1.36' }] }))
    cluster.advance('30s')
    const p = getPod(cluster, 'bad-init')
    expect(p.status.phase).toBe('Failed')
    expect(p.status.containerStatuses[0].state.waiting.reason).toBe('PodInitializing')
  })

  it('a sidecar starts before the app, keeps running, and is stopped when a Job-style app finishes', () => {
    const cluster = createCluster({ seed: 1 })
    cluster.create(
      pod('side', {
        restartPolicy: 'Never',
        initContainers: [{ name: 'proxy', image: 'envoy:1.30', restartPolicy: 'Always' }],
        containers: [{ name: 'app', image: 'busybox:1.36' }],
      }),
    )
    cluster.advance('8s') // proxy running at 3s; app pulled 3→5, running at 6s
    const running = getPod(cluster, 'side')
    expect(running.status.initContainerStatuses[0]).toMatchObject({ name: 'proxy', started: true, ready: true })
    expect(running.status.containerStatuses[0].state.running.startedAt).toBe('2025-01-01T00:00:06Z')
    cluster.advance('20s') // app exits at 16s
    const done = getPod(cluster, 'side')
    expect(done.status.phase).toBe('Succeeded')
    expect(done.status.initContainerStatuses[0].state.terminated).toBeDefined()
    expect(podEvents(cluster, 'side').filter((e) => e.reason === 'Killing').map((e) => [e.at, e.message])).toEqual([[16, 'Stopping container proxy']])
  })
})
