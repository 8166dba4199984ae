// Defaults and rules of Service, Endpoints, EndpointSlice, Namespace, ConfigMap, Secret, PVC, PV, StorageClass,
// PDB, HPA (with its autoscaling/v1 conversion), PriorityClass, and the schema issue wording.
import { describe, expect, it } from 'vitest'
import { serviceKind } from './service'
import { endpointsKind } from './endpoints'
import { endpointSliceKind } from './endpoint-slice'
import { namespaceKind } from './namespace'
import { configMapKind } from './config-map'
import { secretKind, toBase64 } from './secret'
import { persistentVolumeClaimKind } from './persistent-volume-claim'
import { persistentVolumeKind } from './persistent-volume'
import { storageClassKind } from './storage-class'
import { podDisruptionBudgetKind } from './pod-disruption-budget'
import { horizontalPodAutoscalerKind } from './horizontal-pod-autoscaler'
import { priorityClassKind } from './priority-class'
import { toFieldIssues } from './schema-issues'
import { matchesLabelSelector } from './label-selector'
import { deploymentKind } from './deployment'
import type { KindInfo } from './kind-info'

const meta = (name = 'web') => ({ name, namespace: 'default', uid: 'uid-1', creationTimestamp: '2024-01-01T00:00:00Z' })

function admit(kind: KindInfo, object: any): any {
  kind.applyDefaults?.(object)
  const parsed = kind.schema.safeParse(object)
  expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true)
  return object
}

describe('Service', () => {
  const service = (spec: Record<string, unknown>): any => ({ apiVersion: 'v1', kind: 'Service', metadata: meta(), spec })

  it('gets the upstream defaults; targetPort defaults to port', () => {
    const s = admit(serviceKind, service({ selector: { app: 'web' }, ports: [{ port: 80 }, { name: 'metrics', port: 9090, targetPort: 'metrics' }] }))
    expect(s.spec).toEqual({
      selector: { app: 'web' },
      ports: [
        { port: 80, protocol: 'TCP', targetPort: 80 },
        { name: 'metrics', port: 9090, targetPort: 'metrics', protocol: 'TCP' },
      ],
      type: 'ClusterIP',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
    })
    // Two ports: the first needs a name.
    expect(serviceKind.validate!(s)).toEqual([{ path: ['spec', 'ports', 0, 'name'], message: 'Required value' }])
  })

  it('sets externalTrafficPolicy for NodePort and LoadBalancer', () => {
    expect(admit(serviceKind, service({ type: 'NodePort', ports: [{ port: 80 }] })).spec.externalTrafficPolicy).toBe('Cluster')
    const lb = admit(serviceKind, service({ type: 'LoadBalancer', ports: [{ port: 80 }] }))
    expect(lb.spec).toMatchObject({ externalTrafficPolicy: 'Cluster', allocateLoadBalancerNodePorts: true })
  })

  it('requires ports except for headless and ExternalName services', () => {
    expect(serviceKind.validate!(admit(serviceKind, service({ selector: { app: 'web' } })))).toEqual([{ path: ['spec', 'ports'], message: 'Required value' }])
    expect(serviceKind.validate!(admit(serviceKind, service({ clusterIP: 'None', selector: { app: 'web' } })))).toEqual([])
    expect(serviceKind.validate!(admit(serviceKind, service({ type: 'ExternalName', externalName: 'db.example.com' })))).toEqual([])
    expect(serviceKind.validate!(admit(serviceKind, service({ ports: [{ port: 70000 }] })))).toEqual([
      { path: ['spec', 'ports', 0, 'port'], message: 'Invalid value: 70000: must be between 1 and 65535, inclusive' },
      { path: ['spec', 'ports', 0, 'targetPort'], message: 'Invalid value: 70000: must be between 1 and 65535, inclusive' },
    ])
  })

  it('keeps clusterIP once allocated', () => {
    const before = admit(serviceKind, service({ ports: [{ port: 80 }], clusterIP: '10.96.0.10' }))
    const moved = structuredClone(before)
    moved.spec.clusterIP = '10.96.0.11'
    expect(serviceKind.validateUpdate!(before, moved)).toEqual([{ path: ['spec', 'clusterIP'], message: 'Invalid value: "10.96.0.11": field is immutable' }])
    const omitted = structuredClone(before)
    delete omitted.spec.clusterIP
    expect(serviceKind.validateUpdate!(before, omitted)).toEqual([])
  })
})

