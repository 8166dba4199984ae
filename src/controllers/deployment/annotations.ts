// Revision bookkeeping on ReplicaSets (semantics.md §5.3; deployment_util.go
// SetNewReplicaSetAnnotations, copyDeploymentAnnotationsToReplicaSet, SetReplicasAnnotations,
// ReplicasAnnotationsNeedUpdate). Pure: each function returns the next annotations.

export const REVISION = 'deployment.kubernetes.io/revision'
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history'
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas'
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas'
export const ROLLBACK_TO = 'deprecated.deployment.rollback.to'
import { LAST_APPLIED_ANNOTATION as LAST_APPLIED } from '../../api/meta'

export { LAST_APPLIED }
/** deployment_controller.go maxRevHistoryLengthInChars. */
export const MAX_REVISION_HISTORY_CHARS = 2000

/** Annotations a Deployment never passes to its ReplicaSets (and kubectl undo never copies back). */
export const ANNOTATIONS_TO_SKIP: ReadonlySet<string> = new Set([LAST_APPLIED, REVISION, REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS, ROLLBACK_TO])

export interface AnnotationUpdate {
  /** `current` itself when nothing changed, else a copy. */
  annotations: Record<string, string>
  changed: boolean
}

/**
 * The new ReplicaSet's annotations: the Deployment's own (minus the skipped ones), a revision raised
 * to `newRevision` when lower (the old number appended to revision-history when it existed: a
 * rollback), and, for a ReplicaSet about to be created, desired/max replicas.
 */
export function computeNewReplicaSetAnnotations(
  deploymentAnnotations: Readonly<Record<string, string>> | undefined,
  current: Readonly<Record<string, string>> | undefined,
  newRevision: number,
  create: { desired: number; max: number } | undefined,
): AnnotationUpdate {
  // Copied on the first change only: most syncs find the new ReplicaSet's annotations up to date.
  let annotations = (current ?? {}) as Record<string, string>
  let changed = false
  if (deploymentAnnotations) {
    for (const k in deploymentAnnotations) {
      if (!Object.hasOwn(deploymentAnnotations, k)) continue
      const v = deploymentAnnotations[k]
      if (ANNOTATIONS_TO_SKIP.has(k) || annotations[k] === v) continue
      if (!changed) annotations = { ...annotations }
      annotations[k] = v
      changed = true
    }
  }
  const hadRevision = REVISION in annotations
  const oldText = annotations[REVISION] ?? ''
  let oldRevision = 0
  if (oldText !== '') {
    if (!/^\d+$/.test(oldText)) return { annotations, changed }
    oldRevision = Number(oldText)
  }
  if (oldRevision < newRevision) {
    if (!changed) annotations = { ...annotations }
    annotations[REVISION] = String(newRevision)
    changed = true
    if (hadRevision) {
      const history = annotations[REVISION_HISTORY] ?? ''
      if (history === '') annotations[REVISION_HISTORY] = oldText
      else {
        const parts = history.split(',')
        let total = history.length + oldText.length + 1
        let start = 0
        while (total > MAX_REVISION_HISTORY_CHARS && start < parts.length) total -= parts[start++].length + 1
        if (total <= MAX_REVISION_HISTORY_CHARS) annotations[REVISION_HISTORY] = [...parts.slice(start), oldText].join(',')
      }
    }
  }
  if (create) {
    const next = withReplicasAnnotations(annotations, create.desired, create.max)
    if (next !== annotations) return { annotations: next, changed: true }
  }
  return { annotations, changed }
}

export function replicasAnnotationsNeedUpdate(annotations: Readonly<Record<string, string>> | undefined, desired: number, max: number): boolean {
  return annotations?.[DESIRED_REPLICAS] !== String(desired) || annotations?.[MAX_REPLICAS] !== String(max)
}

/** desired-replicas and max-replicas set; the same object when nothing changes. */
export function withReplicasAnnotations(annotations: Readonly<Record<string, string>> | undefined, desired: number, max: number): Record<string, string> {
  const current = annotations ?? {}
  if (!replicasAnnotationsNeedUpdate(current, desired, max)) return current as Record<string, string>
  return { ...current, [DESIRED_REPLICAS]: String(desired), [MAX_REPLICAS]: String(max) }
}

/** An integer annotation (desired-replicas, max-replicas), or undefined. */
export function intAnnotation(annotations: Readonly<Record<string, string>> | undefined, key: string): number | undefined {
  const text = annotations?.[key]
  return text !== undefined && /^-?\d+$/.test(text) ? Number(text) : undefined
}
