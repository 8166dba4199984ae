// Upstream defaulting of PodSpec (pkg/apis/core/v1/defaults.go) for Pods and for every pod template,
// plus what admission adds to Pods only: limits copied into requests, serviceAccountName 'default',
// the DefaultTolerationSeconds tolerations, and the create-time status (phase Pending, qosClass).
// Every function mutates in place and is idempotent.
import { normalizeResourceList } from './quantity'
import { computeQosClass } from './qos-class'

type Raw = Record<string, any>

const isObject = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value)

/** imagePullPolicy: Always when the tag is ':latest' or there is neither tag nor digest, else IfNotPresent. */
export function defaultImagePullPolicy(image: string | undefined): 'Always' | 'IfNotPresent' {
  if (!image) return 'IfNotPresent'
  if (image.includes('@')) {
    // A digest pins the image; a tag next to it is irrelevant unless it is 'latest'.
    const beforeDigest = image.slice(0, image.indexOf('@'))
    return tagOf(beforeDigest) === 'latest' ? 'Always' : 'IfNotPresent'
  }
  const tag = tagOf(image)
  return tag === undefined || tag === 'latest' ? 'Always' : 'IfNotPresent'
}

/** The tag of an image reference; a ':' before the last '/' belongs to a registry port. */
function tagOf(reference: string): string | undefined {
  const lastSlash = reference.lastIndexOf('/')
  const lastColon = reference.lastIndexOf(':')
  return lastColon > lastSlash ? reference.slice(lastColon + 1) : undefined
}

function applyHttpGetDefaults(action: unknown): void {
  if (!isObject(action)) return
  action.path ??= '/'
  action.scheme ??= 'HTTP'
}

function applyHandlerDefaults(handler: unknown): void {
  if (isObject(handler)) applyHttpGetDefaults(handler.httpGet)
}

export function applyProbeDefaults(probe: unknown): void {
  if (!isObject(probe)) return
  probe.timeoutSeconds ??= 1
  probe.periodSeconds ??= 10
  probe.successThreshold ??= 1
  probe.failureThreshold ??= 3
  applyHandlerDefaults(probe)
}

function applyResourceDefaults(container: Raw, copyLimitsToRequests: boolean): void {
  // The API server always serializes a container's resources, as `resources: {}` when empty.
  if (!isObject(container.resources)) container.resources = {}
  const resources = container.resources
  normalizeResourceList(resources.limits)
  normalizeResourceList(resources.requests)
  if (copyLimitsToRequests && isObject(resources.limits)) {
    // SetDefaults_Pod: a limit without a request makes the request equal to the limit.
    for (const [name, limit] of Object.entries(resources.limits)) {
      resources.requests ??= {}
      resources.requests[name] ??= limit
    }
  }
}

function applyContainerDefaults(container: unknown, spec: Raw, isPod: boolean): void {
  if (!isObject(container)) return
  container.terminationMessagePath ??= '/dev/termination-log'
  container.terminationMessagePolicy ??= 'File'
  container.imagePullPolicy ??= defaultImagePullPolicy(container.image)
  applyResourceDefaults(container, isPod)
  if (Array.isArray(container.ports)) {
    for (const port of container.ports) {
      if (!isObject(port)) continue
      port.protocol ??= 'TCP'
      // defaultHostNetworkPorts: with host networking the host port is the container port.
      if (spec.hostNetwork === true && (port.hostPort === undefined || port.hostPort === 0)) port.hostPort = port.containerPort
    }
  }
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) applyProbeDefaults(container[probe])
  if (isObject(container.lifecycle)) {
    applyHandlerDefaults(container.lifecycle.postStart)
    applyHandlerDefaults(container.lifecycle.preStop)
  }
  if (Array.isArray(container.env)) {
    for (const env of container.env) {
      if (isObject(env) && isObject(env.valueFrom) && isObject(env.valueFrom.fieldRef)) env.valueFrom.fieldRef.apiVersion ??= 'v1'
    }
  }
}

const volumeSources = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile',
  'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume',
  'scaleIO', 'storageos', 'csi', 'ephemeral', 'image',
]

