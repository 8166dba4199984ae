// The simulated container runtime of one pod on one node: what containerd plus the kubelet's
// in-memory state know (container instances, start/exit times, back-off entries, probe plans).
// `syncPod` advances it to `now`: it processes every transition that is due, in time order, starts
// what may start (volumes → sandbox → init containers in order → sidecars → app containers), and
// reports the Events to record and the next instant at which something will change. The API status
// is derived from it by `computeApiStatus` (pod-api-status.ts). Nothing here writes to the store.
import type { Container, Pod as ApiPod } from '../api/pod'
import type { Stored } from '../api/meta'
import type { Random } from '../sim/random'
import { parseRfc3339, toRfc3339 } from '../sim/time'
import { isInBackOffSince, nextBackoff, type BackoffEntry } from './backoff'
import {
  REASON,
  alreadyPresentMessage,
  backOffPullingMessage,
  backOffRestartMessage,
  createdMessage,
  neverPullMessage,
  podRef,
  probeKillMessage,
  pullFailedMessage,
  pulledMessage,
  pullingMessage,
  startedMessage,
  stoppingMessage,
} from './messages'
import { computeProbeTimeline, type ProbeKind, type TimelinePoint } from './probe-timeline'
import type { ContainerRole, ResolvedProfile } from './profile'
import { hex } from './random-hex'
import { isSidecar, lastNamed } from './pod-status'

/** A pod as the store returns it (server-assigned metadata present). */
type Pod = Stored<ApiPod>

/** Time an image pull that fails stays in ErrImagePull before the kubelet reports ImagePullBackOff. */
export const ERR_IMAGE_PULL_DISPLAY_MS = 1_000
/** Upstream minimum stop timeout ([k8s] kuberuntime_container.go `minimumGracePeriodInSeconds`). */
export const MINIMUM_GRACE_MS = 2_000
/** Exit code of a container SIGKILLed at the end of its grace period (128 + 9). */
export const KILLED_EXIT_CODE = 137
/** Exit code of a container that ends on SIGTERM within its grace period (128 + 15). */
export const TERMINATED_EXIT_CODE = 143

export type Stage =
  | 'pending' // not created yet: waiting for its turn (init order) or for the pod to start
  | 'pulling' // pulling its image until untilMs
  | 'pullFailed' // ErrImagePull until untilMs, then ImagePullBackOff
  | 'pullBackOff' // ImagePullBackOff until untilMs, then a new pull
  | 'neverPull' // ErrImageNeverPull: imagePullPolicy Never and the image is not on the node
  | 'configError' // CreateContainerConfigError until the referenced ConfigMap/Secret appears
  | 'starting' // created; running at untilMs
  | 'running'
  | 'stopping' // signalled; exits at untilMs
  | 'exited' // terminated and not restarting (finished, or the pod is terminating)
  | 'crashBackOff' // terminated and waiting for its restart back-off until untilMs

export interface Terminated {
  exitCode: number
  reason: string
  startedAt: string
  finishedAt: string
  containerID: string
}

export interface ContainerRuntime {
  readonly name: string
  readonly role: ContainerRole
  readonly fieldPath: string
  stage: Stage
  untilMs?: number
  waitingMessage?: string
  restartCount: number
  /** Instances created so far (the next containerID is derived from it). */
  instances: number
  /** The instance that ran last (what the API shows: a created-but-not-started one is not shown). */
  containerID?: string
  nextContainerID?: string
  nextImage?: { ref: string; id: string }
  /** Normalized image reference once an instance exists (containerd reports it so). */
  imageRef?: string
  imageID?: string
  /** When the instance started, as the API shows it: formatted once, the status is derived on every sync. */
  startedAt?: string
  started: boolean
  ready: boolean
  timeline: TimelinePoint[]
  /** Exit code of the instance being stopped. */
  stopExitCode?: number
  terminated?: Terminated
  lastTerminated?: Terminated
  restartBackoff?: BackoffEntry
  imageBackoff?: BackoffEntry
  pullStartedMs?: number
  pullFails?: boolean
  /** A forced exit (`cluster.crash`) to apply at the next sync. */
  crash?: { exitCode: number }
}

