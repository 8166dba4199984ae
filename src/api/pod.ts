// core/v1 Pod: the schemas of Pod, PodSpec, PodStatus, containers, probes, volumes and scheduling
// constraints, plus the Pod's KindInfo. Schemas are loose (unknown fields are kept); fields the
// controllers, scheduler and kubelet read are typed. Defaults live in pod-spec-defaults.ts and
// validation in pod-spec-validation.ts, shared with every workload's pod template.
import { z } from 'zod'
import { Int32, Int64 } from './integers'
import type { FieldIssue, KindInfo } from './kind-info'
import { IntOrString, LabelSelector, ObjectMeta } from './meta'
import { Quantity, ResourceList } from './quantity'
import { applyPodDefaults } from './pod-spec-defaults'
import { validatePodSpec, validatePodUpdate } from './pod-spec-validation'

// ---- Containers ----

export const ContainerPort = z.looseObject({
  name: z.string().optional(),
  containerPort: Int32,
  hostPort: Int32.optional(),
  hostIP: z.string().optional(),
  protocol: z.enum(['TCP', 'UDP', 'SCTP']).optional(),
})
export type ContainerPort = z.infer<typeof ContainerPort>

const ObjectFieldSelector = z.looseObject({ fieldPath: z.string(), apiVersion: z.string().optional() })
const KeySelector = z.looseObject({ key: z.string(), name: z.string().optional(), optional: z.boolean().optional() })
const ResourceFieldSelector = z.looseObject({
  resource: z.string(),
  containerName: z.string().optional(),
  divisor: Quantity.optional(),
})

export const EnvVarSource = z.looseObject({
  fieldRef: ObjectFieldSelector.optional(),
  resourceFieldRef: ResourceFieldSelector.optional(),
  configMapKeyRef: KeySelector.optional(),
  secretKeyRef: KeySelector.optional(),
})
export type EnvVarSource = z.infer<typeof EnvVarSource>

export const EnvVar = z.looseObject({
  name: z.string(),
  value: z.string().optional(),
  valueFrom: EnvVarSource.optional(),
})
export type EnvVar = z.infer<typeof EnvVar>

const LocalObjectReference = z.looseObject({ name: z.string().optional(), optional: z.boolean().optional() })

export const EnvFromSource = z.looseObject({
  prefix: z.string().optional(),
  configMapRef: LocalObjectReference.optional(),
  secretRef: LocalObjectReference.optional(),
})
export type EnvFromSource = z.infer<typeof EnvFromSource>

export const ResourceRequirements = z.looseObject({
  limits: ResourceList.optional(),
  requests: ResourceList.optional(),
  claims: z.array(z.looseObject({ name: z.string(), request: z.string().optional() })).optional(),
})
export type ResourceRequirements = z.infer<typeof ResourceRequirements>

export const VolumeMount = z.looseObject({
  name: z.string(),
  mountPath: z.string(),
  readOnly: z.boolean().optional(),
  subPath: z.string().optional(),
  subPathExpr: z.string().optional(),
  mountPropagation: z.string().optional(),
  recursiveReadOnly: z.string().optional(),
})
export type VolumeMount = z.infer<typeof VolumeMount>

export const HTTPHeader = z.looseObject({ name: z.string(), value: z.string() })

export const HTTPGetAction = z.looseObject({
  path: z.string().optional(),
  port: IntOrString,
  host: z.string().optional(),
  scheme: z.enum(['HTTP', 'HTTPS']).optional(),
  httpHeaders: z.array(HTTPHeader).optional(),
})
export type HTTPGetAction = z.infer<typeof HTTPGetAction>

export const ExecAction = z.looseObject({ command: z.array(z.string()).optional() })
export const TCPSocketAction = z.looseObject({ port: IntOrString, host: z.string().optional() })
export const GRPCAction = z.looseObject({ port: Int32, service: z.string().optional() })

export const Probe = z.looseObject({
  exec: ExecAction.optional(),
  httpGet: HTTPGetAction.optional(),
  tcpSocket: TCPSocketAction.optional(),
  grpc: GRPCAction.optional(),
  initialDelaySeconds: Int32.optional(),
  timeoutSeconds: Int32.optional(),
  periodSeconds: Int32.optional(),
  successThreshold: Int32.optional(),
  failureThreshold: Int32.optional(),
  terminationGracePeriodSeconds: Int64.optional(),
})
export type Probe = z.infer<typeof Probe>

export const LifecycleHandler = z.looseObject({
  exec: ExecAction.optional(),
  httpGet: HTTPGetAction.optional(),
  tcpSocket: TCPSocketAction.optional(),
  sleep: z.looseObject({ seconds: Int32 }).optional(),
})
export type LifecycleHandler = z.infer<typeof LifecycleHandler>

