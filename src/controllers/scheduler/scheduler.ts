// kube-scheduler's default profile as a controller (`default-scheduler`): it keeps a NodeInfo snapshot
// current from Pod and Node changes (never rebuilt per pod), a scheduling queue (activeQ by priority,
// back-off, unschedulable pool with queueing hints and the 5 min flush), and runs one scheduling cycle
// per `@schedule` key: planPlacement (pure) decides, then bind through pods/binding and a `Scheduled`
// event, or PodScheduled=False + `FailedScheduling` (+ preemption of lower-priority victims).
// Keys: "ns/name" for pods, "node:<name>" for nodes, "@schedule" for one cycle. Timers are set only
// for a pod's back-off end or its 5 min flush tick. Not modelled: volume plugins (unless
// filter-volume-binding.ts exists), DRA, extenders, multiple profiles in one instance.
import type { KubeObject } from '../../api/meta'
import type { Node } from '../../api/node'
import type { Pod, PodCondition } from '../../api/pod'
import { ConflictError, NotFoundError } from '../../api/errors'
import { defineController, type ControllerSpec, type ReconcileContext, type WatchSpec } from '../../runtime/controller'
import { toRfc3339 } from '../../sim/time'
import { keyOf, objectKey, type ObjectKey } from '../../store/keys'
import type { PersistentVolume } from '../../api/persistent-volume'
import type { PersistentVolumeClaim } from '../../api/persistent-volume-claim'
import type { StorageClass } from '../../api/storage-class'
import type { VolumeBindingLookups } from './filter-volume-binding'
import type { Store } from '../../store/store'
import { readDefaultSpreadSelector } from './default-spread-selector'
import { isTerminal, type NodeInfo } from './node-info'
import type { SchedulerRandom } from './framework'
import type { PreemptionPlan, PreemptionPodDisruptionBudget } from './preemption'
import { hasSchedulingPropertiesChange, isPodWorthRequeuing, type ClusterEvent } from './queueing-hints'
import { ERR_NO_NODES_AVAILABLE, planPlacement, type PlacementContext } from './schedule-one'
import { SchedulingQueue, type QueuedPodInfo } from './scheduling-queue'
import { SchedulerSnapshot } from './snapshot'

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler'
export const SCHEDULE_KEY = '@schedule'
/**
 * Scheduling cycles run per `@schedule` reconcile before yielding to other controllers. Upstream runs
 * cycles back to back while controllers run concurrently; a batch keeps the loop's per-key livelock
 * guard meaningful when tens of thousands of pods arrive at one instant.
 */
export const CYCLES_PER_RECONCILE = 200
const NODE_PREFIX = 'node:'
/** Claim, volume or class changes: pods VolumeBinding rejected are retried (its EventsToRegister). */
const VOLUMES_KEY = '@volumes'

export interface SchedulerOptions {
  /** Pods with this spec.schedulerName are ours; also the controller name and event source. */
  schedulerName?: string
  /** When the scheduler started (the 30 s unschedulable-flush ticks count from here). */
  startMs: number
  /** SchedulerPopFromBackoffQ (default true, as upstream since v1.33). */
  popFromBackoffQ?: boolean
  initialBackoffMs?: number
  maxBackoffMs?: number
  percentageOfNodesToScore?: number
}

interface CachedPod {
  pod: Pod
  nodeName: string
}

export function nodeKey(name: string): ObjectKey {
  return `${NODE_PREFIX}${name}`
}

function isAssigned(pod: Pod): boolean {
  return !!pod.spec.nodeName
}

/** The pods/binding success condition is written by the API server (store.bind); this is the failure one. */
function applyPodScheduledFalse(draft: Pod, reason: string, message: string, nowIso: string, nominatedNodeName?: string): void {
  const status = (draft.status ??= {})
  const conditions = (status.conditions ??= [])
  const i = conditions.findIndex((c) => c.type === 'PodScheduled')
  const previous = i >= 0 ? conditions[i] : undefined
  const next: PodCondition = {
    type: 'PodScheduled',
    status: 'False',
    lastProbeTime: null,
    lastTransitionTime: previous && previous.status === 'False' ? previous.lastTransitionTime : nowIso,
    reason,
    message,
  }
  if (i >= 0) conditions[i] = next
  else conditions.push(next)
  if (nominatedNodeName !== undefined) status.nominatedNodeName = nominatedNodeName
}

