import { describe, expect, it } from 'vitest'
import { builtinKindInfo, builtinKinds, findRemovedVersion, genericKind, removedVersions } from './kinds'

describe('builtinKinds', () => {
  it('describes every kind with kubectl names', () => {
    const table = Object.fromEntries(builtinKinds.map((k) => [k.kind, [k.apiVersion, k.plural, k.shortNames.join(','), k.namespaced]]))
    expect(table).toEqual({
      ConfigMap: ['v1', 'configmaps', 'cm', true],
      ControllerRevision: ['apps/v1', 'controllerrevisions', '', true],
      CronJob: ['batch/v1', 'cronjobs', 'cj', true],
      DaemonSet: ['apps/v1', 'daemonsets', 'ds', true],
      Deployment: ['apps/v1', 'deployments', 'deploy', true],
      EndpointSlice: ['discovery.k8s.io/v1', 'endpointslices', '', true],
      Endpoints: ['v1', 'endpoints', 'ep', true],
      Event: ['v1', 'events', 'ev', true],
      HorizontalPodAutoscaler: ['autoscaling/v2', 'horizontalpodautoscalers', 'hpa', true],
      Job: ['batch/v1', 'jobs', '', true],
      Lease: ['coordination.k8s.io/v1', 'leases', '', true],
      Namespace: ['v1', 'namespaces', 'ns', false],
      Node: ['v1', 'nodes', 'no', false],
      PersistentVolume: ['v1', 'persistentvolumes', 'pv', false],
      PersistentVolumeClaim: ['v1', 'persistentvolumeclaims', 'pvc', true],
      Pod: ['v1', 'pods', 'po', true],
      PodDisruptionBudget: ['policy/v1', 'poddisruptionbudgets', 'pdb', true],
      PriorityClass: ['scheduling.k8s.io/v1', 'priorityclasses', 'pc', false],
      ReplicaSet: ['apps/v1', 'replicasets', 'rs', true],
      ReplicationController: ['v1', 'replicationcontrollers', 'rc', true],
      Secret: ['v1', 'secrets', '', true],
      Service: ['v1', 'services', 'svc', true],
      StatefulSet: ['apps/v1', 'statefulsets', 'sts', true],
      StorageClass: ['storage.k8s.io/v1', 'storageclasses', 'sc', false],
    })
  })

  it('keeps group, version and apiVersion consistent and names unique', () => {
    for (const info of builtinKinds) {
      expect(info.apiVersion).toBe(info.group ? `${info.group}/${info.version}` : info.version)
      expect(info.singular).toBe(info.kind.toLowerCase())
    }
    const names = builtinKinds.flatMap((k) => [k.plural, k.singular, ...k.shortNames])
    expect(new Set(names).size).toBe(names.length - 1) // 'endpoints' is both plural and singular
  })

  it('uses the upstream name rules and generation tracking', () => {
    expect(builtinKindInfo.Service.nameRule).toBe('dns1035-label')
    expect(builtinKindInfo.Namespace.nameRule).toBe('dns1123-label')
    expect(builtinKindInfo.Pod.nameRule).toBe('dns1123-subdomain')
    const tracking = builtinKinds.filter((k) => k.tracksGeneration).map((k) => k.kind)
    expect(tracking).toEqual([
      'CronJob', 'DaemonSet', 'Deployment', 'EndpointSlice', 'HorizontalPodAutoscaler', 'Job', 'Pod',
      'PodDisruptionBudget', 'ReplicaSet', 'ReplicationController', 'StatefulSet',
    ])
    expect(builtinKindInfo.ConfigMap.statusFields).toEqual([])
    expect(builtinKindInfo.Deployment.statusFields).toEqual(['status'])
  })
})

describe('removedVersions', () => {
  it('names the replacement', () => {
    expect(findRemovedVersion('extensions/v1beta1', 'Deployment')).toEqual({ apiVersion: 'extensions/v1beta1', kind: 'Deployment', removedIn: '1.16', use: 'apps/v1' })
    expect(findRemovedVersion('batch/v1beta1', 'CronJob')?.removedIn).toBe('1.25')
    expect(findRemovedVersion('autoscaling/v2beta2', 'HorizontalPodAutoscaler')?.removedIn).toBe('1.26')
    expect(findRemovedVersion('apps/v1', 'Deployment')).toBeUndefined()
    expect(removedVersions.every((r) => builtinKinds.some((k) => k.kind === r.kind && k.apiVersion === r.use))).toBe(true)
  })
})

describe('genericKind', () => {
  it('describes a custom kind with a loose schema', () => {
    const info = genericKind('example.com/v1', 'Widget')
    expect(info).toMatchObject({ group: 'example.com', version: 'v1', plural: 'widgets', singular: 'widget', namespaced: true, statusFields: [] })
    const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { anything: [1, 2] } }
    expect(info.schema.parse(widget)).toEqual(widget)
    expect(info.schema.safeParse({ apiVersion: 'example.com/v1', kind: 'Widget' }).success).toBe(false)
    expect(genericKind('v1', 'Thing', { plural: 'thingies', namespaced: false })).toMatchObject({ group: '', plural: 'thingies', namespaced: false })
  })
})
