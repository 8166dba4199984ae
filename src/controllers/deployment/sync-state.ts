// One Deployment sync's working state and its writes: the Deployment as this sync sees it (status
// and revision annotation updated locally as they are written, like upstream's in-memory copy) and
// its claimed ReplicaSets. Every write goes through here so that later steps read what was written.
import type { Condition, KubeObject } from '../../api/meta'
import type { ReconcileContext } from '../../runtime/controller'
import { keyOf } from '../../store/keys'
import { REVISION, replicasAnnotationsNeedUpdate, withReplicasAnnotations } from './annotations'
import { isDeepEqual as deepEqual } from '../../api/deep-equal'
import { maxSurge } from './fenceposts'
import type { ReplicaSetsOfDeployment } from './new-replica-set'
import type { RsView } from './replica-sets'
import type { DeploymentStatusView, DeploymentView } from './status'

export const DEPLOYMENT_CONTROLLER = 'deployment-controller'

export type StoredReplicaSet = KubeObject & RsView & { metadata: KubeObject['metadata'] & RsView['metadata']; spec: RsView['spec'] & { selector?: unknown; minReadySeconds?: number } }
export type StoredDeployment = KubeObject & DeploymentView & { metadata: KubeObject['metadata'] & DeploymentView['metadata']; spec: DeploymentView['spec'] & { selector?: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] } } }

export class DeploymentSync {
  /** The Deployment as this sync knows it: stored object plus the status this sync has written. */
  d: StoredDeployment
  rsList: StoredReplicaSet[]
  /** getAllReplicaSetsAndSyncRevision's last answer that wrote nothing, and the objects it was for. */
  replicaSets?: { d: StoredDeployment; rsList: StoredReplicaSet[]; answer: ReplicaSetsOfDeployment }

  constructor(readonly ctx: ReconcileContext, deployment: StoredDeployment, rsList: StoredReplicaSet[]) {
    this.d = deployment
    this.rsList = rsList
  }

  get nowMs(): number {
    return this.ctx.clock.now()
  }

  get replicas(): number {
    return this.d.spec.replicas ?? 1
  }

  event(type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.events.record(this.d, type, reason, message, { component: DEPLOYMENT_CONTROLLER })
  }

  private replace(rs: StoredReplicaSet): StoredReplicaSet {
    this.rsList = this.rsList.map((r) => (r.metadata.uid === rs.metadata.uid ? rs : r))
    return rs
  }

  /** scaleReplicaSet: size and desired/max annotations; a ScalingReplicaSet event when the size changes. */
  scaleReplicaSet(rs: StoredReplicaSet, newScale: number): { scaled: boolean; rs: StoredReplicaSet } {
    const oldScale = rs.spec.replicas ?? 0
    const desired = this.replicas
    const max = desired + maxSurge(this.d)
    const sizeNeedsUpdate = oldScale !== newScale
    if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs.metadata.annotations, desired, max)) return { scaled: false, rs }
    // `rs` is the stored object (this sync's writes replace it in rsList), so the annotations are
    // computed from it; the write starts from what is stored, as a patch would.
    const annotations = withReplicasAnnotations(rs.metadata.annotations, desired, max)
    const stored = this.ctx.store.get<StoredReplicaSet>('ReplicaSet', keyOf(rs)) ?? rs
    const updated = this.ctx.client.update<StoredReplicaSet>(withScale(stored, newScale, annotations))
    this.replace(updated)
    if (sizeNeedsUpdate) this.event('Normal', 'ScalingReplicaSet', `Scaled ${oldScale < newScale ? 'up' : 'down'} replica set ${rs.metadata.name} from ${oldScale} to ${newScale}`)
    return { scaled: sizeNeedsUpdate, rs: updated }
  }

  /** scaleReplicaSetAndRecordEvent: nothing when the size is already right. */
  scaleIfNeeded(rs: StoredReplicaSet, newScale: number): { scaled: boolean; rs: StoredReplicaSet } {
    if ((rs.spec.replicas ?? 0) === newScale) return { scaled: false, rs }
    return this.scaleReplicaSet(rs, newScale)
  }

  byName(name: string): StoredReplicaSet | undefined {
    return this.rsList.find((rs) => rs.metadata.name === name)
  }

  /** The Deployment's revision annotation (upstream persists it through the status update). */
  setRevision(revision: string): boolean {
    if (this.d.metadata.annotations?.[REVISION] === revision) return false
    const annotations = { ...(this.d.metadata.annotations ?? {}), [REVISION]: revision }
    // A whole-object update of what is stored, as a patch would be applied (an immer draft costs
    // some 200 µs here: this runs once per rollout, when immer's code has gone cold).
    const stored = this.ctx.store.get<StoredDeployment>('Deployment', keyOf(this.d)) ?? this.d
    this.d = this.ctx.client.update<StoredDeployment>({ ...stored, metadata: { ...stored.metadata, annotations } })
    return true
  }

  /** Writes the status when it differs; returns whether it did. */
  writeStatus(status: DeploymentStatusView): boolean {
    if (deepEqual(status, this.d.status ?? {})) return false
    this.d = this.ctx.client.writeStatus<StoredDeployment>('Deployment', keyOf(this.d), status)
    return true
  }

  setConditions(conditions: readonly Condition[]): void {
    this.writeStatus({ ...(this.d.status ?? {}), conditions })
  }
}

/**
 * The stored ReplicaSet with a new size and annotations, for a whole-object update: the store's
 * update writes what a patch recipe setting the two fields writes (same content, key order, checks
 * and trace; a missing object is the same NotFoundError), without the recipe's immer draft
 * (scale-write.equivalence.test.ts).
 */
function withScale(stored: StoredReplicaSet, replicas: number, annotations: Record<string, string>): StoredReplicaSet {
  return { ...stored, metadata: { ...stored.metadata, annotations }, spec: { ...stored.spec, replicas } }
}
