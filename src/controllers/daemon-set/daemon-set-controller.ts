// The DaemonSet controller (`daemonset-controller`, [k8s] pkg/controller/daemon/daemon_controller.go,
// semantics §7): keeps the ControllerRevision for the current template, then applies planDaemonSet —
// daemon pods pinned to their node by `matchFields metadata.name In [node]` and bound by the default
// scheduler, deletions for nodes that stop matching, rolling updates — and writes the status. Node
// label/taint changes, additions and removals wake every DaemonSet; status-only node changes do not.
import type { ControllerRevision } from '../../api/controller-revision'
import type { DaemonSet } from '../../api/daemon-set'
import type { Node } from '../../api/node'
import type { Pod } from '../../api/pod'
import { isDeepEqual as deepEqual } from '../../api/deep-equal'
import type { Stored } from '../../api/meta'
import { defineController, type ReconcileContext } from '../../runtime/controller'
import { controllerRefTo, isControlledBy } from '../../runtime/owners'
import { keyOf, objectKey } from '../../store/keys'
import type { Store } from '../../store/store'
import { fromLabelSelector } from '../../store/selectors'
import { computeTemplateHash, planRevisionCleanup, toRevisionData } from './daemon-set-revision'
import { withDaemonTolerations } from './node-eligibility'
import { planDaemonSet, REVISION_HASH_LABEL, TEMPLATE_GENERATION_LABEL } from './plan-daemon-set'

export const DAEMONSET_CONTROLLER = 'daemonset-controller'
const SOURCE = { component: DAEMONSET_CONTROLLER }
const FAILED_POD_BACKOFF_BASE_MS = 1_000
const FAILED_POD_BACKOFF_MAX_MS = 15 * 60_000

/** The node a daemon pod belongs to: its binding, or the matchFields target while unscheduled. */
export function daemonPodNodeName(pod: Pod): string | undefined {
  if (pod.spec.nodeName) return pod.spec.nodeName
  for (const term of pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    for (const f of term.matchFields ?? []) if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0]
  }
  return undefined
}

/** The pod for one node (CreatePodTemplate + ReplaceDaemonSetPodNodeNameNodeAffinity). */
export function toDaemonPod(ds: Stored<DaemonSet>, nodeName: string, hash: string): Pod {
  const template = ds.spec.template
  const spec = JSON.parse(JSON.stringify(template.spec)) as Pod['spec']
  spec.tolerations = withDaemonTolerations(spec)
  const pin = { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In' as const, values: [nodeName] }] }] }
  spec.affinity = { ...(spec.affinity ?? {}), nodeAffinity: { ...(spec.affinity?.nodeAffinity ?? {}), requiredDuringSchedulingIgnoredDuringExecution: pin } }
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${ds.metadata.name}-`,
      namespace: ds.metadata.namespace,
      labels: { ...(template.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: hash, [TEMPLATE_GENERATION_LABEL]: String(ds.metadata.generation ?? 1) },
      ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
      ownerReferences: [controllerRefTo(ds)],
    },
    spec,
  }
}

function isRelevantNodeChange(node: Node, previous: Node | undefined): boolean {
  if (!previous) return true
  return (
    !deepEqual(node.metadata.labels, previous.metadata.labels) ||
    !deepEqual(node.spec?.taints, previous.spec?.taints) ||
    node.spec?.unschedulable !== previous.spec?.unschedulable
  )
}

export function createDaemonSetController(store: Store) {
  // Failed-pod deletion back-off per (DaemonSet uid, node), as flowcontrol.Backoff.
  const failedBackoff = new Map<string, { delayMs: number; lastMs: number }>()
  return defineController({
    name: DAEMONSET_CONTROLLER,
    for: 'DaemonSet',
    owns: ['Pod'],
    watches: [
      {
        kind: 'Node',
        map: (node, event) => {
          if (event.type === 'MODIFIED' && !isRelevantNodeChange(node as Node, event.previous as Node | undefined)) return undefined
          return store.list<Stored<DaemonSet>>('DaemonSet').map(keyOf)
        },
      },
    ],
    reconcile(key, ctx) {
      const ds = ctx.store.get<Stored<DaemonSet>>('DaemonSet', key)
      if (!ds || ds.metadata.deletionTimestamp) return
      const nowMs = ctx.clock.now()
      const hash = computeTemplateHash(ds)
      const revisions = syncHistory(ds, hash, ctx)
      const pods = ctx.store.list<Stored<Pod>>('Pod', { namespace: ds.metadata.namespace, selector: fromLabelSelector(ds.spec.selector) }).filter((p) => isControlledBy(p, ds))
      const podsByNode = new Map<string, Pod[]>()
      for (const pod of pods) {
        const node = daemonPodNodeName(pod)
        if (node === undefined) continue
        const list = podsByNode.get(node)
        if (list) list.push(pod)
        else podsByNode.set(node, [pod])
      }
      const backoffKey = (node: string) => `${ds.metadata.uid}/${node}`
      const inFailedBackoff = (node: string) => {
        const entry = failedBackoff.get(backoffKey(node))
        return entry !== undefined && nowMs - entry.lastMs < entry.delayMs
      }
      const plan = planDaemonSet(ds, { nodes: ctx.store.list<Stored<Node>>('Node'), podsByNode, hash, nowMs, inFailedBackoff })
      for (const pod of plan.failed) {
        const node = daemonPodNodeName(pod)!
        const entry = failedBackoff.get(backoffKey(node))
        const expired = !entry || nowMs - entry.lastMs > 2 * FAILED_POD_BACKOFF_MAX_MS
        failedBackoff.set(backoffKey(node), { delayMs: expired ? FAILED_POD_BACKOFF_BASE_MS : Math.min(entry!.delayMs * 2, FAILED_POD_BACKOFF_MAX_MS), lastMs: nowMs })
        ctx.events.record(ds, 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${node}, will try to kill it`, SOURCE)
      }
      for (const pod of plan.delete) {
        if (!ctx.store.get('Pod', keyOf(pod))) continue
        ctx.client.delete('Pod', keyOf(pod))
        ctx.events.record(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, SOURCE)
      }
      for (const node of plan.create) {
        const created = ctx.client.create<Stored<Pod>>(toDaemonPod(ds, node, hash))
        ctx.events.record(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, SOURCE)
      }
      cleanupHistory(ds, hash, revisions, ctx)
      ctx.client.patchStatus<Stored<DaemonSet>>('DaemonSet', key, (draft) => {
        draft.status = plan.status as typeof draft.status
      })
      let requeueMs = plan.requeueAfterMs
      for (const node of plan.backoffNodes) {
        const entry = failedBackoff.get(backoffKey(node))!
        const waitMs = entry.lastMs + entry.delayMs - nowMs
        requeueMs = Math.min(requeueMs ?? waitMs, waitMs)
      }
      return requeueMs !== undefined ? { requeueAfterMs: Math.max(1, requeueMs) } : undefined
    },
  })
}

