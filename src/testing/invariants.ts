// Invariant checkers for property tests (exported as kubesim/testing). Run `check()` at quiet
// instants (after `settle()`, or at every instant of `advance()` through the checker's own helpers):
// each invariant is a fact that real Kubernetes guarantees once an instant's reactions are done (or
// that its controllers promise while no fault is injected). A violation names the invariant and the
// objects involved. The checker remembers what it saw (bindings, terminal pods, revisions), so create
// it before the first write you want judged and call it regularly.
import type { Cluster } from '../cluster/cluster'
import type { KubeObject } from '../api/meta'
import { parseCpuMillis, parseBytes, parseQuantity } from '../api/quantity'
import { KubesimError, TimeoutError } from '../api/errors'
import { podRequests } from '../controllers/scheduler/pod-requests'
import { matchesLabelSelector } from '../store/selectors'
import { toMs, type Duration } from '../sim/duration'

export interface InvariantViolation {
  invariant: string
  message: string
}

export interface InvariantOptions {
  /**
   * Skip the Deployment surge bound (replicas + maxSurge). Upstream promises it only for the
   * controller's own actions; set this while you inject faults the bound is not meant to survive.
   */
  faultsInjected?: boolean
}

type AnyObject = KubeObject & { spec?: any; status?: any; subsets?: any[]; endpoints?: any[] }

const isTerminal = (pod: AnyObject) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed'
const isReady = (pod: AnyObject) => pod.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True') ?? false
/** Counts toward its controller: neither finished nor being deleted. */
const isLive = (pod: AnyObject) => !isTerminal(pod) && !pod.metadata.deletionTimestamp
const name = (o: KubeObject) => (o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name)
const isControlledBy = (o: KubeObject, owner: KubeObject) => o.metadata.ownerReferences?.some((r) => r.controller && r.uid === owner.metadata.uid) ?? false

