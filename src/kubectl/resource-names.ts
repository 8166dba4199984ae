// kubectl's names for the built-in resources: plural, singular and short names (and `plural.group`)
// resolved to a Kind, plus the `plural[.group]` form API errors use. The real registry lives in
// src/api; this table is the default used when no lookup function is given.

export interface ResourceName {
  kind: string
  plural: string
  singular: string
  shortNames: readonly string[]
  group: string
}

const r = (kind: string, plural: string, group: string, shortNames: string[] = []): ResourceName => ({
  kind, plural, singular: kind.toLowerCase(), shortNames, group,
})

export const builtinResources: readonly ResourceName[] = [
  r('Pod', 'pods', '', ['po']),
  r('Service', 'services', '', ['svc']),
  r('Node', 'nodes', '', ['no']),
  r('Namespace', 'namespaces', '', ['ns']),
  r('ConfigMap', 'configmaps', '', ['cm']),
  r('Secret', 'secrets', ''),
  r('ServiceAccount', 'serviceaccounts', '', ['sa']),
  r('PersistentVolumeClaim', 'persistentvolumeclaims', '', ['pvc']),
  r('PersistentVolume', 'persistentvolumes', '', ['pv']),
  r('Endpoints', 'endpoints', '', ['ep']),
  r('Event', 'events', '', ['ev']),
  r('ReplicationController', 'replicationcontrollers', '', ['rc']),
  r('ResourceQuota', 'resourcequotas', '', ['quota']),
  r('LimitRange', 'limitranges', '', ['limits']),
  r('Deployment', 'deployments', 'apps', ['deploy']),
  r('ReplicaSet', 'replicasets', 'apps', ['rs']),
  r('StatefulSet', 'statefulsets', 'apps', ['sts']),
  r('DaemonSet', 'daemonsets', 'apps', ['ds']),
  r('ControllerRevision', 'controllerrevisions', 'apps'),
  r('Job', 'jobs', 'batch'),
  r('CronJob', 'cronjobs', 'batch', ['cj']),
  r('HorizontalPodAutoscaler', 'horizontalpodautoscalers', 'autoscaling', ['hpa']),
  r('PodDisruptionBudget', 'poddisruptionbudgets', 'policy', ['pdb']),
  r('EndpointSlice', 'endpointslices', 'discovery.k8s.io'),
  r('StorageClass', 'storageclasses', 'storage.k8s.io', ['sc']),
  r('Lease', 'leases', 'coordination.k8s.io'),
  r('PriorityClass', 'priorityclasses', 'scheduling.k8s.io', ['pc']),
  r('Ingress', 'ingresses', 'networking.k8s.io', ['ing']),
  r('NetworkPolicy', 'networkpolicies', 'networking.k8s.io', ['netpol']),
  r('CustomResourceDefinition', 'customresourcedefinitions', 'apiextensions.k8s.io', ['crd', 'crds']),
]

const byKind = new Map(builtinResources.map((res) => [res.kind, res]))

/** The default lookup: `pods`, `pod`, `po`, `Pod`, `deployments.apps`, `deploy` → Kind. */
export function resolveBuiltinKind(name: string): string | undefined {
  const lower = name.toLowerCase()
  for (const res of builtinResources) {
    const names = [res.plural, res.singular, ...res.shortNames]
    if (names.includes(lower)) return res.kind
    if (res.group && names.some((n) => `${n}.${res.group}` === lower)) return res.kind
  }
  return undefined
}

/** `pods`, `deployments.apps`: how API errors name a resource. Unknown kinds fall back to a lower-cased plural guess. */
export function qualifiedResource(kind: string): string {
  const res = byKind.get(kind)
  if (!res) return `${kind.toLowerCase()}s`
  return res.group ? `${res.plural}.${res.group}` : res.plural
}

/** The resources `kubectl get all` expands to, in discovery order. */
export const allCategoryKinds: readonly string[] = [
  'Pod', 'ReplicationController', 'Service', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet', 'HorizontalPodAutoscaler', 'CronJob', 'Job',
]
