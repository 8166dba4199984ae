// kubesim: an in-memory, deterministic Kubernetes cluster simulator. The public API only.
export { createCluster, Cluster } from './cluster/cluster'
export type { ListFilter, ObjectRefOptions, UserControllerSpec, UserKey, UserReconcileContext, UserWatchEvent } from './cluster/cluster'
export type { BehaviourProfile, ClusterOptions, NodeSpecInput } from './cluster/options'
export type { KubeletHandle, ResolvedProfile } from './kubelet'
export type { DowntimeInterval, TrafficClient, TrafficOptions, TrafficStats } from './cluster/traffic'
export type { ResolveOptions } from './cluster/dns'
export { InternalError } from './cluster/eviction'
export type { DrainHandle, DrainOptions } from './cluster/eviction'
export type { MetricsInput } from './cluster/metrics'
export {
  AlreadyExistsError,
  ConflictError,
  KubesimError,
  NotConvergedError,
  NotFoundError,
  TimeoutError,
  TooManyRequestsError,
  ValidationError,
  isAlreadyExists,
  isConflict,
  isNotFound,
  isTooManyRequests,
  isValidationError,
} from './api/errors'
export type { ValidationIssue } from './api/errors'
export { ForbiddenError } from './store/store'
export { RolloutError } from './cluster/rollout'
export type { RolloutOptions } from './cluster/rollout'
export type { KubeObject, NewObject, ObjectMeta, OwnerReference, LabelSelector, Condition, Stored } from './api/meta'
export type { KindMap, KindName } from './api/kinds'
export type { TraceEntry } from './sim/trace'
export type { Duration } from './sim/duration'
export type { ApplyInput, ManifestInput } from './manifest/input'
export { toRfc3339, parseRfc3339 } from './sim/time'
