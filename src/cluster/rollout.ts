// The `kubectl rollout` verbs, implemented once (kubectl.md §5.6; kubectl pkg/cmd/rollout/*.go and
// polymorphichelpers rollout_status.go, history.go, rollback.go, objectpauser.go, objectresumer.go,
// objectrestarter.go): the Cluster facade methods and `cluster.kubectl('rollout …')` both call these.
// Each returns the text kubectl prints to stdout; a kubectl error throws a RolloutError carrying
// kubectl's stderr message (and whatever was printed before it). Only status with `watch` runs the clock.
import { KubesimError, NotFoundError, TimeoutError } from '../api/errors'
import type { KindInfo } from '../api/kind-info'
import { ANNOTATIONS_TO_SKIP } from '../controllers/deployment/annotations'
import { findNewReplicaSet, revisionOf } from '../controllers/deployment/replica-sets'
import { canonicalJson, equalIgnoreHash, POD_TEMPLATE_HASH } from '../controllers/deployment/template-hash'
import { templateOf } from '../controllers/stateful-set/revision'
import { describePodTemplate } from '../kubectl/describe-containers'
import { PrefixWriter } from '../kubectl/describe-writer'
import { rolloutStatus as viewRolloutStatus, type RolloutStatus } from '../kubectl/rollout-status'
import { formatTabbed, describeOptions } from '../kubectl/tab-writer'
import { toMs, type Duration } from '../sim/duration'
import { toRfc3339 } from '../sim/time'
import type { Cluster } from './cluster'

/** A `kubectl rollout` failure: `message` is kubectl's stderr, `output` what it printed to stdout first. */
export class RolloutError extends KubesimError {
  override name = 'RolloutError'
  constructor(message: string, readonly output = '', options?: { cause?: unknown }) {
    super(message, options)
  }
}

export interface RolloutOptions {
  namespace?: string
}

export interface RolloutStatusOptions extends RolloutOptions {
  /** Keep looking (running the loop) until the rollout is done or fails, as kubectl's default `--watch`. */
  watch?: boolean
  /** How much virtual time to watch; default and `0` ("never" in kubectl): 10m. */
  timeout?: Duration
}

const CHANGE_CAUSE = 'kubernetes.io/change-cause'
const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt'
const DEFAULT_WATCH_TIMEOUT_MS = 10 * 60_000

interface Target {
  info: KindInfo
  obj: any
  /** How kubectl's name printer names it: `deployment.apps/web`. */
  ref: string
  /** How an API error names it: `deployments.apps "web"`. */
  apiName: string
  /** schema.GroupKind.String(): `Deployment.apps`, `Pod`. */
  groupKind: string
}

function resolve(cluster: Cluster, kind: string, name: string, options: RolloutOptions): Target {
  const info = cluster.env.store.kindInfo(kind)
  const resource = info.group ? `${info.plural}.${info.group}` : info.plural
  const obj = cluster.get(info.kind, name, options) as any
  if (!obj) throw new NotFoundError(resource, name, info.namespaced ? options.namespace ?? 'default' : undefined)
  const ref = `${(info.group ? `${info.kind}.${info.group}` : info.kind).toLowerCase()}/${name}`
  return { info, obj, ref, apiName: `${resource} "${name}"`, groupKind: info.group ? `${info.kind}.${info.group}` : info.kind }
}

// ---- status ---------------------------------------------------------------------------------------

export interface RolloutWatch {
  /** The lines kubectl printed to stdout (each distinct status once, in order). */
  printed: string
  /** The last status seen: done, still waiting (watch off) or an error (`status.message` is stderr). */
  status: RolloutStatus
}

/**
 * `kubectl rollout status`: one look, or (`watch`) the loop runs until the rollout is done or fails.
 * Watching gives up with kubectl's "timed out waiting for the condition" after `timeout` of virtual
 * time, and with "object has been deleted" if the object goes away.
 */
export function watchRolloutStatus(cluster: Cluster, kind: string, name: string, options: RolloutStatusOptions = {}): RolloutWatch {
  const { info } = resolve(cluster, kind, name, options)
  const look = (): RolloutStatus | undefined => {
    const obj = cluster.get(info.kind, name, options)
    return obj ? viewRolloutStatus(obj as any) : undefined
  }
  let status = look()!
  let printed = status.error ? '' : status.message
  if (!options.watch || status.done || status.error) return { printed, status }
  const timeoutMs = options.timeout === undefined ? 0 : toMs(options.timeout)
  let gone = false
  try {
    cluster.runUntil(
      () => {
        const next = look()
        if (!next) return (gone = true)
        // kubectl prints on every watch event; the same line twice in a row is shown once here.
        if (!next.error && next.message !== status.message) printed += next.message
        status = next
        return status.done || !!status.error
      },
      { timeout: timeoutMs > 0 ? timeoutMs : DEFAULT_WATCH_TIMEOUT_MS, description: `rollout of ${info.kind}/${name}` },
    )
  } catch (error) {
    if (error instanceof TimeoutError) throw new RolloutError('error: timed out waiting for the condition', printed, { cause: error })
    throw error
  }
  if (gone) throw new RolloutError('error: object has been deleted', printed)
  return { printed, status }
}

