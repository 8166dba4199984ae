// Rolling update of a 100-replica Deployment on 20 nodes, from apply to the completed rollout of a
// new image (issue 4). `--quick`: 20 replicas on 5 nodes.
import { createCluster } from './kubesim'
import { MemoryPeak, time, type Scenario } from './harness'

export const rolloutScenario: Scenario = {
  name: 'rollout',
  run(quick) {
    const replicas = quick ? 20 : 100
    const nodes = quick ? 5 : 20
    const memory = new MemoryPeak()
    const cluster = createCluster({ nodes, keepTrace: false })
    const complete = () => {
      const d = cluster.get('Deployment', 'web') as any
      return !!d && d.status?.observedGeneration >= d.metadata.generation && d.status.updatedReplicas === replicas && d.status.replicas === replicas && d.status.availableReplicas === replicas && d.status.conditions?.some((c: any) => c.reason === 'NewReplicaSetAvailable')
    }
    const startMs = cluster.now()
    const run = time(() => {
      cluster.apply({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web' },
        spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.14.2', resources: { requests: { cpu: '100m', memory: '64Mi' } } }] } } },
      })
      cluster.runUntil(complete, { timeout: '30m' })
      memory.sample()
      cluster.edit('Deployment', 'web', (d: any) => void (d.spec.template.spec.containers[0].image = 'nginx:1.16.1'))
      return cluster.runUntil(complete, { timeout: '30m' })
    })
    memory.sample()
    const sets = cluster.list('ReplicaSet') as any[]
    if (sets.length !== 2 || sets.filter((rs) => rs.spec.replicas === replicas).length !== 1) throw new Error('rollout bench: the rollout did not complete')
    return {
      name: 'rollout',
      wallMs: run.ms,
      virtualMs: cluster.now() - startMs,
      objects: cluster.list('Pod').length,
      peakHeapMiB: memory.heapMiB,
      peakRssMiB: memory.rssMiB,
      rolloutVirtualMs: run.value,
      notes: `${replicas} replicas on ${nodes} nodes: create + rolling update; update took ${Math.round(run.value / 1000)} s virtual`,
    }
  },
}
