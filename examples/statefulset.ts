// The stateful pattern: ordered pods with stable names, DNS and storage that follow them.
import { createCluster } from 'kubesim'
import { heading, isMain, kubectl, type Print } from './print'

// kubernetes.io's StatefulSet tutorial manifest (application/web/web.yaml).
const web = `
apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels: { app: nginx }
spec:
  ports: [{ port: 80, name: web }]
  clusterIP: None
  selector: { app: nginx }
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: web }
spec:
  serviceName: nginx
  replicas: 2
  selector: { matchLabels: { app: nginx } }
  template:
    metadata: { labels: { app: nginx } }
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.8
        ports: [{ containerPort: 80, name: web }]
        volumeMounts: [{ name: www, mountPath: /usr/share/nginx/html }]
  volumeClaimTemplates:
  - metadata: { name: www }
    spec:
      accessModes: [ReadWriteOnce]
      resources: { requests: { storage: 1Gi } }
`

export function runStatefulSet(print: Print = console.log) {
  const cluster = createCluster({ seed: 1, nodes: 3 })
  heading(print, cluster, 'apply the web StatefulSet: web-0 must be Running and Ready before web-1 is created')
  cluster.apply(web)
  cluster.runUntil(() => cluster.get('StatefulSet', 'web')?.status?.readyReplicas === 2)
  for (const e of cluster.events({ involvedObject: { kind: 'StatefulSet', name: 'web' } })) print(`  ${e.reason}: ${e.message}`)
  print()
  kubectl(cluster, print, 'get pods,pvc')
  print(`web-0.nginx resolves to ${cluster.resolve('web-0.nginx').join(', ')}`)
  print()

  heading(print, cluster, 'delete web-0: it comes back with the same name and the same claim')
  cluster.delete('Pod', 'web-0')
  cluster.runUntil(() => cluster.get('Pod', 'web-0')?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true)
  kubectl(cluster, print, 'get pods,pvc')
  return cluster
}

if (isMain(import.meta.url)) runStatefulSet()
