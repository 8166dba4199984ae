// Simulated resource metrics (what metrics-server would report), read by the HorizontalPodAutoscaler.
// `setMetrics(selectorOrPodName, { cpu, memory })` stores usage per pod; the latest matching entry
// wins per resource, and it applies to pods created later too (new replicas of a loaded Deployment
// report the same per-pod usage). Pods without an entry use their containers' behaviour profile
// `cpuUsage`/`memoryUsage`, else their requests (DESIGN.md §3). Only Running pods report metrics.
import type { Pod } from '../api/pod'
import { parseBytes, parseCpuMillis } from '../api/quantity'
import type { PodMetricsSource } from '../controllers/horizontal-pod-autoscaler/pod-metrics-source'
import { matchesSelector, parseSelector, toSelector, type Selector, type SelectorInput } from '../store/selectors'
import type { ClusterEnv } from './env'

export interface MetricsInput {
  cpu?: string | number
  memory?: string | number
}

interface MetricsEntry {
  namespace: string
  podName?: string
  selector?: Selector
  cpuMilli?: number
  memoryMilli?: number
}

type ProfileUsage = (pod: Pod, container: string) => { cpuUsage?: string; memoryUsage?: string } | undefined

function toMilli(resource: string, q: string | number): number {
  return resource === 'cpu' ? parseCpuMillis(q) : Math.round(parseBytes(q) * 1000)
}

/** A pod-name argument is a plain DNS name; anything with selector syntax is a label selector. */
function isPodName(text: string): boolean {
  return /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(text)
}

export class MetricsRegistry implements PodMetricsSource {
  private readonly entries: MetricsEntry[] = []

  constructor(private readonly profileUsage: ProfileUsage) {}

  set(target: SelectorInput, usage: MetricsInput, namespace = 'default'): void {
    const entry: MetricsEntry = { namespace }
    if (typeof target === 'string' && isPodName(target)) entry.podName = target
    else entry.selector = typeof target === 'string' ? parseSelector(target) : toSelector(target)
    if (usage.cpu !== undefined) entry.cpuMilli = toMilli('cpu', usage.cpu)
    if (usage.memory !== undefined) entry.memoryMilli = toMilli('memory', usage.memory)
    this.entries.push(entry)
  }

  usageMilli(pod: Pod, resource: string, container?: string): number | undefined {
    const containers = pod.spec.containers.filter((c) => !container || c.name === container)
    if (!containers.length) return undefined
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i]
      const value = resource === 'cpu' ? e.cpuMilli : resource === 'memory' ? e.memoryMilli : undefined
      if (value === undefined || e.namespace !== pod.metadata.namespace) continue
      if (e.podName ? e.podName !== pod.metadata.name : !matchesSelector(e.selector ?? null, pod.metadata.labels)) continue
      if (!container) return value
      // A pod-level figure is shared among containers in proportion to their requests (evenly without any).
      const request = (c: (typeof pod.spec.containers)[number]) => {
        const r = (c.resources?.requests as Record<string, string | number> | undefined)?.[resource]
        return r === undefined ? 0 : toMilli(resource, r)
      }
      const total = pod.spec.containers.reduce((sum, c) => sum + request(c), 0)
      const share = total > 0 ? request(containers[0]) / total : 1 / pod.spec.containers.length
      return Math.round(value * share)
    }
    let sum = 0
    for (const c of containers) {
      const profile = this.profileUsage(pod, c.name)
      const fromProfile = resource === 'cpu' ? profile?.cpuUsage : resource === 'memory' ? profile?.memoryUsage : undefined
      const request = (c.resources?.requests as Record<string, string | number> | undefined)?.[resource]
      const usage = fromProfile ?? request
      if (usage !== undefined) sum += toMilli(resource, usage)
    }
    return sum
  }
}

/**
 * The cluster's metrics registry (one per cluster, created on first use). It lives on the env, not in
 * a module-level WeakMap keyed by the env: its callback reaches back to the env, and V8's young
 * generation collector keeps such a WeakMap value (and so the whole finished cluster) alive until a
 * full collection, which made every short test pay for slow scavenges of clusters long gone.
 */
export function metricsRegistryOf(env: ClusterEnv): MetricsRegistry {
  return (env.metrics ??= new MetricsRegistry((pod, container) => {
    // Read at call time: the kubelet handle may join the environment after this registry.
    const kubelet = (env as ClusterEnv & { kubelet?: { profileFor?(pod: Pod, container: string): { cpuUsage?: string; memoryUsage?: string } } }).kubelet
    try {
      return kubelet?.profileFor?.(pod, container)
    } catch {
      return undefined
    }
  }))
}

/** cluster.setMetrics: simulated usage of the matching pods (a pod name or a label selector). */
export function setMetrics(env: ClusterEnv, target: SelectorInput, usage: MetricsInput, options: { namespace?: string } = {}): void {
  metricsRegistryOf(env).set(target, usage, options.namespace ?? 'default')
}