/** The facade's view of {@link watchRolloutStatus}: the final status, its message holding every line (an error last). */
export function rolloutStatus(cluster: Cluster, kind: string, name: string, options: RolloutStatusOptions = {}): RolloutStatus {
  const { printed, status } = watchRolloutStatus(cluster, kind, name, options)
  return { ...status, message: status.error ? printed + status.message : printed }
}

// ---- history --------------------------------------------------------------------------------------

interface Revision {
  revision: number
  template: any
  changeCause: string
  /** The object holding the revision: a ReplicaSet (Deployment) or a ControllerRevision. */
  source: any
}

/** The Deployment's ReplicaSets (controlled by it and selected by it), as kubectl's GetAllReplicaSets. */
function replicaSetsOf(cluster: Cluster, d: any): any[] {
  return controlledAndSelected(cluster, 'ReplicaSet', d)
}

function controlledAndSelected(cluster: Cluster, kind: string, owner: any): any[] {
  return cluster
    .list(kind, { namespace: owner.metadata.namespace, labelSelector: owner.spec.selector })
    .filter((o: any) => o.metadata.ownerReferences?.some((r: any) => r.controller && r.uid === owner.metadata.uid))
}

/**
 * The revisions a history viewer reads: a Deployment's ReplicaSets by their revision annotation (the
 * template carrying the ReplicaSet's change-cause), or the ControllerRevisions of a StatefulSet or
 * DaemonSet (history.go). Sorted by revision; a later duplicate number wins, as in kubectl's map.
 */
function revisionsOf(cluster: Cluster, target: Target): Revision[] {
  const byRevision = new Map<number, Revision>()
  if (target.info.kind === 'Deployment') {
    for (const rs of replicaSetsOf(cluster, target.obj)) {
      const revision = revisionOf(rs)
      if (revision === undefined) continue
      const template = structuredClone(rs.spec.template ?? {})
      const changeCause = rs.metadata.annotations?.[CHANGE_CAUSE] ?? ''
      template.metadata ??= {}
      template.metadata.annotations ??= {}
      if (changeCause) template.metadata.annotations[CHANGE_CAUSE] = changeCause
      byRevision.set(revision, { revision, template, changeCause, source: rs })
    }
  } else {
    for (const cr of controlledAndSelected(cluster, 'ControllerRevision', target.obj)) {
      const revision = Number(cr.revision ?? 0)
      byRevision.set(revision, { revision, template: templateOf(cr), changeCause: cr.metadata.annotations?.[CHANGE_CAUSE] ?? '', source: cr })
    }
  }
  return [...byRevision.values()].sort((a, b) => a.revision - b.revision)
}

const HISTORY_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet']

/** `kubectl rollout history`: the revision table, or one revision's pod template. */
export function rolloutHistory(cluster: Cluster, kind: string, name: string, options: RolloutOptions & { revision?: number } = {}): string {
  const target = resolve(cluster, kind, name, options)
  if (!HISTORY_KINDS.includes(target.info.kind)) throw new RolloutError(`error: no history viewer has been implemented for "${target.groupKind}"`)
  const revision = options.revision ?? 0
  if (revision < 0) throw new RolloutError(`error: revision must be a positive integer: ${revision}`)
  const revisions = revisionsOf(cluster, target)
  let body: string
  if (revisions.length === 0) body = 'No rollout history found.'
  else if (revision > 0) {
    const found = revisions.find((r) => r.revision === revision)
    if (!found) throw new RolloutError('error: unable to find the specified revision')
    const w = new PrefixWriter()
    describePodTemplate(found.template, w)
    body = w.toString()
  } else if (target.info.kind === 'StatefulSet') {
    // The StatefulSet viewer prints revision numbers only.
    body = formatTabbed(`REVISION\n${revisions.map((r) => `${r.revision}\n`).join('')}`, describeOptions)
  } else {
    body = formatTabbed(`REVISION\tCHANGE-CAUSE\n${revisions.map((r) => `${r.revision}\t${r.changeCause || '<none>'}\n`).join('')}`, describeOptions)
  }
  return `${target.ref} ${revision > 0 ? `with revision #${revision}` : ''}\n${body}\n`
}

// ---- undo -----------------------------------------------------------------------------------------

const revisionNotFound = (revision: number) => new RolloutError(`error: unable to find specified revision ${revision} in history`)

/**
 * `kubectl rollout undo [--to-revision=N]`, client-side as kubectl: a Deployment gets the chosen
 * ReplicaSet's template (minus pod-template-hash) and annotations (its own skipped ones kept); a
 * StatefulSet or DaemonSet gets the ControllerRevision's template. N = 0: the previous revision.
 */
