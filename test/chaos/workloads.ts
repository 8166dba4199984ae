// The mixed workload the determinism and chaos suites drive: every workload kind (Deployment with a
// Service and a PodDisruptionBudget, StatefulSet with its headless Service, DaemonSet, Job, CronJob),
// small enough that a schedule of a few dozen operations runs in tens of milliseconds. Requests are
// sized so that everything fits on 3 nodes of 4 CPUs at the largest scales the chaos suite uses
// (5 + 1 surge web pods, 5 db pods) but not on 2: a stopped node leaves pods Pending.
import type { KubeObject } from '../../src/index'

export type Workload = 'web' | 'db' | 'agent' | 'batch' | 'tick'

const container = (name: string, image: string, extra: Record<string, unknown> = {}) => ({
  name,
  image,
  resources: { requests: { cpu: '600m', memory: '256Mi' } },
  ...extra,
})

const readiness = { readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5 } }

export function webDeployment(replicas = 3, image = 'nginx:1.27'): Record<string, any> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [container('web', image, { ports: [{ containerPort: 80 }], ...readiness })] } },
    },
  }
}

export function dbStatefulSet(replicas = 2, image = 'postgres:16'): Record<string, any> {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db' },
    spec: {
      replicas,
      serviceName: 'db',
      selector: { matchLabels: { app: 'db' } },
      template: { metadata: { labels: { app: 'db' } }, spec: { containers: [container('db', image, { ports: [{ containerPort: 5432 }] })] } },
    },
  }
}

export function agentDaemonSet(image = 'fluentd:1'): Record<string, any> {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [container('agent', image, { resources: { requests: { cpu: '100m', memory: '64Mi' } } })] } },
    },
  }
}

export function batchJob(name = 'batch', completions = 4, parallelism = 2): Record<string, any> {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: {
      completions,
      parallelism,
      backoffLimit: 20,
      template: {
        metadata: { annotations: { 'kubesim.io/run-duration': '20s' } },
        spec: { restartPolicy: 'Never', containers: [container('work', 'busybox:1.36', { resources: { requests: { cpu: '500m', memory: '128Mi' } } })] },
      },
    },
  }
}

export function tickCronJob(): Record<string, any> {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'tick' },
    spec: {
      schedule: '*/2 * * * *',
      concurrencyPolicy: 'Forbid',
      jobTemplate: {
        spec: {
          backoffLimit: 20,
          template: {
            metadata: { annotations: { 'kubesim.io/run-duration': '15s' } },
            spec: { restartPolicy: 'OnFailure', containers: [container('tick', 'busybox:1.36', { resources: { requests: { cpu: '500m', memory: '128Mi' } } })] },
          },
        },
      },
    },
  }
}

export const services = (): Record<string, any>[] => [
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' }, spec: { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432 }] } },
]

export const webBudget = (): Record<string, any> => ({
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name: 'web' },
  spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'web' } } },
})

/** Every manifest of the mixed workload, in apply order. */
export const mixedWorkload = (): Record<string, any>[] => [...services(), webBudget(), webDeployment(), dbStatefulSet(), agentDaemonSet(), batchJob(), tickCronJob()]

export type { KubeObject }
