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

/**
 * getPhase: the pod phase from its init and app container statuses. The specs are the stored (frozen)
 * pod's: loops here index them, because for..of over a frozen array allocates an iterator result
 * per element (V8 inlines array iteration only for extensible arrays).
 */
export function computePodPhase(
  spec: { initContainers?: readonly Container[]; containers: readonly Container[]; restartPolicy?: string },
  initStatuses: readonly ContainerStatus[],
  statuses: readonly ContainerStatus[],
  podIsTerminal: boolean,
): PodPhase {
  const restartPolicy = spec.restartPolicy ?? 'Always'
  let pendingInitialization = 0
  let failedInitialization = 0
  const initContainers = spec.initContainers ?? []
  for (let i = 0; i < initContainers.length; i++) {
    const c = initContainers[i]
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
  for (let i = 0; i < spec.containers.length; i++) {
    const s = lastNamed(statuses, spec.containers[i].name)
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

// The values without a message, shared (they are only read).
const TRUE: ConditionValue = { status: 'True' }
const FALSE: ConditionValue = { status: 'False' }
const COMPLETED: ConditionValue = { status: 'True', reason: 'PodCompleted' }
const NOT_READY_COMPLETED: ConditionValue = { status: 'False', reason: 'PodCompleted' }
const NOT_READY_FAILED: ConditionValue = { status: 'False', reason: 'PodFailed' }

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
  // The first current condition of each kubelet type (its transition time is kept), in one pass.
  const current = input.current
  let readyToStartWas: PodCondition | undefined
  let initializedWas: PodCondition | undefined
  let readyWas: PodCondition | undefined
  let containersReadyWas: PodCondition | undefined
  for (let i = 0; i < current.length; i++) {
    const c = current[i]
    if (c.type === 'PodReadyToStartContainers') readyToStartWas ??= c
    else if (c.type === 'Initialized') initializedWas ??= c
    else if (c.type === 'Ready') readyWas ??= c
    else if (c.type === 'ContainersReady') containersReadyWas ??= c
  }
  const out: PodCondition[] = [
    withTransition(input, readyToStartWas, 0, 'PodReadyToStartContainers', input.sandboxReady && !terminal ? TRUE : FALSE),
    withTransition(input, initializedWas, 1, 'Initialized', initializedCondition(input)),
    withTransition(input, readyWas, 2, 'Ready', readyCondition(input, terminal, containersReady)),
    withTransition(input, containersReadyWas, 3, 'ContainersReady', containersReady),
  ]
  for (let i = 0; i < current.length; i++) if (!(KUBELET_CONDITIONS as readonly string[]).includes(current[i].type)) out.push(current[i])
  return out
}

/**
 * lastTransitionTime is kept from the `previous` condition of the type while the status stays.
 * When the condition at this `slot` of the current ones is exactly the one to write, it is returned
 * itself: the store would keep it anyway (it shares subtrees equal to the stored ones at the same
 * place), so no copy is built.
 */
function withTransition(input: ConditionInput, previous: PodCondition | undefined, slot: number, type: (typeof KUBELET_CONDITIONS)[number], next: ConditionValue): PodCondition {
  const transition = previous && previous.status === next.status ? previous.lastTransitionTime ?? input.now : input.now
  if (previous !== undefined && previous === input.current[slot] && isConditionAsBuilt(previous, next, transition)) return previous
  const condition: PodCondition = { type, status: next.status, lastProbeTime: null, lastTransitionTime: transition }
  if (next.reason) condition.reason = next.reason
  if (next.message) condition.message = next.message
  return condition
}

/** The first condition of that type. */
function conditionOfType(conditions: readonly PodCondition[], type: string): PodCondition | undefined {
  for (let i = 0; i < conditions.length; i++) if (conditions[i].type === type) return conditions[i]
  return undefined
}

/** True when `c` deep-equals (as isDeepEqual) the condition withTransition would build (its type already matches). */
function isConditionAsBuilt(c: PodCondition, next: ConditionValue, transition: string): boolean {
  if (c.status !== next.status || c.lastProbeTime !== null || c.lastTransitionTime !== transition) return false
  if (c.reason !== (next.reason || undefined) || c.message !== (next.message || undefined)) return false
  // Nothing else: type, status, lastProbeTime and lastTransitionTime, plus reason and message when set.
  return definedFieldCount(c) === 4 + (next.reason ? 1 : 0) + (next.message ? 1 : 0)
}

/** How many fields of an API object hold a value (isDeepEqual counts a field set to undefined as missing). */
export function definedFieldCount(o: object): number {
  let n = 0
  for (const key in o) if ((o as Record<string, unknown>)[key] !== undefined) n++
  return n
}

function initializedCondition(input: ConditionInput): ConditionValue {
  if (input.phase === 'Succeeded') return COMPLETED
  const containers = input.spec.containers
  for (let i = 0; i < containers.length; i++) {
    const s = statusNamed(input, containers[i].name)
    if (s && (s.state?.running || s.state?.terminated || s.lastState?.terminated)) return TRUE
  }
  // The names of the incomplete init containers, space-separated (the message lists them so).
  let incomplete: string | undefined
  const initContainers = input.spec.initContainers ?? []
  for (let i = 0; i < initContainers.length; i++) {
    const c = initContainers[i]
    const s = statusNamed(input, c.name)
    if (!s || (isSidecar(c) ? s.started !== true : !s.ready)) incomplete = incomplete === undefined ? c.name : `${incomplete} ${c.name}`
  }
  return incomplete !== undefined ? { status: 'False', reason: 'ContainersNotInitialized', message: `containers with incomplete status: [${incomplete}]` } : TRUE
}

function containersReadyCondition(input: ConditionInput): ConditionValue {
  if (input.phase === 'Succeeded') return NOT_READY_COMPLETED
  if (input.phase === 'Failed') return NOT_READY_FAILED
  const unknown = namesByReadiness(input, 'unknown')
  const unready = namesByReadiness(input, 'unready')
  if (unknown === undefined && unready === undefined) return TRUE
  const unknownMessage = unknown === undefined ? undefined : `containers with unknown status: [${unknown}]`
  const unreadyMessage = unready === undefined ? undefined : `containers with unready status: [${unready}]`
  const message = unknownMessage === undefined ? unreadyMessage : unreadyMessage === undefined ? unknownMessage : `${unknownMessage}, ${unreadyMessage}`
  return { status: 'False', reason: 'ContainersNotReady', message }
}

type Readiness = 'unknown' | 'unready' | 'ready'

/**
 * The names of the sidecars and app containers, in that order, whose readiness is `wanted`,
 * space-separated (as the message lists them); undefined when there are none.
 */
function namesByReadiness(input: ConditionInput, wanted: Readiness): string | undefined {
  let names: string | undefined
  const initContainers = input.spec.initContainers ?? []
  for (let i = 0; i < initContainers.length; i++) {
    const c = initContainers[i]
    if (isSidecar(c) && readinessOf(input, c.name) === wanted) names = names === undefined ? c.name : `${names} ${c.name}`
  }
  const containers = input.spec.containers
  for (let i = 0; i < containers.length; i++) {
    const name = containers[i].name
    if (readinessOf(input, name) === wanted) names = names === undefined ? name : `${names} ${name}`
  }
  return names
}

function readinessOf(input: StatusesByName, name: string): Readiness {
  const s = statusNamed(input, name)
  return !s ? 'unknown' : s.ready ? 'ready' : 'unready'
}

function readyCondition(input: ConditionInput, terminal: boolean, containersReady: ConditionValue): ConditionValue {
  if (terminal) return input.phase === 'Failed' ? NOT_READY_FAILED : NOT_READY_COMPLETED
  if (containersReady.status !== 'True') return containersReady
  const gates: string[] = []
  const readinessGates = input.spec.readinessGates ?? []
  for (let i = 0; i < readinessGates.length; i++) {
    const gate = readinessGates[i]
    const c = conditionOfType(input.current, gate.conditionType)
    if (!c) gates.push(`corresponding condition of pod readiness gate "${gate.conditionType}" does not exist.`)
    else if (c.status !== 'True') gates.push(`the status of pod readiness gate "${gate.conditionType}" is not "True", but ${c.status}`)
  }
  if (gates.length) return { status: 'False', reason: 'ReadinessGatesNotReady', message: gates.join(', ') }
  return TRUE
}