export function rolloutUndo(cluster: Cluster, kind: string, name: string, options: RolloutOptions & { toRevision?: number } = {}): string {
  const target = resolve(cluster, kind, name, options)
  if (!HISTORY_KINDS.includes(target.info.kind)) throw new RolloutError(`error: no rollbacker has been implemented for "${target.groupKind}"`)
  const toRevision = options.toRevision ?? 0
  if (toRevision < 0) throw revisionNotFound(toRevision)
  // kubectl reports the revision asked for, so a plain undo that changes nothing says "revision 0".
  const skipped = `${target.ref} skipped rollback (current template already matches revision ${toRevision})\n`
  if (target.info.kind === 'Deployment') {
    const d = target.obj
    const rs = deploymentRevision(cluster, d, toRevision)
    if (d.spec.paused) throw new RolloutError(`error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/${name}' and try again`)
    if (equalIgnoreHash(rs.spec.template, d.spec.template)) return skipped
    const template = structuredClone(rs.spec.template)
    if (template.metadata?.labels) delete template.metadata.labels[POD_TEMPLATE_HASH]
    const annotations: Record<string, string> = {}
    for (const key of ANNOTATIONS_TO_SKIP) if (d.metadata.annotations?.[key] !== undefined) annotations[key] = d.metadata.annotations[key]
    for (const [key, value] of Object.entries((rs.metadata.annotations ?? {}) as Record<string, string>)) if (!ANNOTATIONS_TO_SKIP.has(key)) annotations[key] = value
    cluster.edit('Deployment', name, (draft: any) => {
      draft.spec.template = template
      draft.metadata.annotations = annotations
    }, options)
    return `${target.ref} rolled back\n`
  }
  const history = revisionsOf(cluster, target)
  if (toRevision === 0 && history.length <= 1) throw new RolloutError('error: no last revision to roll back to')
  const chosen = toRevision === 0 ? history[history.length - 2] : history.find((r) => r.revision === toRevision)
  if (!chosen) throw revisionNotFound(toRevision)
  if (canonicalJson(chosen.template) === canonicalJson(target.obj.spec.template)) return skipped
  cluster.edit(target.info.kind, name, (draft: any) => {
    draft.spec.template = structuredClone(chosen.template)
  }, options)
  return `${target.ref} rolled back\n`
}

/** rollback.go deploymentRevision: the ReplicaSet with revision N, or (N = 0) the second-highest. */
function deploymentRevision(cluster: Cluster, d: any, toRevision: number): any {
  const all = replicaSetsOf(cluster, d)
  const current = findNewReplicaSet(d.spec.template, all)
  const ordered = [...all.filter((rs) => rs !== current), ...(current ? [current] : [])]
  if (toRevision > 0) {
    const found = ordered.find((rs) => revisionOf(rs) === toRevision)
    if (!found) throw revisionNotFound(toRevision)
    return found
  }
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
  if (!previous.rs) throw new RolloutError(`error: no rollout history found for deployment "${d.metadata.name}"`)
  return previous.rs
}

// ---- pause, resume, restart -----------------------------------------------------------------------

/** `kubectl rollout pause` (Deployments only). */
export function rolloutPause(cluster: Cluster, kind: string, name: string, options: RolloutOptions = {}): string {
  return setPaused(cluster, kind, name, options, true)
}

/** `kubectl rollout resume` (Deployments only). */
export function rolloutResume(cluster: Cluster, kind: string, name: string, options: RolloutOptions = {}): string {
  return setPaused(cluster, kind, name, options, false)
}

function setPaused(cluster: Cluster, kind: string, name: string, options: RolloutOptions, pause: boolean): string {
  const { info, obj, ref, apiName } = resolve(cluster, kind, name, options)
  if (info.kind !== 'Deployment') throw new RolloutError(`error: ${apiName} ${pause ? 'pausing' : 'resuming'} is not supported`)
  if (!!obj.spec.paused === pause) throw new RolloutError(`error: ${apiName} ${pause ? 'is already paused' : 'is not paused'}`)
  cluster.edit('Deployment', name, (draft: any) => {
    // kubectl's patch sets paused: true, or removes it (false is omitted from the JSON).
    if (pause) draft.spec.paused = true
    else delete draft.spec.paused
  }, options)
  return `${ref} ${pause ? 'paused' : 'resumed'}\n`
}

/** `kubectl rollout restart`: stamps kubectl.kubernetes.io/restartedAt (virtual time) on the pod template. */
export function rolloutRestart(cluster: Cluster, kind: string, name: string, options: RolloutOptions = {}): string {
  const { info, obj, ref, apiName } = resolve(cluster, kind, name, options)
  if (!HISTORY_KINDS.includes(info.kind)) throw new RolloutError(`error: ${apiName} restarting is not supported`)
  if (info.kind === 'Deployment' && obj.spec.paused) throw new RolloutError(`error: ${apiName} can't restart paused deployment (run rollout resume first)`)
  const stamp = toRfc3339(cluster.now())
  cluster.edit(info.kind, name, (draft: any) => {
    draft.spec.template.metadata ??= {}
    draft.spec.template.metadata.annotations = { ...(draft.spec.template.metadata.annotations ?? {}), [RESTARTED_AT]: stamp }
  }, options)
  return `${ref} restarted\n`
}