describe('Endpoints and EndpointSlice', () => {
  it('default port protocols', () => {
    const ep = admit(endpointsKind, { apiVersion: 'v1', kind: 'Endpoints', metadata: meta(), subsets: [{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] }] })
    expect(ep.subsets[0].ports[0].protocol).toBe('TCP')
    const slice = admit(endpointSliceKind, {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: meta('web-abcde'),
      addressType: 'IPv4',
      endpoints: [{ addresses: ['10.0.0.1'], conditions: { ready: true } }],
      ports: [{ port: 80 }],
    })
    expect(slice.ports).toEqual([{ port: 80, protocol: 'TCP', name: '' }])
  })
})

describe('Namespace', () => {
  it('gets its name label, finalizer and phase', () => {
    const ns = admit(namespaceKind, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a', uid: 'u' } })
    expect(ns).toMatchObject({
      metadata: { labels: { 'kubernetes.io/metadata.name': 'team-a' } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    })
  })
})

describe('ConfigMap and Secret', () => {
  it('checks keys and the immutable flag', () => {
    const cm = admit(configMapKind, { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(), data: { 'bad key': 'x', ok: 'y' }, immutable: true })
    expect(configMapKind.validate!(cm)).toHaveLength(1)
    const changed = structuredClone(cm)
    changed.data.ok = 'z'
    expect(configMapKind.validateUpdate!(cm, changed)).toEqual([{ path: ['data'], message: 'Forbidden: field is immutable when `immutable` is set' }])
  })

  it('merges stringData into data and defaults the type', () => {
    const secret = admit(secretKind, { apiVersion: 'v1', kind: 'Secret', metadata: meta(), stringData: { password: 'héllo' } })
    expect(secret).toMatchObject({ type: 'Opaque', data: { password: 'aMOpbGxv' } })
    expect(secret.stringData).toBeUndefined()
    expect(toBase64('ab')).toBe('YWI=')
    expect(secretKind.validate!(secret)).toEqual([])
    const tls = admit(secretKind, { apiVersion: 'v1', kind: 'Secret', metadata: meta(), type: 'kubernetes.io/tls', data: { 'tls.crt': 'eA==' } })
    expect(secretKind.validate!(tls)).toEqual([{ path: ['data', 'tls.key'], message: 'Required value' }])
  })
})

describe('storage', () => {
  const pvc = (): any => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: meta('data'),
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  })

  it('defaults claims and volumes', () => {
    const claim = admit(persistentVolumeClaimKind, pvc())
    expect(claim.spec.volumeMode).toBe('Filesystem')
    expect(claim.status.phase).toBe('Pending')
    expect(persistentVolumeClaimKind.validate!(claim)).toEqual([])
    const pv = admit(persistentVolumeKind, {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'pv1' },
      spec: { capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/mnt' } },
    })
    expect(pv.spec).toMatchObject({ persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' })
    expect(pv.status.phase).toBe('Pending')
    const sc = admit(storageClassKind, { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'standard' }, provisioner: 'x' })
    expect(sc).toMatchObject({ reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' })
  })

  it('lets a claim grow and bind, nothing else', () => {
    const before = admit(persistentVolumeClaimKind, pvc())
    const grown = structuredClone(before)
    grown.spec.resources.requests.storage = '2Gi'
    grown.spec.volumeName = 'pv1'
    expect(persistentVolumeClaimKind.validateUpdate!(before, grown)).toEqual([])
    const shrunk = structuredClone(before)
    shrunk.spec.resources.requests.storage = '512Mi'
    expect(persistentVolumeClaimKind.validateUpdate!(before, shrunk)).toEqual([
      { path: ['spec', 'resources', 'requests', 'storage'], message: 'Forbidden: field can not be less than previous value' },
    ])
    const remoded = structuredClone(before)
    remoded.spec.accessModes = ['ReadWriteMany']
    expect(persistentVolumeClaimKind.validateUpdate!(before, remoded)[0].message).toMatch(/^Forbidden: spec is immutable after creation/)
  })
})

describe('PodDisruptionBudget', () => {
  it('forbids minAvailable together with maxUnavailable', () => {
    const pdb = admit(podDisruptionBudgetKind, {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: meta(),
      spec: { minAvailable: 2, maxUnavailable: '150%', selector: { matchLabels: { app: 'web' } } },
    })
    expect(podDisruptionBudgetKind.validate!(pdb).map((i) => i.message)).toEqual([
      'Invalid value: {"minAvailable":2,"maxUnavailable":"150%","selector":{"matchLabels":{"app":"web"}}}: minAvailable and maxUnavailable cannot be both set',
      'Invalid value: "150%": must not be greater than 100%',
    ])
  })
})

describe('HorizontalPodAutoscaler', () => {
  it('converts autoscaling/v1 into v2 metrics', () => {
    const v1 = {
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      metadata: meta('php-apache'),
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'php-apache' }, minReplicas: 1, maxReplicas: 10, targetCPUUtilizationPercentage: 50 },
    }
    const v2 = admit(horizontalPodAutoscalerKind, horizontalPodAutoscalerKind.fromServedVersion!(v1))
    expect(v2.apiVersion).toBe('autoscaling/v2')
    expect(v2.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'php-apache' },
      minReplicas: 1,
      maxReplicas: 10,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
    })
    expect(v1.spec.targetCPUUtilizationPercentage).toBe(50) // the input is not mutated
    expect(horizontalPodAutoscalerKind.validate!(v2)).toEqual([])
  })

  it('defaults minReplicas, an 80% CPU metric, and the behavior rules when behavior is given', () => {
    const hpa = admit(horizontalPodAutoscalerKind, {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: meta(),
      spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, maxReplicas: 5, behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } },
    })
    expect(hpa.spec.minReplicas).toBe(1)
    expect(hpa.spec.metrics[0].resource.target).toEqual({ type: 'Utilization', averageUtilization: 80 })
    expect(hpa.spec.behavior).toEqual({
      scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] },
      scaleDown: { stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
    })
  })

  it('requires maxReplicas >= minReplicas', () => {
    const hpa = admit(horizontalPodAutoscalerKind, {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: meta(),
      spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, minReplicas: 3, maxReplicas: 2 },
    })
    expect(horizontalPodAutoscalerKind.validate!(hpa)).toEqual([
      { path: ['spec', 'maxReplicas'], message: 'Invalid value: 2: must be greater than or equal to `minReplicas`' },
    ])
  })
})

