import { describe, expect, it } from 'vitest'
import type { Obj } from './object'
import { printTable, printTables, renderNames, renderNoResources } from './table'
import { at, pod, runningStatus, T0 } from './test-fixtures'

const HOUR = 3600
const now = T0 + (HOUR + 190) * 1000

const nginxPods = [
  pod('nginx-deployment-86dcfdf4c6-4kz9x', {
    createdAt: HOUR + 190, metadata: { labels: { app: 'nginx', 'pod-template-hash': '86dcfdf4c6' } },
    spec: { nodeName: 'node-1', containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] },
    status: { ...runningStatus(HOUR + 190), podIPs: [{ ip: '10.244.1.5' }] },
  }),
  pod('nginx-deployment-86dcfdf4c6-7h2kq', { createdAt: HOUR + 145, metadata: { labels: { app: 'nginx' } }, status: runningStatus(HOUR + 146) }),
  pod('nginx-deployment-86dcfdf4c6-x9w2m', { createdAt: HOUR, status: runningStatus(HOUR + 1) }),
]

const obj = (apiVersion: string, kind: string, name: string, rest: Partial<Obj> = {}, createdAt = 0): Obj => ({
  apiVersion, kind, ...rest, metadata: { name, namespace: 'default', creationTimestamp: at(createdAt), ...rest.metadata },
})

describe('get pods', () => {
  it('three nginx pods at 0s, 45s and 3m10s', () => {
    expect(printTable('Pod', nginxPods, { nowMs: now })).toBe(
      'NAME                                READY   STATUS    RESTARTS   AGE\n' +
        'nginx-deployment-86dcfdf4c6-4kz9x   1/1     Running   0          0s\n' +
        'nginx-deployment-86dcfdf4c6-7h2kq   1/1     Running   0          45s\n' +
        'nginx-deployment-86dcfdf4c6-x9w2m   1/1     Running   0          3m10s\n',
    )
  })
  it('-o wide adds IP, NODE, NOMINATED NODE, READINESS GATES', () => {
    expect(printTable('Pod', nginxPods.slice(0, 2), { nowMs: now, wide: true })).toBe(
      'NAME                                READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES\n' +
        'nginx-deployment-86dcfdf4c6-4kz9x   1/1     Running   0          0s    10.244.1.5   node-1   <none>           <none>\n' +
        'nginx-deployment-86dcfdf4c6-7h2kq   1/1     Running   0          45s   <none>       <none>   <none>           <none>\n',
    )
  })
  it('-A prepends NAMESPACE and --show-labels appends LABELS', () => {
    expect(printTable('Pod', nginxPods.slice(0, 2), { nowMs: now, withNamespace: true, showLabels: true })).toBe(
      'NAMESPACE   NAME                                READY   STATUS    RESTARTS   AGE   LABELS\n' +
        'default     nginx-deployment-86dcfdf4c6-4kz9x   1/1     Running   0          0s    app=nginx,pod-template-hash=86dcfdf4c6\n' +
        'default     nginx-deployment-86dcfdf4c6-7h2kq   1/1     Running   0          45s   app=nginx\n',
    )
  })
  it('a crash-looping pod and a terminating pod', () => {
    const crashing = pod('crasher', {
      status: {
        phase: 'Running',
        containerStatuses: [{ name: 'nginx', ready: false, restartCount: 5, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, finishedAt: at(HOUR + 70) } } }],
      },
    })
    const terminating = pod('old', { metadata: { deletionTimestamp: at(HOUR + 180) }, status: runningStatus() })
    const init = pod('with-init', {
      createdAt: HOUR + 180,
      spec: { initContainers: [{ name: 'wait', image: 'busybox' }], containers: [{ name: 'nginx', image: 'nginx' }] },
      status: { phase: 'Pending', initContainerStatuses: [{ name: 'wait', ready: false, restartCount: 0, state: { running: { startedAt: at(HOUR + 182) } } }] },
    })
    expect(printTable('Pod', [crashing, terminating, init], { nowMs: now })).toBe(
      'NAME        READY   STATUS             RESTARTS     AGE\n' +
        'crasher     0/1     CrashLoopBackOff   5 (2m ago)   63m\n' +
        'old         1/1     Terminating        0            63m\n' +
        'with-init   0/1     Init:0/1           0            10s\n',
    )
  })
})

