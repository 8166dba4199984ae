// The eviction API (POST pods/<name>/eviction) and `kubectl drain`. Eviction: terminal, pending and
// terminating pods are deleted without a budget check; otherwise the one PodDisruptionBudget that
// selects the pod must allow a disruption (429 TooManyRequests when not; 500 with two budgets); the
// budget's disruptionsAllowed is decremented and the pod recorded in disruptedPods, then the pod gets
// DisruptionTarget (EvictionByEvictionAPI) and is deleted gracefully.
// Upstream: pkg/registry/core/pod/storage/eviction.go. Drain: staging/src/k8s.io/kubectl/pkg/drain.
//
// Drain is synchronous like every facade call: it cordons, evicts what it can at once, and leaves an
// evictor on the virtual clock that retries refused evictions every 5 s (as kubectl does) until every
// pod it selected is gone. It returns a handle; `cluster.runUntil(() => handle.done())` waits for it.
import type { Stored } from '../api/meta'
import { KubesimError, NotFoundError, TooManyRequestsError } from '../api/errors'
import type { Pod } from '../api/pod'
import type { PodDisruptionBudget } from '../api/pod-disruption-budget'
import { markDisruptionTarget } from '../runtime/disruption-target'
import { controllerOf } from '../runtime/owners'
import { Client } from '../store/client'
import { objectKey, type ObjectKey } from '../store/keys'
import { fromLabelSelector, matchesSelector } from '../store/selectors'
import type { TimerId } from '../sim/clock'
import { toRfc3339 } from '../sim/time'
import type { ClusterEnv } from './env'

/** HTTP 500 from the API server (e.g. a pod selected by two budgets). */
export class InternalError extends KubesimError {
  override name = 'InternalError'
}

const VIOLATION = "Cannot evict pod as it would violate the pod's disruption budget."
export const DRAIN_RETRY_MS = 5_000

function isReady(pod: Stored<Pod>): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True')
}

function canIgnorePdb(pod: Stored<Pod>): boolean {
  const phase = pod.status?.phase
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || Boolean(pod.metadata.deletionTimestamp)
}

/** Budgets that select the pod; a nil or empty selector selects nothing here (eviction.go). */
function budgetsFor(client: Client, pod: Stored<Pod>): Stored<PodDisruptionBudget>[] {
  return client.list<Stored<PodDisruptionBudget>>('PodDisruptionBudget', { namespace: pod.metadata.namespace }).filter((pdb) => {
    const s = pdb.spec.selector
    if (!s || (!Object.keys(s.matchLabels ?? {}).length && !(s.matchExpressions ?? []).length)) return false
    return matchesSelector(fromLabelSelector(s), pod.metadata.labels)
  })
}

function addConditionAndDelete(client: Client, key: ObjectKey, pod: Stored<Pod>, nowMs: number): void {
  if (!pod.metadata.deletionTimestamp && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed') {
    markDisruptionTarget(client, key, 'EvictionByEvictionAPI', 'Eviction API: evicting', nowMs)
  }
  client.delete('Pod', key)
}

/** Evicts a pod through the eviction subresource; throws TooManyRequestsError when a budget forbids it. */
export function evictPod(env: ClusterEnv, podName: string, options: { namespace?: string; actor?: string } = {}): void {
  const namespace = options.namespace ?? 'default'
  const client = new Client(env.store, options.actor ?? 'user')
  const key = objectKey(namespace, podName)
  const pod = env.store.get<Stored<Pod>>('Pod', key)
  if (!pod) throw new NotFoundError('pods', podName, namespace)
  const nowMs = env.clock.now()
  if (canIgnorePdb(pod)) return addConditionAndDelete(client, key, pod, nowMs)
  const budgets = budgetsFor(client, pod)
  if (budgets.length > 1) throw new InternalError('This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.')
  if (budgets.length === 0) return addConditionAndDelete(client, key, pod, nowMs)
  const pdb = budgets[0]
  const status = pdb.status ?? {}
  if (!isReady(pod)) {
    if (pdb.spec.unhealthyPodEvictionPolicy === 'AlwaysAllow') return addConditionAndDelete(client, key, pod, nowMs)
    if ((status.currentHealthy ?? 0) >= (status.desiredHealthy ?? 0) && (status.desiredHealthy ?? 0) > 0) return addConditionAndDelete(client, key, pod, nowMs)
  }
  // checkAndDecrement
  if ((status.observedGeneration ?? 0) < (pdb.metadata.generation ?? 0))
    throw new TooManyRequestsError(`${VIOLATION} The disruption budget ${pdb.metadata.name} is still being processed by the server.`, pdb.metadata.name)
  if ((status.disruptionsAllowed ?? 0) <= 0)
    throw new TooManyRequestsError(`${VIOLATION} The disruption budget ${pdb.metadata.name} needs ${status.desiredHealthy ?? 0} healthy pods and has ${status.currentHealthy ?? 0} currently`, pdb.metadata.name)
  client.patchStatus<Stored<PodDisruptionBudget>>('PodDisruptionBudget', objectKey(namespace, pdb.metadata.name), (draft) => {
    const s = (draft.status ??= {})
    s.disruptionsAllowed = (s.disruptionsAllowed ?? 0) - 1
    if (s.disruptionsAllowed === 0) {
      const c = s.conditions?.find((x) => x.type === 'DisruptionAllowed')
      if (c && c.status !== 'False') Object.assign(c, { status: 'False', reason: 'InsufficientPods', message: '', lastTransitionTime: toRfc3339(nowMs) })
    }
    s.disruptedPods = { ...(s.disruptedPods ?? {}), [podName]: toRfc3339(nowMs) }
  })
  addConditionAndDelete(client, key, pod, nowMs)
}