export const Lifecycle = z.looseObject({
  postStart: LifecycleHandler.optional(),
  preStop: LifecycleHandler.optional(),
  stopSignal: z.string().optional(),
})
export type Lifecycle = z.infer<typeof Lifecycle>

export const Container = z.looseObject({
  name: z.string(),
  image: z.string().optional(),
  command: z.array(z.string()).optional(),
  args: z.array(z.string()).optional(),
  workingDir: z.string().optional(),
  ports: z.array(ContainerPort).optional(),
  envFrom: z.array(EnvFromSource).optional(),
  env: z.array(EnvVar).optional(),
  resources: ResourceRequirements.optional(),
  resizePolicy: z.array(z.looseObject({ resourceName: z.string(), restartPolicy: z.string() })).optional(),
  /** Only on init containers: 'Always' makes a sidecar. */
  restartPolicy: z.string().optional(),
  volumeMounts: z.array(VolumeMount).optional(),
  volumeDevices: z.array(z.looseObject({ name: z.string(), devicePath: z.string() })).optional(),
  livenessProbe: Probe.optional(),
  readinessProbe: Probe.optional(),
  startupProbe: Probe.optional(),
  lifecycle: Lifecycle.optional(),
  terminationMessagePath: z.string().optional(),
  terminationMessagePolicy: z.enum(['File', 'FallbackToLogsOnError']).optional(),
  imagePullPolicy: z.enum(['Always', 'Never', 'IfNotPresent']).optional(),
  securityContext: z.looseObject({}).optional(),
  stdin: z.boolean().optional(),
  stdinOnce: z.boolean().optional(),
  tty: z.boolean().optional(),
})
export type Container = z.infer<typeof Container>

// ---- Volumes ----

const KeyToPath = z.looseObject({ key: z.string(), path: z.string(), mode: Int32.optional() })

export const Volume = z.looseObject({
  name: z.string(),
  emptyDir: z.looseObject({ medium: z.string().optional(), sizeLimit: Quantity.optional() }).optional(),
  hostPath: z.looseObject({ path: z.string(), type: z.string().optional() }).optional(),
  configMap: z
    .looseObject({
      name: z.string().optional(),
      items: z.array(KeyToPath).optional(),
      defaultMode: Int32.optional(),
      optional: z.boolean().optional(),
    })
    .optional(),
  secret: z
    .looseObject({
      secretName: z.string().optional(),
      items: z.array(KeyToPath).optional(),
      defaultMode: Int32.optional(),
      optional: z.boolean().optional(),
    })
    .optional(),
  persistentVolumeClaim: z.looseObject({ claimName: z.string(), readOnly: z.boolean().optional() }).optional(),
  projected: z.looseObject({ sources: z.array(z.looseObject({})).optional(), defaultMode: Int32.optional() }).optional(),
  downwardAPI: z.looseObject({ items: z.array(z.looseObject({})).optional(), defaultMode: Int32.optional() }).optional(),
  ephemeral: z.looseObject({ volumeClaimTemplate: z.looseObject({}).optional() }).optional(),
})
export type Volume = z.infer<typeof Volume>

// ---- Scheduling constraints ----

export const Toleration = z.looseObject({
  key: z.string().optional(),
  operator: z.enum(['Exists', 'Equal']).optional(),
  value: z.string().optional(),
  /** Empty means all effects. */
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute', '']).optional(),
  tolerationSeconds: Int64.optional(),
})
export type Toleration = z.infer<typeof Toleration>

export const NodeSelectorRequirement = z.looseObject({
  key: z.string(),
  operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt']),
  values: z.array(z.string()).optional(),
})
export type NodeSelectorRequirement = z.infer<typeof NodeSelectorRequirement>

export const NodeSelectorTerm = z.looseObject({
  matchExpressions: z.array(NodeSelectorRequirement).optional(),
  matchFields: z.array(NodeSelectorRequirement).optional(),
})
export type NodeSelectorTerm = z.infer<typeof NodeSelectorTerm>

export const NodeSelector = z.looseObject({ nodeSelectorTerms: z.array(NodeSelectorTerm) })
export type NodeSelector = z.infer<typeof NodeSelector>

export const PreferredSchedulingTerm = z.looseObject({ weight: Int32, preference: NodeSelectorTerm })
export type PreferredSchedulingTerm = z.infer<typeof PreferredSchedulingTerm>

export const NodeAffinity = z.looseObject({
  requiredDuringSchedulingIgnoredDuringExecution: NodeSelector.optional(),
  preferredDuringSchedulingIgnoredDuringExecution: z.array(PreferredSchedulingTerm).optional(),
})
export type NodeAffinity = z.infer<typeof NodeAffinity>