export interface PodRuntime {
  readonly key: string
  readonly uid: string
  readonly nodeName: string
  readonly random: Random
  startMs: number
  podIP?: string
  sandboxReady: boolean
  /** Volumes blocked on a missing ConfigMap/Secret: the message last reported. */
  mountBlocked?: string
  readonly init: ContainerRuntime[]
  readonly app: ContainerRuntime[]
  /** Init containers then app containers: the order that breaks ties between due transitions. */
  readonly containers: readonly ContainerRuntime[]
  /** The kubelet began stopping the pod (deletionTimestamp seen) at this instant. */
  terminatingSinceMs?: number
  killDeadlineMs?: number
  /** The pod finished (terminal phase reached): nothing runs or restarts any more. */
  finished: boolean
}

export interface RecordedEvent {
  type: 'Normal' | 'Warning'
  reason: string
  message: string
  fieldPath?: string
}

/** What the runtime needs from its node and the cluster. */
export interface SyncEnv {
  now: number
  /** The resolved behaviour profile of a container. */
  profile(container: Container, role: ContainerRole): ResolvedProfile
  /** Per-node image cache: the instant an image is (or will be) present, or undefined. */
  imageReadyAt(imageRef: string): number | undefined
  /** Starts a pull on the node; returns the instant it will be present. */
  startPull(imageRef: string, durationMs: number): number
  imageID(imageRef: string): string
  imageSize(imageRef: string): number
  /** A missing-volume message (FailedMount), or undefined when every volume can be set up. */
  missingVolume(): string | undefined
  /** A CreateContainerConfigError message for a container, or undefined. */
  configError(container: Container): string | undefined
  /** Allocates the pod's IP when its sandbox is created. */
  podIP(): string
  /** Records an Event on the pod. */
  record(event: RecordedEvent): void
}

export function createPodRuntime(pod: Pod, nodeName: string, random: Random, now: number): PodRuntime {
  const spec = pod.spec
  const init = (spec.initContainers ?? []).map((c) => newContainer(c.name, isSidecar(c) ? 'sidecar' : 'init', `spec.initContainers{${c.name}}`))
  const app = spec.containers.map((c) => newContainer(c.name, 'app', `spec.containers{${c.name}}`))
  // Every field is present from the start (optional ones undefined), so all runtimes share one
  // shape and the property reads of every sync stay monomorphic.
  return {
    key: `${pod.metadata.namespace}/${pod.metadata.name}`,
    uid: pod.metadata.uid!,
    nodeName,
    random,
    startMs: now,
    podIP: undefined,
    sandboxReady: false,
    mountBlocked: undefined,
    init,
    app,
    containers: [...init, ...app],
    terminatingSinceMs: undefined,
    killDeadlineMs: undefined,
    finished: false,
  }
}

function newContainer(name: string, role: ContainerRole, fieldPath: string): ContainerRuntime {
  return {
    name,
    role,
    fieldPath,
    stage: 'pending',
    untilMs: undefined,
    waitingMessage: undefined,
    restartCount: 0,
    instances: 0,
    containerID: undefined,
    nextContainerID: undefined,
    nextImage: undefined,
    imageRef: undefined,
    imageID: undefined,
    startedAt: undefined,
    started: false,
    ready: false,
    timeline: [],
    stopExitCode: undefined,
    terminated: undefined,
    lastTerminated: undefined,
    restartBackoff: undefined,
    imageBackoff: undefined,
    pullStartedMs: undefined,
    pullFails: undefined,
    crash: undefined,
  }
}

/** Normalizes an image reference as containerd reports it: `nginx:1.25` → `docker.io/library/nginx:1.25`. */
export function normalizeImage(image: string): string {
  // Every step of a container start asks, and the pods being started mostly share their image:
  // keep the last answer.
  if (image === lastImage) return lastNormalized
  lastNormalized = normalize(image)
  lastImage = image
  return lastNormalized
}

let lastImage: string | undefined
let lastNormalized = ''

function normalize(image: string): string {
  let ref = image
  const firstSlash = ref.indexOf('/')
  const first = firstSlash < 0 ? '' : ref.slice(0, firstSlash)
  const hasRegistry = firstSlash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost')
  if (!hasRegistry) ref = firstSlash < 0 ? `docker.io/library/${ref}` : `docker.io/${ref}`
  const at = ref.indexOf('@')
  const beforeDigest = at >= 0 ? ref.slice(0, at) : ref
  const lastSlash = beforeDigest.lastIndexOf('/')
  if (beforeDigest.lastIndexOf(':') <= lastSlash && at < 0) ref = `${ref}:latest`
  return ref
}