/** A checker that remembers what it saw, so it can catch changes over time (a pod moving nodes). */
export function createInvariantChecker(cluster: Cluster) {
  const boundTo = new Map<string, string>()
  const nodesEverSeen = new Set<string>()
  const terminalPhase = new Map<string, string>()
  let traceChecked = 0
  let lastRevision = 0

  function check(options: InvariantOptions = {}): InvariantViolation[] {
    const violations: InvariantViolation[] = []
    const report = (invariant: string, message: string) => violations.push({ invariant, message })
    const store = cluster.env.store
    const nodes = store.list<AnyObject>('Node')
    for (const node of nodes) nodesEverSeen.add(node.metadata.name)
    const pods = store.list<AnyObject>('Pod')
    const dependentsOf = (uid: string | undefined) => (uid ? (store.dependents(uid) as AnyObject[]) : [])

    // A pod is bound at most once, to a node that exists (or existed: PodGC removes pods of deleted nodes).
    for (const pod of pods) {
      const node = pod.spec?.nodeName
      if (!node) continue
      const previous = boundTo.get(pod.metadata.uid!)
      if (previous && previous !== node) report('pod-bound-once', `pod ${name(pod)} moved from node ${previous} to ${node}`)
      boundTo.set(pod.metadata.uid!, node)
      if (!nodesEverSeen.has(node)) report('pod-on-real-node', `pod ${name(pod)} is bound to node ${node}, which never existed`)
    }

    // Succeeded and Failed are terminal: a pod never leaves them (the API server forbids it).
    for (const pod of pods) {
      const seen = terminalPhase.get(pod.metadata.uid!)
      if (seen && pod.status?.phase !== seen) report('pod-phase-terminal', `pod ${name(pod)} went from ${seen} to ${pod.status?.phase}`)
      if (!seen && isTerminal(pod)) terminalPhase.set(pod.metadata.uid!, pod.status.phase)
    }

    // Forget deleted pods now and then (a uid never comes back), so long runs stay small.
    if (boundTo.size + terminalPhase.size > 4 * pods.length + 1000) {
      const live = new Set(pods.map((p) => p.metadata.uid!))
      for (const map of [boundTo, terminalPhase]) for (const uid of [...map.keys()]) if (!live.has(uid)) map.delete(uid)
    }

    // No node holds more than its allocatable resources (terminating pods still hold theirs).
    for (const node of nodes) {
      const allocatable = node.status?.allocatable ?? node.status?.capacity ?? {}
      let milliCpu = 0
      let memory = 0
      let count = 0
      for (const pod of store.podsOnNode<any>(node.metadata.name)) {
        if (isTerminal(pod)) continue
        const r = requestsOf(pod)
        milliCpu += r.milliCpu
        memory += r.memoryBytes
        count++
      }
      if (allocatable.cpu !== undefined && milliCpu > parseCpuMillis(allocatable.cpu)) report('node-capacity', `node ${node.metadata.name} has ${milliCpu}m CPU requested of ${allocatable.cpu}`)
      if (allocatable.memory !== undefined && memory > parseBytes(allocatable.memory)) report('node-capacity', `node ${node.metadata.name} has ${memory} bytes requested of ${allocatable.memory}`)
      if (allocatable.pods !== undefined && count > parseQuantity(allocatable.pods)) report('node-capacity', `node ${node.metadata.name} runs ${count} pods of ${allocatable.pods}`)
    }

    // No two live pods of a StatefulSet share an ordinal.
    for (const set of store.list<AnyObject>('StatefulSet')) {
      const seen = new Map<string, string>()
      for (const pod of dependentsOf(set.metadata.uid)) {
        if (pod.kind !== 'Pod' || !isControlledBy(pod, set) || !isLive(pod)) continue
        // getParentNameAndOrdinal: the trailing decimal number of the name ("web-01" is ordinal 1).
        const match = /^(.*)-([0-9]+)$/.exec(pod.metadata.name)
        if (!match || match[1] !== set.metadata.name) continue
        const ordinal = String(Number(match[2]))
        if (seen.has(ordinal)) report('statefulset-ordinal-unique', `StatefulSet ${name(set)} has two live pods with ordinal ${ordinal}: ${seen.get(ordinal)} and ${pod.metadata.name}`)
        seen.set(ordinal, pod.metadata.name)
      }
    }

    // A DaemonSet runs at most one live pod per node (two during a surge rollout: maxSurge > 0).
    for (const ds of store.list<AnyObject>('DaemonSet')) {
      const surge = ds.spec.updateStrategy?.type !== 'OnDelete' ? ds.spec.updateStrategy?.rollingUpdate?.maxSurge ?? 0 : 0
      const limit = surge === 0 || surge === '0%' ? 1 : 2
      const perNode = new Map<string, string[]>()
      for (const pod of dependentsOf(ds.metadata.uid)) {
        if (pod.kind !== 'Pod' || !isControlledBy(pod, ds) || !isLive(pod) || !pod.spec.nodeName) continue
        perNode.set(pod.spec.nodeName, [...(perNode.get(pod.spec.nodeName) ?? []), pod.metadata.name])
      }
      for (const [node, names] of [...perNode].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        if (names.length > limit) report('daemonset-pods-per-node', `DaemonSet ${name(ds)} runs ${names.length} pods on node ${node} (${names.sort().join(', ')}), at most ${limit} allowed`)
    }

    // A Deployment never runs more than replicas + maxSurge pods (rolling update, no fault injected).
    if (!options.faultsInjected) {
      for (const d of store.list<AnyObject>('Deployment')) {
        if ((d.spec.strategy?.type ?? 'RollingUpdate') !== 'RollingUpdate' || d.spec.paused || d.metadata.deletionTimestamp) continue
        const replicas = d.spec.replicas ?? 1
        const surge = resolvePercent(d.spec.strategy?.rollingUpdate?.maxSurge ?? '25%', replicas, true)
        let total = 0
        for (const rs of dependentsOf(d.metadata.uid))
          if (rs.kind === 'ReplicaSet' && isControlledBy(rs, d)) for (const pod of dependentsOf(rs.metadata.uid)) if (pod.kind === 'Pod' && isControlledBy(pod, rs) && isLive(pod)) total++
        if (total > replicas + surge) report('deployment-surge', `Deployment ${name(d)} runs ${total} pods, more than ${replicas} replicas + ${surge} surge`)
      }
    }

    // A Job never has more active pods than its parallelism.
    for (const job of store.list<AnyObject>('Job')) {
      const parallelism = job.spec.parallelism ?? 1
      let active = 0
      for (const pod of dependentsOf(job.metadata.uid)) if (pod.kind === 'Pod' && isControlledBy(pod, job) && isLive(pod)) active++
      if (active > parallelism) report('job-parallelism', `Job ${name(job)} has ${active} active pods, parallelism ${parallelism}`)
    }

    // Every ready address of an Endpoints object is a ready, not terminating pod selected by its
    // Service, at that pod's IP (ShouldPodBeInEndpoints; publishNotReadyAddresses lists any live pod).
    for (const endpoints of store.list<AnyObject>('Endpoints')) {
      const service = store.get<AnyObject>('Service', `${endpoints.metadata.namespace}/${endpoints.metadata.name}`)
      if (!service?.spec?.selector) continue
      for (const subset of endpoints.subsets ?? [])
        for (const address of subset.addresses ?? []) {
          const problem = endpointProblem(store.get<AnyObject>('Pod', `${address.targetRef?.namespace ?? endpoints.metadata.namespace}/${address.targetRef?.name}`), service, address.ip)
          if (address.targetRef?.kind === 'Pod' && problem) report('endpoints-ready-pods', `Endpoints ${name(endpoints)} lists ${address.targetRef.name} (${address.ip}) as ready, but ${problem}`)
        }
    }

    // The same for the endpoints an EndpointSlice marks ready (terminating ones are listed, not ready).
    for (const slice of store.list<AnyObject>('EndpointSlice')) {
      if (slice.metadata.labels?.['endpointslice.kubernetes.io/managed-by'] !== 'endpointslice-controller.k8s.io') continue
      const serviceName = slice.metadata.labels?.['kubernetes.io/service-name']
      const service = serviceName ? store.get<AnyObject>('Service', `${slice.metadata.namespace}/${serviceName}`) : undefined
      if (!service?.spec?.selector) continue
      for (const endpoint of slice.endpoints ?? []) {
        if (endpoint.conditions?.ready !== true || endpoint.targetRef?.kind !== 'Pod') continue
        const problem = endpointProblem(store.get<AnyObject>('Pod', `${endpoint.targetRef.namespace ?? slice.metadata.namespace}/${endpoint.targetRef.name}`), service, endpoint.addresses?.[0])
        if (problem) report('endpoints-ready-pods', `EndpointSlice ${name(slice)} marks ${endpoint.targetRef.name} (${endpoint.addresses?.[0]}) ready, but ${problem}`)
      }
    }

    // resourceVersions strictly increase across all writes.
    const trace = cluster.trace()
    for (; traceChecked < trace.length; traceChecked++) {
      const rv = Number(trace[traceChecked].resourceVersion)
      if (!(rv > lastRevision)) report('resource-version-order', `write #${traceChecked + 1} has resourceVersion ${rv} after ${lastRevision}`)
      lastRevision = rv
    }

    // Owner references point to live owners, or the dependent is already being deleted.
    for (const info of store.registry.kinds())
      for (const object of store.list(info.kind)) {
        const refs = object.metadata.ownerReferences
        if (!refs || object.metadata.deletionTimestamp) continue
        for (const ref of refs)
          if (!store.byUid(ref.uid)) report('owner-references-live', `${info.kind} ${name(object)} points to ${ref.kind} ${ref.name} (${ref.uid}), which no longer exists`)
      }
    return violations
  }

  function assert(options: InvariantOptions = {}): void {
    const found = check(options)
    if (found.length) throw new InvariantError(found, cluster.elapsed())
  }

  return {
    check,
    /** Throws an InvariantError listing every violation. */
    assert,
    /** `cluster.settle()`, then assert. */
    settle(options: InvariantOptions = {}): void {
      cluster.settle()
      assert(options)
    },
    /** `cluster.advance(duration)`, asserting at every instant the loop stops at on the way. */
    advance(duration: Duration, options: InvariantOptions = {}): void {
      const targetMs = cluster.now() + toMs(duration)
      cluster.runUntil(
        () => {
          assert(options)
          return cluster.now() >= targetMs
        },
        { timeout: targetMs - cluster.now() },
      )
    },
    /**
     * `cluster.runUntil(predicate)`, asserting at every instant; on timeout the TimeoutError message
     * ends with `describe()` (e.g. `findUnconverged(cluster).join('; ')`).
     */
    runUntil(predicate: () => boolean, run: { timeout?: Duration; description?: string; describe?: () => string } = {}, options: InvariantOptions = {}): number {
      try {
        return cluster.runUntil(
          () => {
            assert(options)
            return predicate()
          },
          { timeout: run.timeout, description: run.description },
        )
      } catch (error) {
        if (error instanceof TimeoutError && run.describe) throw new TimeoutError(`${error.message}\n  still waiting for: ${run.describe()}`)
        throw error
      }
    },
  }
}

export type InvariantChecker = ReturnType<typeof createInvariantChecker>

/** One or more invariants do not hold; `violations` lists them. */
export class InvariantError extends KubesimError {
  override name = 'InvariantError'
  constructor(
    readonly violations: readonly InvariantViolation[],
    readonly elapsedMs: number,
  ) {
    super(`invariants violated at +${elapsedMs} ms:\n${violations.map((v) => `  [${v.invariant}] ${v.message}`).join('\n')}`)
  }
}

// Stored objects are frozen and replaced on every change, so a pod's requests can be cached by identity.
const requestsCache = new WeakMap<object, { milliCpu: number; memoryBytes: number }>()
function requestsOf(pod: AnyObject): { milliCpu: number; memoryBytes: number } {
  let found = requestsCache.get(pod)
  if (!found) requestsCache.set(pod, (found = podRequests(pod as any)))
  return found
}

/** Why a pod may not be a ready endpoint of the Service at `ip`, or undefined when it may. */
function endpointProblem(pod: AnyObject | undefined, service: AnyObject, ip: string | undefined): string | undefined {
  if (!pod) return 'that pod does not exist'
  if (!matchesLabelSelector({ matchLabels: service.spec.selector }, pod.metadata.labels)) return 'the Service does not select it'
  if (pod.status?.podIP !== ip) return `the pod's IP is ${pod.status?.podIP ?? 'unset'}`
  if (service.spec.publishNotReadyAddresses) return isTerminal(pod) ? `it is ${pod.status.phase}` : undefined
  if (pod.metadata.deletionTimestamp) return 'it is terminating'
  if (!isReady(pod)) return 'it is not Ready'
  return undefined
}

/** IntOrString resolution as upstream (intstr.GetScaledValueFromIntOrPercent). */
function resolvePercent(value: number | string, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value
  const percent = Number(value.replace('%', ''))
  const scaled = (percent * total) / 100
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled)
}
