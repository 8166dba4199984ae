// Behaviour profiles (DESIGN.md §3): what a simulated container does. Later sources override
// earlier ones: built-in defaults → the cluster's `images` entry by full reference, then by name
// without tag → pod annotations `kubesim.io/*` (which apply to every container of the pod).
// Pure; durations are resolved to milliseconds once here. Invalid annotation values are ignored
// (the defaults stand), as an unknown annotation would be on a real cluster.
import { toMs, type Duration } from '../sim/duration'

/** The user-facing profile shape (same fields as `BehaviourProfile` in cluster options). */
export interface ProfileInput {
  pullDuration?: Duration
  pullError?: boolean
  startDuration?: Duration
  readyAfter?: Duration
  runDuration?: Duration
  exitCode?: number
  failureRate?: number
  livenessFailsAfter?: Duration
  stopDuration?: Duration
  cpuUsage?: string
  memoryUsage?: string
}

export interface ResolvedProfile {
  pullDurationMs: number
  pullError: boolean
  startDurationMs: number
  readyAfterMs: number
  /** undefined: runs until stopped. */
  runDurationMs: number | undefined
  exitCode: number
  failureRate: number
  /** undefined: the liveness probe never fails. */
  livenessFailsAfterMs: number | undefined
  stopDurationMs: number
  cpuUsage: string | undefined
  memoryUsage: string | undefined
}

export const DEFAULT_PULL_DURATION_MS = 2_000
export const DEFAULT_START_DURATION_MS = 1_000
/** Containers that must exit (restartPolicy OnFailure/Never) run this long by default, so Job pods complete. */
export const DEFAULT_RUN_TO_COMPLETION_MS = 10_000
/** Regular init containers must exit before the pod can start; by default they take this long. */
export const DEFAULT_INIT_RUN_MS = 1_000

export const ANNOTATION_PREFIX = 'kubesim.io/'

/** Which kind of container the profile is for: its default run duration depends on it. */
export type ContainerRole = 'app' | 'init' | 'sidecar'

/** The image name without tag or digest: `docker.io/library/nginx:1.25` → `docker.io/library/nginx`. */
export function imageNameWithoutTag(image: string): string {
  const at = image.indexOf('@')
  const ref = at >= 0 ? image.slice(0, at) : image
  const lastSlash = ref.lastIndexOf('/')
  const lastColon = ref.lastIndexOf(':')
  return lastColon > lastSlash ? ref.slice(0, lastColon) : ref
}

export function resolveProfile(
  images: Readonly<Record<string, ProfileInput>> | undefined,
  image: string,
  annotations: Readonly<Record<string, string>> | undefined,
  restartPolicy: string,
  role: ContainerRole,
): ResolvedProfile {
  const fromImage: ProfileInput = images ? { ...images[imageNameWithoutTag(image)], ...images[image] } : {}
  const fromPod = profileFromAnnotations(annotations)
  const merged: ProfileInput = { ...fromImage, ...fromPod }
  const defaultRunMs = defaultRunMsOf(restartPolicy, role)
  return {
    pullDurationMs: durationOr(merged.pullDuration, DEFAULT_PULL_DURATION_MS),
    pullError: merged.pullError === true,
    startDurationMs: durationOr(merged.startDuration, DEFAULT_START_DURATION_MS),
    readyAfterMs: durationOr(merged.readyAfter, 0),
    runDurationMs: merged.runDuration === undefined ? defaultRunMs : durationOr(merged.runDuration, defaultRunMs),
    exitCode: Number.isInteger(merged.exitCode) ? (merged.exitCode as number) : 0,
    failureRate: typeof merged.failureRate === 'number' && merged.failureRate >= 0 ? Math.min(1, merged.failureRate) : 0,
    livenessFailsAfterMs: merged.livenessFailsAfter === undefined ? undefined : durationOr(merged.livenessFailsAfter, undefined),
    stopDurationMs: durationOr(merged.stopDuration, 0),
    cpuUsage: merged.cpuUsage,
    memoryUsage: merged.memoryUsage,
  }
}

/** undefined: runs until stopped. */
function defaultRunMsOf(restartPolicy: string, role: ContainerRole): number | undefined {
  const runsForever = role === 'sidecar' || (role === 'app' && restartPolicy === 'Always')
  return runsForever ? undefined : role === 'init' ? DEFAULT_INIT_RUN_MS : DEFAULT_RUN_TO_COMPLETION_MS
}

/** The built-in profiles by default run duration (forever, an init container's, a job's). */
const BUILT_IN_PROFILES = new Map<number | undefined, ResolvedProfile>()

/**
 * resolveProfile when nothing is configured (no `images` table, no pod annotations): the built-in
 * defaults, resolved once per default run duration and shared, frozen. For the kubelet itself, which
 * asks at every step of a container start; callers outside keep getting their own copy.
 */
export function builtInProfile(restartPolicy: string, role: ContainerRole): ResolvedProfile {
  const defaultRunMs = defaultRunMsOf(restartPolicy, role)
  let profile = BUILT_IN_PROFILES.get(defaultRunMs)
  if (!profile) BUILT_IN_PROFILES.set(defaultRunMs, (profile = Object.freeze(resolveProfile(undefined, '', undefined, restartPolicy, role))))
  return profile
}

/** `kubesim.io/run-duration: "8s"` and friends; unparsable values are skipped. */
export function profileFromAnnotations(annotations: Readonly<Record<string, string>> | undefined): ProfileInput {
  const out: ProfileInput = {}
  if (!annotations) return out
  const text = (name: string) => annotations[ANNOTATION_PREFIX + name]
  const duration = (name: string): Duration | undefined => {
    const value = text(name)
    if (value === undefined) return undefined
    try {
      toMs(value)
      return value
    } catch {
      return undefined
    }
  }
  const number = (name: string): number | undefined => {
    const value = text(name)
    if (value === undefined || value.trim() === '') return undefined
    const n = Number(value)
    return Number.isFinite(n) ? n : undefined
  }
  const set = <K extends keyof ProfileInput>(key: K, value: ProfileInput[K] | undefined) => {
    if (value !== undefined) out[key] = value
  }
  set('pullDuration', duration('pull-duration'))
  if (text('pull-error') !== undefined) out.pullError = text('pull-error') === 'true'
  set('startDuration', duration('start-duration'))
  set('readyAfter', duration('ready-after'))
  set('runDuration', duration('run-duration'))
  set('exitCode', number('exit-code'))
  set('failureRate', number('failure-rate'))
  set('livenessFailsAfter', duration('liveness-fails-after'))
  set('stopDuration', duration('stop-duration'))
  set('cpuUsage', text('cpu-usage'))
  set('memoryUsage', text('memory-usage'))
  return out
}

function durationOr<T extends number | undefined>(value: Duration | undefined, fallback: T): number | T {
  if (value === undefined) return fallback
  try {
    return toMs(value)
  } catch {
    return fallback
  }
}