describe('get for each kind', () => {
  it('nodes: Ready, Ready,SchedulingDisabled, NotReady, Unknown; roles', () => {
    const node = (name: string, ready: string | undefined, extra: any = {}): Obj => ({
      apiVersion: 'v1', kind: 'Node',
      metadata: { name, creationTimestamp: at(0), labels: extra.labels ?? {} },
      spec: { unschedulable: extra.unschedulable },
      status: {
        conditions: ready ? [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: ready }] : [],
        nodeInfo: { kubeletVersion: 'v1.31.0', osImage: 'Ubuntu 22.04.4 LTS', kernelVersion: '6.5.0', containerRuntimeVersion: 'containerd://1.7.13' },
        addresses: [{ type: 'InternalIP', address: '172.18.0.2' }, { type: 'Hostname', address: name }],
      },
    })
    const nodes = [
      node('control-plane', 'True', { labels: { 'node-role.kubernetes.io/control-plane': '' } }),
      node('node-1', 'True', { unschedulable: true }),
      node('node-2', 'False'),
      node('node-3', undefined, { labels: { 'kubernetes.io/role': 'worker', 'node-role.kubernetes.io/infra': '' } }),
    ]
    expect(printTable('Node', nodes, { nowMs: now })).toBe(
      'NAME            STATUS                     ROLES           AGE   VERSION\n' +
        'control-plane   Ready                      control-plane   63m   v1.31.0\n' +
        'node-1          Ready,SchedulingDisabled   <none>          63m   v1.31.0\n' +
        'node-2          NotReady                   <none>          63m   v1.31.0\n' +
        'node-3          Unknown                    infra,worker    63m   v1.31.0\n',
    )
    expect(printTable('Node', nodes.slice(1, 2), { nowMs: now, wide: true })).toBe(
      'NAME     STATUS                     ROLES    AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE             KERNEL-VERSION   CONTAINER-RUNTIME\n' +
        'node-1   Ready,SchedulingDisabled   <none>   63m   v1.31.0   172.18.0.2    <none>        Ubuntu 22.04.4 LTS   6.5.0            containerd://1.7.13\n',
    )
    // Cluster-scoped kinds never get the NAMESPACE column.
    expect(printTable('Node', nodes.slice(0, 1), { nowMs: now, withNamespace: true }).startsWith('NAME ')).toBe(true)
  })

  it('services: <pending> LoadBalancer, NodePort ports, headless None, ExternalName', () => {
    const services = [
      obj('v1', 'Service', 'kubernetes', { spec: { type: 'ClusterIP', clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ port: 443, protocol: 'TCP' }] } }),
      obj('v1', 'Service', 'web', { spec: { type: 'LoadBalancer', clusterIPs: ['10.96.12.34'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }, { port: 443, nodePort: 30443, protocol: 'TCP' }] }, status: { loadBalancer: {} } }, HOUR + 100),
      obj('v1', 'Service', 'lb-ready', { spec: { type: 'LoadBalancer', clusterIPs: ['10.96.5.5'], ports: [{ port: 80, nodePort: 31000, protocol: 'TCP' }] }, status: { loadBalancer: { ingress: [{ hostname: 'a1b2c3d4e5f6-123456789.eu-west-1.elb.amazonaws.com' }] } } }, HOUR + 100),
      obj('v1', 'Service', 'db', { spec: { type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'], ports: [{ port: 5432, protocol: 'TCP' }] } }, HOUR + 100),
      obj('v1', 'Service', 'ext', { spec: { type: 'ExternalName', externalName: 'example.com' } }, HOUR + 100),
    ]
    expect(printTable('Service', services, { nowMs: now })).toBe(
      'NAME         TYPE           CLUSTER-IP    EXTERNAL-IP                                          PORT(S)                      AGE\n' +
        'kubernetes   ClusterIP      10.96.0.1     <none>                                               443/TCP                      63m\n' +
        'web          LoadBalancer   10.96.12.34   <pending>                                            80:30080/TCP,443:30443/TCP   90s\n' +
        'lb-ready     LoadBalancer   10.96.5.5     a1b2c3d4e5f6-123456789.eu-west-1.elb.amazonaws.com   80:31000/TCP                 90s\n' +
        'db           ClusterIP      None          <none>                                               5432/TCP                     90s\n' +
        'ext          ExternalName   <none>        example.com                                          <none>                       90s\n',
    )
  })

  it('deployments, replicasets, statefulsets, daemonsets (wide)', () => {
    const template = { spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }, { name: 'sidecar', image: 'busybox' }] } }
    const d = obj('apps/v1', 'Deployment', 'nginx-deployment', { spec: { replicas: 3, selector: { matchLabels: { app: 'nginx' } }, template }, status: { replicas: 3, readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 } }, HOUR)
    expect(printTable('Deployment', [d], { nowMs: now, wide: true })).toBe(
      'NAME               READY   UP-TO-DATE   AVAILABLE   AGE     CONTAINERS      IMAGES                 SELECTOR\n' +
        'nginx-deployment   2/3     3            2           3m10s   nginx,sidecar   nginx:1.14.2,busybox   app=nginx\n',
    )
    const rs = obj('apps/v1', 'ReplicaSet', 'nginx-deployment-86dcfdf4c6', { spec: { replicas: 3, selector: { matchLabels: { app: 'nginx', 'pod-template-hash': '86dcfdf4c6' } }, template }, status: { replicas: 3, readyReplicas: 2 } }, HOUR)
    expect(printTable('ReplicaSet', [rs], { nowMs: now })).toBe(
      'NAME                          DESIRED   CURRENT   READY   AGE\n' + 'nginx-deployment-86dcfdf4c6   3         3         2       3m10s\n',
    )
    const sts = obj('apps/v1', 'StatefulSet', 'web', { spec: { replicas: 2, template }, status: { readyReplicas: 1 } }, HOUR)
    expect(printTable('StatefulSet', [sts], { nowMs: now })).toBe('NAME   READY   AGE\nweb    1/2     3m10s\n')
    const ds = obj('apps/v1', 'DaemonSet', 'fluentd', {
      spec: { selector: { matchLabels: { name: 'fluentd' } }, template: { spec: { nodeSelector: { 'kubernetes.io/os': 'linux' }, containers: [] } } },
      status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 3, updatedNumberScheduled: 3, numberAvailable: 3 },
    }, HOUR)
    expect(printTable('DaemonSet', [ds], { nowMs: now })).toBe(
      'NAME      DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE\n' +
        'fluentd   3         3         3       3            3           kubernetes.io/os=linux   3m10s\n',
    )
  })

  it('jobs and cronjobs', () => {
    const complete = obj('batch/v1', 'Job', 'pi', {
      spec: { completions: 1, parallelism: 1, template: { spec: { containers: [] } } },
      status: { succeeded: 1, startTime: at(HOUR), completionTime: at(HOUR + 12), conditions: [{ type: 'Complete', status: 'True' }] },
    }, HOUR)
    const running = obj('batch/v1', 'Job', 'work', { spec: { parallelism: 3, template: { spec: { containers: [] } } }, status: { active: 3, startTime: at(HOUR + 100) } }, HOUR + 100)
    const suspended = obj('batch/v1', 'Job', 'later', { spec: { completions: 5, template: { spec: { containers: [] } } }, status: { conditions: [{ type: 'Suspended', status: 'True' }] } }, HOUR + 100)
    expect(printTable('Job', [complete, running, suspended], { nowMs: now })).toBe(
      'NAME    STATUS      COMPLETIONS   DURATION   AGE\n' +
        'pi      Complete    1/1           12s        3m10s\n' +
        'work    Running     0/1 of 3      90s        90s\n' +
        'later   Suspended   0/5                      90s\n',
    )
    const cj = obj('batch/v1', 'CronJob', 'hello', { spec: { schedule: '*/1 * * * *', suspend: false, jobTemplate: { spec: { template: { spec: { containers: [] } } } } }, status: { lastScheduleTime: at(HOUR + 180) } }, HOUR)
    expect(printTable('CronJob', [cj], { nowMs: now })).toBe(
      'NAME    SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\n' + 'hello   */1 * * * *   <none>     False     0        10s             3m10s\n',
    )
  })

  it('hpa: cpu: <unknown>/50% before metrics, then a value', () => {
    const hpa = (current?: number): Obj =>
      obj('autoscaling/v2', 'HorizontalPodAutoscaler', 'php-apache', {
        spec: { scaleTargetRef: { kind: 'Deployment', name: 'php-apache' }, minReplicas: 1, maxReplicas: 10, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] },
        status: { currentReplicas: 1, currentMetrics: current === undefined ? [] : [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: current } } }] },
      }, HOUR)
    expect(printTable('HorizontalPodAutoscaler', [hpa()], { nowMs: now })).toBe(
      'NAME         REFERENCE               TARGETS              MINPODS   MAXPODS   REPLICAS   AGE\n' +
        'php-apache   Deployment/php-apache   cpu: <unknown>/50%   1         10        1          3m10s\n',
    )
    expect(printTable('HorizontalPodAutoscaler', [hpa(250)], { nowMs: now })).toContain('cpu: 250%/50%')
  })

  it('storage: StorageClass (default), PVC and PV', () => {
    const sc = { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'standard', creationTimestamp: at(0), annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }, provisioner: 'rancher.io/local-path', reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer' }
    expect(printTable('StorageClass', [sc], { nowMs: now })).toBe(
      'NAME                 PROVISIONER             RECLAIMPOLICY   VOLUMEBINDINGMODE      ALLOWVOLUMEEXPANSION   AGE\n' +
        'standard (default)   rancher.io/local-path   Delete          WaitForFirstConsumer   false                  63m\n',
    )
    const pvc = obj('v1', 'PersistentVolumeClaim', 'www-web-0', { spec: { storageClassName: 'standard', volumeName: 'pvc-1234', accessModes: ['ReadWriteOnce'] }, status: { phase: 'Bound', capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'] } }, HOUR)
    const pending = obj('v1', 'PersistentVolumeClaim', 'data', { spec: { accessModes: ['ReadWriteOnce'] }, status: { phase: 'Pending' } }, HOUR)
    expect(printTable('PersistentVolumeClaim', [pvc, pending], { nowMs: now })).toBe(
      'NAME        STATUS    VOLUME     CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE\n' +
        'www-web-0   Bound     pvc-1234   1Gi        RWO            standard       <unset>                 3m10s\n' +
        'data        Pending                                                       <unset>                 3m10s\n',
    )
    const pv = { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pvc-1234', creationTimestamp: at(HOUR) }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce', 'ReadOnlyMany'], persistentVolumeReclaimPolicy: 'Delete', claimRef: { namespace: 'default', name: 'www-web-0' }, storageClassName: 'standard' }, status: { phase: 'Bound' } }
    expect(printTable('PersistentVolume', [pv], { nowMs: now })).toBe(
      'NAME       CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS   CLAIM               STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE\n' +
        'pvc-1234   1Gi        RWO,ROX        Delete           Bound    default/www-web-0   standard       <unset>                          3m10s\n',
    )
  })

  it('configmaps, secrets, namespaces, pdb, leases, priorityclasses, controllerrevisions', () => {
    expect(printTable('ConfigMap', [obj('v1', 'ConfigMap', 'kube-root-ca.crt', { data: { 'ca.crt': 'x' } }), obj('v1', 'ConfigMap', 'empty', {})], { nowMs: now })).toBe(
      'NAME               DATA   AGE\nkube-root-ca.crt   1      63m\nempty              0      63m\n',
    )
    expect(printTable('Secret', [obj('v1', 'Secret', 'db', { type: 'Opaque', data: { user: 'YQ==', password: 'Yg==' } })], { nowMs: now })).toBe(
      'NAME   TYPE     DATA   AGE\ndb     Opaque   2      63m\n',
    )
    expect(printTable('Namespace', [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default', creationTimestamp: at(0) }, status: { phase: 'Active' } }], { nowMs: now })).toBe(
      'NAME      STATUS   AGE\ndefault   Active   63m\n',
    )
    expect(printTable('PodDisruptionBudget', [obj('policy/v1', 'PodDisruptionBudget', 'zk-pdb', { spec: { maxUnavailable: 1 }, status: { disruptionsAllowed: 1 } })], { nowMs: now })).toBe(
      'NAME     MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE\nzk-pdb   N/A             1                 1                     63m\n',
    )
    expect(printTable('Lease', [obj('coordination.k8s.io/v1', 'Lease', 'node-1', { spec: { holderIdentity: 'node-1' } })], { nowMs: now })).toBe(
      'NAME     HOLDER   AGE\nnode-1   node-1   63m\n',
    )
    expect(printTable('PriorityClass', [{ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'system-cluster-critical', creationTimestamp: at(0) }, value: 2000000000, globalDefault: false, preemptionPolicy: 'PreemptLowerPriority' }], { nowMs: now })).toBe(
      'NAME                      VALUE        GLOBAL-DEFAULT   AGE   PREEMPTIONPOLICY\nsystem-cluster-critical   2000000000   false            63m   PreemptLowerPriority\n',
    )
    const cr = obj('apps/v1', 'ControllerRevision', 'web-7b8c9d', { revision: 1, metadata: { name: 'web-7b8c9d', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', controller: true }] } })
    expect(printTable('ControllerRevision', [cr], { nowMs: now })).toBe('NAME         CONTROLLER             REVISION   AGE\nweb-7b8c9d   statefulset.apps/web   1          63m\n')
  })

  it('endpoints truncate after three addresses; endpointslices', () => {
    const ep = obj('v1', 'Endpoints', 'web', { subsets: [{ addresses: [1, 2, 3, 4, 5].map((i) => ({ ip: `10.244.0.${i}` })), ports: [{ port: 80, protocol: 'TCP' }] }] })
    expect(printTable('Endpoints', [ep, obj('v1', 'Endpoints', 'none', {})], { nowMs: now })).toBe(
      'NAME   ENDPOINTS                                               AGE\n' +
        'web    10.244.0.1:80,10.244.0.2:80,10.244.0.3:80 + 2 more...   63m\n' +
        'none   <none>                                                  63m\n',
    )
    const slice = obj('discovery.k8s.io/v1', 'EndpointSlice', 'web-abc12', { addressType: 'IPv4', ports: [{ name: '', port: 80, protocol: 'TCP' }], endpoints: [{ addresses: ['10.244.0.1'] }, { addresses: ['10.244.0.2'] }] })
    expect(printTable('EndpointSlice', [slice], { nowMs: now })).toBe(
      'NAME        ADDRESSTYPE   PORTS   ENDPOINTS               AGE\nweb-abc12   IPv4          80      10.244.0.1,10.244.0.2   63m\n',
    )
  })

  it('events: LAST SEEN TYPE REASON OBJECT MESSAGE', () => {
    const event = (name: string, reason: string, message: string, extra: any = {}): Obj => ({
      apiVersion: 'v1', kind: 'Event', metadata: { name, namespace: 'default', creationTimestamp: at(HOUR) },
      involvedObject: { kind: 'Pod', name: 'web-0', namespace: 'default' }, type: 'Normal', reason, message, source: { component: 'kubelet', host: 'node-1' },
      firstTimestamp: at(HOUR + 100), lastTimestamp: at(HOUR + 100), count: 1, ...extra,
    })
    const events = [
      event('web-0.1', 'Scheduled', 'Successfully assigned default/web-0 to node-1', { source: { component: 'default-scheduler' } }),
      event('web-0.2', 'BackOff', 'Back-off restarting failed container nginx in pod web-0_default(uid)', { type: 'Warning', count: 3, lastTimestamp: at(HOUR + 180) }),
    ]
    expect(printTable('Event', events, { nowMs: now })).toBe(
      'LAST SEEN   TYPE      REASON      OBJECT      MESSAGE\n' +
        '90s         Normal    Scheduled   pod/web-0   Successfully assigned default/web-0 to node-1\n' +
        '10s         Warning   BackOff     pod/web-0   Back-off restarting failed container nginx in pod web-0_default(uid)\n',
    )
    expect(printTable('Event', events.slice(1), { nowMs: now, wide: true })).toBe(
      'LAST SEEN   TYPE      REASON    OBJECT      SUBOBJECT   SOURCE            MESSAGE                                                                FIRST SEEN   COUNT   NAME\n' +
        '10s         Warning   BackOff   pod/web-0               kubelet, node-1   Back-off restarting failed container nginx in pod web-0_default(uid)   90s          3       web-0.2\n',
    )
  })

  it('custom kinds fall back to NAME AGE', () => {
    const crd = obj('stable.example.com/v1', 'CronTab', 'my-new-cron-object', {}, HOUR)
    expect(printTable('CronTab', [crd], { nowMs: now })).toBe('NAME                 AGE\nmy-new-cron-object   3m10s\n')
    expect(printTable('CronTab', [crd], { nowMs: now, withKindPrefix: true })).toBe('NAME                                            AGE\ncrontab.stable.example.com/my-new-cron-object   3m10s\n')
  })
})

describe('multi-kind output and empty results', () => {
  it('get all: kind-prefixed names, one table per kind, blank line between', () => {
    const svc = obj('v1', 'Service', 'kubernetes', { spec: { type: 'ClusterIP', clusterIPs: ['10.96.0.1'], ports: [{ port: 443, protocol: 'TCP' }] } })
    const d = obj('apps/v1', 'Deployment', 'nginx-deployment', { spec: { replicas: 3 }, status: { readyReplicas: 3, updatedReplicas: 3, availableReplicas: 3 } }, HOUR)
    expect(printTables([{ kind: 'Pod', objects: nginxPods.slice(0, 1) }, { kind: 'Service', objects: [svc] }, { kind: 'DaemonSet', objects: [] }, { kind: 'Deployment', objects: [d] }], { nowMs: now })).toBe(
      'NAME                                    READY   STATUS    RESTARTS   AGE\n' +
        'pod/nginx-deployment-86dcfdf4c6-4kz9x   1/1     Running   0          0s\n' +
        '\n' +
        'NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\n' +
        'service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   63m\n' +
        '\n' +
        'NAME                               READY   UP-TO-DATE   AVAILABLE   AGE\n' +
        'deployment.apps/nginx-deployment   3/3     3            3           3m10s\n',
    )
  })
  it('a single non-empty kind keeps plain names', () => {
    expect(printTables([{ kind: 'Pod', objects: nginxPods.slice(2) }, { kind: 'Service', objects: [] }], { nowMs: now })).toBe(
      'NAME                                READY   STATUS    RESTARTS   AGE\nnginx-deployment-86dcfdf4c6-x9w2m   1/1     Running   0          3m10s\n',
    )
  })
  it('-o name and No resources found', () => {
    expect(renderNames('Deployment', [obj('apps/v1', 'Deployment', 'web')])).toBe('deployment.apps/web\n')
    expect(renderNames('Pod', nginxPods.slice(0, 1))).toBe('pod/nginx-deployment-86dcfdf4c6-4kz9x\n')
    expect(renderNoResources('default')).toBe('No resources found in default namespace.\n')
    expect(renderNoResources()).toBe('No resources found\n')
    expect(printTable('Pod', [], { nowMs: now })).toBe('')
  })
})
