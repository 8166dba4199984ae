// Pod phase and kubelet-owned conditions from container states, as the kubelet computes them
// (semantics.md §2.1–2.3): `getPhase` ([k8s] pkg/kubelet/kubelet_pods.go) and the condition
// generators of [k8s] pkg/kubelet/status/generate.go (reasons PodCompleted, PodFailed,
// ContainersNotReady "containers with unready status: [a b]", ContainersNotInitialized).
// Pure: inputs are API container statuses, outputs API values.
import type { Container, ContainerStatus, PodCondition, PodPhase } from '../api/pod'

export const KUBELET_CONDITIONS = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady'] as const

export function isSidecar(container: Container): boolean {
  return container.restartPolicy === 'Always'
}

const hasPreviousTermination = (s: ContainerStatus) => !!s.lastState?.terminated

/**
 * The entry named `name` of a container (or container status) list: the last one, as a Map built
 * from the list would give. A pod has a handful of containers: a scan, no Map built per call.
 */
export function lastNamed<T extends { readonly name: string }>(list: readonly T[], name: string): T | undefined {
  for (let i = list.length - 1; i >= 0; i--) if (list[i].name === name) return list[i]
  return undefined
}

/** Statuses by container name, app containers over init ones (names are unique across both anyway). */
interface StatusesByName {
  readonly initStatuses: readonly ContainerStatus[]
  readonly statuses: readonly ContainerStatus[]
}

function statusNamed(input: StatusesByName, name: string): ContainerStatus | undefined {
  return lastNamed(input.statuses, name) ?? lastNamed(input.initStatuses, name)
}

/** getPhase: the pod phase from its init and app container statuses. */
export function computePodPhase(
  spec: { initContainers?: readonly Container[]; containers: readonly Container[]; restartPolicy?: string },
  initStatuses: readonly ContainerStatus[],
  statuses: readonly ContainerStatus[],
  podIsTerminal: boolean,
): PodPhase {
  const restartPolicy = spec.restartPolicy ?? 'Always'
  let pendingInitialization = 0
  let failedInitialization = 0
  for (const c of spec.initContainers ?? []) {
    if (isSidecar(c)) continue
    const s = lastNamed(initStatuses, c.name)
    if (!s) {
      pendingInitialization++
      continue
    }
    const st = s.state ?? {}
    if (st.running) pendingInitialization++
    else if (st.terminated) {
      if (st.terminated.exitCode !== 0) failedInitialization++
    } else if (st.waiting) {
      const last = s.lastState?.terminated
      if (last) {
        if (last.exitCode !== 0) failedInitialization++
      } else pendingInitialization++
    } else pendingInitialization++
  }
  let unknown = 0
  let running = 0
  let waiting = 0
  let stopped = 0
  let succeeded = 0
  for (const c of spec.containers) {
    const s = lastNamed(statuses, c.name)
    if (!s) {
      unknown++
      continue
    }
    const st = s.state ?? {}
    if (st.running) running++
    else if (st.terminated) {
      stopped++
      if (st.terminated.exitCode === 0) succeeded++
    } else if (st.waiting) {
      if (hasPreviousTermination(s)) stopped++
      else waiting++
    } else unknown++
  }
  if (failedInitialization > 0 && restartPolicy === 'Never') return 'Failed'
  const anyStarted = running > 0 || stopped > 0
  if ((pendingInitialization > 0 && !anyStarted) || waiting > 0) return 'Pending'
  if (running > 0 && unknown === 0) return 'Running'
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed'
    if (restartPolicy === 'Always') return 'Running'
    if (stopped === succeeded) return 'Succeeded'
    if (restartPolicy === 'Never') return 'Failed'
    return 'Running'
  }
  return 'Pending'
}

interface ConditionValue {
  status: 'True' | 'False' | 'Unknown'
  reason?: string
  message?: string
}

export interface ConditionInput {
  spec: { initContainers?: readonly Container[]; containers: readonly Container[]; readinessGates?: readonly { conditionType: string }[] }
  phase: PodPhase
  sandboxReady: boolean
  initStatuses: readonly ContainerStatus[]
  statuses: readonly ContainerStatus[]
  /** The pod's current conditions: transition times are kept when the status does not change. */
  current: readonly PodCondition[]
  now: string
  /** Terminating pods are not ready. */
  terminating: boolean
}

