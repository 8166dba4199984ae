// `cluster.why(podName)`: a plain-language answer to "why is this pod not running / not ready?".
// `explainPod` is pure: it reads the pod's conditions and container states (which carry the
// scheduler's FitError text and the kubelet's waiting reasons), its node and its events, and
// writes a one-sentence verdict followed by the evidence. `whyPod` only gathers those inputs.
import { NotFoundError } from '../api/errors'
import type { KubeObject } from '../api/meta'
import { humanDuration } from '../kubectl/duration'
import { timestampMs } from '../kubectl/time'
import { objectKey } from '../store/keys'
import type { Cluster } from './cluster'

export interface PodFacts {
  pod: any
  /** The Node the pod is bound to, when it exists. */
  node?: any
  /** Events about the pod, any order. */
  events: readonly any[]
  nowMs: number
}

const condition = (obj: any, type: string): any => (obj?.status?.conditions ?? []).find((c: any) => c.type === type)

function nodeHealth(node: any): 'Ready' | 'NotReady' | 'Unknown' {
  const ready = condition(node, 'Ready')
  if (ready?.status === 'True') return 'Ready'
  if (ready?.status === 'False') return 'NotReady'
  return 'Unknown'
}

const ago = (timestamp: unknown, nowMs: number): string => {
  const ms = timestampMs(timestamp)
  return ms === undefined ? '' : `${humanDuration(nowMs - ms)} ago`
}

/** A container's problem in words, or undefined when it is running (or done) without trouble. */
function containerProblem(status: any, spec: any, pod: any, events: readonly any[]): string | undefined {
  const name = status.name
  const waiting = status.state?.waiting
  const terminated = status.state?.terminated
  const last = status.lastState?.terminated
  const restarts = status.restartCount ?? 0
  if (waiting) {
    switch (waiting.reason) {
      case 'CrashLoopBackOff': {
        const backOff = /back-off (\S+)/.exec(String(waiting.message ?? ''))?.[1]
        const exit = last ? ` (last exit code ${last.exitCode}${last.reason ? `, ${last.reason}` : ''})` : ''
        return `container ${name} is in CrashLoopBackOff: it keeps exiting${exit} and has been restarted ${restarts} time${restarts === 1 ? '' : 's'}; the kubelet waits${backOff ? ` ${backOff}` : ''} before starting it again`
      }
      case 'ErrImagePull':
      case 'ImagePullBackOff': {
        const failed = latest(events.filter((e) => e.reason === 'Failed' && String(e.message ?? '').startsWith('Failed to pull image')))
        return `container ${name} cannot pull image "${spec?.image ?? status.image ?? ''}" (${waiting.reason})${failed ? `: ${failed.message}` : ''}`
      }
      case 'ContainerCreating': {
        const mount = latest(events.filter((e) => e.reason === 'FailedMount' || e.reason === 'FailedAttachVolume'))
        if (mount) return `container ${name} is still being created: ${mount.message}`
        const pulling = latest(events.filter((e) => e.reason === 'Pulling'))
        const pulled = latest(events.filter((e) => e.reason === 'Pulled'))
        if (pulling && (!pulled || (timestampMs(pulled.lastTimestamp) ?? 0) < (timestampMs(pulling.lastTimestamp) ?? 0))) return `container ${name} is being created: the image is still being pulled (${pulling.message})`
        return `container ${name} is being created (ContainerCreating)`
      }
      case 'PodInitializing':
        return `container ${name} waits for the init containers to finish (PodInitializing)`
      default:
        return `container ${name} is waiting: ${waiting.reason ?? 'unknown reason'}${waiting.message ? ` — ${waiting.message}` : ''}`
    }
  }
  if (terminated) {
    if (terminated.exitCode === 0 && pod.spec?.restartPolicy !== 'Always') return undefined
    return `container ${name} terminated with exit code ${terminated.exitCode}${terminated.reason ? ` (${terminated.reason})` : ''}`
  }
  return undefined
}

const latest = (events: readonly any[]): any =>
  events.reduce<any>((best, e) => (!best || (timestampMs(e.lastTimestamp) ?? 0) >= (timestampMs(best.lastTimestamp) ?? 0) ? e : best), undefined)