/**
 * Advances the pod's runtime to `env.now`. Returns the next instant at which something will change
 * (undefined: nothing will happen until something else changes).
 */
export function syncPod(rt: PodRuntime, pod: Pod, env: SyncEnv): number | undefined {
  const specs = pod.spec
  for (let guard = 0; guard < 100_000; guard++) {
    if (!stepOnce(rt, pod, specs, env)) break
  }
  return nextDue(rt)
}

/** A pod's containers: names are unique across init and app containers. */
export type Specs = Pick<Pod['spec'], 'initContainers' | 'containers'>

/** The spec of a runtime container. */
export function specOf(specs: Specs, c: ContainerRuntime): Container {
  return lastNamed(c.role === 'app' ? specs.containers : (specs.initContainers ?? []), c.name)!
}

export function nextDue(rt: PodRuntime): number | undefined {
  let best: number | undefined
  for (const c of rt.containers) {
    const t = c.stage === 'running' ? c.timeline[0]?.atMs : c.untilMs
    if (t !== undefined && (best === undefined || t < best)) best = t
  }
  return best
}

const isTimed = (c: ContainerRuntime) => c.stage === 'pulling' || c.stage === 'pullFailed' || c.stage === 'pullBackOff' || c.stage === 'starting' || c.stage === 'stopping' || c.stage === 'crashBackOff'

/** One unit of progress; false when nothing more can happen at `env.now`. */
function stepOnce(rt: PodRuntime, pod: Pod, specs: Specs, env: SyncEnv): boolean {
  const now = env.now
  if (rt.finished) return false
  // 1. The earliest due transition, in time order (container order breaks ties).
  let dueC: ContainerRuntime | undefined
  let dueAt = Infinity
  for (const c of rt.containers) {
    if (c.crash && c.stage === 'running') {
      if (now < dueAt) {
        dueAt = now
        dueC = c
      }
      continue
    }
    const at = c.stage === 'running' ? c.timeline[0]?.atMs : isTimed(c) ? c.untilMs : undefined
    if (at !== undefined && at <= now && at < dueAt) {
      dueAt = at
      dueC = c
    }
  }
  if (dueC) {
    transition(rt, pod, specs, dueC, dueAt, env)
    return true
  }
  // 2. Deletion: stop everything that runs; finish when nothing runs any more.
  if (pod.metadata.deletionTimestamp) return stepTermination(rt, pod, env)
  // 3. Volumes, then the sandbox.
  if (!rt.sandboxReady) {
    const missing = env.missingVolume()
    if (missing) {
      if (rt.mountBlocked !== missing) {
        rt.mountBlocked = missing
        env.record({ type: 'Warning', reason: REASON.failedMount, message: missing })
      }
      return false
    }
    rt.mountBlocked = undefined
    rt.sandboxReady = true
    rt.podIP ??= env.podIP()
    return true
  }
  // 4. Containers waiting on a ConfigMap/Secret retry when asked to sync.
  for (const c of rt.containers) {
    if (c.stage === 'configError' && env.configError(specOf(specs, c)) === undefined) {
      createInstance(rt, specs, c, now, env)
      return true
    }
  }
  // 5. Start what may start: init containers in order, then app containers.
  let initialized = true
  for (const c of rt.init) {
    if (c.stage === 'pending') {
      beginStart(rt, specs, c, now, env)
      return true
    }
    const done = c.role === 'sidecar' ? c.started : c.stage === 'exited' && c.terminated?.exitCode === 0
    if (!done) {
      initialized = false
      break
    }
  }
  if (initialized) {
    for (const c of rt.app) {
      if (c.stage === 'pending') {
        beginStart(rt, specs, c, now, env)
        return true
      }
    }
  }
  // 6. Completion: every app container is done and will not restart (or init failed under Never).
  if (isPodFinished(rt, pod)) {
    // Sidecars are stopped once the app containers have finished.
    for (const c of rt.init) if (c.role === 'sidecar' && stopContainer(rt, pod, specs, c, now, env, false)) return true
    if (rt.init.some((c) => c.stage === 'stopping')) return false
    rt.finished = true
    return true
  }
  return false
}

