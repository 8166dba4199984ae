// kubesim/vitest: vitest matchers for kubesim objects, registered with expect.extend when this module
// is imported (add `import 'kubesim/vitest'` to a test file or to vitest's setupFiles).
//
//   expect(cluster.get('Deployment', 'web')).toHaveRolledOut()
//   expect(cluster.get('Pod', 'web-0')).toBeReady()
//   expect(cluster).toHaveEvent('Scheduled', { object: pod })
//
// Matchers read the object they are given (a frozen snapshot), so they check the state at the
// moment `cluster.get` was called. Failure messages show the object's `kubectl get` line; call
// `track(cluster)` once (e.g. in beforeEach) and they also show the object's recent events.
// Nothing here reads the wall clock or uses timers, so `vi.useFakeTimers()` cannot affect it.
import { expect } from 'vitest'
import { printTable, rolloutStatus, type Obj } from '../kubectl'
import { describeEvents, PrefixWriter } from '../kubectl/describe-writer'
import { timestampMs } from '../kubectl/time'

/** The slice of a Cluster the matchers use (structural, so copies of the package interoperate). */
export interface ClusterLike {
  now(): number
  events(filter?: { namespace?: string; involvedObject?: { kind?: string; name?: string; namespace?: string } }): readonly any[]
  get(kind: string, name: string, options?: { namespace?: string }): any
}

export interface EventExpectation {
  /** The involved object: a stored object, or `{ kind, name, namespace? }`. */
  object?: { kind?: string; name?: string; namespace?: string; metadata?: { name?: string; namespace?: string } }
  type?: 'Normal' | 'Warning'
  /** An exact message, or a pattern. */
  message?: string | RegExp
  /** At least this many occurrences (the aggregated `count`). */
  count?: number
  /** Namespace of the events; default: the object's namespace, or every namespace. */
  namespace?: string
}

interface KubesimMatchers<R = unknown> {
  /** Pod: the Ready condition is True. Node: Ready. Deployment/ReplicaSet/StatefulSet: every desired replica ready. DaemonSet: every scheduled pod ready. */
  toBeReady(): R
  /** Pod: phase Running and every container running (a crash-looping pod is not). */
  toBeRunning(): R
  /** status.availableReplicas (DaemonSet: numberAvailable) equals n. */
  toHaveAvailableReplicas(n: number): R
  /** Deployment, StatefulSet or DaemonSet: `kubectl rollout status` would report success. */
  toHaveRolledOut(): R
  /** Job: the Complete condition is True. */
  toBeComplete(): R
  /** Pod: bound to this node. */
  toBeScheduledOn(node: string): R
  /** On a cluster: an Event with this reason exists (filter by object, type, message, count). On an object: needs `track(cluster)`. */
  toHaveEvent(reason: string, expectation?: EventExpectation): R
}

declare module 'vitest' {
  interface Matchers<T = any> extends KubesimMatchers<T> {}
}

const tracked: ClusterLike[] = []
const MAX_TRACKED = 16

/** Lets failure messages (and `expect(object).toHaveEvent`) find the object's events in this cluster. */
export function track<C extends ClusterLike>(cluster: C): C {
  const i = tracked.indexOf(cluster)
  if (i >= 0) tracked.splice(i, 1)
  tracked.unshift(cluster)
  if (tracked.length > MAX_TRACKED) tracked.length = MAX_TRACKED
  return cluster
}

function isCluster(value: unknown): value is ClusterLike {
  const v = value as any
  return !!v && typeof v.events === 'function' && typeof v.now === 'function' && typeof v.get === 'function' && typeof v.kubectl === 'function'
}

function isObject(value: unknown): value is Obj {
  const v = value as any
  return !!v && typeof v === 'object' && typeof v.kind === 'string' && !!v.metadata && typeof v.metadata === 'object'
}

/** The tracked cluster that holds this very object (same uid), if any. */
function clusterOf(obj: Obj): ClusterLike | undefined {
  return tracked.find((c) => {
    try {
      return c.get(obj.kind!, obj.metadata.name ?? '', { namespace: obj.metadata.namespace })?.metadata?.uid === obj.metadata.uid
    } catch {
      return false
    }
  })
}

/** Without a cluster, ages are computed at the object's latest timestamp (its last observed change). */
function latestTimestampMs(value: unknown, best = 0): number {
  if (typeof value === 'string') {
    const ms = /^\d{4}-\d\d-\d\dT/.test(value) ? timestampMs(value) : undefined
    return ms !== undefined && ms > best ? ms : best
  }
  if (Array.isArray(value)) return value.reduce((b, v) => latestTimestampMs(v, b), best)
  if (value && typeof value === 'object') return Object.values(value).reduce((b: number, v) => latestTimestampMs(v, b), best)
  return best
}