/** The verdict line and the evidence, as one string. */
export function explainPod(facts: PodFacts): string {
  const { pod, node, events, nowMs } = facts
  const name = pod.metadata.name
  const phase = pod.status?.phase ?? 'Pending'
  const lines: string[] = []
  const verdict = computeVerdict(facts)
  lines.push(`${name} ${verdict}`)

  const conditions: any[] = pod.status?.conditions ?? []
  if (conditions.length > 0) {
    lines.push(`  Conditions: ${conditions.map((c) => `${c.type}=${c.status}${c.status !== 'True' && c.reason ? ` (${c.reason})` : ''}`).join(', ')}`)
  }
  lines.push(`  Phase: ${phase}${pod.spec?.nodeName ? `, on node ${pod.spec.nodeName}` : ', not bound to a node'}`)
  for (const status of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
    const state = status.state?.running ? 'running' : status.state?.waiting ? `waiting (${status.state.waiting.reason ?? ''})` : status.state?.terminated ? `terminated (exit ${status.state.terminated.exitCode})` : 'unknown'
    lines.push(`  Container ${status.name}: ${state}, ready=${status.ready === true}, restarts=${status.restartCount ?? 0}`)
  }
  if (node) {
    const flags = [nodeHealth(node), ...(node.spec?.unschedulable ? ['SchedulingDisabled'] : [])]
    lines.push(`  Node ${node.metadata.name}: ${flags.join(',')}`)
  }
  const warnings = events.filter((e) => e.type === 'Warning')
  const recent = [...warnings].sort((a, b) => (timestampMs(a.lastTimestamp) ?? 0) - (timestampMs(b.lastTimestamp) ?? 0)).slice(-5)
  if (recent.length > 0) {
    lines.push('  Recent warnings:')
    for (const e of recent) lines.push(`    ${ago(e.lastTimestamp, nowMs)}  ${e.reason}: ${String(e.message ?? '').trim()}${(e.count ?? 1) > 1 ? ` (x${e.count})` : ''}`)
  }
  return `${lines.join('\n')}\n`
}

