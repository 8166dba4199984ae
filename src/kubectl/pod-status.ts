// The READY, STATUS and RESTARTS cells of `kubectl get pods`: a port of printPod
// (kubernetes pkg/printers/internalversion/printers.go), including sidecar (restartable init
// container) accounting, SchedulingGated, NodeLost → Unknown and Terminating.
import { translateMsSince } from './duration'
import type { Obj } from './object'
import { timestampMs } from './time'

export interface PodColumns {
  ready: string
  status: string
  restarts: string
}

const NODE_UNREACHABLE_REASON = 'NodeLost'

const isRestartable = (container: any): boolean => container?.restartPolicy === 'Always'

export function computePodColumns(pod: Obj, nowMs: number): PodColumns {
  const spec = pod.spec ?? {}
  const status = pod.status ?? {}
  const containers: any[] = spec.containers ?? []
  const initSpecs: any[] = spec.initContainers ?? []
  let restarts = 0
  let restartableInitRestarts = 0
  let totalContainers = containers.length
  let readyContainers = 0
  let lastRestartMs: number | undefined
  let lastRestartableInitRestartMs: number | undefined
  const later = (a: number | undefined, b: number | undefined): number | undefined =>
    b === undefined ? a : a === undefined || a < b ? b : a

  const phase: string = status.phase ?? ''
  let reason: string = status.reason ? status.reason : phase
  for (const condition of status.conditions ?? []) {
    if (condition.type === 'PodScheduled' && condition.reason === 'SchedulingGated') reason = 'SchedulingGated'
  }

  const initByName = new Map<string, any>()
  for (const c of initSpecs) {
    initByName.set(c.name, c)
    if (isRestartable(c)) totalContainers++
  }

  let initializing = false
  const initStatuses: any[] = status.initContainerStatuses ?? []
  for (let i = 0; i < initStatuses.length; i++) {
    const container = initStatuses[i]
    const state = container.state ?? {}
    restarts += container.restartCount ?? 0
    lastRestartMs = later(lastRestartMs, timestampMs(container.lastState?.terminated?.finishedAt))
    const restartable = isRestartable(initByName.get(container.name))
    if (restartable) {
      restartableInitRestarts += container.restartCount ?? 0
      lastRestartableInitRestartMs = later(lastRestartableInitRestartMs, timestampMs(container.lastState?.terminated?.finishedAt))
    }
    if (state.terminated && (state.terminated.exitCode ?? 0) === 0) continue
    if (restartable && container.started === true) {
      if (container.ready) readyContainers++
      continue
    }
    if (state.terminated) {
      const t = state.terminated
      if (!t.reason) reason = t.signal ? `Init:Signal:${t.signal}` : `Init:ExitCode:${t.exitCode ?? 0}`
      else reason = `Init:${t.reason}`
    } else if (state.waiting?.reason && state.waiting.reason !== 'PodInitializing') {
      reason = `Init:${state.waiting.reason}`
    } else {
      reason = `Init:${i}/${initSpecs.length}`
    }
    initializing = true
    break
  }

  const initializedTrue = (status.conditions ?? []).some((c: any) => c.type === 'Initialized' && c.status === 'True')
  if (!initializing || initializedTrue) {
    restarts = restartableInitRestarts
    lastRestartMs = lastRestartableInitRestartMs
    let hasRunning = false
    const statuses: any[] = status.containerStatuses ?? []
    for (let i = statuses.length - 1; i >= 0; i--) {
      const container = statuses[i]
      const state = container.state ?? {}
      restarts += container.restartCount ?? 0
      lastRestartMs = later(lastRestartMs, timestampMs(container.lastState?.terminated?.finishedAt))
      if (state.waiting?.reason) reason = state.waiting.reason
      else if (state.terminated?.reason) reason = state.terminated.reason
      else if (state.terminated) {
        reason = state.terminated.signal ? `Signal:${state.terminated.signal}` : `ExitCode:${state.terminated.exitCode ?? 0}`
      } else if (container.ready && state.running) {
        hasRunning = true
        readyContainers++
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const podReady = (status.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True')
      reason = podReady ? 'Running' : 'NotReady'
    }
  }

  if (pod.metadata.deletionTimestamp && status.reason === NODE_UNREACHABLE_REASON) reason = 'Unknown'
  else if (pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating'

  let restartsText = String(restarts)
  if (restarts !== 0 && lastRestartMs !== undefined) {
    restartsText = `${restarts} (${translateMsSince(lastRestartMs, nowMs)} ago)`
  }
  return { ready: `${readyContainers}/${totalContainers}`, status: reason, restarts: restartsText }
}
