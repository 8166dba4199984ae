// Finding or creating the new ReplicaSet (semantics.md §5.3; sync.go getAllReplicaSetsAndSyncRevision,
// getNewReplicaSet): an existing one gets its revision raised and the Deployment's annotations; a
// missing one (when allowed) is created as `<deployment>-<hash>` with the hash label in its labels,
// selector and template, sized by NewRSNewReplicas. A name taken by a different template bumps
// status.collisionCount and retries.
import { AlreadyExistsError } from '../../api/errors'
import { controllerOf, controllerRefTo } from '../../runtime/owners'
import { objectKey } from '../../store/keys'
import { computeNewReplicaSetAnnotations, REVISION } from './annotations'
import { getCondition, newCondition, REASON, setCondition } from './conditions'
import { maxSurge } from './fenceposts'
import { findNewReplicaSet, findOldReplicaSets, maxRevision } from './replica-sets'
import { computeNewReplicaSetReplicas } from './rolling'
import { hasProgressDeadline } from './status'
import type { DeploymentSync, StoredReplicaSet } from './sync-state'
import { computePodTemplateHash, equalIgnoreHash, POD_TEMPLATE_HASH } from './template-hash'

export interface ReplicaSetsOfDeployment {
  newRS: StoredReplicaSet | undefined
  oldRSs: StoredReplicaSet[]
}

export function getAllReplicaSetsAndSyncRevision(sync: DeploymentSync, createIfMissing: boolean): ReplicaSetsOfDeployment {
  // A sync asks more than once (isScalingEvent, then the rollout). When an earlier answer found the
  // new ReplicaSet and wrote nothing, asking again about the same objects repeats it exactly.
  const { d, rsList } = sync
  const known = sync.replicaSets
  if (known && known.d === d && known.rsList === rsList) return known.answer
  const existing = findNewReplicaSet(d.spec.template, rsList)
  const oldRSs = findOldReplicaSets(existing, rsList)
  const newRS = getNewReplicaSet(sync, existing, oldRSs, createIfMissing)
  const answer = { newRS, oldRSs }
  if (existing && newRS === existing && sync.d === d && sync.rsList === rsList) sync.replicaSets = { d, rsList, answer }
  return answer
}

function getNewReplicaSet(sync: DeploymentSync, existing: StoredReplicaSet | undefined, oldRSs: StoredReplicaSet[], createIfMissing: boolean): StoredReplicaSet | undefined {
  const d = sync.d
  const newRevision = maxRevision(oldRSs) + 1
  if (existing) {
    const { annotations, changed } = computeNewReplicaSetAnnotations(d.metadata.annotations, existing.metadata.annotations, newRevision, undefined)
    const minReadySeconds = d.spec.minReadySeconds ?? 0
    if (changed || (existing.spec.minReadySeconds ?? 0) !== minReadySeconds) {
      const updated = sync.ctx.client.patch<StoredReplicaSet>('ReplicaSet', objectKey(existing.metadata.namespace, existing.metadata.name), (draft) => {
        draft.metadata.annotations = annotations
        draft.spec.minReadySeconds = minReadySeconds
      })
      sync.rsList = sync.rsList.map((rs) => (rs.metadata.uid === updated.metadata.uid ? updated : rs))
      return updated
    }
    sync.setRevision(existing.metadata.annotations?.[REVISION] ?? '')
    if (hasProgressDeadline(d) && !getCondition(d.status?.conditions, 'Progressing')) {
      sync.setConditions(setCondition(sync.d.status?.conditions, newCondition('Progressing', 'True', REASON.foundNewReplicaSet, `Found new replica set "${existing.metadata.name}"`, sync.nowMs)))
    }
    return existing
  }
  if (!createIfMissing) return undefined

  const collisionCount = d.status?.collisionCount
  const hash = computePodTemplateHash(d.spec.template, collisionCount)
  const template = d.spec.template as { metadata?: { labels?: Record<string, string> } }
  const labels = { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH]: hash }
  const selector = d.spec.selector ?? {}
  const name = `${d.metadata.name}-${hash}`
  const draft: StoredReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: d.metadata.namespace, labels, ownerReferences: [controllerRefTo(d)] } as unknown as StoredReplicaSet['metadata'],
    spec: {
      replicas: 0,
      minReadySeconds: d.spec.minReadySeconds ?? 0,
      selector: { ...selector, matchLabels: { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH]: hash } },
      template: { ...(d.spec.template as object), metadata: { ...(template.metadata ?? {}), labels } },
    },
  }
  const replicas = computeNewReplicaSetReplicas(d, [...oldRSs, draft], draft)
  draft.spec.replicas = replicas
  draft.metadata.annotations = computeNewReplicaSetAnnotations(d.metadata.annotations, undefined, newRevision, { desired: sync.replicas, max: sync.replicas + maxSurge(d) }).annotations

  let created: StoredReplicaSet
  let alreadyExists = false
  try {
    created = sync.ctx.client.create<StoredReplicaSet>(draft)
  } catch (error) {
    if (error instanceof AlreadyExistsError) {
      const found = sync.ctx.store.get<StoredReplicaSet>('ReplicaSet', objectKey(d.metadata.namespace, name))!
      if (controllerOf(found)?.uid === d.metadata.uid && equalIgnoreHash(d.spec.template, found.spec.template)) {
        created = found
        alreadyExists = true
      } else {
        sync.writeStatus({ ...(sync.d.status ?? {}), collisionCount: (collisionCount ?? 0) + 1 })
        throw error
      }
    } else {
      const message = `Failed to create new replica set "${name}": ${error instanceof Error ? error.message : String(error)}`
      if (!/because it is being terminated/.test(message)) {
        if (hasProgressDeadline(d)) sync.setConditions(setCondition(sync.d.status?.conditions, newCondition('Progressing', 'False', REASON.failedReplicaSetCreate, message, sync.nowMs)))
        sync.event('Warning', REASON.failedReplicaSetCreate, message)
      }
      throw error
    }
  }
  if (!sync.rsList.some((rs) => rs.metadata.uid === created.metadata.uid)) sync.rsList = [...sync.rsList, created]
  if (!alreadyExists && replicas > 0) sync.event('Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name} from 0 to ${replicas}`)
  sync.setRevision(String(newRevision))
  if (!alreadyExists && hasProgressDeadline(d)) {
    sync.setConditions(setCondition(sync.d.status?.conditions, newCondition('Progressing', 'True', REASON.newReplicaSetCreated, `Created new replica set "${created.metadata.name}"`, sync.nowMs)))
  }
  return created
}
