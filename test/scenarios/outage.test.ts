// A zone outage end to end: 3 nodes in 3 zones, a 6-replica Deployment behind a Service with a
// readiness probe and zone spreading, traffic every 100 ms; one node is powered off
// (semantics.md §11.5 timeline; DESIGN.md §2.1 traffic()).
import { describe, expect, it } from 'vitest'
import { createCluster, type Cluster } from '../../src/index'

const manifests = (strategy?: object) => [
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas: 6,
      selector: { matchLabels: { app: 'web' } },
      ...(strategy ? { strategy } : {}),
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'web' } } }],
          containers: [
            {
              name: 'web',
              image: 'nginx:1.27',
              ports: [{ containerPort: 80 }],
              readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5 },
              resources: { requests: { cpu: '100m', memory: '64Mi' } },
            },
          ],
        },
      },
    },
  },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } },
]

const deployment = (cluster: Cluster) => cluster.get('Deployment', 'web') as any
const nodeReady = (cluster: Cluster, name: string) => (cluster.get('Node', name) as any).status.conditions.find((c: any) => c.type === 'Ready').status
const podsOn = (cluster: Cluster, node: string) => cluster.list('Pod', { labelSelector: 'app=web' }).filter((p: any) => p.spec.nodeName === node)

function zoneCluster(seed: number, strategy?: object): Cluster {
  const cluster = createCluster({ seed, nodes: [{ name: 'node-a', zone: 'zone-a' }, { name: 'node-b', zone: 'zone-b' }, { name: 'node-c', zone: 'zone-c' }] })
  cluster.apply(manifests(strategy))
  cluster.runUntil(() => deployment(cluster)?.status?.availableReplicas === 6, { timeout: '5m', description: '6 available replicas' })
  cluster.advance('10s')
  return cluster
}

describe('one node of three stops (semantics.md §11.5)', () => {
  it('is Unknown at ~+55 s, its pods are replaced on the other nodes from +360 s, 6 available again, availability >= 0.99', () => {
    const cluster = zoneCluster(1)
    expect(podsOn(cluster, 'node-b').length).toBe(2)
    const traffic = cluster.traffic('web', { every: '100ms', retries: 2 })
    const t0 = cluster.now()
    cluster.stopNode('node-b')

    cluster.runUntil(() => nodeReady(cluster, 'node-b') === 'Unknown', { timeout: '2m' })
    const unknownAt = cluster.now()
    expect(unknownAt - t0).toBeGreaterThan(50_000)
    expect(unknownAt - t0).toBeLessThanOrEqual(55_000)
    expect(deployment(cluster).status.availableReplicas).toBe(4) // pods marked not ready, no replacement yet

    cluster.runUntil(() => cluster.list('Pod', { labelSelector: 'app=web' }).length > 6, { timeout: '10m' })
    const replacedAt = cluster.now()
    expect(replacedAt - unknownAt).toBeGreaterThanOrEqual(300_000) // the default 300 s toleration
    expect(replacedAt - t0).toBeLessThanOrEqual(365_000)
    cluster.runUntil(() => deployment(cluster).status.availableReplicas === 6, { timeout: '2m' })
    expect(cluster.now() - t0).toBeLessThan(400_000)

    const live = cluster.list('Pod', { labelSelector: 'app=web' }).filter((p: any) => !p.metadata.deletionTimestamp)
    expect(live.length).toBe(6)
    expect(live.every((p: any) => p.spec.nodeName !== 'node-b')).toBe(true)
    expect(podsOn(cluster, 'node-b').every((p: any) => p.metadata.deletionTimestamp)).toBe(true) // stuck Terminating
    cluster.advance('1m')
    traffic.stop()
    expect(traffic.stats().availability).toBeGreaterThanOrEqual(0.99)
  })

  it('a plain client fails only while the dead pods are still listed as endpoints (until the node is Unknown)', () => {
    const cluster = zoneCluster(2)
    const traffic = cluster.traffic('web', { every: '100ms' })
    const t0 = cluster.now()
    cluster.stopNode('node-c')
    cluster.runUntil(() => nodeReady(cluster, 'node-c') === 'Unknown', { timeout: '2m' })
    const unknownAt = cluster.now()
    cluster.advance('7m')
    traffic.stop()
    const stats = traffic.stats()
    expect(stats.failed).toBeGreaterThan(0)
    for (const d of stats.downtime) {
      expect(d.from).toBeGreaterThanOrEqual(t0)
      expect(d.to).toBeLessThanOrEqual(unknownAt + 100)
    }
  })

  it('the same outage during a rolling update with maxUnavailable 0 keeps a resilient client at availability 1.0', () => {
    const cluster = zoneCluster(3, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } })
    const traffic = cluster.traffic('web', { every: '100ms', retries: 2 })
    cluster.edit('Deployment', 'web', (d: any) => void (d.spec.template.spec.containers[0].image = 'nginx:1.28'))
    cluster.advance('2s')
    cluster.stopNode('node-a')
    cluster.runUntil(() => {
      const d = deployment(cluster)
      return d.status.updatedReplicas === 6 && d.status.availableReplicas === 6 && d.status.replicas === 6
    }, { timeout: '15m' })
    cluster.advance('30s')
    traffic.stop()
    expect(traffic.stats().availability).toBe(1)
  })

  it('deleting every pod at once drops availability below 1', () => {
    const cluster = zoneCluster(4)
    const traffic = cluster.traffic('web', { every: '100ms', retries: 2 })
    for (const p of cluster.list('Pod', { labelSelector: 'app=web' })) cluster.delete('Pod', (p as any).metadata.name)
    cluster.runUntil(() => deployment(cluster).status.availableReplicas === 6, { timeout: '5m' })
    traffic.stop()
    expect(traffic.stats().availability).toBeLessThan(1)
    expect(traffic.stats().downtime.length).toBeGreaterThan(0)
  })

  it('is deterministic: the same seed gives the same trace hash', () => {
    const run = () => {
      const cluster = zoneCluster(5)
      cluster.stopNode('node-a')
      cluster.advance('7m')
      return cluster.traceHash()
    }
    expect(run()).toBe(run())
  })
})