describe('PriorityClass', () => {
  it('defaults preemptionPolicy and caps user values', () => {
    const pc = admit(priorityClassKind, { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 2_000_000_000 })
    expect(pc.preemptionPolicy).toBe('PreemptLowerPriority')
    expect(priorityClassKind.validate!(pc)).toEqual([{ path: ['value'], message: 'Forbidden: maximum allowed value of a user defined priority is 1000000000' }])
    const changed = { ...pc, value: 5 }
    expect(priorityClassKind.validateUpdate!(pc, changed)).toHaveLength(1)
  })
})

describe('schema issues', () => {
  it('word zod failures like the API server', () => {
    const object = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { replicas: 'three', selector: { matchLabels: { app: 'web' } }, template: { spec: { containers: [{ name: 'c', resources: { limits: { cpu: 'lots' } } }], restartPolicy: 'Sometimes' } } },
    }
    const parsed = deploymentKind.schema.safeParse(object)
    expect(parsed.success).toBe(false)
    const issues = toFieldIssues(parsed.error!, object)
    expect(issues).toContainEqual({ path: ['spec', 'replicas'], message: 'Invalid value: "three": expected number, got string' })
    expect(issues).toContainEqual({
      path: ['spec', 'template', 'spec', 'restartPolicy'],
      message: 'Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    })
    expect(issues).toContainEqual({
      path: ['spec', 'template', 'spec', 'containers', 0, 'resources', 'limits', 'cpu'],
      message: `Invalid value: "lots": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    })
    const missing = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { template: { spec: { containers: [] } } } }
    const result = deploymentKind.schema.safeParse(missing)
    expect(toFieldIssues(result.error!, missing)).toEqual([{ path: ['spec', 'selector'], message: 'Required value' }])
  })
})

describe('matchesLabelSelector', () => {
  it('treats NotIn and DoesNotExist as matching absent keys', () => {
    expect(matchesLabelSelector({ matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] }, {})).toBe(true)
    expect(matchesLabelSelector({ matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] }, {})).toBe(false)
    expect(matchesLabelSelector({}, { a: 'b' })).toBe(true)
    expect(matchesLabelSelector({ matchLabels: { a: 'b' }, matchExpressions: [{ key: 'c', operator: 'Exists' }] }, { a: 'b', c: '' })).toBe(true)
  })
})
