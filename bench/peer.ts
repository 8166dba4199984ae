// The same scenarios on kubesim and on @ngrok/webernetes (the only other TypeScript simulator).
// Webernetes' dist uses extensionless ESM imports, so it is bundled with esbuild first; its clock is
// paused and stepped in 100 ms increments, yielding to its promises between steps.
import { buildSync } from 'esbuild'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { createCluster } from './kubesim'
import { median, time, type ScenarioResult } from './harness'

const nginxDeployment = (replicas: number, image = 'nginx:1.14.2') => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'nginx-deployment', namespace: 'default', labels: { app: 'nginx' } },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'nginx' } },
    template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image, ports: [{ containerPort: 80 }] }] } },
  },
})

// ---- kubesim ---------------------------------------------------------------------------------------

const done = (d: any, replicas: number) =>
  d?.status?.observedGeneration === d?.metadata.generation &&
  d?.status?.updatedReplicas === replicas &&
  d?.status?.availableReplicas === replicas &&
  (d?.status?.replicas ?? 0) === replicas

export function kubesimSmall(): number {
  return time(() => {
    const cluster = createCluster({ nodes: 3 })
    cluster.apply(nginxDeployment(3))
    cluster.runUntil(() => done(cluster.get('Deployment', 'nginx-deployment'), 3))
  }).ms
}

export function kubesimRollout(replicas: number): { createMs: number; rolloutMs: number } {
  const cluster = createCluster({ nodes: 3 })
  const created = time(() => {
    cluster.apply(nginxDeployment(replicas))
    cluster.runUntil(() => done(cluster.get('Deployment', 'nginx-deployment'), replicas), { timeout: '1h' })
  })
  const rolled = time(() => {
    cluster.apply(nginxDeployment(replicas, 'nginx:1.16.1'))
    cluster.runUntil(() => done(cluster.get('Deployment', 'nginx-deployment'), replicas), { timeout: '1h' })
  })
  return { createMs: created.ms, rolloutMs: rolled.ms }
}

// ---- webernetes ------------------------------------------------------------------------------------

let webernetes: any
async function loadWebernetes(): Promise<any> {
  if (webernetes) return webernetes
  // Its package.json exports only an `import` condition, so resolve it the ESM way.
  const entry = fileURLToPath(import.meta.resolve('@ngrok/webernetes'))
  const out = join(mkdtempSync(join(tmpdir(), 'kubesim-peer-')), 'webernetes.mjs')
  buildSync({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'node', target: 'node20', outfile: out, logLevel: 'error' })
  webernetes = await import(pathToFileURL(out).href)
  return webernetes
}

async function webernetesCluster() {
  const w = await loadWebernetes()
  const images = ['1.14.2', '1.16.1'].map(
    (version) =>
      class extends w.BaseImage {
        static imageName = 'nginx'
        static imageVersion = version
        defaultCommand = ['server']
        async exec(ctx: any, argv: readonly string[]): Promise<number> {
          if (argv[0] !== 'server') return super.exec(ctx, argv)
          ctx.listenHttp(80, async () => ({ statusCode: 200, body: 'ok' }))
          return await ctx.waitUntilKilled()
        }
      },
  )
  const cluster = new w.Cluster({ nodes: 3 })
  for (const image of images) cluster.registerImage(image)
  cluster.clock.pause()
  await stepUntil(cluster, cluster.init())
  return cluster
}

/** Steps the paused clock 100 ms at a time until `promise` settles and `predicate` holds. */
async function stepUntil(cluster: any, promise: Promise<unknown>, predicate: () => Promise<boolean> = async () => true): Promise<void> {
  let settled = false
  promise.then(
    () => (settled = true),
    (error) => {
      throw error
    },
  )
  for (let step = 0; step < 200_000; step++) {
    cluster.clock.step(100)
    await new Promise((resolve) => setImmediate(resolve))
    if (settled && step % 5 === 0 && (await predicate())) return
  }
  throw new Error('webernetes did not converge')
}

async function webernetesDone(cluster: any, replicas: number): Promise<boolean> {
  const d = await cluster.api.appsv1.readNamespacedDeployment({ name: 'nginx-deployment', namespace: 'default' }).catch(() => undefined)
  return done(d, replicas)
}

async function webernetesSmall(): Promise<number> {
  const start = performance.now()
  const cluster = await webernetesCluster()
  await stepUntil(cluster, cluster.apply([nginxDeployment(3)]), () => webernetesDone(cluster, 3))
  const ms = performance.now() - start
  cluster.ctx?.cancel?.()
  return ms
}