function applyVolumeDefaults(volume: unknown): void {
  if (!isObject(volume)) return
  // SetDefaults_Volume: a volume without a source is an emptyDir.
  if (!volumeSources.some((source) => volume[source] !== undefined)) volume.emptyDir = {}
  if (isObject(volume.emptyDir) && typeof volume.emptyDir.sizeLimit === 'number') volume.emptyDir.sizeLimit = String(volume.emptyDir.sizeLimit)
  for (const source of ['configMap', 'secret', 'projected', 'downwardAPI']) {
    if (isObject(volume[source])) volume[source].defaultMode ??= 420 // 0644
  }
  if (isObject(volume.hostPath)) volume.hostPath.type ??= ''
  if (isObject(volume.downwardAPI) && Array.isArray(volume.downwardAPI.items)) {
    for (const item of volume.downwardAPI.items) if (isObject(item) && isObject(item.fieldRef)) item.fieldRef.apiVersion ??= 'v1'
  }
}

/** SetDefaults_PodSpec and the defaults of everything inside it; used for Pods and pod templates alike. */
export function applyPodSpecDefaults(spec: unknown, isPod = false): void {
  if (!isObject(spec)) return
  spec.dnsPolicy ??= 'ClusterFirst'
  spec.restartPolicy ??= 'Always'
  spec.terminationGracePeriodSeconds ??= 30
  if (!isObject(spec.securityContext)) spec.securityContext = {}
  spec.schedulerName ??= 'default-scheduler'
  spec.enableServiceLinks ??= true
  // The deprecated serviceAccount field mirrors serviceAccountName (conversion keeps them in sync).
  if (spec.serviceAccountName === undefined && typeof spec.serviceAccount === 'string' && spec.serviceAccount !== '') {
    spec.serviceAccountName = spec.serviceAccount
  }
  if (typeof spec.serviceAccountName === 'string' && spec.serviceAccountName !== '') spec.serviceAccount = spec.serviceAccountName
  for (const list of ['initContainers', 'containers']) {
    if (Array.isArray(spec[list])) for (const container of spec[list]) applyContainerDefaults(container, spec, isPod)
  }
  if (Array.isArray(spec.volumes)) for (const volume of spec.volumes) applyVolumeDefaults(volume)
  normalizeResourceList(spec.overhead)
  if (isObject(spec.resources)) {
    normalizeResourceList(spec.resources.limits)
    normalizeResourceList(spec.resources.requests)
  }
}

/** Defaults of a workload's pod template (metadata untouched, spec as for a Pod minus Pod-only admission). */
export function applyPodTemplateDefaults(template: unknown): void {
  if (isObject(template)) applyPodSpecDefaults(template.spec)
}

/** The tolerations the DefaultTolerationSeconds admission plugin adds (300 s each). */
export const defaultNoExecuteTolerations = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
] as const

/**
 * DefaultTolerationSeconds admission: adds the not-ready and unreachable NoExecute tolerations unless the pod
 * already tolerates that taint (same key or a key-less Exists, with effect NoExecute or empty). Idempotent.
 */
export function addDefaultTolerations(pod: unknown): void {
  if (!isObject(pod) || !isObject(pod.spec)) return
  const tolerations: Raw[] = Array.isArray(pod.spec.tolerations) ? pod.spec.tolerations : []
  const additions = defaultNoExecuteTolerations.filter(
    (wanted) =>
      !tolerations.some(
        (t) =>
          isObject(t) &&
          (t.key === wanted.key || ((t.key === undefined || t.key === '') && t.operator === 'Exists')) &&
          (t.effect === undefined || t.effect === '' || t.effect === 'NoExecute'),
      ),
  )
  if (additions.length === 0) return
  pod.spec.tolerations = [...tolerations, ...additions.map((t) => ({ ...t }))]
}

/** A Pod's defaults on create and update: spec defaults, admission, and the create-time status. */
export function applyPodDefaults(pod: unknown): void {
  if (!isObject(pod)) return
  if (!isObject(pod.spec)) return
  applyPodSpecDefaults(pod.spec, true)
  // ServiceAccount admission: every pod runs as a service account.
  if (!pod.spec.serviceAccountName) {
    pod.spec.serviceAccountName = 'default'
    pod.spec.serviceAccount = 'default'
  }
  addDefaultTolerations(pod)
  // podStrategy.PrepareForCreate: a new pod is Pending with a computed QoS class.
  if (!isObject(pod.status)) pod.status = {}
  pod.status.phase ??= 'Pending'
  if (pod.status.qosClass === undefined && Array.isArray(pod.spec.containers)) {
    // Malformed quantities are reported by validation; defaulting just leaves the class unset.
    try {
      pod.status.qosClass = computeQosClass(pod.spec as never)
    } catch {
      delete pod.status.qosClass
    }
  }
}