function isPodFinished(rt: PodRuntime, pod: Pod): boolean {
  const failedInit = rt.init.some((c) => c.role === 'init' && c.stage === 'exited' && c.terminated && c.terminated.exitCode !== 0)
  if (failedInit && (pod.spec.restartPolicy ?? 'Always') === 'Never') return true
  return rt.app.length > 0 && rt.app.every((c) => c.stage === 'exited')
}

function stepTermination(rt: PodRuntime, pod: Pod, env: SyncEnv): boolean {
  const now = env.now
  if (rt.terminatingSinceMs === undefined) {
    rt.terminatingSinceMs = now
    const deletionMs = timestampMs(pod.metadata.deletionTimestamp!)
    rt.killDeadlineMs = Math.max(deletionMs, now + MINIMUM_GRACE_MS)
    const graceSeconds = pod.metadata.deletionGracePeriodSeconds ?? 0
    if (graceSeconds === 0) rt.killDeadlineMs = now
    const specs = pod.spec
    // App containers first, then sidecars: all are signalled at once here (the order of Events).
    for (const c of [...rt.app, ...rt.init]) stopContainer(rt, pod, specs, c, now, env, true)
    return true
  }
  if (rt.containers.some((c) => c.stage === 'stopping')) return false
  rt.finished = true
  return true
}

/** Sends the stop signal (or kills at once when no grace is left); true if it changed something. */
function stopContainer(rt: PodRuntime, pod: Pod, specs: Specs, c: ContainerRuntime, now: number, env: SyncEnv, deleting: boolean): boolean {
  if (c.stage === 'running' || c.stage === 'starting') {
    const profile = env.profile(specOf(specs, c), c.role)
    const deadline = deleting ? rt.killDeadlineMs! : now + Math.max(MINIMUM_GRACE_MS, (pod.spec.terminationGracePeriodSeconds ?? 30) * 1000)
    if (c.stage === 'starting') {
      // Never started: the runtime removes the created container.
      c.stage = 'exited'
      c.untilMs = undefined
      c.ready = false
      return true
    }
    env.record({ type: 'Normal', reason: REASON.killing, message: stoppingMessage(c.name), fieldPath: c.fieldPath })
    const stopAt = now + profile.stopDurationMs
    c.stage = 'stopping'
    c.ready = false
    c.timeline = []
    if (stopAt <= deadline) {
      c.untilMs = stopAt
      c.stopExitCode = TERMINATED_EXIT_CODE
    } else {
      c.untilMs = deadline
      c.stopExitCode = KILLED_EXIT_CODE
    }
    return true
  }
  if (c.stage === 'stopping') return false
  if (c.stage !== 'exited') {
    // Pulling, backing off or blocked: nothing to stop, it will simply never start.
    c.stage = 'exited'
    c.untilMs = undefined
    c.ready = false
    return true
  }
  return false
}