function eventsOf(cluster: ClusterLike, obj: Obj): any[] {
  return cluster
    .events({ namespace: obj.metadata.namespace || 'default', involvedObject: { kind: obj.kind, name: obj.metadata.name } })
    .filter((e: any) => !e.involvedObject?.uid || !obj.metadata.uid || e.involvedObject.uid === obj.metadata.uid || obj.kind === 'Node')
}

/** The object's `kubectl get` line, and its events when a tracked cluster holds it. */
function context(obj: Obj): string {
  const cluster = clusterOf(obj)
  const nowMs = cluster ? cluster.now() : latestTimestampMs(obj)
  let text = `\n\n${printTable(obj.kind!, [obj], { nowMs, wide: obj.kind === 'Pod' })}`
  if (cluster) {
    // The Events block exactly as `kubectl describe` prints it (the latest ten).
    const w = new PrefixWriter()
    describeEvents(eventsOf(cluster, obj).slice(-10), w, nowMs)
    text += `\n${w.toString()}`
  }
  return text
}

const label = (obj: Obj): string => `${String(obj.kind).toLowerCase()} ${obj.metadata.namespace && obj.metadata.namespace !== 'default' ? `${obj.metadata.namespace}/` : ''}${obj.metadata.name}`
const conditionOf = (obj: Obj, type: string): any => (obj.status?.conditions ?? []).find((c: any) => c.type === type)

interface Result {
  pass: boolean
  message: () => string
  actual?: unknown
  expected?: unknown
}

function notAnObject(name: string, received: unknown): Result {
  return { pass: false, message: () => `${name}: expected a Kubernetes object (from cluster.get), received ${received === undefined ? 'undefined (the object does not exist?)' : typeof received}` }
}

function readiness(obj: Obj): { ready: boolean; detail: string } {
  const spec = obj.spec ?? {}
  const status = obj.status ?? {}
  switch (obj.kind) {
    case 'Pod':
    case 'Node': {
      const c = conditionOf(obj, 'Ready')
      return { ready: c?.status === 'True', detail: c ? `Ready condition is ${c.status}${c.reason ? ` (${c.reason})` : ''}` : 'no Ready condition yet' }
    }
    case 'Deployment':
    case 'ReplicaSet':
    case 'ReplicationController':
    case 'StatefulSet': {
      const want = spec.replicas ?? 1
      const ready = status.readyReplicas ?? 0
      return { ready: ready === want && (status.replicas ?? 0) === want, detail: `${ready}/${want} replicas ready, ${status.replicas ?? 0} total` }
    }
    case 'DaemonSet': {
      const want = status.desiredNumberScheduled ?? 0
      const ready = status.numberReady ?? 0
      return { ready: ready === want && (status.currentNumberScheduled ?? 0) === want, detail: `${ready}/${want} daemon pods ready` }
    }
    default:
      return { ready: false, detail: `readiness is not defined for ${obj.kind}` }
  }
}

