// The outage story: three nodes in three zones, a 6-replica web Deployment behind a Service, a
// client sending a request every 100 ms. One node loses power. Kubernetes notices after 50 s,
// evicts its pods 300 s later, and the Deployment brings them back on the surviving nodes; the
// Service only ever routes to pods that are ready.
import { createCluster } from 'kubesim'
import { heading, isMain, kubectl, type Print } from './print'

const manifests = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 6
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      topologySpreadConstraints:
      # ScheduleAnyway: with DoNotSchedule, a lost zone would block the replacements (skew 3 > 1).
      - { maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: { matchLabels: { app: web } } }
      containers:
      - name: web
        image: nginx:1.27
        ports: [{ containerPort: 80 }]
        readinessProbe: { httpGet: { path: /, port: 80 }, periodSeconds: 5 }
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: web }
  ports: [{ port: 80 }]
`

export function runOutage(print: Print = console.log) {
  const cluster = createCluster({
    seed: 1,
    nodes: [
      { name: 'node-a', zone: 'europe-west1-a' },
      { name: 'node-b', zone: 'europe-west1-b' },
      { name: 'node-c', zone: 'europe-west1-c' },
    ],
  })
  heading(print, cluster, 'deploy web (6 replicas spread over 3 zones) behind Service web')
  cluster.apply(manifests)
  cluster.runUntil(() => cluster.get('Deployment', 'web')?.status?.availableReplicas === 6)
  kubectl(cluster, print, 'get pods -o wide')

  // Two clients: a plain one, and a resilient one that retries a failed request on other endpoints.
  const plain = cluster.traffic('web', { every: '100ms' })
  const resilient = cluster.traffic('web', { every: '100ms', retries: 2 })
  heading(print, cluster, 'node-b loses power')
  cluster.stopNode('node-b')
  const unknownAfterMs = cluster.runUntil(() => cluster.get('Node', 'node-b')?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'Unknown') === true)
  heading(print, cluster, `node-b is NotReady ${Math.round(unknownAfterMs / 1000)}s after the power cut; its pods leave the endpoints`)
  kubectl(cluster, print, 'get nodes')
  kubectl(cluster, print, 'get endpoints web')

  cluster.runUntil(
    () => {
      const d = cluster.get('Deployment', 'web')
      const onSurvivors = cluster.list('Pod', { labelSelector: 'app=web' }).filter((p) => p.spec.nodeName !== 'node-b' && !p.metadata.deletionTimestamp)
      return d?.status?.availableReplicas === 6 && onSurvivors.length === 6
    },
    { timeout: '15m' },
  )
  heading(print, cluster, 'the evicted pods were replaced on the surviving nodes')
  kubectl(cluster, print, 'get pods -o wide')
  kubectl(cluster, print, 'get deployment web')

  const report = (name: string, client: typeof plain) => {
    client.stop()
    const s = client.stats()
    print(`${name}: ${s.sent} requests, ${s.ok} ok, ${s.failed} failed, availability ${(s.availability * 100).toFixed(2)}%`)
    return s
  }
  // The plain client fails while the endpoints still list the dead node's pods (the 50 s before
  // Kubernetes notices); the resilient one never picks dead pods three times in a row.
  const plainStats = report('plain client     ', plain)
  const resilientStats = report('client, 2 retries', resilient)
  print()
  return { cluster, plainStats, resilientStats }
}

if (isMain(import.meta.url)) runOutage()
