// The daemon pattern: one pod per node, following nodes as they come and go.
import { createCluster } from 'kubesim'
import { heading, isMain, kubectl, type Print } from './print'

const fluentd = `
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: fluentd-elasticsearch
  namespace: kube-system
  labels: { k8s-app: fluentd-logging }
spec:
  selector: { matchLabels: { name: fluentd-elasticsearch } }
  template:
    metadata: { labels: { name: fluentd-elasticsearch } }
    spec:
      tolerations:
      - { key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule }
      containers:
      - name: fluentd-elasticsearch
        image: quay.io/fluentd_elasticsearch/fluentd:v2.5.2
        resources:
          limits: { memory: 200Mi }
          requests: { cpu: 100m, memory: 200Mi }
`

export function runDaemonSet(print: Print = console.log) {
  const cluster = createCluster({ seed: 1, nodes: 3 })
  heading(print, cluster, 'apply a logging DaemonSet: one pod per node')
  cluster.apply(fluentd)
  const allScheduled = () => {
    const ds = cluster.get('DaemonSet', 'fluentd-elasticsearch', { namespace: 'kube-system' })
    return ds?.status?.numberReady === ds?.status?.desiredNumberScheduled && (ds?.status?.desiredNumberScheduled ?? 0) > 0
  }
  cluster.runUntil(allScheduled)
  kubectl(cluster, print, 'get daemonset -n kube-system')

  heading(print, cluster, 'a fourth node joins; node-1 is removed')
  cluster.addNode({ name: 'node-4' })
  cluster.removeNode('node-1')
  cluster.advance('1m')
  cluster.runUntil(allScheduled)
  kubectl(cluster, print, 'get pods -n kube-system -o wide')
  return cluster
}

if (isMain(import.meta.url)) runDaemonSet()
