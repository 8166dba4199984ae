// Zone outage (issue 7): 30 nodes in 3 zones, a 300-replica Deployment behind a Service with a
// readiness probe and zone spreading, traffic every 100 ms; zone b (10 nodes) powers off. The node
// lifecycle controller marks them Unknown, taints them at 0.1 node/s per zone, the taint eviction
// controller evicts after 300 s and the replicas come back on zones a and c. Measures wall time.
import { createCluster } from './kubesim'
import { MemoryPeak, time, type Scenario } from './harness'

export const outageScenario: Scenario = {
  name: 'outage',
  run(quick) {
    const perZone = quick ? 4 : 10
    const replicas = perZone * 3 * 10
    const memory = new MemoryPeak()
    const zones = ['a', 'b', 'c']
    const nodes = zones.flatMap((z) => Array.from({ length: perZone }, (_, i) => ({ name: `node-${z}-${i + 1}`, zone: `zone-${z}` })))
    const cluster = createCluster({ seed: 7, nodes, keepTrace: false })
    cluster.apply([
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web' },
        spec: {
          replicas,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: {
              topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'web' } } }],
              containers: [{ name: 'web', image: 'nginx:1.27', readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5 }, resources: { requests: { cpu: '100m', memory: '64Mi' } } }],
            },
          },
        },
      },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } },
    ])
    const available = () => (cluster.get('Deployment', 'web') as any)?.status?.availableReplicas ?? 0
    const startup = time(() => cluster.runUntil(() => available() === replicas, { timeout: '10m' }))
    memory.sample()
    const traffic = cluster.traffic('web', { every: '100ms', retries: 2 })
    const startMs = cluster.now()
    const outage = time(() => {
      for (const n of nodes.filter((x) => x.zone === 'zone-b')) cluster.stopNode(n.name)
      cluster.runUntil(
        () => available() === replicas && cluster.list('Pod', { labelSelector: 'app=web' }).every((p: any) => p.metadata.deletionTimestamp || !p.spec.nodeName?.startsWith('node-b')),
        { timeout: '30m' },
      )
    })
    const virtualMs = cluster.now() - startMs
    traffic.stop()
    memory.sample()
    const stats = traffic.stats()
    if (stats.availability < 0.99) throw new Error(`outage bench: availability ${stats.availability}`)
    return {
      name: 'outage',
      wallMs: startup.ms + outage.ms,
      virtualMs,
      objects: cluster.env.store.count('Pod'),
      peakHeapMiB: memory.heapMiB,
      peakRssMiB: memory.rssMiB,
      startupMs: Math.round(startup.ms),
      outageMs: Math.round(outage.ms),
      requests: stats.sent,
      availability: stats.availability,
      notes: `${nodes.length} nodes / ${replicas} pods; zone b down: startup ${Math.round(startup.ms)} ms, outage+recovery ${Math.round(outage.ms)} ms wall for ${Math.round(virtualMs / 1000)} s virtual; availability ${stats.availability.toFixed(4)}`,
    }
  },
}
