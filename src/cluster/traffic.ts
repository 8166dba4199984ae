// The synthetic client of `cluster.traffic()` (DESIGN.md §2.1): one request through a Service every
// period on the virtual clock (the first one period after the call), the user's own periodic
// activity. A request goes to an endpoint the Service's EndpointSlices list as ready at that
// instant (seeded choice from the client's own stream) and succeeds only when that pod is really
// serving: asked of the kubelet when there is one (`env.kubelet.isServing`), otherwise read from the
// pod (same uid and IP, phase Running, every container running). `retries` retries a failure at
// once on another ready endpoint. A Service with no ready endpoint fails every request.
import type { EndpointSlice } from '../api/endpoint-slice'
import type { Pod } from '../api/pod'
import type { Service } from '../api/service'
import type { TimerId } from '../sim/clock'
import { toMs, type Duration } from '../sim/duration'
import { objectKey } from '../store/keys'
import { fromLabelSelector } from '../store/selectors'
import type { ClusterEnv } from './env'

export interface TrafficOptions {
  /** Period between requests; default `'1s'`. */
  every?: Duration
  /** Namespace of the Service; default `default`. */
  namespace?: string
  /** How many times a failed request is retried on another ready endpoint; default 0. */
  retries?: number
}

/** One outage: consecutive failed requests, in virtual ms since the Unix epoch (as `cluster.now()`). */
export interface DowntimeInterval {
  /** When the first failed request of the outage was sent. */
  from: number
  /** When the first successful request after it was sent; while the outage lasts, the last failed request. */
  to: number
}

export interface TrafficStats {
  sent: number
  ok: number
  failed: number
  /** ok / sent; 1 when nothing has been sent yet. */
  availability: number
  downtime: DowntimeInterval[]
}

export interface TrafficClient {
  /** Stops sending; stats stay readable. */
  stop(): void
  stats(): TrafficStats
}

interface Target {
  ip: string
  pod?: { namespace: string; name: string; uid?: string }
}

/** Clients started per cluster: each gets its own random stream, whatever other clusters do. */
const clientCounts = new WeakMap<ClusterEnv, number>()

export function startTraffic(env: ClusterEnv, serviceName: string, options: TrafficOptions = {}): TrafficClient {
  const everyMs = toMs(options.every ?? '1s')
  if (!(everyMs > 0)) throw new RangeError(`traffic(): every must be a positive duration, got ${JSON.stringify(options.every)}`)
  const namespace = options.namespace ?? 'default'
  const retries = Math.max(0, Math.floor(options.retries ?? 0))
  const n = (clientCounts.get(env) ?? 0) + 1
  clientCounts.set(env, n)
  const random = env.random.fork(`traffic/${namespace}/${serviceName}#${n}`)
  const stats = { sent: 0, ok: 0, failed: 0 }
  const downtime: DowntimeInterval[] = []
  let outage: DowntimeInterval | undefined
  let timer: TimerId | undefined

  const send = (): boolean => {
    const targets = readyTargets(env, namespace, serviceName)
    const tried = new Set<number>()
    for (let attempt = 0; attempt <= retries && tried.size < targets.length; attempt++) {
      const left = targets.map((_, i) => i).filter((i) => !tried.has(i))
      const i = left[random.int(left.length)]
      tried.add(i)
      if (isServing(env, targets[i])) return true
    }
    return false
  }

  const tick = () => {
    const nowMs = env.clock.now()
    stats.sent++
    if (send()) {
      stats.ok++
      if (outage) outage.to = nowMs
      outage = undefined
    } else {
      stats.failed++
      if (outage) outage.to = nowMs
      else downtime.push((outage = { from: nowMs, to: nowMs }))
    }
    timer = env.clock.schedule(everyMs, `traffic ${namespace}/${serviceName}`, tick)
  }
  timer = env.clock.schedule(everyMs, `traffic ${namespace}/${serviceName}`, tick)

  return {
    stop() {
      if (timer !== undefined) env.clock.cancel(timer)
      timer = undefined
    },
    stats() {
      return { ...stats, availability: stats.sent === 0 ? 1 : stats.ok / stats.sent, downtime: downtime.map((d) => ({ ...d })) }
    },
  }
}

/** Endpoints the Service's slices list as ready now, one per address and pod, in a stable order. */
function readyTargets(env: ClusterEnv, namespace: string, serviceName: string): Target[] {
  const service = env.store.get<Service>('Service', objectKey(namespace, serviceName))
  if (!service || service.spec.type === 'ExternalName') return []
  const slices = env.store.list<EndpointSlice>('EndpointSlice', { namespace, selector: fromLabelSelector({ matchLabels: { 'kubernetes.io/service-name': serviceName } }) })
  const seen = new Map<string, Target>()
  for (const slice of slices)
    for (const ep of slice.endpoints) {
      if (ep.conditions?.ready === false) continue
      const ref = ep.targetRef
      const pod = ref?.kind === 'Pod' && ref.name ? { namespace: ref.namespace ?? namespace, name: ref.name, uid: ref.uid } : undefined
      for (const ip of ep.addresses) seen.set(`${ip}\u0000${pod?.name ?? ''}`, { ip, pod })
    }
  return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, t]) => t)
}

function isServing(env: ClusterEnv, target: Target): boolean {
  // An endpoint that is not a pod (the API server behind `kubernetes`) is taken as up.
  if (!target.pod) return true
  const pod = env.store.get<Pod>('Pod', objectKey(target.pod.namespace, target.pod.name))
  if (!pod || (target.pod.uid && pod.metadata.uid !== target.pod.uid)) return false
  const ip = pod.status?.podIP || pod.status?.podIPs?.[0]?.ip
  if (ip !== target.ip) return false
  if (env.kubelet) return env.kubelet.isServing(target.pod.namespace, target.pod.name)
  const statuses = pod.status?.containerStatuses ?? []
  return pod.status?.phase === 'Running' && statuses.length > 0 && statuses.every((s) => !!s.state?.running)
}
