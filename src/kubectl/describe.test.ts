import { describe, expect, it } from 'vitest'
import { describeDeployment, describePod, describeService } from './describe'
import type { Obj } from './object'
import { at, T0 } from './test-fixtures'

const web0: Obj = {
  apiVersion: 'v1', kind: 'Pod',
  metadata: {
    name: 'web-0', namespace: 'default', creationTimestamp: at(0),
    labels: { app: 'nginx', 'controller-revision-hash': 'web-6f7b', 'statefulset.kubernetes.io/pod-name': 'web-0' },
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', controller: true }],
  },
  spec: {
    nodeName: 'node-1', serviceAccountName: 'default', priority: 0,
    containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.8', ports: [{ containerPort: 80, name: 'web', protocol: 'TCP' }], volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }] }],
    volumes: [{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } }],
    tolerations: [
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ],
  },
  status: {
    phase: 'Running', hostIP: '172.18.0.2', podIP: '10.244.1.2', podIPs: [{ ip: '10.244.1.2' }], startTime: at(0),
    conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: 'True' })),
    containerStatuses: [{ name: 'nginx', containerID: 'containerd://abc', imageID: 'registry.k8s.io/nginx-slim@sha256:123', ready: true, restartCount: 0, started: true, state: { running: { startedAt: at(2) } } }],
  },
}

const event = (reason: string, message: string, component: string, first: number, extra: any = {}): Obj => ({
  apiVersion: 'v1', kind: 'Event', metadata: { name: `web-0.${first}` }, type: 'Normal', reason, message, source: { component },
  firstTimestamp: at(first), lastTimestamp: at(first), count: 1, ...extra,
})

const podHead = `Name:             web-0
Namespace:        default
Priority:         0
Service Account:  default
Node:             node-1/172.18.0.2
Start Time:       Mon, 01 Jan 2024 00:00:00 +0000
Labels:           app=nginx
                  controller-revision-hash=web-6f7b
                  statefulset.kubernetes.io/pod-name=web-0
Annotations:      <none>
Status:           Running
IP:               10.244.1.2
IPs:
  IP:           10.244.1.2
Controlled By:  StatefulSet/web
Containers:
  nginx:
    Container ID:   containerd://abc
    Image:          registry.k8s.io/nginx-slim:0.8
    Image ID:       registry.k8s.io/nginx-slim@sha256:123
    Port:           80/TCP
    Host Port:      0/TCP
    State:          Running
      Started:      Mon, 01 Jan 2024 00:00:02 +0000
    Ready:          True
    Restart Count:  0
    Environment:    <none>
    Mounts:
      /usr/share/nginx/html from www (rw)
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       True 
  ContainersReady             True 
  PodScheduled                True 
Volumes:
  www:
    Type:        PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)
    ClaimName:   www-web-0
    ReadOnly:    false
QoS Class:       BestEffort
Node-Selectors:  <none>
Tolerations:     node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                 node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
`

describe('describe pod', () => {
  it('prints the kubectl layout with the Events table of kubectl.md §5.7, sorted by time', () => {
    const events = [
      event('Pulling', 'Pulling image "registry.k8s.io/nginx-slim:0.8"', 'kubelet', 1),
      event('Scheduled', 'Successfully assigned default/web-0 to node-1', 'default-scheduler', 0),
    ]
    expect(describePod(web0, { nowMs: T0 + 12_000, events })).toBe(
      podHead +
        `Events:
  Type    Reason     Age   From               Message
  ----    ------     ----  ----               -------
  Normal  Scheduled  12s   default-scheduler  Successfully assigned default/web-0 to node-1
  Normal  Pulling    11s   kubelet            Pulling image "registry.k8s.io/nginx-slim:0.8"
`,
    )
  })
  it('aligns `Events: <none>` with the fields above it', () => {
    expect(describePod(web0, { nowMs: T0 + 12_000, events: [] })).toBe(podHead.replace(/\nTolerations: {5}/, '\nTolerations:     ') + 'Events:          <none>\n')
  })
  it('shows repeated events as `<last> (x<count> over <first>)` and a terminating status', () => {
    const crashing: Obj = {
      ...web0,
      metadata: { ...web0.metadata, deletionTimestamp: at(250), deletionGracePeriodSeconds: 30 },
    }
    const backOff = event('BackOff', 'Back-off restarting failed container nginx in pod web-0_default(uid)', 'kubelet', 10, { type: 'Warning', count: 3, lastTimestamp: at(190) })
    const text = describePod(crashing, { nowMs: T0 + 310_000, events: [backOff] })
    expect(text).toContain('Status:                    Terminating (lasts 60s)\nTermination Grace Period:  30s\n')
    expect(text).toContain(
      'Events:\n  Type     Reason   Age              From     Message\n  ----     ------   ----             ----     -------\n' +
        '  Warning  BackOff  2m (x3 over 5m)  kubelet  Back-off restarting failed container nginx in pod web-0_default(uid)\n',
    )
  })
})

