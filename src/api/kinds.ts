// The registry of built-in kinds (every KindInfo the store starts with), the API versions Kubernetes no longer
// serves, the name → type map, and `genericKind` for user-registered custom kinds.
import { z } from 'zod'
import type { KindInfo, RemovedVersion } from './kind-info'
import { ObjectMeta } from './meta'
import { ConfigMap, configMapKind } from './config-map'
import { ControllerRevision, controllerRevisionKind } from './controller-revision'
import { CronJob, cronJobKind } from './cron-job'
import { DaemonSet, daemonSetKind } from './daemon-set'
import { Deployment, deploymentKind } from './deployment'
import { EndpointSlice, endpointSliceKind } from './endpoint-slice'
import { Endpoints, endpointsKind } from './endpoints'
import { Event, eventKind } from './event'
import { HorizontalPodAutoscaler, horizontalPodAutoscalerKind } from './horizontal-pod-autoscaler'
import { Job, jobKind } from './job'
import { Lease, leaseKind } from './lease'
import { Namespace, namespaceKind } from './namespace'
import { Node, nodeKind } from './node'
import { PersistentVolume, persistentVolumeKind } from './persistent-volume'
import { PersistentVolumeClaim, persistentVolumeClaimKind } from './persistent-volume-claim'
import { Pod, podKind } from './pod'
import { PodDisruptionBudget, podDisruptionBudgetKind } from './pod-disruption-budget'
import { PriorityClass, priorityClassKind } from './priority-class'
import { ReplicaSet, replicaSetKind } from './replica-set'
import { ReplicationController, replicationControllerKind } from './replication-controller'
import { Secret, secretKind } from './secret'
import { Service, serviceKind } from './service'
import { StatefulSet, statefulSetKind } from './stateful-set'
import { StorageClass, storageClassKind } from './storage-class'

/** Kind name → object type, for typed store access (`store.get<'Pod'>(...)`). */
export interface KindMap {
  Pod: Pod
  Node: Node
  Namespace: Namespace
  ReplicationController: ReplicationController
  ReplicaSet: ReplicaSet
  Deployment: Deployment
  StatefulSet: StatefulSet
  DaemonSet: DaemonSet
  Job: Job
  CronJob: CronJob
  Service: Service
  Endpoints: Endpoints
  EndpointSlice: EndpointSlice
  ConfigMap: ConfigMap
  Secret: Secret
  PersistentVolumeClaim: PersistentVolumeClaim
  PersistentVolume: PersistentVolume
  StorageClass: StorageClass
  ControllerRevision: ControllerRevision
  Event: Event
  PodDisruptionBudget: PodDisruptionBudget
  HorizontalPodAutoscaler: HorizontalPodAutoscaler
  Lease: Lease
  PriorityClass: PriorityClass
}
export type KindName = keyof KindMap

/** Every built-in kind by name. */
export const builtinKindInfo: { readonly [K in KindName]: KindInfo } = {
  Pod: podKind,
  Node: nodeKind,
  Namespace: namespaceKind,
  ReplicationController: replicationControllerKind,
  ReplicaSet: replicaSetKind,
  Deployment: deploymentKind,
  StatefulSet: statefulSetKind,
  DaemonSet: daemonSetKind,
  Job: jobKind,
  CronJob: cronJobKind,
  Service: serviceKind,
  Endpoints: endpointsKind,
  EndpointSlice: endpointSliceKind,
  ConfigMap: configMapKind,
  Secret: secretKind,
  PersistentVolumeClaim: persistentVolumeClaimKind,
  PersistentVolume: persistentVolumeKind,
  StorageClass: storageClassKind,
  ControllerRevision: controllerRevisionKind,
  Event: eventKind,
  PodDisruptionBudget: podDisruptionBudgetKind,
  HorizontalPodAutoscaler: horizontalPodAutoscalerKind,
  Lease: leaseKind,
  PriorityClass: priorityClassKind,
}

/** Every built-in kind, in a fixed order (sorted by kind name). */
export const builtinKinds: readonly KindInfo[] = (Object.keys(builtinKindInfo) as KindName[])
  .sort()
  .map((name) => builtinKindInfo[name])

export const isBuiltinKindName = (kind: string): kind is KindName => Object.prototype.hasOwnProperty.call(builtinKindInfo, kind)

const removed = (apiVersion: string, kinds: readonly string[], removedIn: string, use: string): RemovedVersion[] =>
  kinds.map((kind) => ({ apiVersion, kind, removedIn, use }))

/** API versions of built-in kinds that Kubernetes stopped serving (see the upstream deprecated-API migration guide). */
export const removedVersions: readonly RemovedVersion[] = [
  ...removed('extensions/v1beta1', ['Deployment', 'DaemonSet', 'ReplicaSet'], '1.16', 'apps/v1'),
  ...removed('apps/v1beta1', ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ControllerRevision'], '1.16', 'apps/v1'),
  ...removed('apps/v1beta2', ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ControllerRevision'], '1.16', 'apps/v1'),
  ...removed('coordination.k8s.io/v1beta1', ['Lease'], '1.22', 'coordination.k8s.io/v1'),
  ...removed('scheduling.k8s.io/v1beta1', ['PriorityClass'], '1.22', 'scheduling.k8s.io/v1'),
  ...removed('storage.k8s.io/v1beta1', ['StorageClass'], '1.22', 'storage.k8s.io/v1'),
  ...removed('batch/v1beta1', ['CronJob'], '1.25', 'batch/v1'),
  ...removed('policy/v1beta1', ['PodDisruptionBudget'], '1.25', 'policy/v1'),
  ...removed('discovery.k8s.io/v1beta1', ['EndpointSlice'], '1.25', 'discovery.k8s.io/v1'),
  ...removed('autoscaling/v2beta1', ['HorizontalPodAutoscaler'], '1.25', 'autoscaling/v2'),
  ...removed('autoscaling/v2beta2', ['HorizontalPodAutoscaler'], '1.26', 'autoscaling/v2'),
]

/** The removed-version entry for (apiVersion, kind), if Kubernetes no longer serves it. */
export function findRemovedVersion(apiVersion: string, kind: string): RemovedVersion | undefined {
  return removedVersions.find((entry) => entry.apiVersion === apiVersion && entry.kind === kind)
}

export interface GenericKindOptions {
  /** Defaults to the lowercase kind + 's'. */
  plural?: string
  /** Defaults to true. */
  namespaced?: boolean
  shortNames?: readonly string[]
  /** Whether `status` is a subresource (written only through updateStatus). Defaults to false. */
  statusSubresource?: boolean
}

/**
 * A KindInfo for a user-registered custom kind: a loose schema that only requires apiVersion, kind and metadata,
 * no defaults and no semantic validation. Custom resources bump generation on non-metadata changes.
 */
export function genericKind(apiVersion: string, kind: string, options: GenericKindOptions = {}): KindInfo {
  const slash = apiVersion.indexOf('/')
  const group = slash === -1 ? '' : apiVersion.slice(0, slash)
  const version = slash === -1 ? apiVersion : apiVersion.slice(slash + 1)
  const singular = kind.toLowerCase()
  return {
    kind,
    group,
    version,
    apiVersion,
    plural: options.plural ?? `${singular}s`,
    singular,
    shortNames: options.shortNames ?? [],
    namespaced: options.namespaced ?? true,
    nameRule: 'dns1123-subdomain',
    schema: z.looseObject({ apiVersion: z.literal(apiVersion), kind: z.literal(kind), metadata: ObjectMeta }),
    tracksGeneration: true,
    statusFields: options.statusSubresource ? ['status'] : [],
  }
}