expect.extend({
  toBeReady(received: unknown) {
    if (!isObject(received)) return notAnObject('toBeReady', received)
    const { ready, detail } = readiness(received)
    return { pass: ready, message: () => `expected ${label(received)} ${this.isNot ? 'not ' : ''}to be ready: ${detail}${context(received)}` }
  },

  toBeRunning(received: unknown) {
    if (!isObject(received)) return notAnObject('toBeRunning', received)
    if (received.kind !== 'Pod') return { pass: false, message: () => `toBeRunning applies to pods, received a ${received.kind}` }
    const statuses: any[] = received.status?.containerStatuses ?? []
    const phase = received.status?.phase
    const notRunning = statuses.filter((s) => !s.state?.running).map((s) => `${s.name} ${s.state?.waiting ? `waiting (${s.state.waiting.reason})` : s.state?.terminated ? `terminated (${s.state.terminated.reason ?? s.state.terminated.exitCode})` : 'has no state'}`)
    const pass = phase === 'Running' && statuses.length > 0 && notRunning.length === 0 && !received.metadata.deletionTimestamp
    const detail = phase !== 'Running' ? `phase is ${phase ?? '<none>'}` : notRunning.length ? `container ${notRunning.join(', ')}` : received.metadata.deletionTimestamp ? 'it is terminating' : 'it is running'
    return { pass, message: () => `expected ${label(received)} ${this.isNot ? 'not ' : ''}to be running: ${detail}${context(received)}` }
  },

  toHaveAvailableReplicas(received: unknown, n: number) {
    if (!isObject(received)) return notAnObject('toHaveAvailableReplicas', received)
    const available = received.kind === 'DaemonSet' ? received.status?.numberAvailable ?? 0 : received.status?.availableReplicas ?? 0
    return {
      pass: available === n,
      message: () => `expected ${label(received)} ${this.isNot ? 'not ' : ''}to have ${n} available replicas, it has ${available}${context(received)}`,
      actual: available,
      expected: n,
    }
  },

  toHaveRolledOut(received: unknown) {
    if (!isObject(received)) return notAnObject('toHaveRolledOut', received)
    const status = rolloutStatus(received)
    return {
      pass: status.done && !status.error,
      message: () => `expected ${label(received)} ${this.isNot ? 'not ' : ''}to have rolled out; kubectl rollout status says: ${status.message.trim()}${context(received)}`,
    }
  },

  toBeComplete(received: unknown) {
    if (!isObject(received)) return notAnObject('toBeComplete', received)
    const complete = conditionOf(received, 'Complete')
    const failed = conditionOf(received, 'Failed')
    const detail = complete?.status === 'True' ? 'it is Complete' : failed?.status === 'True' ? `it Failed (${failed.reason ?? ''}: ${failed.message ?? ''})` : `succeeded ${received.status?.succeeded ?? 0}, active ${received.status?.active ?? 0}, failed ${received.status?.failed ?? 0}`
    return { pass: complete?.status === 'True', message: () => `expected ${label(received)} ${this.isNot ? 'not ' : ''}to be complete: ${detail}${context(received)}` }
  },

  toBeScheduledOn(received: unknown, node: string) {
    if (!isObject(received)) return notAnObject('toBeScheduledOn', received)
    const actual = received.spec?.nodeName
    return {
      pass: actual === node,
      message: () => `expected ${label(received)} ${this.isNot ? 'not ' : ''}to be scheduled on ${node}, it is ${actual ? `on ${actual}` : 'not scheduled'}${context(received)}`,
      actual,
      expected: node,
    }
  },

  toHaveEvent(received: unknown, reason: string, expectation: EventExpectation = {}) {
    let cluster: ClusterLike | undefined
    let object = expectation.object
    if (isCluster(received)) cluster = received
    else if (isObject(received)) {
      cluster = clusterOf(received)
      object = received
      if (!cluster) return { pass: false, message: () => `toHaveEvent on an object needs its cluster: call track(cluster) first, or use expect(cluster).toHaveEvent('${reason}', { object })` }
    } else return { pass: false, message: () => `toHaveEvent: expected a cluster or a tracked object, received ${typeof received}` }
    const objectName = object?.metadata?.name ?? object?.name
    const objectNs = object?.metadata?.namespace ?? object?.namespace
    const kind = (object as any)?.kind
    const namespace = expectation.namespace ?? (objectNs || (objectName ? 'default' : '*'))
    const candidates = cluster.events({ namespace, involvedObject: objectName ? { kind, name: objectName } : undefined })
    const matches = candidates.filter((e: any) =>
      e.reason === reason &&
      (!expectation.type || e.type === expectation.type) &&
      (expectation.message === undefined || (typeof expectation.message === 'string' ? e.message === expectation.message : expectation.message.test(String(e.message ?? '')))) &&
      (expectation.count === undefined || (e.count ?? 1) >= expectation.count),
    )
    const about = objectName ? ` about ${kind ? `${String(kind).toLowerCase()}/` : ''}${objectName}` : ''
    const want = [expectation.type, reason].filter(Boolean).join(' ') + (expectation.message !== undefined ? ` with message ${String(expectation.message)}` : '') + (expectation.count !== undefined ? ` at least ${expectation.count} times` : '')
    const seen = candidates.slice(-15).map((e: any) => `  ${e.type} ${e.reason} ${String(e.involvedObject?.kind ?? '').toLowerCase()}/${e.involvedObject?.name}: ${e.message}${(e.count ?? 1) > 1 ? ` (x${e.count})` : ''}`)
    return {
      pass: matches.length > 0,
      message: () => `expected ${this.isNot ? 'no' : 'an'} event ${want}${about}; ${seen.length ? `events seen${about}:\n${seen.join('\n')}` : `no events${about}`}`,
    }
  },
})

export type { KubesimMatchers }