/** The kubelet's conditions in upstream order, followed by everyone else's conditions unchanged. */
export function computePodConditions(input: ConditionInput): PodCondition[] {
  const terminal = input.phase === 'Succeeded' || input.phase === 'Failed'
  const containersReady = containersReadyCondition(input)
  const out: PodCondition[] = [
    withTransition(input, 'PodReadyToStartContainers', { status: input.sandboxReady && !terminal ? 'True' : 'False' }),
    withTransition(input, 'Initialized', initializedCondition(input)),
    withTransition(input, 'Ready', readyCondition(input, terminal, containersReady)),
    withTransition(input, 'ContainersReady', containersReady),
  ]
  for (const c of input.current) if (!(KUBELET_CONDITIONS as readonly string[]).includes(c.type)) out.push(c)
  return out
}

/** lastTransitionTime is kept while the status stays. */
function withTransition(input: ConditionInput, type: (typeof KUBELET_CONDITIONS)[number], next: ConditionValue): PodCondition {
  let previous: PodCondition | undefined
  for (const c of input.current) {
    if (c.type === type) {
      previous = c
      break
    }
  }
  const transition = previous && previous.status === next.status ? previous.lastTransitionTime ?? input.now : input.now
  const condition: PodCondition = { type, status: next.status, lastProbeTime: null, lastTransitionTime: transition }
  if (next.reason) condition.reason = next.reason
  if (next.message) condition.message = next.message
  return condition
}

function initializedCondition(input: ConditionInput): ConditionValue {
  if (input.phase === 'Succeeded') return { status: 'True', reason: 'PodCompleted' }
  for (const c of input.spec.containers) {
    const s = statusNamed(input, c.name)
    if (s && (s.state?.running || s.state?.terminated || s.lastState?.terminated)) return { status: 'True' }
  }
  const incomplete: string[] = []
  for (const c of input.spec.initContainers ?? []) {
    const s = statusNamed(input, c.name)
    if (!s || (isSidecar(c) ? s.started !== true : !s.ready)) incomplete.push(c.name)
  }
  return incomplete.length ? { status: 'False', reason: 'ContainersNotInitialized', message: `containers with incomplete status: [${incomplete.join(' ')}]` } : { status: 'True' }
}

function containersReadyCondition(input: ConditionInput): ConditionValue {
  if (input.phase === 'Succeeded') return { status: 'False', reason: 'PodCompleted' }
  if (input.phase === 'Failed') return { status: 'False', reason: 'PodFailed' }
  const unready: string[] = []
  const unknown: string[] = []
  for (const c of input.spec.initContainers ?? []) if (isSidecar(c)) classifyReadiness(c, input, unknown, unready)
  for (const c of input.spec.containers) classifyReadiness(c, input, unknown, unready)
  if (!unknown.length && !unready.length) return { status: 'True' }
  const messages: string[] = []
  if (unknown.length) messages.push(`containers with unknown status: [${unknown.join(' ')}]`)
  if (unready.length) messages.push(`containers with unready status: [${unready.join(' ')}]`)
  return { status: 'False', reason: 'ContainersNotReady', message: messages.join(', ') }
}

function classifyReadiness(c: Container, input: StatusesByName, unknown: string[], unready: string[]): void {
  const s = statusNamed(input, c.name)
  if (!s) unknown.push(c.name)
  else if (!s.ready) unready.push(c.name)
}

function readyCondition(input: ConditionInput, terminal: boolean, containersReady: ConditionValue): ConditionValue {
  if (terminal) return { status: 'False', reason: input.phase === 'Failed' ? 'PodFailed' : 'PodCompleted' }
  if (containersReady.status !== 'True') return containersReady
  const gates: string[] = []
  for (const gate of input.spec.readinessGates ?? []) {
    const c = input.current.find((x) => x.type === gate.conditionType)
    if (!c) gates.push(`corresponding condition of pod readiness gate "${gate.conditionType}" does not exist.`)
    else if (c.status !== 'True') gates.push(`the status of pod readiness gate "${gate.conditionType}" is not "True", but ${c.status}`)
  }
  if (gates.length) return { status: 'False', reason: 'ReadinessGatesNotReady', message: gates.join(', ') }
  return { status: 'True' }
}