export const PodAffinityTerm = z.looseObject({
  labelSelector: LabelSelector.optional(),
  namespaces: z.array(z.string()).optional(),
  namespaceSelector: LabelSelector.optional(),
  topologyKey: z.string(),
  matchLabelKeys: z.array(z.string()).optional(),
  mismatchLabelKeys: z.array(z.string()).optional(),
})
export type PodAffinityTerm = z.infer<typeof PodAffinityTerm>

export const WeightedPodAffinityTerm = z.looseObject({ weight: Int32, podAffinityTerm: PodAffinityTerm })
export type WeightedPodAffinityTerm = z.infer<typeof WeightedPodAffinityTerm>

export const PodAffinity = z.looseObject({
  requiredDuringSchedulingIgnoredDuringExecution: z.array(PodAffinityTerm).optional(),
  preferredDuringSchedulingIgnoredDuringExecution: z.array(WeightedPodAffinityTerm).optional(),
})
export type PodAffinity = z.infer<typeof PodAffinity>

export const PodAntiAffinity = z.looseObject({
  requiredDuringSchedulingIgnoredDuringExecution: z.array(PodAffinityTerm).optional(),
  preferredDuringSchedulingIgnoredDuringExecution: z.array(WeightedPodAffinityTerm).optional(),
})
export type PodAntiAffinity = z.infer<typeof PodAntiAffinity>

export const Affinity = z.looseObject({
  nodeAffinity: NodeAffinity.optional(),
  podAffinity: PodAffinity.optional(),
  podAntiAffinity: PodAntiAffinity.optional(),
})
export type Affinity = z.infer<typeof Affinity>

export const TopologySpreadConstraint = z.looseObject({
  maxSkew: Int32,
  topologyKey: z.string(),
  whenUnsatisfiable: z.enum(['DoNotSchedule', 'ScheduleAnyway']),
  labelSelector: LabelSelector.optional(),
  minDomains: Int32.optional(),
  nodeAffinityPolicy: z.enum(['Honor', 'Ignore']).optional(),
  nodeTaintsPolicy: z.enum(['Honor', 'Ignore']).optional(),
  matchLabelKeys: z.array(z.string()).optional(),
})
export type TopologySpreadConstraint = z.infer<typeof TopologySpreadConstraint>

// ---- PodSpec ----

export const RestartPolicy = z.enum(['Always', 'OnFailure', 'Never'])
export type RestartPolicy = z.infer<typeof RestartPolicy>

export const PodSpec = z.looseObject({
  volumes: z.array(Volume).optional(),
  initContainers: z.array(Container).optional(),
  containers: z.array(Container),
  ephemeralContainers: z.array(z.looseObject({ name: z.string() })).optional(),
  restartPolicy: RestartPolicy.optional(),
  terminationGracePeriodSeconds: Int64.optional(),
  activeDeadlineSeconds: Int64.optional(),
  dnsPolicy: z.enum(['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None']).optional(),
  nodeSelector: z.record(z.string(), z.string()).optional(),
  serviceAccountName: z.string().optional(),
  /** Deprecated alias of serviceAccountName, kept in sync by defaulting. */
  serviceAccount: z.string().optional(),
  automountServiceAccountToken: z.boolean().optional(),
  nodeName: z.string().optional(),
  hostNetwork: z.boolean().optional(),
  hostPID: z.boolean().optional(),
  hostIPC: z.boolean().optional(),
  shareProcessNamespace: z.boolean().optional(),
  securityContext: z.looseObject({}).optional(),
  imagePullSecrets: z.array(z.looseObject({ name: z.string().optional() })).optional(),
  hostname: z.string().optional(),
  subdomain: z.string().optional(),
  affinity: Affinity.optional(),
  schedulerName: z.string().optional(),
  tolerations: z.array(Toleration).optional(),
  hostAliases: z.array(z.looseObject({ ip: z.string(), hostnames: z.array(z.string()).optional() })).optional(),
  priorityClassName: z.string().optional(),
  priority: Int32.optional(),
  preemptionPolicy: z.enum(['PreemptLowerPriority', 'Never']).optional(),
  dnsConfig: z.looseObject({}).optional(),
  readinessGates: z.array(z.looseObject({ conditionType: z.string() })).optional(),
  runtimeClassName: z.string().optional(),
  enableServiceLinks: z.boolean().optional(),
  overhead: ResourceList.optional(),
  topologySpreadConstraints: z.array(TopologySpreadConstraint).optional(),
  setHostnameAsFQDN: z.boolean().optional(),
  os: z.looseObject({ name: z.string() }).optional(),
  hostUsers: z.boolean().optional(),
  schedulingGates: z.array(z.looseObject({ name: z.string() })).optional(),
  resourceClaims: z.array(z.looseObject({ name: z.string() })).optional(),
  /** Pod-level resources (PodLevelResources). */
  resources: ResourceRequirements.optional(),
})
export type PodSpec = z.infer<typeof PodSpec>

