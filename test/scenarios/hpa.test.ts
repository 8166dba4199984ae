// The HorizontalPodAutoscaler on simulated metrics (semantics.md §13.3, testable facts 13.6–13.9),
// with the corpus php-apache Deployment and HPA.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createCluster, type Cluster } from '../../src/index'
import { CORPUS } from '../corpus'

const corpus = (path: string) => readFileSync(`${CORPUS}/website/content/en/examples/${path}`, 'utf8')
const hpaOf = (cluster: Cluster, name: string) => cluster.get('HorizontalPodAutoscaler', name) as any
const condition = (hpa: any, type: string) => hpa.status?.conditions?.find((c: any) => c.type === type)
const rescales = (cluster: Cluster, name: string) =>
  cluster
    .events({ involvedObject: { kind: 'HorizontalPodAutoscaler', name } })
    .filter((e: any) => e.reason === 'SuccessfulRescale')
    .map((e: any) => e.message)

function statefulSet(name: string, replicas: number) {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name },
    spec: {
      replicas,
      serviceName: name,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '100m' } } }] } },
    },
  }
}

describe('php-apache (corpus Deployment + HPA, target 50 % CPU, no behavior)', () => {
  function phpApache(seed: number): Cluster {
    const cluster = createCluster({ seed, nodes: 3 })
    cluster.apply(corpus('application/php-apache.yaml'))
    // Idle: 20 % of the 200m request.
    cluster.setMetrics('app.kubernetes.io/name=php-apache', { cpu: '40m' })
    cluster.apply(corpus('application/hpa/php-apache.yaml'))
    cluster.runUntil(() => (cluster.get('Deployment', 'php-apache') as any)?.status?.availableReplicas === 1, { timeout: '2m' })
    cluster.advance('30s')
    return cluster
  }

  it('stays at 1 replica while idle, with ScalingActive ValidMetricFound and the current utilization in status', () => {
    const cluster = phpApache(1)
    const hpa = hpaOf(cluster, 'php-apache')
    expect(hpa.status).toMatchObject({ currentReplicas: 1, desiredReplicas: 1, currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 20, averageValue: '40m' } } }] })
    expect(condition(hpa, 'ScalingActive')).toMatchObject({ status: 'True', reason: 'ValidMetricFound', message: 'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)' })
    expect(condition(hpa, 'AbleToScale')).toMatchObject({ status: 'True', reason: 'ReadyForNewScale' })
    expect(rescales(cluster, 'php-apache')).toEqual([])
  })

  it('at 250 % of request (5x the target) asks for ceil(1 x 250 / 50) = 5, capped to max(2 x 1, 4) = 4 in the first step', () => {
    const cluster = phpApache(2)
    cluster.setMetrics('app.kubernetes.io/name=php-apache', { cpu: '500m' })
    cluster.runUntil(() => rescales(cluster, 'php-apache').length > 0, { timeout: '30s' })
    expect(rescales(cluster, 'php-apache')).toEqual(['New size: 4; reason: cpu resource utilization (percentage of request) above target'])
    expect((cluster.get('Deployment', 'php-apache') as any).spec.replicas).toBe(4)
    const hpa = hpaOf(cluster, 'php-apache')
    expect(hpa.status).toMatchObject({ currentReplicas: 1, desiredReplicas: 4 })
    expect(hpa.status.lastScaleTime).toBeDefined()
    expect(condition(hpa, 'ScalingLimited')).toMatchObject({ status: 'True', reason: 'ScaleUpLimit' })
    // The load stays: more replicas follow until maxReplicas 10.
    cluster.runUntil(() => (cluster.get('Deployment', 'php-apache') as any).spec.replicas === 10, { timeout: '5m' })
    expect(condition(hpaOf(cluster, 'php-apache'), 'ScalingLimited')).toMatchObject({ status: 'True', reason: 'TooManyReplicas' })
  })

  it('scales back down only after the 300 s stabilization window', () => {
    const cluster = phpApache(3)
    cluster.setMetrics('app.kubernetes.io/name=php-apache', { cpu: '500m' })
    cluster.runUntil(() => (cluster.get('Deployment', 'php-apache') as any).spec.replicas === 4, { timeout: '1m' })
    cluster.runUntil(() => (cluster.get('Deployment', 'php-apache') as any).status?.availableReplicas === 4, { timeout: '1m' })
    cluster.setMetrics('app.kubernetes.io/name=php-apache', { cpu: '20m' }) // 10 % of request
    const droppedAt = cluster.now()
    const after = cluster.runUntil(() => (cluster.get('Deployment', 'php-apache') as any).spec.replicas < 4, { timeout: '10m' })
    expect(after).toBeGreaterThanOrEqual(300_000)
    expect(after).toBeLessThanOrEqual(315_000)
    expect(cluster.now() - droppedAt).toBe(after)
    expect(rescales(cluster, 'php-apache').at(-1)).toBe('New size: 1; reason: All metrics below target')
  })
})

describe('HPA mechanics', () => {
  it('with the default behavior policies (+4 pods or +100 % per 15 s) 1 replica at 5x target goes to 5 at once', () => {
    const cluster = createCluster({ seed: 4, nodes: 3 })
    cluster.apply(statefulSet('web', 1))
    cluster.setMetrics('app=web', { cpu: '250m' }) // 250 % of 100m against a 50 % target
    cluster.apply({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web' }, minReplicas: 1, maxReplicas: 10, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }], behavior: {} },
    })
    const created = cluster.now()
    cluster.runUntil(() => rescales(cluster, 'web').length > 0, { timeout: '2m' })
    expect(rescales(cluster, 'web')[0]).toBe('New size: 5; reason: cpu resource utilization (percentage of request) above target')
    expect((cluster.now() - created) % 15_000).toBe(0) // synced on its 15 s period
    expect((cluster.get('StatefulSet', 'web') as any).spec.replicas).toBe(5)
  })

  it('the autoscaling/v1 form is converted and works the same', () => {
    const cluster = createCluster({ seed: 5, nodes: 3 })
    cluster.apply(statefulSet('api', 2))
    cluster.setMetrics('app=api', { cpu: '90m' }) // 90 % against 50 %: ratio 1.8 → ceil(3.6) = 4
    cluster.apply({ apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'api' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'api' }, minReplicas: 1, maxReplicas: 8, targetCPUUtilizationPercentage: 50 } })
    cluster.runUntil(() => rescales(cluster, 'api').length > 0, { timeout: '2m' })
    expect(rescales(cluster, 'api')[0]).toBe('New size: 4; reason: cpu resource utilization (percentage of request) above target')
  })

  it('reports FailedGetScale when the target does not exist, and requeues only while the HPA exists', () => {
    const cluster = createCluster({ seed: 6, nodes: 1 })
    cluster.apply({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'ghost' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'ghost' }, maxReplicas: 3 } })
    cluster.advance('16s')
    expect(condition(hpaOf(cluster, 'ghost'), 'AbleToScale')).toMatchObject({ status: 'False', reason: 'FailedGetScale', message: `the HPA controller was unable to get the target's current scale: deployments.apps "ghost" not found` })
    const hpaTimers = () => cluster.env.clock.peek(50).filter((t) => t.label.startsWith('horizontal-pod-autoscaler'))
    expect(hpaTimers().length).toBe(1)
    cluster.delete('HorizontalPodAutoscaler', 'ghost')
    cluster.advance('30s')
    expect(hpaTimers()).toEqual([])
  })
})
