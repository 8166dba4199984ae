// The stateless pattern: a Deployment rolls out a new image one batch at a time, and rolls back.
import { createCluster } from 'kubesim'
import { heading, isMain, kubectl, type Print } from './print'

const nginx = (image: string) => `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
  labels: { app: nginx }
spec:
  replicas: 3
  selector: { matchLabels: { app: nginx } }
  template:
    metadata: { labels: { app: nginx } }
    spec:
      containers:
      - name: nginx
        image: ${image}
        ports: [{ containerPort: 80 }]
`

export function runDeployment(print: Print = console.log) {
  const cluster = createCluster({ seed: 1, nodes: 3 })
  heading(print, cluster, 'apply the nginx Deployment (3 replicas)')
  cluster.apply(nginx('nginx:1.14.2'))
  kubectl(cluster, print, 'rollout status deployment/nginx-deployment')
  kubectl(cluster, print, 'get deployments,replicasets')

  heading(print, cluster, 'update the image: a rolling update, 25% surge / 25% unavailable')
  cluster.apply(nginx('nginx:1.16.1'))
  kubectl(cluster, print, 'rollout status deployment/nginx-deployment')
  kubectl(cluster, print, 'rollout history deployment/nginx-deployment')

  heading(print, cluster, 'roll back to the previous revision')
  kubectl(cluster, print, 'rollout undo deployment/nginx-deployment')
  kubectl(cluster, print, 'rollout status deployment/nginx-deployment')
  kubectl(cluster, print, 'get replicasets')
  return cluster
}

if (isMain(import.meta.url)) runDeployment()