// ---- PodStatus ----

export const PodCondition = z.looseObject({
  type: z.string(),
  status: z.enum(['True', 'False', 'Unknown']),
  observedGeneration: Int64.optional(),
  lastProbeTime: z.string().nullable().optional(),
  lastTransitionTime: z.string().nullable().optional(),
  reason: z.string().optional(),
  message: z.string().optional(),
})
export type PodCondition = z.infer<typeof PodCondition>

export const ContainerStateWaiting = z.looseObject({ reason: z.string().optional(), message: z.string().optional() })
export const ContainerStateRunning = z.looseObject({ startedAt: z.string().nullable().optional() })
export const ContainerStateTerminated = z.looseObject({
  exitCode: Int32,
  signal: Int32.optional(),
  reason: z.string().optional(),
  message: z.string().optional(),
  startedAt: z.string().nullable().optional(),
  finishedAt: z.string().nullable().optional(),
  containerID: z.string().optional(),
})

/** At most one of waiting, running, terminated is set. */
export const ContainerState = z.looseObject({
  waiting: ContainerStateWaiting.optional(),
  running: ContainerStateRunning.optional(),
  terminated: ContainerStateTerminated.optional(),
})
export type ContainerState = z.infer<typeof ContainerState>

export const ContainerStatus = z.looseObject({
  name: z.string(),
  state: ContainerState.optional(),
  lastState: ContainerState.optional(),
  ready: z.boolean(),
  restartCount: Int32,
  image: z.string().optional(),
  imageID: z.string().optional(),
  containerID: z.string().optional(),
  started: z.boolean().optional(),
  allocatedResources: ResourceList.optional(),
  resources: ResourceRequirements.optional(),
  stopSignal: z.string().optional(),
})
export type ContainerStatus = z.infer<typeof ContainerStatus>

const PodIP = z.looseObject({ ip: z.string() })

export const PodPhase = z.enum(['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'])
export type PodPhase = z.infer<typeof PodPhase>

export const PodStatus = z.looseObject({
  observedGeneration: Int64.optional(),
  phase: PodPhase.optional(),
  conditions: z.array(PodCondition).optional(),
  message: z.string().optional(),
  reason: z.string().optional(),
  nominatedNodeName: z.string().optional(),
  hostIP: z.string().optional(),
  hostIPs: z.array(PodIP).optional(),
  podIP: z.string().optional(),
  podIPs: z.array(PodIP).optional(),
  startTime: z.string().optional(),
  initContainerStatuses: z.array(ContainerStatus).optional(),
  containerStatuses: z.array(ContainerStatus).optional(),
  ephemeralContainerStatuses: z.array(ContainerStatus).optional(),
  qosClass: z.enum(['Guaranteed', 'Burstable', 'BestEffort']).optional(),
  resize: z.string().optional(),
})
export type PodStatus = z.infer<typeof PodStatus>

export const Pod = z.looseObject({
  apiVersion: z.literal('v1'),
  kind: z.literal('Pod'),
  metadata: ObjectMeta,
  spec: PodSpec,
  status: PodStatus.optional(),
})
export type Pod = z.infer<typeof Pod>

/** A pod template inside a workload: metadata (labels) and a PodSpec. */
export const PodTemplateSpec = z.looseObject({
  metadata: ObjectMeta.optional(),
  spec: PodSpec,
})
export type PodTemplateSpec = z.infer<typeof PodTemplateSpec>

/** Problems of a spec, cached by identity for deeply frozen specs (the store shares equal specs between pods). */
const specProblems = new WeakMap<object, FieldIssue[]>()

function validateStoredSpec(spec: Pod['spec']): FieldIssue[] {
  if (spec === null || typeof spec !== 'object' || !Object.isFrozen(spec)) return validatePodSpec(spec, ['spec'])
  let issues = specProblems.get(spec)
  if (!issues) specProblems.set(spec, (issues = validatePodSpec(spec, ['spec'])))
  return [...issues]
}

export const podKind: KindInfo = {
  kind: 'Pod',
  group: '',
  version: 'v1',
  apiVersion: 'v1',
  plural: 'pods',
  singular: 'pod',
  shortNames: ['po'],
  namespaced: true,
  nameRule: 'dns1123-subdomain',
  schema: Pod,
  tracksGeneration: true,
  statusFields: ['status'],
  applyDefaults: applyPodDefaults,
  validate: (pod: Pod) => validateStoredSpec(pod.spec),
  validateUpdate: validatePodUpdate,
}