describe('describe deployment and service', () => {
  const template = { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80, protocol: 'TCP' }] }] } }
  it('deployment with its ReplicaSets and events', () => {
    const d: Obj = {
      apiVersion: 'apps/v1', kind: 'Deployment',
      metadata: { name: 'nginx-deployment', namespace: 'default', creationTimestamp: at(0), labels: { app: 'nginx' }, annotations: { 'deployment.kubernetes.io/revision': '1', 'kubectl.kubernetes.io/last-applied-configuration': '{}\n' } },
      spec: { replicas: 3, selector: { matchLabels: { app: 'nginx' } }, strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } }, template, minReadySeconds: 0 },
      status: { replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, conditions: [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' }, { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' }] },
    }
    const rs: Obj = { metadata: { name: 'nginx-deployment-86dcfdf4c6', creationTimestamp: at(0) }, spec: { replicas: 3, template: { ...template, metadata: { labels: { app: 'nginx', 'pod-template-hash': '86dcfdf4c6' } } } }, status: { replicas: 3 } }
    const old: Obj = { metadata: { name: 'nginx-deployment-5d59d67564', creationTimestamp: at(-60) }, spec: { replicas: 0, template: { metadata: { labels: { app: 'nginx' } }, spec: {} } }, status: { replicas: 0 } }
    const scaled = event('ScalingReplicaSet', 'Scaled up replica set nginx-deployment-86dcfdf4c6 from 0 to 3', 'deployment-controller', 0)
    expect(describeDeployment(d, { nowMs: T0 + 300_000, replicaSets: [old, rs], events: [scaled] })).toBe(`Name:                   nginx-deployment
Namespace:              default
CreationTimestamp:      Mon, 01 Jan 2024 00:00:00 +0000
Labels:                 app=nginx
Annotations:            deployment.kubernetes.io/revision: 1
Selector:               app=nginx
Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable
StrategyType:           RollingUpdate
MinReadySeconds:        0
RollingUpdateStrategy:  25% max unavailable, 25% max surge
Pod Template:
  Labels:  app=nginx
  Containers:
   nginx:
    Image:         nginx:1.14.2
    Port:          80/TCP
    Host Port:     0/TCP
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Conditions:
  Type           Status  Reason
  ----           ------  ------
  Available      True    MinimumReplicasAvailable
  Progressing    True    NewReplicaSetAvailable
OldReplicaSets:  <none>
NewReplicaSet:   nginx-deployment-86dcfdf4c6 (3/3 replicas created)
Events:
  Type    Reason             Age   From                   Message
  ----    ------             ----  ----                   -------
  Normal  ScalingReplicaSet  5m    deployment-controller  Scaled up replica set nginx-deployment-86dcfdf4c6 from 0 to 3
`)
  })
  it('service endpoints from EndpointSlices (ready endpoints only)', () => {
    const svc: Obj = {
      metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
      spec: { type: 'NodePort', selector: { app: 'web' }, clusterIP: '10.96.12.34', clusterIPs: ['10.96.12.34'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', ports: [{ port: 80, targetPort: 8080, nodePort: 30080, protocol: 'TCP' }], sessionAffinity: 'None', externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster' },
    }
    const slice: Obj = { metadata: { name: 'web-x' }, ports: [{ name: '', port: 8080 }], endpoints: [{ addresses: ['10.244.1.2'], conditions: { ready: true } }, { addresses: ['10.244.2.2'], conditions: { ready: false } }] }
    expect(describeService(svc, { nowMs: T0, events: [], endpointSlices: [slice] })).toBe(`Name:                     web
Namespace:                default
Labels:                   app=web
Annotations:              <none>
Selector:                 app=web
Type:                     NodePort
IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       10.96.12.34
IPs:                      10.96.12.34
Port:                     <unset>  80/TCP
TargetPort:               8080/TCP
NodePort:                 <unset>  30080/TCP
Endpoints:                10.244.1.2:8080
Session Affinity:         None
External Traffic Policy:  Cluster
Internal Traffic Policy:  Cluster
Events:                   <none>
`)
  })
})