/** Claims, classes and volumes for VolumeBinding, read from the store. */
class StoreVolumeLookups implements VolumeBindingLookups {
  constructor(private readonly store: Store) {}

  claim(namespace: string, claimName: string): PersistentVolumeClaim | undefined {
    return this.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', objectKey(namespace, claimName))
  }

  storageClass(className: string): StorageClass | undefined {
    return this.store.get<StorageClass>('StorageClass', className)
  }

  volume(volumeName: string): PersistentVolume | undefined {
    return this.store.get<PersistentVolume>('PersistentVolume', volumeName)
  }

  volumesOfClass(className: string): PersistentVolume[] {
    return this.store.list<PersistentVolume>('PersistentVolume').filter((pv) => (pv.spec?.storageClassName ?? '') === className)
  }
}

/**
 * The scheduler's placement context: the given fields, and `pdbs` read from the store only when
 * preemption asks. A class getter, not a getter in an object literal: V8 allocates each literal
 * getter's AccessorPair in the old generation, and that pair, pointing at a young closure over the
 * scheduler (so at the whole cluster), kept every finished cluster alive through young-generation
 * collections until a full one. The class's getter is one pair on the prototype. The fields come in
 * by Object.assign: the same class with its fields declared and set in the constructor made finished
 * clusters survive young-generation collections again (ten times the GC time per small cluster).
 */
class StorePlacementContext implements PlacementContext {
  declare random: PlacementContext['random']
  declare nextStartNodeIndex: number

  constructor(
    private readonly store: Store,
    fields: Omit<PlacementContext, 'pdbs'>,
  ) {
    Object.assign(this, fields)
  }

  get pdbs(): readonly PreemptionPodDisruptionBudget[] {
    return this.store.count('PodDisruptionBudget') === 0 ? [] : this.store.list<PreemptionPodDisruptionBudget & { metadata: { name: string } }>('PodDisruptionBudget')
  }
}

/** What the scheduler watches besides its pods; no closure over a scheduler, so shared by all. */
const WATCHES: readonly WatchSpec[] = [
  { kind: 'Node', map: (node) => nodeKey(node.metadata.name) },
  { kind: 'PersistentVolumeClaim', map: () => VOLUMES_KEY },
  { kind: 'PersistentVolume', map: () => VOLUMES_KEY },
  { kind: 'StorageClass', map: () => VOLUMES_KEY },
]

export function createScheduler(store: Store, options: SchedulerOptions): ControllerSpec {
  return defineController(new Scheduler(store, options))
}

/**
 * The controller. A class rather than closures over createScheduler's locals: a cluster makes one,
 * and its methods are shared instead of some twenty functions made per cluster.
 */
class Scheduler implements ControllerSpec {
  readonly name: string
  readonly for = 'Pod'
  readonly watches = WATCHES
  private readonly source: { component: string }
  private readonly snapshot = new SchedulerSnapshot()
  private readonly queue: SchedulingQueue
  private readonly assigned = new Map<ObjectKey, CachedPod>()
  /** Pending pods with status.nominatedNodeName (upstream nominator), by node then key. */
  private readonly nominated = new Map<string, Map<ObjectKey, Pod>>()
  private readonly nominatedOf = new Map<ObjectKey, string>()
  private nominatedView: Map<string, Pod[]> | undefined
  private nextStartNodeIndex = 0
  private placement: PlacementContext | undefined

  constructor(
    private readonly store: Store,
    private readonly options: SchedulerOptions,
  ) {
    this.name = options.schedulerName ?? DEFAULT_SCHEDULER_NAME
    this.source = { component: this.name }
    this.queue = new SchedulingQueue({ startMs: options.startMs, popFromBackoffQ: options.popFromBackoffQ, initialBackoffMs: options.initialBackoffMs, maxBackoffMs: options.maxBackoffMs })
  }

  reconcile(key: ObjectKey, ctx: ReconcileContext): void {
    if (key === SCHEDULE_KEY) return this.scheduleBatch(ctx)
    if (key === VOLUMES_KEY) return this.afterMove(this.queue.moveUnschedulable(isVolumeBindingRejected, ctx.clock.now()), ctx)
    if (key.startsWith(NODE_PREFIX)) return this.reconcileNode(key.slice(NODE_PREFIX.length), ctx)
    return this.reconcilePod(key, ctx)
  }

