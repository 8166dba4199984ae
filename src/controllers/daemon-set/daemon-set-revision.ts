// DaemonSet history ([k8s] pkg/controller/daemon/update.go: constructHistory, cleanupHistory;
// pkg/controller/history; semantics §7.6): the template hash (FNV-32a of the template, written with
// the API server's safe alphabet, as controller.ComputeHash + rand.SafeEncodeString), the
// ControllerRevision `<ds>-<hash>` holding the template patch, and which old revisions to prune.
import type { ControllerRevision } from '../../api/controller-revision'
import type { DaemonSet } from '../../api/daemon-set'
import { fnv1a32 } from '../../sim/hash'

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789'

/** JSON with sorted keys: the same template always hashes the same. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`
  if (value && typeof value === 'object') {
    const keys = Object.keys(value as object).sort()
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/** The revision hash of a DaemonSet's template (with its collisionCount). */
export function computeTemplateHash(ds: DaemonSet): string {
  const collision = ds.status?.collisionCount
  const text = stableJson(ds.spec.template) + (collision ? `#${collision}` : '')
  return String(fnv1a32(text))
    .split('')
    .map((d) => SAFE_ALPHABET[Number(d)])
    .join('')
}

/** The patch a DaemonSet ControllerRevision stores (getPatch): the template, replacing the whole. */
export function toRevisionData(ds: DaemonSet): unknown {
  return { spec: { template: { ...JSON.parse(JSON.stringify(ds.spec.template)), $patch: 'replace' } } }
}

/**
 * Old revisions to delete (cleanupHistory): those not current and not used by a live pod,
 * oldest revision first, beyond revisionHistoryLimit.
 */
export function planRevisionCleanup(revisions: readonly ControllerRevision[], currentName: string, liveHashes: ReadonlySet<string>, limit: number, hashOf: (r: ControllerRevision) => string): ControllerRevision[] {
  const old = revisions.filter((r) => r.metadata.name !== currentName && !liveHashes.has(hashOf(r))).sort((a, b) => a.revision - b.revision)
  return old.slice(0, Math.max(0, old.length - limit))
}