function transition(rt: PodRuntime, pod: Pod, specs: Specs, c: ContainerRuntime, at: number, env: SyncEnv): void {
  const spec = specOf(specs, c)
  if (c.crash && c.stage === 'running') {
    const exitCode = c.crash.exitCode
    c.crash = undefined
    terminate(c, exitCode, at)
    afterExit(rt, pod, specs, c, at, env)
    return
  }
  switch (c.stage) {
    case 'pulling': {
      if (c.pullFails) {
        env.record({ type: 'Warning', reason: REASON.failed, message: pullFailedMessage(spec.image ?? '', normalizeImage(spec.image ?? '')), fieldPath: c.fieldPath })
        env.record({ type: 'Warning', reason: REASON.failed, message: 'Error: ErrImagePull', fieldPath: c.fieldPath })
        c.imageBackoff = nextBackoff(c.imageBackoff, at)
        c.stage = 'pullFailed'
        c.untilMs = at + Math.min(ERR_IMAGE_PULL_DISPLAY_MS, c.imageBackoff.backoffMs)
        c.waitingMessage = pullFailedMessage(spec.image ?? '', normalizeImage(spec.image ?? '')).replace(/^Failed to pull image "[^"]*": /, '')
        return
      }
      const ref = normalizeImage(spec.image ?? '')
      env.record({ type: 'Normal', reason: REASON.pulled, message: pulledMessage(spec.image ?? '', at - c.pullStartedMs!, at - c.pullStartedMs!, env.imageSize(ref)), fieldPath: c.fieldPath })
      afterPull(rt, specs, c, at, env)
      return
    }
    case 'pullFailed':
      env.record({ type: 'Normal', reason: REASON.backOff, message: backOffPullingMessage(spec.image ?? ''), fieldPath: c.fieldPath })
      env.record({ type: 'Warning', reason: REASON.failed, message: 'Error: ImagePullBackOff', fieldPath: c.fieldPath })
      c.stage = 'pullBackOff'
      c.untilMs = c.imageBackoff!.lastUpdateMs + c.imageBackoff!.backoffMs
      c.waitingMessage = backOffPullingMessage(spec.image ?? '')
      return
    case 'pullBackOff':
      beginStart(rt, specs, c, at, env, true)
      return
    case 'starting': {
      env.record({ type: 'Normal', reason: REASON.started, message: startedMessage(c.name), fieldPath: c.fieldPath })
      const profile = env.profile(spec, c.role)
      c.stage = 'running'
      c.untilMs = undefined
      c.startedAt = toRfc3339(at)
      c.containerID = c.nextContainerID
      c.imageRef = c.nextImage?.ref
      c.imageID = c.nextImage?.id
      let runMs = profile.runDurationMs
      let exitCode = profile.exitCode
      if (runMs !== undefined && profile.failureRate > 0 && rt.random.fork(`${c.name}#${c.instances}`).float() < profile.failureRate) exitCode = 1
      c.stopExitCode = exitCode
      c.timeline = computeProbeTimeline(
        { startupProbe: spec.startupProbe, readinessProbe: c.role === 'init' ? undefined : spec.readinessProbe, livenessProbe: c.role === 'init' ? undefined : spec.livenessProbe },
        { startedMs: at, readyAfterMs: profile.readyAfterMs, runDurationMs: runMs, livenessFailsAfterMs: profile.livenessFailsAfterMs },
      )
      if (c.role === 'init') {
        // Regular init containers have no probes and are never "ready" while running.
        c.timeline = c.timeline.filter((p) => p.type !== 'ready')
      }
      runMs = undefined
      return
    }
    case 'running': {
      const point = c.timeline.shift()!
      applyPoint(rt, pod, specs, c, point, env)
      return
    }
    case 'stopping':
      terminate(c, c.stopExitCode ?? 0, at)
      afterExit(rt, pod, specs, c, at, env)
      return
    case 'crashBackOff':
      c.restartBackoff = nextBackoff(c.restartBackoff, at)
      beginStart(rt, specs, c, at, env, true)
      return
    default:
      return
  }
}

function applyPoint(rt: PodRuntime, pod: Pod, specs: Specs, c: ContainerRuntime, point: TimelinePoint, env: SyncEnv): void {
  switch (point.type) {
    case 'started':
      c.started = true
      return
    case 'ready':
      c.ready = true
      return
    case 'probeFailed':
      env.record({ type: 'Warning', reason: REASON.unhealthy, message: `${point.probe} probe failed: ${probeFailureDetail(specOf(specs, c), point.probe, rt.podIP)}`, fieldPath: c.fieldPath })
      return
    case 'kill': {
      env.record({ type: 'Normal', reason: REASON.killing, message: probeKillMessage(c.name, point.probe), fieldPath: c.fieldPath })
      const spec = specOf(specs, c)
      const probe = point.probe === 'liveness' ? spec.livenessProbe : spec.startupProbe
      const graceMs = Math.max(MINIMUM_GRACE_MS, (probe?.terminationGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30) * 1000)
      const stopMs = env.profile(spec, c.role).stopDurationMs
      c.stage = 'stopping'
      c.ready = false
      c.timeline = []
      c.untilMs = point.atMs + Math.min(stopMs, graceMs)
      c.stopExitCode = stopMs <= graceMs ? TERMINATED_EXIT_CODE : KILLED_EXIT_CODE
      return
    }
    case 'exit':
      terminate(c, c.stopExitCode ?? 0, point.atMs)
      afterExit(rt, pod, specs, c, point.atMs, env)
      return
  }
}