async function webernetesRollout(replicas: number): Promise<{ createMs: number; rolloutMs: number }> {
  const cluster = await webernetesCluster()
  let start = performance.now()
  await stepUntil(cluster, cluster.apply([nginxDeployment(replicas)]), () => webernetesDone(cluster, replicas))
  const createMs = performance.now() - start
  start = performance.now()
  await stepUntil(cluster, cluster.apply([nginxDeployment(replicas, 'nginx:1.16.1')]), () => webernetesDone(cluster, replicas))
  const rolloutMs = performance.now() - start
  cluster.ctx?.cancel?.()
  return { createMs, rolloutMs }
}

// ---- the scenario ----------------------------------------------------------------------------------

export async function runPeer(quick: boolean): Promise<ScenarioResult> {
  const replicas = quick ? 20 : 100
  // Each simulator is measured at its steady speed. In a fresh process V8 optimises a function only
  // after many calls, and much of a small run of ours is code called once per run (creating the
  // cluster, its nodes and controllers), so a small run keeps getting faster for some 1,500 runs
  // (about 2.5 ms at first, 0.6-0.9 ms after). A rollout, even after those, keeps getting faster for
  // 20 to 40 rollouts: in six processes, the median of rollouts 1-10 was 31-46 ms, of 11-20 18-27 ms,
  // of 21-40 16-21 ms and of 41-60 16-18 ms (one process: 28 ms). So ours gets 2,000 small runs and
  // 40 rollouts of warm-up; theirs, whose runs are 100 times longer, one small run. Ours first.
  for (let i = 0; i < (quick ? 100 : 2_000); i++) kubesimSmall()
  for (let i = 0; i < (quick ? 3 : 40); i++) kubesimRollout(replicas)
  const oursSmall = Array.from({ length: quick ? 15 : 45 }, () => kubesimSmall())
  const oursRollouts = Array.from({ length: quick ? 3 : 15 }, () => kubesimRollout(replicas))
  // Then theirs. The blocks are not interleaved: measured in three alternating blocks (each after a
  // full collection), ours took 30-50 ms per rollout and 1.2-1.7 ms per small run, as when cold.
  // Their rollout varied from 4.5 to 6.6 s between runs on this machine, so it is measured three
  // times (each after its own create) and the median taken.
  await webernetesSmall()
  const theirsSmall = await sequence(quick ? 3 : 9, webernetesSmall)
  const theirsRollouts = await sequence(quick ? 1 : 3, () => webernetesRollout(replicas))
  const medians = (runs: { createMs: number; rolloutMs: number }[]) => ({ createMs: median(runs.map((r) => r.createMs)), rolloutMs: median(runs.map((r) => r.rolloutMs)) })
  const ours = { small: median(oursSmall), ...medians(oursRollouts) }
  const theirs = { small: median(theirsSmall), ...medians(theirsRollouts) }
  const ratio = (a: number, b: number) => Math.round((a / b) * 10) / 10
  return {
    name: 'peer',
    wallMs: ours.small,
    kubesimSmallMs: round(ours.small),
    webernetesSmallMs: round(theirs.small),
    smallRatio: ratio(theirs.small, ours.small),
    kubesimCreateMs: round(ours.createMs),
    kubesimRolloutMs: round(ours.rolloutMs),
    webernetesCreateMs: round(theirs.createMs),
    webernetesRolloutMs: round(theirs.rolloutMs),
    createRatio: ratio(theirs.createMs, ours.createMs),
    rolloutRatio: ratio(theirs.rolloutMs, ours.rolloutMs),
    notes: `small ${round(ours.small)} vs ${round(theirs.small)} ms (${ratio(theirs.small, ours.small)}×); ${replicas}-replica (medians of ${oursRollouts.length} vs ${theirsRollouts.length}) create ${round(ours.createMs)} vs ${round(theirs.createMs)} ms (${ratio(theirs.createMs, ours.createMs)}×), rollout ${round(ours.rolloutMs)} vs ${round(theirs.rolloutMs)} ms (${ratio(theirs.rolloutMs, ours.rolloutMs)}×)`,
  }
}

const round = (ms: number) => Math.round(ms * 100) / 100

async function sequence<T>(n: number, fn: () => Promise<T>): Promise<T[]> {
  const out: T[] = []
  for (let i = 0; i < n; i++) out.push(await fn())
  return out
}
