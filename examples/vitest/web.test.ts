// How a user tests their manifests with kubesim and its vitest matchers.
import { describe, expect, it } from 'vitest'
import { createCluster } from 'kubesim'
import 'kubesim/vitest'

const web = (image: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: {
    replicas: 4,
    strategy: { rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image, readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 2 } }] },
    },
  },
})

const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] } }

describe('the web Deployment', () => {
  it('rolls out a new image without dropping a single request', () => {
    const cluster = createCluster({ seed: 7, nodes: 3 })
    cluster.apply([web('example/web:1'), service])
    cluster.runUntil(() => cluster.get('Deployment', 'web')?.status?.availableReplicas === 4)
    const client = cluster.traffic('web', { every: '100ms' })

    cluster.apply([web('example/web:2'), service])
    cluster.runUntil(() => cluster.rolloutStatus('Deployment', 'web').done)

    expect(cluster.get('Deployment', 'web')).toHaveRolledOut()
    expect(cluster.get('Deployment', 'web')).toHaveAvailableReplicas(4)
    expect(client.stats().failed).toBe(0)
    for (const pod of cluster.list('Pod', { labelSelector: 'app=web' })) expect(pod).toBeReady()
  })

  it('keeps a pod that cannot fit Pending, with the scheduler\'s reason', () => {
    const cluster = createCluster({ nodes: 3 })
    cluster.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'big' }, spec: { containers: [{ name: 'c', image: 'app', resources: { requests: { cpu: '5' } } }] } })
    cluster.advance('10s')
    expect(cluster.get('Pod', 'big')).not.toBeRunning()
    expect(cluster).toHaveEvent('FailedScheduling', { message: /0\/3 nodes are available: 3 Insufficient cpu/ })
    expect(cluster.why('big')).toMatch(/^big is Pending/)
  })
})
