// One DaemonSet sync as a pure plan ([k8s] pkg/controller/daemon/daemon_controller.go: manage,
// podsShouldBeOnNode, updateDaemonSetStatus; update.go: rollingUpdate, updatedDesiredNodeCounts,
// findUpdatedPodsOnNode; semantics §7.5–7.7): which nodes get a new daemon pod, which pods are deleted,
// and the status counters. Nodes are walked in name order (upstream: map order). Not modelled: the
// 250 burst cap and slow start, legacy template-generation matching, adoption of orphan pods.
import type { DaemonSet, DaemonSetStatus } from '../../api/daemon-set'
import type { Node } from '../../api/node'
import type { Pod } from '../../api/pod'
import { parseRfc3339 } from '../../sim/time'
import { computeNodeDecision, type NodeDecision } from './node-eligibility'

export const REVISION_HASH_LABEL = 'controller-revision-hash'
export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation'

export interface DaemonSetPlan {
  /** Node names that get a new pod. */
  create: string[]
  delete: Pod[]
  /** Failed pods being deleted now: (pod, node) for the FailedDaemonPod warning. */
  failed: Pod[]
  /** Nodes whose failed pod waits for the back-off. */
  backoffNodes: string[]
  status: DaemonSetStatus
  /** When a pod becomes available (minReadySeconds), look again. */
  requeueAfterMs?: number
}

export interface DaemonSetPlanInput {
  nodes: readonly Node[]
  /** Daemon pods by node name (spec.nodeName, or the matchFields target while unscheduled). */
  podsByNode: ReadonlyMap<string, readonly Pod[]>
  hash: string
  nowMs: number
  /** Whether deleting a failed pod on this node must wait (per-node back-off). */
  inFailedBackoff?: (nodeName: string) => boolean
}

const isTerminal = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed'

export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false
}

/** Ready for at least minReadySeconds (podutil.IsPodAvailable). */
export function isPodAvailable(pod: Pod, minReadySeconds: number, nowMs: number): boolean {
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True')
  if (!ready) return false
  if (minReadySeconds <= 0) return true
  const since = ready.lastTransitionTime ? parseRfc3339(ready.lastTransitionTime) : Number.NaN
  return !Number.isNaN(since) && since + minReadySeconds * 1000 <= nowMs
}

export function isPodUpdated(pod: Pod, hash: string): boolean {
  return pod.metadata.labels?.[REVISION_HASH_LABEL] === hash
}

/** podByCreationTimestampAndPhase: older first; at equal times, running before others; then name. */
export function sortByCreation(pods: readonly Pod[]): Pod[] {
  return [...pods].sort((a, b) => {
    const ca = a.metadata.creationTimestamp ?? ''
    const cb = b.metadata.creationTimestamp ?? ''
    if (ca !== cb) return ca < cb ? -1 : 1
    const ra = a.status?.phase === 'Running' ? 0 : 1
    const rb = b.status?.phase === 'Running' ? 0 : 1
    if (ra !== rb) return ra - rb
    return a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0
  })
}

/** An int-or-percent scaled against `total`, rounding up (intstr.GetScaledValueFromIntOrPercent). */
export function scaleIntOrPercent(value: number | string | undefined, total: number, fallback: number): number {
  if (value === undefined) return fallback
  if (typeof value === 'number') return value
  const m = /^(\d+)%$/.exec(value)
  if (!m) return Number.isNaN(Number(value)) ? fallback : Number(value)
  return Math.ceil((Number(m[1]) * total) / 100)
}

/** One node's new and old live pod; ok=false when there are several of either kind. */
function findUpdatedPods(pods: readonly Pod[], hash: string): { newPod?: Pod; oldPod?: Pod; ok: boolean } {
  let newPod: Pod | undefined
  let oldPod: Pod | undefined
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue
    if (isPodUpdated(pod, hash)) {
      if (newPod) return { ok: false }
      newPod = pod
    } else {
      if (oldPod) return { ok: false }
      oldPod = pod
    }
  }
  return { newPod, oldPod, ok: true }
}