/** What a failed probe reports, by handler type (the `<detail>` of "Liveness probe failed: <detail>"). */
export function probeFailureDetail(container: Container, probe: ProbeKind, podIP: string | undefined): string {
  const spec = probe === 'Liveness' ? container.livenessProbe : probe === 'Readiness' ? container.readinessProbe : container.startupProbe
  const ip = podIP ?? ''
  if (spec?.httpGet) {
    if (probe === 'Liveness') return 'HTTP probe failed with statuscode: 500'
    const port = resolvePort(container, spec.httpGet.port)
    const scheme = (spec.httpGet.scheme ?? 'HTTP').toLowerCase()
    return `Get "${scheme}://${ip}:${port}${spec.httpGet.path ?? '/'}": dial tcp ${ip}:${port}: connect: connection refused`
  }
  if (spec?.tcpSocket) {
    const port = resolvePort(container, spec.tcpSocket.port)
    return `dial tcp ${ip}:${port}: connect: connection refused`
  }
  if (spec?.grpc) return `timeout: failed to connect service ":${spec.grpc.port}" within 1s`
  return ''
}

function resolvePort(container: Container, port: string | number): string | number {
  if (typeof port === 'number') return port
  const named = container.ports?.find((p) => p.name === port)
  return named ? named.containerPort : port
}

function terminate(c: ContainerRuntime, exitCode: number, at: number): void {
  c.terminated = {
    exitCode,
    reason: exitCode === 0 ? 'Completed' : 'Error',
    startedAt: c.startedAt ?? toRfc3339(at),
    finishedAt: toRfc3339(at),
    containerID: c.containerID ?? '',
  }
  c.stage = 'exited'
  c.untilMs = undefined
  c.started = false
  c.ready = c.role === 'init' && exitCode === 0
  c.timeline = []
  c.stopExitCode = undefined
}

/** restartPolicy decides; a restart waits out the crash-loop back-off (semantics.md §2.4). */
function afterExit(rt: PodRuntime, pod: Pod, specs: Specs, c: ContainerRuntime, at: number, env: SyncEnv): void {
  if (pod.metadata.deletionTimestamp || rt.terminatingSinceMs !== undefined) return
  const exitCode = c.terminated!.exitCode
  const policy = pod.spec.restartPolicy ?? 'Always'
  let restart: boolean
  if (c.role === 'sidecar') restart = !rt.app.every((a) => a.stage === 'exited') || rt.app.length === 0
  else if (c.role === 'init') restart = exitCode !== 0 && policy !== 'Never'
  else restart = policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0)
  if (!restart) return
  if (isInBackOffSince(c.restartBackoff, at, at)) {
    c.stage = 'crashBackOff'
    c.untilMs = at + c.restartBackoff!.backoffMs
    c.waitingMessage = undefined
    env.record({ type: 'Warning', reason: REASON.backOff, message: backOffRestartMessage(c.name, podRef(pod.metadata.name, pod.metadata.namespace ?? 'default', rt.uid)), fieldPath: c.fieldPath })
    return
  }
  c.restartBackoff = nextBackoff(c.restartBackoff, at)
  beginStart(rt, specs, c, at, env, true)
}

