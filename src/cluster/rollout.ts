// The `kubectl rollout` verbs as facade helpers (kubectl.md §5.6; kubectl polymorphichelpers
// rollout_status.go, history.go, rollback.go, objectpauser.go, objectresumer.go, objectrestarter.go):
// status with kubectl's exact messages (optionally watching, printing a line per change), history,
// client-side undo, pause, resume and restart. Each returns the text kubectl prints; a kubectl error
// throws a RolloutError carrying kubectl's message.
import { KubesimError, NotFoundError } from '../api/errors'
import { ANNOTATIONS_TO_SKIP } from '../controllers/deployment/annotations'
import { findNewReplicaSet, revisionOf } from '../controllers/deployment/replica-sets'
import { equalIgnoreHash, POD_TEMPLATE_HASH } from '../controllers/deployment/template-hash'
import { describePodTemplate } from '../kubectl/describe-containers'
import { PrefixWriter } from '../kubectl/describe-writer'
import { rolloutStatus as viewRolloutStatus, type RolloutStatus } from '../kubectl/rollout-status'
import { formatTabbed, describeOptions } from '../kubectl/tab-writer'
import type { Duration } from '../sim/duration'
import { toRfc3339 } from '../sim/time'
import type { Cluster } from './cluster'

export class RolloutError extends KubesimError {
  override name = 'RolloutError'
}

export interface RolloutOptions {
  namespace?: string
}

const CHANGE_CAUSE = 'kubernetes.io/change-cause'
const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt'

function resolve(cluster: Cluster, kind: string, name: string, options: RolloutOptions): { kind: string; resource: string; obj: any } {
  const info = cluster.env.store.kindInfo(kind)
  const obj = cluster.get(info.kind, name, options) as any
  if (!obj) throw new NotFoundError(info.group ? `${info.plural}.${info.group}` : info.plural, name, options.namespace ?? 'default')
  const resource = `${info.singular}${info.group ? `.${info.group}` : ''}/${name}`
  return { kind: info.kind, resource, obj }
}

/**
 * `kubectl rollout status`. Without `watch` one look; with it, the loop runs until the rollout is
 * done or fails (or `timeout`, default 10m, passes) and the message holds every distinct line.
 */
export function rolloutStatus(cluster: Cluster, kind: string, name: string, options: RolloutOptions & { watch?: boolean; timeout?: Duration } = {}): RolloutStatus {
  const look = () => viewRolloutStatus(resolve(cluster, kind, name, options).obj)
  let status = look()
  if (!options.watch) return status
  let text = status.message
  cluster.runUntil(
    () => {
      const next = look()
      if (next.message !== status.message) text += next.message
      status = next
      return status.done || !!status.error
    },
    { timeout: options.timeout ?? '10m', description: `rollout of ${kind}/${name}` },
  )
  return { ...status, message: text }
}

/** The Deployment's ReplicaSets (controlled by it and selected by it), as kubectl's GetAllReplicaSets. */
function replicaSetsOf(cluster: Cluster, d: any): any[] {
  return cluster.list('ReplicaSet', { namespace: d.metadata.namespace, labelSelector: d.spec.selector }).filter((rs: any) => rs.metadata.ownerReferences?.some((r: any) => r.controller && r.uid === d.metadata.uid))
}

function requireDeployment(kind: string, verb: string): void {
  if (kind !== 'Deployment') throw new RolloutError(`error: ${verb} is not supported for ${kind} here (only deployments)`)
}

/** `kubectl rollout history`: the revision table, or one revision's pod template. */
export function rolloutHistory(cluster: Cluster, kind: string, name: string, options: RolloutOptions & { revision?: number } = {}): string {
  const { kind: k, resource, obj } = resolve(cluster, kind, name, options)
  requireDeployment(k, 'rollout history')
  const byRevision = new Map<number, any>()
  for (const rs of replicaSetsOf(cluster, obj)) {
    const v = revisionOf(rs)
    if (v === undefined) continue
    const template = structuredClone(rs.spec.template ?? {})
    const cause = rs.metadata.annotations?.[CHANGE_CAUSE]
    template.metadata ??= {}
    template.metadata.annotations ??= {}
    if (cause) template.metadata.annotations[CHANGE_CAUSE] = cause
    byRevision.set(v, template)
  }
  const revision = options.revision ?? 0
  let body: string
  if (byRevision.size === 0) body = 'No rollout history found.'
  else if (revision > 0) {
    const template = byRevision.get(revision)
    if (!template) throw new RolloutError('error: unable to find the specified revision')
    const w = new PrefixWriter()
    describePodTemplate(template, w)
    body = w.toString()
  } else {
    const lines = [...byRevision.keys()].sort((a, b) => a - b).map((r) => `${r}\t${byRevision.get(r).metadata.annotations[CHANGE_CAUSE] || '<none>'}\n`)
    body = formatTabbed(`REVISION\tCHANGE-CAUSE\n${lines.join('')}`, describeOptions)
  }
  return `${resource} ${revision > 0 ? `with revision #${revision}` : ''}\n${body}\n`
}

