// Invariant checkers for property tests (exported as kubesim/testing). Run `check()` after every
// settle: each invariant is a fact that real Kubernetes guarantees (or that our controllers promise
// while no fault is injected). A violation names the invariant and the objects involved.
import type { Cluster } from '../cluster/cluster'
import type { KubeObject } from '../api/meta'
import { parseCpuMillis, parseBytes, parseQuantity } from '../api/quantity'
import { podRequests } from '../controllers/scheduler/pod-requests'
import { matchesLabelSelector } from '../store/selectors'

export interface InvariantViolation {
  invariant: string
  message: string
}

export interface InvariantOptions {
  /** While faults are injected (node stops, crashes, deletions), surge limits may be exceeded legitimately. */
  faultsInjected?: boolean
}

const isTerminal = (pod: any) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed'
const isReady = (pod: any) => pod.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True') ?? false
const name = (o: KubeObject) => (o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name)

/** A checker that remembers what it saw, so it can catch changes over time (a pod moving nodes). */
export function createInvariantChecker(cluster: Cluster) {
  const boundTo = new Map<string, string>()
  const nodesEverSeen = new Set<string>()
  let traceChecked = 0
  let lastRevision = 0

  function check(options: InvariantOptions = {}): InvariantViolation[] {
    const violations: InvariantViolation[] = []
    const report = (invariant: string, message: string) => violations.push({ invariant, message })
    const store = cluster.env.store
    const nodes = store.list<any>('Node')
    for (const node of nodes) nodesEverSeen.add(node.metadata.name)
    const pods = store.list<any>('Pod')

    // A pod is bound at most once, to a node that exists (or existed: PodGC removes pods of deleted nodes).
    for (const pod of pods) {
      const node = pod.spec?.nodeName
      if (!node) continue
      const previous = boundTo.get(pod.metadata.uid)
      if (previous && previous !== node) report('pod-bound-once', `pod ${name(pod)} moved from node ${previous} to ${node}`)
      boundTo.set(pod.metadata.uid, node)
      if (!nodesEverSeen.has(node)) report('pod-on-real-node', `pod ${name(pod)} is bound to node ${node}, which never existed`)
    }

    // No node holds more than its allocatable resources.
    for (const node of nodes) {
      const allocatable = node.status?.allocatable ?? node.status?.capacity ?? {}
      let milliCpu = 0
      let memory = 0
      let count = 0
      for (const pod of store.podsOnNode<any>(node.metadata.name)) {
        if (isTerminal(pod)) continue
        const r = podRequests(pod)
        milliCpu += r.milliCpu
        memory += r.memoryBytes
        count++
      }
      if (allocatable.cpu !== undefined && milliCpu > parseCpuMillis(allocatable.cpu)) report('node-capacity', `node ${node.metadata.name} has ${milliCpu}m CPU requested of ${allocatable.cpu}`)
      if (allocatable.memory !== undefined && memory > parseBytes(allocatable.memory)) report('node-capacity', `node ${node.metadata.name} has ${memory} bytes requested of ${allocatable.memory}`)
      if (allocatable.pods !== undefined && count > parseQuantity(allocatable.pods)) report('node-capacity', `node ${node.metadata.name} runs ${count} pods of ${allocatable.pods}`)
    }

    // No two live pods of a StatefulSet share an ordinal.
    for (const set of store.list<any>('StatefulSet')) {
      const seen = new Map<string, string>()
      for (const pod of store.dependents(set.metadata.uid)) {
        if (pod.kind !== 'Pod' || isTerminal(pod) || pod.metadata.deletionTimestamp) continue
        const ordinal = pod.metadata.name.slice(set.metadata.name.length + 1)
        if (seen.has(ordinal)) report('statefulset-ordinal-unique', `StatefulSet ${name(set)} has two live pods with ordinal ${ordinal}`)
        seen.set(ordinal, pod.metadata.name)
      }
    }

    // A Deployment never runs more than replicas + maxSurge pods while no fault is injected.
    if (!options.faultsInjected) {
      for (const d of store.list<any>('Deployment')) {
        if (d.spec.strategy?.type !== 'RollingUpdate' || d.spec.paused) continue
        const replicas = d.spec.replicas ?? 1
        const surge = resolvePercent(d.spec.strategy.rollingUpdate?.maxSurge ?? '25%', replicas, true)
        let total = 0
        for (const rs of store.dependents(d.metadata.uid))
          if (rs.kind === 'ReplicaSet') for (const pod of store.dependents(rs.metadata.uid)) if (pod.kind === 'Pod' && !isTerminal(pod) && !pod.metadata.deletionTimestamp) total++
        if (total > replicas + surge) report('deployment-surge', `Deployment ${name(d)} runs ${total} pods, more than ${replicas} replicas + ${surge} surge`)
      }
    }

    // A Job never has more active pods than its parallelism.
    for (const job of store.list<any>('Job')) {
      const parallelism = job.spec.parallelism ?? 1
      let active = 0
      for (const pod of store.dependents(job.metadata.uid)) if (pod.kind === 'Pod' && !isTerminal(pod) && !pod.metadata.deletionTimestamp) active++
      if (active > parallelism) report('job-parallelism', `Job ${name(job)} has ${active} active pods, parallelism ${parallelism}`)
    }

    // Every ready address of an Endpoints object is a ready pod selected by its Service.
    for (const endpoints of store.list<any>('Endpoints')) {
      const service = store.get<any>('Service', `${endpoints.metadata.namespace}/${endpoints.metadata.name}`)
      if (!service?.spec?.selector) continue
      for (const subset of endpoints.subsets ?? [])
        for (const address of subset.addresses ?? []) {
          const ref = address.targetRef
          if (!ref || ref.kind !== 'Pod') continue
          const pod = store.get<any>('Pod', `${ref.namespace ?? endpoints.metadata.namespace}/${ref.name}`)
          if (!pod) report('endpoints-ready-pods', `Endpoints ${name(endpoints)} lists ${ref.name}, which does not exist`)
          else if (!matchesLabelSelector({ matchLabels: service.spec.selector }, pod.metadata.labels))
            report('endpoints-ready-pods', `Endpoints ${name(endpoints)} lists ${ref.name}, which the Service does not select`)
          else if (!isReady(pod) && !service.spec.publishNotReadyAddresses) report('endpoints-ready-pods', `Endpoints ${name(endpoints)} lists ${ref.name} as ready, but it is not Ready`)
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

  return {
    check,
    /** Throws an Error listing every violation. */
    assert(options: InvariantOptions = {}): void {
      const found = check(options)
      if (found.length) throw new Error(`invariants violated at ${cluster.elapsed()} ms:\n${found.map((v) => `  [${v.invariant}] ${v.message}`).join('\n')}`)
    },
  }
}

/** IntOrString resolution as upstream (intstr.GetScaledValueFromIntOrPercent). */
function resolvePercent(value: number | string, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value
  const percent = Number(value.replace('%', ''))
  const scaled = (percent * total) / 100
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled)
}