export interface DrainOptions {
  /** Evict pods that have no controller too (kubectl --force). */
  force?: boolean
  /** Skip DaemonSet-managed pods (kubectl --ignore-daemonsets). Default true. */
  ignoreDaemonSets?: boolean
}

export interface DrainHandle {
  readonly node: string
  /** True once every pod the drain selected is gone (kubectl drain has returned). */
  done(): boolean
  /** Pods still waiting for eviction or for their deletion to finish, as "namespace/name". */
  pending(): string[]
  /** How many evictions were refused so far (each retried 5 s later). */
  refusals(): number
  /** The refusal messages, in order, as kubectl prints them. */
  messages(): string[]
  /** Stops retrying (the node stays cordoned). */
  cancel(): void
}

/** `kubectl drain <node> --ignore-daemonsets`: cordon, then evict with retries on the virtual clock. */
export function drainNode(env: ClusterEnv, nodeName: string, options: DrainOptions = {}): DrainHandle {
  const client = new Client(env.store, 'user')
  if (!env.store.get('Node', nodeName)) throw new NotFoundError('nodes', nodeName)
  const selected: { key: ObjectKey; uid: string; name: string; namespace: string }[] = []
  const problems: string[] = []
  for (const pod of env.store.podsOnNode<Stored<Pod>>(nodeName)) {
    const key = objectKey(pod.metadata.namespace, pod.metadata.name)
    if (pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) continue
    const ref = controllerOf(pod)
    if (ref?.kind === 'DaemonSet') {
      if (options.ignoreDaemonSets === false) problems.push(`cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${key}`)
      continue
    }
    const terminal = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed'
    if (!ref && !terminal && !options.force) problems.push(`cannot delete Pods that declare no controller (use --force to override): ${key}`)
    selected.push({ key, uid: pod.metadata.uid!, name: pod.metadata.name, namespace: pod.metadata.namespace ?? 'default' })
  }
  client.patch<any>('Node', nodeName, (draft) => {
    draft.spec ??= {}
    draft.spec.unschedulable = true
  })
  if (problems.length) throw new KubesimError(`unable to drain node "${nodeName}" due to error: ${problems.join(', ')}`)

  let refusals = 0
  let cancelled = false
  let timer: TimerId | undefined
  const messages: string[] = []
  const isGone = (p: (typeof selected)[number]) => env.store.get<Stored<Pod>>('Pod', p.key)?.metadata.uid !== p.uid
  const attempt = () => {
    timer = undefined
    if (cancelled) return
    let refused = false
    for (const p of selected) {
      const pod = env.store.get<Stored<Pod>>('Pod', p.key)
      if (!pod || pod.metadata.uid !== p.uid || pod.metadata.deletionTimestamp) continue
      try {
        evictPod(env, p.name, { namespace: p.namespace })
      } catch (error) {
        if (!(error instanceof TooManyRequestsError)) throw error
        refusals++
        refused = true
        messages.push(`error when evicting pods/"${p.name}" -n "${p.namespace}" (will retry after 5s): ${VIOLATION}`)
      }
    }
    if (refused) timer = env.clock.schedule(DRAIN_RETRY_MS, `drain ${nodeName}: retry evictions`, attempt)
  }
  attempt()
  return {
    node: nodeName,
    done: () => selected.every(isGone),
    pending: () => selected.filter((p) => !isGone(p)).map((p) => p.key),
    refusals: () => refusals,
    messages: () => [...messages],
    cancel: () => {
      cancelled = true
      if (timer !== undefined) env.clock.cancel(timer)
    },
  }
}
