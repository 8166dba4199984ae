// What `kubesim run` prints, computed from a cluster (no I/O here): kubectl-style tables of the
// watched kinds, the event log in time order, a JSON snapshot, and the "is everything ready?" check
// behind --until-ready.
import type { Cluster } from '../cluster/cluster'
import { printTable, rolloutStatus, sortEventsByTime, type Obj } from '../kubectl'
import { toRfc3339 } from '../sim/time'
import { formatVirtual } from './args'

export interface Scope {
  /** undefined = all namespaces. */
  namespace?: string
}

/** `kubectl get <kind>` for each watched kind, under a `$ kubectl get …` header; empty kinds are skipped (pods say so). */
export function renderTables(cluster: Cluster, watch: readonly string[], scope: Scope): string {
  const parts: string[] = []
  for (const resource of watch) {
    const command = `get ${resource}${scope.namespace === undefined ? ' -A' : ` -n ${scope.namespace}`}`
    const text = cluster.kubectl(command)
    const empty = text.startsWith('No resources found')
    if (empty && resource !== 'pods' && resource !== 'po' && resource !== 'pod') continue
    parts.push(`$ kubectl ${command}\n${text}`)
  }
  return parts.join('\n')
}

/** Events in time order (oldest first), as a `kubectl get events` table; `after` skips the first n. */
export function renderEvents(cluster: Cluster, scope: Scope, after = 0): { text: string; count: number } {
  const events = sortEventsByTime(cluster.events({ namespace: scope.namespace ?? '*' }) as Obj[])
  const fresh = events.slice(after)
  if (fresh.length === 0) return { text: '', count: events.length }
  const table = printTable('Event', fresh, { nowMs: cluster.now(), withNamespace: scope.namespace === undefined })
  return { text: `$ kubectl get events${scope.namespace === undefined ? ' -A' : ` -n ${scope.namespace}`} (in time order)\n${table}`, count: events.length }
}

export function snapshotJson(cluster: Cluster, watch: readonly string[], scope: Scope): string {
  const objects: Record<string, unknown[]> = {}
  for (const resource of watch) {
    const info = cluster.env.registry.find(resource)
    if (!info) continue
    objects[info.plural] = cluster.list(info.kind, { namespace: scope.namespace ?? '*' })
  }
  return JSON.stringify({
    time: toRfc3339(cluster.now()),
    elapsed: formatVirtual(cluster.elapsed()),
    objects,
    events: sortEventsByTime(cluster.events({ namespace: scope.namespace ?? '*' }) as Obj[]),
  })
}

export interface Readiness {
  done: boolean
  podsReady: number
  podsTotal: number
  /** What is not there yet, one line each. */
  waiting: string[]
}

const isReady = (pod: any): boolean => (pod.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True')
const ownerKind = (obj: any): string | undefined => obj.metadata.ownerReferences?.find((r: any) => r.controller)?.kind

/** Every Deployment/StatefulSet/DaemonSet rolled out, every Job complete, every other pod Ready. */
export function readiness(cluster: Cluster, scope: Scope, options: { explain?: boolean } = {}): Readiness {
  const namespace = scope.namespace ?? '*'
  const waiting: string[] = []
  for (const kind of ['Deployment', 'StatefulSet', 'DaemonSet']) {
    for (const obj of cluster.list(kind, { namespace }) as Obj[]) {
      const status = rolloutStatus(obj)
      if (!status.done || status.error) waiting.push(`${kind.toLowerCase()}/${obj.metadata.name}: ${status.message.trim()}`)
    }
  }
  for (const job of cluster.list('Job', { namespace }) as Obj[]) {
    const complete = (job.status?.conditions ?? []).some((c: any) => c.type === 'Complete' && c.status === 'True')
    if (!complete) waiting.push(`job/${job.metadata.name}: ${job.status?.succeeded ?? 0} succeeded, ${job.status?.active ?? 0} active, ${job.status?.failed ?? 0} failed`)
  }
  const pods = cluster.list('Pod', { namespace }) as Obj[]
  let podsReady = 0
  for (const pod of pods) {
    if (isReady(pod)) podsReady++
    else if (ownerKind(pod) !== 'Job' && pod.status?.phase !== 'Succeeded') {
      waiting.push(options.explain ? cluster.why(pod.metadata.name ?? '', { namespace: pod.metadata.namespace }).trimEnd() : `pod/${pod.metadata.name}`)
    }
  }
  return { done: waiting.length === 0, podsReady, podsTotal: pods.length, waiting }
}