/** The kubelet starts a container: make sure the image is there (pulling if needed), then create it. */
function beginStart(rt: PodRuntime, specs: Specs, c: ContainerRuntime, at: number, env: SyncEnv, restart = false): void {
  const spec = specOf(specs, c)
  if (restart && c.instances > 0 && c.stage !== 'pullBackOff' && c.stage !== 'pulling') {
    c.lastTerminated = c.terminated
    c.terminated = undefined
    c.restartCount++
  }
  const image = spec.image ?? ''
  const ref = normalizeImage(image)
  const policy = spec.imagePullPolicy ?? 'IfNotPresent'
  const profile = env.profile(spec, c.role)
  const readyAt = env.imageReadyAt(ref)
  const present = readyAt !== undefined && readyAt <= at
  if (policy === 'Never') {
    if (!present) {
      c.stage = 'neverPull'
      c.untilMs = undefined
      c.waitingMessage = neverPullMessage(image)
      env.record({ type: 'Warning', reason: REASON.errImageNeverPull, message: neverPullMessage(image), fieldPath: c.fieldPath })
      return
    }
  }
  if (present && policy !== 'Always' && !profile.pullError) {
    env.record({ type: 'Normal', reason: REASON.pulled, message: alreadyPresentMessage(image), fieldPath: c.fieldPath })
    afterPull(rt, specs, c, at, env)
    return
  }
  env.record({ type: 'Normal', reason: REASON.pulling, message: pullingMessage(image), fieldPath: c.fieldPath })
  c.stage = 'pulling'
  c.pullStartedMs = at
  c.waitingMessage = undefined
  if (profile.pullError) {
    c.pullFails = true
    c.untilMs = at + profile.pullDurationMs
    return
  }
  c.pullFails = false
  // A pull already under way on this node is shared; a present image (policy Always) is re-checked
  // with the registry at no cost.
  c.untilMs = readyAt !== undefined && readyAt > at ? readyAt : present ? at : env.startPull(ref, profile.pullDurationMs)
  if (c.untilMs <= at) {
    env.record({ type: 'Normal', reason: REASON.pulled, message: pulledMessage(image, 0, 0, env.imageSize(ref)), fieldPath: c.fieldPath })
    afterPull(rt, specs, c, at, env)
  }
}

function afterPull(rt: PodRuntime, specs: Specs, c: ContainerRuntime, at: number, env: SyncEnv): void {
  const spec = specOf(specs, c)
  c.imageBackoff = undefined
  const problem = env.configError(spec)
  if (problem) {
    c.stage = 'configError'
    c.untilMs = undefined
    if (c.waitingMessage !== problem) env.record({ type: 'Warning', reason: REASON.failed, message: `Error: ${problem}`, fieldPath: c.fieldPath })
    c.waitingMessage = problem
    return
  }
  createInstance(rt, specs, c, at, env)
}

function createInstance(rt: PodRuntime, specs: Specs, c: ContainerRuntime, at: number, env: SyncEnv): void {
  const spec = specOf(specs, c)
  const ref = normalizeImage(spec.image ?? '')
  c.instances++
  c.nextContainerID = `containerd://${hex(rt.random.fork(`containerID/${c.name}#${c.instances}`), 64)}`
  c.nextImage = { ref, id: env.imageID(ref) }
  c.waitingMessage = undefined
  env.record({ type: 'Normal', reason: REASON.created, message: createdMessage(c.name), fieldPath: c.fieldPath })
  c.stage = 'starting'
  c.untilMs = at + env.profile(spec, c.role).startDurationMs
}

function timestampMs(text: string): number {
  const ms = parseRfc3339(text)
  return Number.isNaN(ms) ? 0 : ms
}

/**
 * The node was powered off at `offMs` and is back at `now`: its containers died with it. Running
 * containers end with exit code 255 (reason Unknown) at `offMs` and restart by restartPolicy at the
 * next sync; work in flight (pulls, creations) starts over. Returns true when the pod was affected.
 * Approximation: completed init containers are not re-run and the pod keeps its IP.
 */
export function rebootPodRuntime(rt: PodRuntime, restartPolicy: string, offMs: number, now: number): boolean {
  if (rt.finished) return false
  let affected = false
  for (const c of rt.containers) {
    if (c.stage === 'running' || c.stage === 'stopping') {
      c.terminated = { exitCode: 255, reason: 'Unknown', startedAt: c.startedAt ?? toRfc3339(offMs), finishedAt: toRfc3339(offMs), containerID: c.containerID ?? '' }
      c.started = false
      c.ready = false
      c.timeline = []
      c.crash = undefined
      // Restarted at once through the normal path, unless restartPolicy Never leaves it exited.
      const restart = c.role === 'sidecar' || restartPolicy !== 'Never'
      c.stage = restart ? 'crashBackOff' : 'exited'
      c.untilMs = restart ? now : undefined
      c.restartBackoff = undefined
      affected = true
    } else if (c.stage === 'starting' || c.stage === 'pulling') {
      c.stage = 'pending'
      c.untilMs = undefined
      affected = true
    }
  }
  return affected
}