function revisionHash(r: ControllerRevision): string {
  return r.metadata.labels?.[REVISION_HASH_LABEL] ?? r.metadata.name!.slice(r.metadata.name!.lastIndexOf('-') + 1)
}

/** constructHistory: the current revision exists and carries the highest number. */
function syncHistory(ds: Stored<DaemonSet>, hash: string, ctx: ReconcileContext): Stored<ControllerRevision>[] {
  const revisions = ctx.store.dependents(ds.metadata.uid!).filter((o) => o.kind === 'ControllerRevision' && isControlledBy(o, ds)) as Stored<ControllerRevision>[]
  const name = `${ds.metadata.name}-${hash}`
  const max = revisions.reduce((m, r) => Math.max(m, r.revision), 0)
  const current = revisions.find((r) => r.metadata.name === name)
  if (!current) {
    const created = ctx.client.create<Stored<ControllerRevision>>({
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {
        name,
        namespace: ds.metadata.namespace,
        labels: { ...(ds.spec.template.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: hash },
        ownerReferences: [controllerRefTo(ds)],
      },
      data: toRevisionData(ds),
      revision: max + 1,
    })
    return [...revisions, created]
  }
  if (current.revision < max) {
    const bumped = ctx.client.patch<Stored<ControllerRevision>>('ControllerRevision', keyOf(current), (d) => {
      d.revision = max + 1
    })
    return revisions.map((r) => (r === current ? bumped : r))
  }
  return revisions
}

function cleanupHistory(ds: Stored<DaemonSet>, hash: string, revisions: readonly Stored<ControllerRevision>[], ctx: ReconcileContext): void {
  const limit = ds.spec.revisionHistoryLimit ?? 10
  const old = revisions.filter((r) => revisionHash(r) !== hash)
  if (old.length <= limit) return
  const live = new Set<string>()
  for (const pod of ctx.store.list<Stored<Pod>>('Pod', { namespace: ds.metadata.namespace, selector: fromLabelSelector(ds.spec.selector) })) {
    if (!pod.metadata.deletionTimestamp && isControlledBy(pod, ds)) live.add(pod.metadata.labels?.[REVISION_HASH_LABEL] ?? '')
  }
  for (const r of planRevisionCleanup(revisions, `${ds.metadata.name}-${hash}`, live, limit, revisionHash)) {
    if (ctx.store.get('ControllerRevision', objectKey(r.metadata.namespace, r.metadata.name!))) ctx.client.delete('ControllerRevision', keyOf(r))
  }
}
