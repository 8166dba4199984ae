// Probes with their real timing fields (semantics.md §2.6), computed once when a container starts:
// the instants at which something observable happens (a failed probe's Unhealthy event, the
// container becoming started or ready, a kill by the liveness or startup probe, a natural exit).
// The kubelet wakes only at those instants: nothing is ticked while nothing can change.
// Model: probes run at start + initialDelaySeconds + k × periodSeconds; the startup and readiness
// probes succeed once the profile's `readyAfter` has elapsed since start; the liveness probe fails
// from `livenessFailsAfter` on. Readiness and liveness probes do not run before the startup probe
// succeeded. Pure; [k8s] pkg/kubelet/prober/worker.go `doProbe`.
import type { Probe } from '../api/pod'

export type ProbeKind = 'Startup' | 'Readiness' | 'Liveness'

export type TimelinePoint =
  | { atMs: number; type: 'probeFailed'; probe: ProbeKind }
  | { atMs: number; type: 'started' }
  | { atMs: number; type: 'ready' }
  | { atMs: number; type: 'kill'; probe: 'liveness' | 'startup' }
  | { atMs: number; type: 'exit' }

export interface ProbeSpecs {
  startupProbe?: Probe
  readinessProbe?: Probe
  livenessProbe?: Probe
}

export interface TimelineInput {
  startedMs: number
  readyAfterMs: number
  /** undefined: the container runs until stopped. */
  runDurationMs: number | undefined
  /** undefined: the liveness probe never fails. */
  livenessFailsAfterMs: number | undefined
}

/** Upper bound on failed probes planned in one container instance (a probe period of 1 s for a day). */
const MAX_PROBES = 86_400

interface ProbeTiming {
  initialDelayMs: number
  periodMs: number
  successThreshold: number
  failureThreshold: number
}

export function probeTiming(probe: Probe): ProbeTiming {
  return {
    initialDelayMs: Math.max(0, probe.initialDelaySeconds ?? 0) * 1000,
    periodMs: Math.max(1, probe.periodSeconds ?? 10) * 1000,
    successThreshold: Math.max(1, probe.successThreshold ?? 1),
    failureThreshold: Math.max(1, probe.failureThreshold ?? 3),
  }
}

/** The first probe instant at or after `fromMs`. */
function firstProbeAtOrAfter(t: ProbeTiming, startedMs: number, fromMs: number): number {
  const first = startedMs + t.initialDelayMs
  if (fromMs <= first) return first
  return first + Math.ceil((fromMs - first) / t.periodMs) * t.periodMs
}

/**
 * Everything that will happen to one running container instance, sorted by time; the instance ends
 * at the first `kill` or `exit` and nothing after that is listed.
 */
export function computeProbeTimeline(specs: ProbeSpecs, input: TimelineInput): TimelinePoint[] {
  const { startedMs, readyAfterMs } = input
  const appUpMs = startedMs + readyAfterMs
  const points: TimelinePoint[] = []
  let endMs = input.runDurationMs === undefined ? Infinity : startedMs + input.runDurationMs

  // Startup probe: failures until the app is up; failureThreshold failures kill the container.
  let startedOkMs: number | undefined = startedMs
  if (specs.startupProbe) {
    const t = probeTiming(specs.startupProbe)
    const firstSuccess = firstProbeAtOrAfter(t, startedMs, appUpMs)
    let failures = 0
    startedOkMs = undefined
    for (let at = startedMs + t.initialDelayMs, n = 0; at < endMs && n < MAX_PROBES; at += t.periodMs, n++) {
      if (at >= firstSuccess) {
        startedOkMs = at
        break
      }
      points.push({ atMs: at, type: 'probeFailed', probe: 'Startup' })
      if (++failures >= t.failureThreshold) {
        points.push({ atMs: at, type: 'kill', probe: 'startup' })
        endMs = at
        break
      }
    }
  }
  if (startedOkMs !== undefined && startedOkMs <= endMs) {
    if (startedOkMs < endMs || startedOkMs === startedMs) points.push({ atMs: startedOkMs, type: 'started' })
  } else startedOkMs = undefined

  // Liveness: only after the startup probe succeeded; kills after failureThreshold failures.
  if (startedOkMs !== undefined && specs.livenessProbe && input.livenessFailsAfterMs !== undefined) {
    const t = probeTiming(specs.livenessProbe)
    const failFrom = Math.max(startedMs + input.livenessFailsAfterMs, startedOkMs)
    let at = firstProbeAtOrAfter(t, startedMs, failFrom)
    for (let failures = 1; at < endMs; failures++, at += t.periodMs) {
      points.push({ atMs: at, type: 'probeFailed', probe: 'Liveness' })
      if (failures >= t.failureThreshold) {
        points.push({ atMs: at, type: 'kill', probe: 'liveness' })
        endMs = at
        break
      }
    }
  }

  // Readiness: Failure until successThreshold consecutive successes; without a probe, ready once
  // started and readyAfter elapsed.
  if (startedOkMs !== undefined) {
    let readyMs: number
    if (specs.readinessProbe) {
      const t = probeTiming(specs.readinessProbe)
      const firstProbe = firstProbeAtOrAfter(t, startedMs, startedOkMs)
      const firstSuccess = firstProbeAtOrAfter(t, startedMs, Math.max(appUpMs, startedOkMs))
      for (let at = firstProbe, n = 0; at < firstSuccess && at < endMs && n < MAX_PROBES; at += t.periodMs, n++)
        points.push({ atMs: at, type: 'probeFailed', probe: 'Readiness' })
      readyMs = firstSuccess + (t.successThreshold - 1) * t.periodMs
    } else readyMs = Math.max(appUpMs, startedOkMs)
    if (readyMs < endMs) points.push({ atMs: readyMs, type: 'ready' })
  }

  if (endMs !== Infinity && !points.some((p) => p.type === 'kill')) points.push({ atMs: endMs, type: 'exit' })
  return sortUpTo(points, endMs)
}

/** Above this many points, interleaved probe failures could make an insertion sort quadratic. */
const INSERTION_SORT_MAX_POINTS = 16

/**
 * The points up to `endMs`, in comparePoints order (stably). A timeline usually has a handful of
 * points, mostly pushed in order: those are sorted in place by insertion, as Array#sort and filter
 * would allocate their work arrays at every container start.
 */
function sortUpTo(points: TimelinePoint[], endMs: number): TimelinePoint[] {
  if (points.length > INSERTION_SORT_MAX_POINTS) return points.filter((p) => p.atMs <= endMs).sort(comparePoints)
  let kept = 0
  for (let i = 0; i < points.length; i++) {
    const p = points[i]
    if (p.atMs > endMs) continue
    let j = kept++
    for (; j > 0 && comparePoints(points[j - 1], p) > 0; j--) points[j] = points[j - 1]
    points[j] = p
  }
  if (kept < points.length) points.length = kept
  return points
}

const ORDER: Record<TimelinePoint['type'], number> = { started: 0, ready: 1, probeFailed: 2, kill: 3, exit: 4 }

function comparePoints(a: TimelinePoint, b: TimelinePoint): number {
  return a.atMs - b.atMs || ORDER[a.type] - ORDER[b.type] || probeOrder(a) - probeOrder(b)
}

function probeOrder(p: TimelinePoint): number {
  if (p.type !== 'probeFailed') return 0
  return p.probe === 'Startup' ? 0 : p.probe === 'Liveness' ? 1 : 2
}