/** `kubectl rollout undo [--to-revision=N]`: client-side, patches the template and annotations back. */
export function rolloutUndo(cluster: Cluster, kind: string, name: string, options: RolloutOptions & { toRevision?: number } = {}): string {
  const { kind: k, resource, obj: d } = resolve(cluster, kind, name, options)
  requireDeployment(k, 'rollout undo')
  const toRevision = options.toRevision ?? 0
  if (toRevision < 0) throw new RolloutError(`error: unable to find specified revision ${toRevision} in history`)
  const all = replicaSetsOf(cluster, d)
  const current = findNewReplicaSet(d.spec.template, all)
  const ordered = [...all.filter((rs) => rs !== current), ...(current ? [current] : [])]
  let target: any
  if (toRevision > 0) {
    target = ordered.find((rs) => revisionOf(rs) === toRevision)
    if (!target) throw new RolloutError(`error: unable to find specified revision ${toRevision} in history`)
  } else {
    let latest: { v: number; rs: any } = { v: -1, rs: undefined }
    let previous: { v: number; rs: any } = { v: -1, rs: undefined }
    for (const rs of ordered) {
      const v = revisionOf(rs)
      if (v === undefined) continue
      if (latest.v < v) {
        previous = latest
        latest = { v, rs }
      } else if (previous.v < v) previous = { v, rs }
    }
    if (!previous.rs) throw new RolloutError(`error: no rollout history found for deployment "${name}"`)
    target = previous.rs
  }
  if (d.spec.paused) throw new RolloutError(`error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/${name}' and try again`)
  if (equalIgnoreHash(target.spec.template, d.spec.template)) return `${resource} skipped rollback (current template already matches revision ${toRevision})\n`
  const template = structuredClone(target.spec.template)
  if (template.metadata?.labels) delete template.metadata.labels[POD_TEMPLATE_HASH]
  const annotations: Record<string, string> = {}
  for (const key of ANNOTATIONS_TO_SKIP) if (d.metadata.annotations?.[key] !== undefined) annotations[key] = d.metadata.annotations[key]
  for (const [key, value] of Object.entries((target.metadata.annotations ?? {}) as Record<string, string>)) if (!ANNOTATIONS_TO_SKIP.has(key)) annotations[key] = value
  cluster.edit('Deployment', name, (draft: any) => {
    draft.spec.template = template
    draft.metadata.annotations = annotations
  }, options)
  return `${resource} rolled back\n`
}

export function rolloutPause(cluster: Cluster, kind: string, name: string, options: RolloutOptions = {}): string {
  const { kind: k, resource, obj } = resolve(cluster, kind, name, options)
  if (k !== 'Deployment') throw new RolloutError(`error: ${resource} pausing is not supported`)
  if (obj.spec.paused) throw new RolloutError(`error: deployments.apps "${name}" is already paused`)
  cluster.edit('Deployment', name, (draft: any) => void (draft.spec.paused = true), options)
  return `${resource} paused\n`
}

export function rolloutResume(cluster: Cluster, kind: string, name: string, options: RolloutOptions = {}): string {
  const { kind: k, resource, obj } = resolve(cluster, kind, name, options)
  if (k !== 'Deployment') throw new RolloutError(`error: ${resource} resuming is not supported`)
  if (!obj.spec.paused) throw new RolloutError(`error: deployments.apps "${name}" is not paused`)
  cluster.edit('Deployment', name, (draft: any) => void (draft.spec.paused = false), options)
  return `${resource} resumed\n`
}

/** `kubectl rollout restart`: stamps kubectl.kubernetes.io/restartedAt on the pod template. */
export function rolloutRestart(cluster: Cluster, kind: string, name: string, options: RolloutOptions = {}): string {
  const { kind: k, resource, obj } = resolve(cluster, kind, name, options)
  if (!['Deployment', 'StatefulSet', 'DaemonSet'].includes(k)) throw new RolloutError(`error: ${resource} restarting is not supported`)
  if (k === 'Deployment' && obj.spec.paused) throw new RolloutError("error: can't restart paused deployment (run rollout resume first)")
  const stamp = toRfc3339(cluster.now())
  cluster.edit(k, name, (draft: any) => {
    draft.spec.template.metadata ??= {}
    draft.spec.template.metadata.annotations = { ...(draft.spec.template.metadata.annotations ?? {}), [RESTARTED_AT]: stamp }
  }, options)
  return `${resource} restarted\n`
}