function computeVerdict({ pod, node, events, nowMs }: PodFacts): string {
  const phase = pod.status?.phase ?? 'Pending'
  if (pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') {
    const grace = pod.metadata.deletionGracePeriodSeconds ?? 0
    const since = ago(pod.metadata.deletionTimestamp, nowMs)
    if (node && nodeHealth(node) !== 'Ready') {
      return `is Terminating: it was deleted ${since} but its node ${node.metadata.name} is ${nodeHealth(node)}, so no kubelet can confirm the containers stopped; it stays Terminating until the node returns, the Node is deleted or the pod is force-deleted.`
    }
    return `is Terminating: it was deleted ${since} with a ${grace}s grace period and its containers are being stopped.`
  }
  if (phase === 'Succeeded') return 'has completed: every container exited with code 0 (phase Succeeded).'
  if (phase === 'Failed') {
    const statuses: any[] = pod.status?.containerStatuses ?? []
    const failedContainer = statuses.find((s) => (s.state?.terminated?.exitCode ?? 0) !== 0)
    const why = pod.status?.reason ? `${pod.status.reason}${pod.status.message ? ` — ${pod.status.message}` : ''}` : failedContainer ? `container ${failedContainer.name} exited with code ${failedContainer.state.terminated.exitCode}${failedContainer.state.terminated.reason ? ` (${failedContainer.state.terminated.reason})` : ''}` : 'its containers failed'
    return `has failed (phase Failed): ${why}.`
  }
  if (!pod.spec?.nodeName) {
    const scheduled = condition(pod, 'PodScheduled')
    if ((pod.spec?.schedulingGates ?? []).length > 0 || scheduled?.reason === 'SchedulingGated') {
      return `is Pending: scheduling is gated by ${(pod.spec?.schedulingGates ?? []).map((g: any) => g.name).join(', ') || 'scheduling gates'}; it is not considered until they are removed.`
    }
    if (scheduled?.status === 'False') {
      return `is Pending: no node can take it — ${String(scheduled.message ?? scheduled.reason ?? '').trim()}`
    }
    const failed = latest(events.filter((e) => e.reason === 'FailedScheduling'))
    if (failed) return `is Pending: no node can take it — ${String(failed.message).trim()}`
    return 'is Pending: it has not been scheduled yet (the scheduler has not processed it; run the clock with settle() or advance()).'
  }
  const where = ` on ${pod.spec.nodeName}`
  if (node && nodeHealth(node) !== 'Ready') {
    return `is ${phase} but its node ${node.metadata.name} is ${nodeHealth(node)}: the kubelet there is not reporting, so the pod's state is stale and it will be evicted after its NoExecute toleration runs out.`
  }
  if (!node && pod.spec.nodeName) return `is ${phase}${where}, but the node ${pod.spec.nodeName} does not exist (it was removed); the pod will be garbage-collected.`
  const spec = new Map<string, any>([...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c: any) => [c.name, c]))
  for (const status of pod.status?.initContainerStatuses ?? []) {
    const problem = containerProblem(status, spec.get(status.name), { spec: { restartPolicy: 'Never' } }, events)
    if (problem) return `is ${phase}${where}: init ${problem}.`
  }
  for (const status of pod.status?.containerStatuses ?? []) {
    const problem = containerProblem(status, spec.get(status.name), pod, events)
    if (problem) return `is ${phase === 'Running' ? 'not ready' : phase}${where}: ${problem}.`
  }
  const ready = condition(pod, 'Ready')
  if (ready?.status === 'True') return `is Running and Ready${where}.`
  if (phase === 'Pending' && !(pod.status?.containerStatuses ?? []).length) return `is Pending${where}: the kubelet has not started it yet.`
  const unready = (pod.status?.containerStatuses ?? []).filter((s: any) => s.state?.running && !s.ready)
  if (unready.length > 0) {
    const probeFailure = latest(events.filter((e) => e.reason === 'Unhealthy' && String(e.message ?? '').startsWith('Readiness probe failed')))
    const names = unready.map((s: any) => s.name).join(', ')
    if (probeFailure) return `is Running but not Ready${where}: the readiness probe of ${names} fails — ${String(probeFailure.message).trim()}`
    const probe = spec.get(unready[0].name)?.readinessProbe
    if (probe) return `is Running but not Ready${where}: waiting for the readiness probe of ${names} to succeed (initialDelaySeconds ${probe.initialDelaySeconds ?? 0}, periodSeconds ${probe.periodSeconds ?? 10}).`
    return `is Running but not Ready${where}: container${unready.length > 1 ? 's' : ''} ${names} ${unready.length > 1 ? 'are' : 'is'} not ready yet.`
  }
  const gates: any[] = pod.spec?.readinessGates ?? []
  const openGate = gates.find((g) => condition(pod, g.conditionType)?.status !== 'True')
  if (openGate) return `is Running but not Ready${where}: readiness gate ${openGate.conditionType} is not True.`
  return `is ${phase} but not Ready${where}${ready?.reason ? `: ${ready.reason}${ready.message ? ` — ${ready.message}` : ''}` : ''}.`
}

/** Gathers the pod, its node and its events, and explains. Throws NotFoundError for a missing pod. */
export function whyPod(cluster: Cluster, podName: string, options: { namespace?: string } = {}): string {
  const namespace = options.namespace ?? 'default'
  const store = cluster.env.store
  const pod = store.get<KubeObject & { spec?: any }>('Pod', objectKey(namespace, podName))
  if (!pod) throw new NotFoundError('pods', podName, namespace)
  const node = pod.spec?.nodeName ? store.get('Node', objectKey(undefined, pod.spec.nodeName)) : undefined
  const events = cluster
    .events({ namespace, involvedObject: { kind: 'Pod', name: podName } })
    .filter((e: any) => !e.involvedObject?.uid || e.involvedObject.uid === pod.metadata.uid)
  return explainPod({ pod, node, events, nowMs: cluster.now() })
}