  private responsible(pod: Pod): boolean {
    return (pod.spec.schedulerName ?? DEFAULT_SCHEDULER_NAME) === this.name
  }

  private setNominated(key: ObjectKey, pod: Pod | undefined): void {
    const node = pod && !isAssigned(pod) ? pod.status?.nominatedNodeName : undefined
    const before = this.nominatedOf.get(key)
    if (before === node && (!node || this.nominated.get(node)?.get(key) === pod)) return
    if (before) {
      this.nominated.get(before)?.delete(key)
      if (this.nominated.get(before)?.size === 0) this.nominated.delete(before)
      this.nominatedOf.delete(key)
    }
    if (node && pod) {
      let m = this.nominated.get(node)
      if (!m) this.nominated.set(node, (m = new Map()))
      m.set(key, pod)
      this.nominatedOf.set(key, node)
    }
    this.nominatedView = undefined
  }

  private nominatedPodsByNode(): ReadonlyMap<string, readonly Pod[]> | undefined {
    if (this.nominated.size === 0) return undefined
    if (!this.nominatedView) {
      this.nominatedView = new Map()
      for (const [node, pods] of this.nominated) this.nominatedView.set(node, [...pods.keys()].sort().map((k) => pods.get(k)!))
    }
    return this.nominatedView
  }

  private wake(key: ObjectKey, ctx: ReconcileContext): void {
    const info = this.queue.get(key)
    const at = info ? this.queue.wakeAtMs(info) : undefined
    if (at !== undefined) ctx.enqueue(key, Math.max(0, at - ctx.clock.now()))
  }

  /**
   * Whether any pod is parked as unschedulable: cluster events only matter to those. Callers check
   * first, so the common case (nothing parked, e.g. a burst of binds) builds no event and compares
   * no labels or node properties.
   */
  private get anyParked(): boolean {
    return this.queue.unschedulableSize > 0
  }

  private moveOn(event: ClusterEvent, ctx: ReconcileContext): void {
    const now = ctx.clock.now()
    const moved = this.queue.moveUnschedulable((info) => isPodWorthRequeuing(info.pod, info.unschedulablePlugins, event), now)
    this.afterMove(moved, ctx)
  }

  private afterMove(moved: readonly QueuedPodInfo[], ctx: ReconcileContext): void {
    if (moved.length === 0) return
    for (const info of moved) if (info.where === 'backoff') this.wake(info.key, ctx)
    this.ensureScheduling(ctx)
  }

  private ensureScheduling(ctx: ReconcileContext): void {
    if (this.queue.hasPoppable()) ctx.enqueue(SCHEDULE_KEY)
  }

  // ---- cache: pods -------------------------------------------------------------------------------

  private reconcilePod(key: ObjectKey, ctx: ReconcileContext): void {
    const { queue, snapshot, assigned } = this
    const pod = this.store.get<Pod>('Pod', key)
    let current = assigned.get(key)
    const live = pod && isAssigned(pod) && !isTerminal(pod) ? pod : undefined
    if (current && (!live || live.metadata.uid !== current.pod.metadata.uid || live.spec.nodeName !== current.nodeName)) {
      const gone = current
      snapshot.removePod(gone.nodeName, gone.pod)
      assigned.delete(key)
      current = undefined
      if (this.anyParked) this.moveOn({ type: 'AssignedPodDelete', pod: gone.pod, nodeInfo: snapshot.get(gone.nodeName) }, ctx)
    }
    if (live) {
      queue.delete(key)
      this.setNominated(key, undefined)
      const nodeName = live.spec.nodeName!
      if (!current) {
        snapshot.addPod(nodeName, live)
        assigned.set(key, { pod: live, nodeName })
        if (this.anyParked) this.moveOn({ type: 'AssignedPodAdd', pod: live }, ctx)
      } else if (current.pod !== live) {
        const before = current.pod
        snapshot.updatePod(nodeName, before, live)
        // Same node (a move was handled above): only the object changes.
        current.pod = live
        // Status updates keep the labels object (the store shares unchanged subtrees): no need to serialise.
        if (this.anyParked && labelsChanged(before, live)) this.moveOn({ type: 'AssignedPodUpdate', pod: live }, ctx)
      }
      return
    }
    if (!pod || isAssigned(pod) || pod.metadata.deletionTimestamp || isTerminal(pod) || !this.responsible(pod)) {
      queue.delete(key)
      this.setNominated(key, undefined)
      return
    }
    this.setNominated(key, pod)
    // A pod already queued is updated (SchedulingQueue.add does that).
    const info = queue.add(key, pod, ctx.clock.now())
    if (info.where === 'unschedulable' || info.where === 'backoff' || info.where === 'errorBackoff') {
      // A timer fired: flush what is due (back-offs ended, parked pods past 5 min at a flush tick).
      const now = ctx.clock.now()
      const at = queue.wakeAtMs(info)
      if (at !== undefined && at <= now) {
        if (info.where === 'unschedulable') this.afterMove(queue.flushUnschedulableLeftover(now), ctx)
        else queue.flushBackoffCompleted(now)
      }
      this.wake(key, ctx)
    }
    this.ensureScheduling(ctx)
  }