export function planDaemonSet(ds: DaemonSet, input: DaemonSetPlanInput): DaemonSetPlan {
  const { nodes, hash, nowMs } = input
  const minReady = ds.spec.minReadySeconds ?? 0
  const rolling = ds.spec.updateStrategy?.type !== 'OnDelete'
  const decisions = new Map<string, NodeDecision>()
  const sortedNodes = [...nodes].sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0))
  for (const node of sortedNodes) decisions.set(node.metadata.name!, computeNodeDecision(ds.spec.template.spec, node))
  const podsOn = (name: string) => (input.podsByNode.get(name) ?? []).filter((p) => !(isTerminal(p) && p.metadata.deletionTimestamp))
  const desired = sortedNodes.filter((n) => decisions.get(n.metadata.name!)!.shouldRun).length
  let maxSurge = rolling ? scaleIntOrPercent(ds.spec.updateStrategy?.rollingUpdate?.maxSurge, desired, 0) : 0
  let maxUnavailable = rolling ? scaleIntOrPercent(ds.spec.updateStrategy?.rollingUpdate?.maxUnavailable, desired, 1) : 0
  if (rolling && maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1
  const surge = rolling && maxSurge > 0

  const plan: DaemonSetPlan = { create: [], delete: [], failed: [], backoffNodes: [], status: {} }
  const deleting = new Set<Pod>()
  const del = (pod: Pod) => {
    if (deleting.has(pod)) return
    deleting.add(pod)
    plan.delete.push(pod)
  }

  // ---- manage: one pod per eligible node ------------------------------------------------------------
  for (const node of sortedNodes) {
    const name = node.metadata.name!
    const { shouldRun, shouldContinueRunning } = decisions.get(name)!
    const pods = podsOn(name)
    if (shouldRun && pods.length === 0) plan.create.push(name)
    else if (shouldContinueRunning) {
      const running: Pod[] = []
      for (const pod of pods) {
        if (pod.metadata.deletionTimestamp) continue
        if (pod.status?.phase === 'Failed') {
          if (input.inFailedBackoff?.(name)) plan.backoffNodes.push(name)
          else {
            plan.failed.push(pod)
            del(pod)
          }
        } else if (pod.status?.phase === 'Succeeded') del(pod)
        else running.push(pod)
      }
      if (running.length > 1) {
        const sorted = sortByCreation(running)
        if (!surge) sorted.slice(1).forEach(del)
        else {
          let oldestNew: Pod | undefined
          let oldestOld: Pod | undefined
          for (const pod of sorted) {
            if (isPodUpdated(pod, hash) && !oldestNew) oldestNew = pod
            else if (!isPodUpdated(pod, hash) && !oldestOld) oldestOld = pod
            else del(pod)
          }
          if (oldestNew && oldestOld && (!isPodReady(oldestOld) || isPodAvailable(oldestNew, minReady, nowMs))) del(oldestOld)
        }
      }
    } else if (pods.length > 0) {
      for (const pod of pods) if (!pod.metadata.deletionTimestamp) del(pod)
    }
  }

  // ---- rolling update -------------------------------------------------------------------------------
  if (rolling) {
    // What the nodes look like once this sync's manage writes land (created pods are new and unavailable).
    const view = (name: string) => podsOn(name).filter((p) => !deleting.has(p))
    const nodeNames = sortedNodes.map((n) => n.metadata.name!).filter((name) => decisions.get(name)!.shouldRun || view(name).length > 0)
    if (!surge) {
      let unavailable = 0
      const allowed: Pod[] = []
      const candidates: Pod[] = []
      for (const name of nodeNames) {
        if (plan.create.includes(name)) {
          unavailable++
          continue
        }
        const { newPod, oldPod, ok } = findUpdatedPods(view(name), hash)
        if (!ok || (!newPod && !oldPod) || (newPod && oldPod)) unavailable++
        else if (newPod) {
          if (!isPodAvailable(newPod, minReady, nowMs)) unavailable++
        } else if (oldPod) {
          if (!isPodAvailable(oldPod, minReady, nowMs)) allowed.push(oldPod)
          else if (unavailable < maxUnavailable) candidates.push(oldPod)
        }
      }
      const remaining = Math.min(Math.max(0, maxUnavailable - unavailable), candidates.length)
      for (const pod of [...allowed, ...candidates.slice(0, remaining)]) del(pod)
    } else {
      let numSurge = 0
      const allowedNodes: string[] = []
      const candidateNodes: string[] = []
      for (const name of nodeNames) {
        if (plan.create.includes(name)) continue
        const { newPod, oldPod, ok } = findUpdatedPods(view(name), hash)
        if (!ok) {
          numSurge++
          continue
        }
        if (!oldPod) continue
        if (!newPod) {
          if (!isPodAvailable(oldPod, minReady, nowMs)) {
            if (!decisions.get(name)!.shouldRun) del(oldPod)
            else allowedNodes.push(name)
          } else if (numSurge < maxSurge) candidateNodes.push(name)
        } else if (!isPodAvailable(newPod, minReady, nowMs)) numSurge++
        else del(oldPod)
      }
      const remaining = Math.min(Math.max(0, maxSurge - numSurge), candidateNodes.length)
      plan.create.push(...allowedNodes, ...candidateNodes.slice(0, remaining))
    }
  }

  // ---- status (before this sync's writes, as upstream computes it from the lister) ------------------
  let current = 0
  let ready = 0
  let available = 0
  let updated = 0
  let misscheduled = 0
  let pendingAvailabilityMs: number | undefined
  for (const node of sortedNodes) {
    const name = node.metadata.name!
    const pods = podsOn(name)
    const { shouldRun } = decisions.get(name)!
    if (shouldRun && pods.length > 0) {
      current++
      const oldest = sortByCreation(pods)[0]
      if (isPodReady(oldest)) {
        ready++
        if (isPodAvailable(oldest, minReady, nowMs)) available++
        else {
          const since = parseRfc3339(oldest.status!.conditions!.find((c) => c.type === 'Ready')!.lastTransitionTime ?? '')
          const waitMs = since + minReady * 1000 - nowMs
          if (waitMs > 0) pendingAvailabilityMs = Math.min(pendingAvailabilityMs ?? waitMs, waitMs)
        }
      }
      if (isPodUpdated(oldest, hash)) updated++
    } else if (!shouldRun && pods.length > 0) misscheduled++
  }
  plan.status = {
    ...(ds.status ?? {}),
    currentNumberScheduled: current,
    numberMisscheduled: misscheduled,
    desiredNumberScheduled: desired,
    numberReady: ready,
    observedGeneration: ds.metadata.generation,
    updatedNumberScheduled: updated,
    numberAvailable: available,
    numberUnavailable: desired - available,
  }
  if (!plan.status.numberAvailable) delete plan.status.numberAvailable
  if (!plan.status.updatedNumberScheduled) delete plan.status.updatedNumberScheduled
  if (!plan.status.numberUnavailable) delete plan.status.numberUnavailable
  plan.requeueAfterMs = pendingAvailabilityMs
  return plan
}
