import { it } from 'vitest'
import { createCluster } from '../../src/index'
import { mixedWorkload } from './workloads'

function run(seed: number) {
  const cluster = createCluster({ seed, nodes: 3 })
  cluster.apply(mixedWorkload())
  cluster.advance(45_000)
  cluster.edit('Deployment', 'web', (d: any) => void (d.spec.template.spec.containers[0].image = 'nginx:1.28'))
  cluster.advance(30_000)
  const pod = cluster.list('Pod', { labelSelector: 'app=web' }).find((p: any) => p.status?.containerStatuses?.[0]?.state?.running) as any
  cluster.crash(pod.metadata.name)
  cluster.advance(5_000)
  cluster.stopNode('node-2')
  cluster.advance(360_000)
  cluster.startNode('node-2')
  cluster.advance(60_000)
  return { hash: cluster.traceHash(), events: JSON.stringify(cluster.events({ namespace: '*' })) }
}
it('explore', () => {
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now()
    for (let s = 1; s <= 20; s++) run(s)
    console.log('per run', (performance.now() - t0) / 20)
  }
})