  // ---- cache: nodes ------------------------------------------------------------------------------

  private reconcileNode(nodeName: string, ctx: ReconcileContext): void {
    const { snapshot } = this
    const node = this.store.get<Node>('Node', nodeName)
    if (!node) {
      snapshot.removeNode(nodeName)
      return
    }
    const before = snapshot.get(nodeName)?.node
    if (before === node) return
    snapshot.setNode(node)
    const info = snapshot.get(nodeName)!
    if (!this.anyParked) return
    if (!before) this.moveOn({ type: 'NodeAdd', nodeInfo: info }, ctx)
    else if (hasSchedulingPropertiesChange(before, node)) this.moveOn({ type: 'NodeUpdate', nodeInfo: info }, ctx)
  }

  // ---- one scheduling cycle ----------------------------------------------------------------------

  /** The placement context, made at the first cycle and refreshed per cycle (planPlacement keeps no reference to it). */
  private newPlacement(random: SchedulerRandom): PlacementContext {
    const { store, snapshot } = this
    return new StorePlacementContext(store, {
      random,
      nextStartNodeIndex: 0,
      percentageOfNodesToScore: this.options.percentageOfNodesToScore,
      namespaceLabels: (namespace) => {
        const ns = store.get<{ metadata: { labels?: Record<string, string> } }>('Namespace', namespace)
        return { ...(ns?.metadata.labels ?? {}), 'kubernetes.io/metadata.name': namespace }
      },
      summary: snapshot.summary,
      defaultSpreadCounts: (namespace, selector) => snapshot.defaultSpreadCounts(namespace, selector),
      volumeLookups: new StoreVolumeLookups(store),
    })
  }

  private scheduleBatch(ctx: ReconcileContext): void {
    for (let i = 0; i < CYCLES_PER_RECONCILE && this.queue.hasPoppable(); i++) this.scheduleOne(ctx)
    this.ensureScheduling(ctx)
  }

  private scheduleOne(ctx: ReconcileContext): void {
    const { queue, snapshot } = this
    const now = ctx.clock.now()
    const info = queue.pop(now)
    if (!info) return
    try {
      const pod = this.store.get<Pod>('Pod', info.key)
      if (!pod || isAssigned(pod) || pod.metadata.deletionTimestamp || isTerminal(pod) || !this.responsible(pod)) {
        queue.delete(info.key)
        return
      }
      info.pod = pod
      const placement = (this.placement ??= this.newPlacement(ctx.random))
      placement.random = ctx.random
      placement.nextStartNodeIndex = this.nextStartNodeIndex
      placement.defaultSpreadSelector = readDefaultSpreadSelector(pod, this.store)
      placement.nominatedPodsByNode = this.nominatedPodsByNode()
      const nodeInfos = snapshot.nodeInfos()
      placement.columns = snapshot.columns()
      const plan = planPlacement(pod, nodeInfos, placement)
      this.nextStartNodeIndex = plan.nextStartNodeIndex
      if (plan.kind === 'bind') this.applyBind(info.key, pod, plan.nodeName, ctx)
      else {
        if (plan.preemption) this.applyPreemption(pod, plan.preemption, ctx)
        const isError = plan.message === ERR_NO_NODES_AVAILABLE
        this.applyFailure(pod, isError ? 'SchedulerError' : 'Unschedulable', plan.message, isError ? [] : plan.unschedulablePlugins, ctx, plan.preemption?.nodeName)
      }
    } catch (error) {
      // An unexpected failure must not lose the pod: retry it after the error back-off.
      if (queue.get(info.key)?.where === 'inFlight') {
        queue.addUnschedulable(info.key, [], now)
        this.wake(info.key, ctx)
      }
      throw error
    }
  }

