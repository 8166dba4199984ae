// ControllerRevisions of a StatefulSet (semantics.md §6.3; [k8s] stateful_set_control.go:
// getStatefulSetRevisions, truncateHistory; pkg/controller/history/controller_history.go:
// NewControllerRevision, HashControllerRevision, FindEqualRevisions). A revision snapshots the pod
// template as the patch upstream stores ({spec:{template:{…,$patch:replace}}}); its name is
// `<set>-<hash>`, the hash being FNV-1a-32 of the canonical data (plus the collision count), written
// as decimal digits mapped through the API server's name alphabet, as upstream does. Pure.
import type { ControllerRevision } from '../../api/controller-revision'
import type { PodTemplateSpec } from '../../api/pod'
import { fnv1a32 } from '../../sim/hash'
import { isDeepEqual } from '../../api/deep-equal'
import type { StatefulSetLike } from './identity'

const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789'
export const REVISION_HASH_LABEL = 'controller-revision-hash'

export interface RevisionData {
  spec: { template: PodTemplateSpec & { $patch: 'replace' } }
}

export function revisionData(template: PodTemplateSpec): RevisionData {
  return { spec: { template: { ...(JSON.parse(JSON.stringify(template)) as PodTemplateSpec), $patch: 'replace' } } }
}

/** The template a revision holds. */
export function templateOf(revision: Pick<ControllerRevision, 'data'>): PodTemplateSpec {
  const template = { ...((revision.data as RevisionData | undefined)?.spec?.template ?? { spec: { containers: [] } }) } as Record<string, unknown>
  delete template.$patch
  return template as PodTemplateSpec
}

/** JSON with object keys sorted, so equal data always hashes equally. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const keys = Object.keys(value as object)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`
}

/** HashControllerRevision's shape: a 32-bit hash's decimal digits through rand.SafeEncodeString. */
export function computeRevisionHash(data: unknown, collisionCount: number): string {
  let text = canonicalJson(data)
  if (collisionCount > 0) text += `#${collisionCount}`
  const digits = String(fnv1a32(text))
  let out = ''
  for (let i = 0; i < digits.length; i++) out += ALPHANUMS[digits.charCodeAt(i) % ALPHANUMS.length]
  return out
}

export function revisionName(setName: string, hash: string): string {
  return `${setName.length > 223 ? setName.slice(0, 223) : setName}-${hash}`
}

/** history.SortControllerRevisions: by revision number, then creation time, then name. */
export function sortRevisions<T extends ControllerRevision>(revisions: readonly T[]): T[] {
  return [...revisions].sort((a, b) => {
    if (a.revision !== b.revision) return a.revision - b.revision
    const ca = a.metadata.creationTimestamp ?? ''
    const cb = b.metadata.creationTimestamp ?? ''
    if (ca !== cb) return ca < cb ? -1 : 1
    const na = a.metadata.name ?? ''
    const nb = b.metadata.name ?? ''
    return na < nb ? -1 : na > nb ? 1 : 0
  })
}

export type RevisionPlan =
  | { action: 'none'; update: ControllerRevision }
  | { action: 'renumber'; update: ControllerRevision; revision: number }
  | { action: 'create'; revision: ControllerRevision }

export interface RevisionsResult {
  plan: RevisionPlan
  /** Name of the update revision (after the plan is applied). */
  updateName: string
  /** Name of the current revision: status.currentRevision when it still exists, else the update revision. */
  currentName: string
  collisionCount: number
}

/**
 * getStatefulSetRevisions: reuse the newest revision if it equals the set's template, renumber an older
 * equal one to max+1 (a rollback), or create a new one (bumping the collision count on a name clash).
 */
export function planRevisions(
  set: StatefulSetLike & { status?: { currentRevision?: string; collisionCount?: number } },
  existing: readonly ControllerRevision[],
  newRevisionMeta: (name: string, hash: string) => ControllerRevision['metadata'],
): RevisionsResult {
  const revisions = sortRevisions(existing)
  const data = revisionData(set.spec.template)
  const next = revisions.length ? revisions[revisions.length - 1].revision + 1 : 1
  let collisionCount = set.status?.collisionCount ?? 0
  const equal = revisions.filter((r) => isDeepEqual(r.data, data))
  let plan: RevisionPlan
  let updateName: string
  if (equal.length > 0 && equal[equal.length - 1] === revisions[revisions.length - 1]) {
    plan = { action: 'none', update: revisions[revisions.length - 1] }
    updateName = revisions[revisions.length - 1].metadata.name!
  } else if (equal.length > 0) {
    const r = equal[equal.length - 1]
    plan = { action: 'renumber', update: r, revision: next }
    updateName = r.metadata.name!
  } else {
    const names = new Map(existing.map((r) => [r.metadata.name, r]))
    let hash = computeRevisionHash(data, collisionCount)
    // A clash with a different snapshot under the same name: count it and hash again.
    for (let guard = 0; names.has(revisionName(set.metadata.name ?? '', hash)) && guard < 100; guard++) {
      collisionCount++
      hash = computeRevisionHash(data, collisionCount)
    }
    updateName = revisionName(set.metadata.name ?? '', hash)
    plan = {
      action: 'create',
      revision: { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: newRevisionMeta(updateName, hash), data, revision: next },
    }
  }
  const current = set.status?.currentRevision ? revisions.find((r) => r.metadata.name === set.status!.currentRevision) : undefined
  return { plan, updateName, currentName: current ? current.metadata.name! : updateName, collisionCount }
}

/**
 * truncateHistory: revisions to delete so that at most `limit` non-live ones remain, oldest first. Live:
 * the current and update revisions and any revision a pod still carries.
 */
export function planHistoryTruncation(revisions: readonly ControllerRevision[], live: ReadonlySet<string>, limit: number): string[] {
  const history = sortRevisions(revisions).filter((r) => !live.has(r.metadata.name ?? ''))
  if (history.length <= limit) return []
  return history.slice(0, history.length - limit).map((r) => r.metadata.name!)
}
