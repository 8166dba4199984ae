// The effective resource request of a pod, as kube-scheduler computes it
// ([k8s] staging/src/k8s.io/component-helpers/resource/helpers.go: PodRequests, AggregateContainerRequests).
// per resource: max(sum(app containers) + sum(sidecars), max over init containers of (its request +
// sidecars started before it)) + spec.overhead; pod-level requests (spec.resources) win for cpu/memory.
// The "non-zero" variant fills a container's *missing* cpu/memory request with 100m / 200Mi (scoring only).
import type { Container, Pod } from '../../api/pod'
import { parseBytes, parseCpuMillis } from '../../api/quantity'

/** Resource amounts in the units the scheduler compares: millicores, bytes, and plain counts. */
export interface ResourceAmounts {
  milliCpu: number
  memoryBytes: number
  ephemeralBytes: number
  /** Extended and hugepages resources by name (e.g. 'nvidia.com/gpu'), in base units. */
  scalar: Readonly<Record<string, number>>
}

/** pkg/scheduler/util/pod_resources.go: DefaultMilliCPURequest, DefaultMemoryRequest. */
export const DEFAULT_MILLI_CPU_REQUEST = 100
export const DEFAULT_MEMORY_REQUEST_BYTES = 200 * 1024 * 1024

export const ZERO_RESOURCES: ResourceAmounts = Object.freeze({ milliCpu: 0, memoryBytes: 0, ephemeralBytes: 0, scalar: Object.freeze({}) })

export interface PodRequestsOptions {
  /** Fill missing container cpu/memory requests with the scoring defaults (NonMissingContainerRequests). */
  nonZero?: boolean
}

const NOT_SCALAR = new Set(['cpu', 'memory', 'ephemeral-storage', 'pods', 'storage'])

type Mutable = { milliCpu: number; memoryBytes: number; ephemeralBytes: number; scalar: Record<string, number> }

function empty(): Mutable {
  return { milliCpu: 0, memoryBytes: 0, ephemeralBytes: 0, scalar: {} }
}

/** A ResourceList (requests, overhead, allocatable) in scheduler units. */
export function toResourceAmounts(list: Readonly<Record<string, string | number>> | undefined): ResourceAmounts {
  const out = empty()
  if (!list) return out
  for (const name of Object.keys(list)) {
    const q = list[name]
    if (name === 'cpu') out.milliCpu = parseCpuMillis(q)
    else if (name === 'memory') out.memoryBytes = parseBytes(q)
    else if (name === 'ephemeral-storage') out.ephemeralBytes = parseBytes(q)
    else if (!NOT_SCALAR.has(name)) out.scalar[name] = parseBytes(q)
  }
  return out
}

function add(into: Mutable, r: ResourceAmounts): void {
  into.milliCpu += r.milliCpu
  into.memoryBytes += r.memoryBytes
  into.ephemeralBytes += r.ephemeralBytes
  for (const k of Object.keys(r.scalar)) into.scalar[k] = (into.scalar[k] ?? 0) + r.scalar[k]
}

function maxInto(into: Mutable, r: ResourceAmounts): void {
  into.milliCpu = Math.max(into.milliCpu, r.milliCpu)
  into.memoryBytes = Math.max(into.memoryBytes, r.memoryBytes)
  into.ephemeralBytes = Math.max(into.ephemeralBytes, r.ephemeralBytes)
  for (const k of Object.keys(r.scalar)) into.scalar[k] = Math.max(into.scalar[k] ?? 0, r.scalar[k])
}

function clone(r: ResourceAmounts): Mutable {
  return { milliCpu: r.milliCpu, memoryBytes: r.memoryBytes, ephemeralBytes: r.ephemeralBytes, scalar: { ...r.scalar } }
}

function containerRequests(container: Container, nonZero: boolean): ResourceAmounts {
  const requests = container.resources?.requests
  const r = toResourceAmounts(requests)
  if (!nonZero) return r
  const out = clone(r)
  // "Missing" means the key is absent: an explicit 0 stays 0, as upstream.
  if (!requests || !('cpu' in requests)) out.milliCpu = DEFAULT_MILLI_CPU_REQUEST
  if (!requests || !('memory' in requests)) out.memoryBytes = DEFAULT_MEMORY_REQUEST_BYTES
  return out
}

function isSidecar(container: Container): boolean {
  return container.restartPolicy === 'Always'
}

/** AggregateContainerRequests: app containers and sidecars summed, init containers as a floor. */
function aggregateContainerRequests(pod: Pod, nonZero: boolean): Mutable {
  const reqs = empty()
  for (const c of pod.spec.containers) add(reqs, containerRequests(c, nonZero))
  const sidecars = empty()
  const initFloor = empty()
  for (const c of pod.spec.initContainers ?? []) {
    const r = containerRequests(c, nonZero)
    if (isSidecar(c)) {
      add(reqs, r)
      add(sidecars, r)
      maxInto(initFloor, sidecars)
    } else {
      const whileRunning = clone(r)
      add(whileRunning, sidecars)
      maxInto(initFloor, whileRunning)
    }
  }
  maxInto(reqs, initFloor)
  return reqs
}

/**
 * The pod's effective request (upstream resourcehelper.PodRequests with the scheduler's options).
 * With pod-level requests (spec.resources.requests cpu/memory), those replace the container sum for
 * the resources they set; other resources still come from the containers.
 */
export function podRequests(pod: Pod, options: PodRequestsOptions = {}): ResourceAmounts {
  const nonZero = options.nonZero ?? false
  const reqs = aggregateContainerRequests(pod, nonZero)
  const podLevel = pod.spec.resources?.requests
  if (podLevel && ('cpu' in podLevel || 'memory' in podLevel)) {
    if ('cpu' in podLevel) reqs.milliCpu = parseCpuMillis(podLevel.cpu)
    if ('memory' in podLevel) reqs.memoryBytes = parseBytes(podLevel.memory)
  }
  if (pod.spec.overhead) add(reqs, toResourceAmounts(pod.spec.overhead))
  return reqs
}

export function isZeroRequest(r: ResourceAmounts): boolean {
  return r.milliCpu === 0 && r.memoryBytes === 0 && r.ephemeralBytes === 0 && Object.keys(r.scalar).length === 0
}