  private applyBind(key: ObjectKey, pod: Pod, nodeName: string, ctx: ReconcileContext): void {
    let bound: Pod
    try {
      bound = ctx.client.bind(key, nodeName) as Pod
    } catch (error) {
      if (!(error instanceof ConflictError) && !(error instanceof NotFoundError)) throw error
      this.applyFailure(pod, 'SchedulerError', `Binding rejected: ${error.message}`, [], ctx)
      return
    }
    this.queue.delete(key)
    this.setNominated(key, undefined)
    // Assume the pod at once (upstream cache.AssumePod), so the next cycle sees the node's new load.
    this.snapshot.addPod(nodeName, bound)
    this.assigned.set(key, { pod: bound, nodeName })
    ctx.events.record(bound as unknown as KubeObject, 'Normal', 'Scheduled', `Successfully assigned ${bound.metadata.namespace}/${bound.metadata.name} to ${nodeName}`, this.source)
    if (this.anyParked) this.moveOn({ type: 'AssignedPodAdd', pod: bound }, ctx)
  }

  private applyFailure(pod: Pod, reason: string, message: string, plugins: readonly string[], ctx: ReconcileContext, nominatedNodeName?: string): void {
    const key = keyOf(pod)
    const now = ctx.clock.now()
    ctx.events.record(pod as unknown as KubeObject, 'Warning', 'FailedScheduling', message, this.source)
    try {
      ctx.client.patchStatus<any>('Pod', key, (d) => applyPodScheduledFalse(d as Pod, reason, message, toRfc3339(now), nominatedNodeName))
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error
      this.queue.delete(key)
      return
    }
    this.queue.addUnschedulable(key, plugins, now)
    this.wake(key, ctx)
  }

  private applyPreemption(preemptor: Pod, plan: PreemptionPlan, ctx: ReconcileContext): void {
    const nowIso = toRfc3339(ctx.clock.now())
    for (const victim of plan.victims) {
      const key = keyOf(victim)
      if (!this.store.get('Pod', key)) continue
      ctx.client.patchStatus<any>('Pod', key, (d) => {
        const status = (d.status ??= {})
        const conditions = (status.conditions ??= [])
        const condition: PodCondition = {
          type: 'DisruptionTarget',
          status: 'True',
          lastProbeTime: null,
          lastTransitionTime: nowIso,
          reason: 'PreemptionByScheduler',
          message: `${preemptor.spec.schedulerName ?? DEFAULT_SCHEDULER_NAME}: preempting to accommodate a higher priority pod`,
        }
        const i = conditions.findIndex((c: PodCondition) => c.type === 'DisruptionTarget')
        if (i >= 0) {
          if (conditions[i].status === 'True') condition.lastTransitionTime = conditions[i].lastTransitionTime
          conditions[i] = condition
        } else conditions.push(condition)
      })
      ctx.client.delete('Pod', key)
      ctx.events.record(victim as unknown as KubeObject, 'Normal', 'Preempted', `Preempted by pod ${preemptor.metadata.uid} on node ${plan.nodeName}`, this.source)
    }
    // Lower-priority pods nominated to the same node lose their nomination (upstream getLowerPriorityNominatedPods).
    const priority = preemptor.spec.priority ?? 0
    for (const [key, pod] of [...(this.nominated.get(plan.nodeName) ?? new Map<string, Pod>())]) {
      if (key === keyOf(preemptor) || (pod.spec.priority ?? 0) >= priority) continue
      ctx.client.patchStatus<any>('Pod', key, (d) => {
        if (d.status) delete d.status.nominatedNodeName
      })
    }
  }
}

function labelsChanged(before: Pod, after: Pod): boolean {
  const labels = before.metadata.labels
  return labels !== after.metadata.labels && JSON.stringify(labels ?? {}) !== JSON.stringify(after.metadata.labels ?? {})
}

/** Claim, volume or class changes retry the pods VolumeBinding rejected. */
function isVolumeBindingRejected(info: QueuedPodInfo): boolean {
  return info.unschedulablePlugins.has('VolumeBinding')
}

/** For tests and `why()`: nothing here is part of the public API. */
export type { NodeInfo }
