// The API view of a pod's runtime: status.phase, conditions, container statuses, IPs and start time,
// as the kubelet's status manager writes them (semantics.md §2.1–2.3; [k8s] pkg/kubelet/kubelet_pods.go
// `generateAPIPodStatus`, `convertToAPIContainerStatuses`). Pure. App container statuses are sorted by
// name as upstream does; init container statuses keep spec order. Fields set by others (qosClass,
// nominatedNodeName, PodScheduled, DisruptionTarget, readiness-gate conditions) are kept.
import type { ContainerState, ContainerStatus, Pod as ApiPod, PodStatus } from '../api/pod'
import type { Stored } from '../api/meta'
import { toRfc3339 } from '../sim/time'
import { crashLoopWaitingMessage, podRef } from './messages'
import { computePodConditions, computePodPhase, definedFieldCount } from './pod-status'
import { specOf, type ContainerRuntime, type PodRuntime } from './pod-runtime'

/** A pod as the store returns it (server-assigned metadata present). */
type Pod = Stored<ApiPod>

export function computeApiStatus(rt: PodRuntime, pod: Pod, hostIP: string, nowMs: number): PodStatus {
  const current = pod.status ?? {}
  const terminating = rt.terminatingSinceMs !== undefined
  const specs = pod.spec
  const ctx: StatusContext = { hasInitContainers: rt.init.length > 0, terminating, finished: rt.finished, pod, uid: rt.uid }
  const initStatuses: ContainerStatus[] = []
  for (const c of rt.init) initStatuses.push(computeContainerStatus(c, specOf(specs, c)?.image ?? '', ctx))
  const statuses: ContainerStatus[] = []
  for (const c of rt.app) statuses.push(computeContainerStatus(c, specOf(specs, c)?.image ?? '', ctx))
  statuses.sort(byContainerName)
  let phase = computePodPhase(pod.spec, initStatuses, statuses, rt.finished && terminating)
  if (rt.finished && terminating && phase !== 'Succeeded' && phase !== 'Failed') phase = 'Failed'
  if (current.phase === 'Succeeded' || current.phase === 'Failed') phase = current.phase
  const now = toRfc3339(nowMs)
  const conditions = computePodConditions({
    spec: pod.spec,
    phase,
    sandboxReady: rt.sandboxReady,
    initStatuses,
    statuses,
    current: current.conditions ?? [],
    now,
    terminating,
  })
  const status: PodStatus = { ...current, phase, conditions, hostIP, hostIPs: ipList(current.hostIPs, hostIP) }
  if (rt.podIP) {
    status.podIP = rt.podIP
    status.podIPs = ipList(current.podIPs, rt.podIP)
  }
  status.startTime = current.startTime ?? toRfc3339(rt.startMs)
  if (initStatuses.length) status.initContainerStatuses = initStatuses
  else delete status.initContainerStatuses
  status.containerStatuses = statuses
  return status
}

/**
 * `[{ ip }]`, or the stored list when it is exactly that: the store would keep the stored one anyway
 * (it shares subtrees equal to the stored ones at the same place), so no copy is built.
 */
function ipList(stored: IPList | undefined, ip: string): IPList {
  const only = stored?.length === 1 ? stored[0] : undefined
  if (only !== undefined && only.ip === ip && definedFieldCount(only) === 1) return stored!
  return [{ ip }]
}

type IPList = NonNullable<PodStatus['hostIPs']>

const byContainerName = (a: ContainerStatus, b: ContainerStatus): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)

interface StatusContext {
  hasInitContainers: boolean
  terminating: boolean
  finished: boolean
  /** For the CrashLoopBackOff message's pod reference. */
  pod: Pod
  uid: string
}

export function computeContainerStatus(c: ContainerRuntime, specImage: string, ctx: StatusContext): ContainerStatus {
  const state = computeState(c, ctx)
  const status: ContainerStatus = {
    name: c.name,
    state,
    lastState: c.lastTerminated ? { terminated: { ...c.lastTerminated } } : NO_STATE,
    ready: c.ready && !ctx.terminating,
    restartCount: c.restartCount,
    image: c.imageRef ?? specImage,
    imageID: c.imageID ?? '',
    started: !!state.running && c.started,
  }
  if (c.containerID) status.containerID = c.containerID
  return status
}

// States that never vary, shared by every status (frozen, as the store keeps everything it holds).
const NO_STATE: ContainerState = Object.freeze({})
const POD_INITIALIZING: ContainerState = Object.freeze({ waiting: Object.freeze({ reason: 'PodInitializing' }) })
const CONTAINER_CREATING: ContainerState = Object.freeze({ waiting: Object.freeze({ reason: 'ContainerCreating' }) })

function computeState(c: ContainerRuntime, ctx: StatusContext): ContainerState {
  // Upstream's default waiting reason: PodInitializing whenever the pod has init containers.
  const waitingFor = ctx.hasInitContainers ? POD_INITIALIZING : CONTAINER_CREATING
  switch (c.stage) {
    case 'running':
    case 'stopping':
      return { running: { startedAt: c.startedAt ?? toRfc3339(0) } }
    case 'exited':
      if (c.terminated) return { terminated: { ...c.terminated } }
      if (ctx.finished && ctx.terminating)
        return { terminated: { exitCode: 137, reason: 'ContainerStatusUnknown', message: 'The container could not be located when the pod was terminated', startedAt: null, finishedAt: null } }
      return waitingFor
    case 'crashBackOff':
      return { waiting: { reason: 'CrashLoopBackOff', message: crashLoopWaitingMessage(c.restartBackoff?.backoffMs ?? 0, c.name, podRef(ctx.pod.metadata.name, ctx.pod.metadata.namespace ?? 'default', ctx.uid)) } }
    case 'pullFailed':
      return { waiting: { reason: 'ErrImagePull', message: c.waitingMessage ?? '' } }
    case 'pullBackOff':
      return { waiting: { reason: 'ImagePullBackOff', message: c.waitingMessage ?? '' } }
    case 'neverPull':
      return { waiting: { reason: 'ErrImageNeverPull', message: c.waitingMessage ?? '' } }
    case 'configError':
      return { waiting: { reason: 'CreateContainerConfigError', message: c.waitingMessage ?? '' } }
    case 'pending':
    case 'pulling':
    case 'starting':
      return waitingFor
  }
}
