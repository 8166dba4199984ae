// The selector used by system default topology spreading ([k8s] pkg/scheduler/framework/plugins/helper/
// spread.go: DefaultSelector): the merged selectors of the Services in the pod's namespace that select
// it, plus the selector of its controller owner when that is a ReplicationController, ReplicaSet or
// StatefulSet (looked up by name, not scanned). Undefined when nothing selects the pod.
import type { LabelSelector } from '../../api/meta'
import type { Pod } from '../../api/pod'
import { deepFreeze } from '../../store/json'
import { objectKey } from '../../store/keys'
import type { Store } from '../../store/store'

interface SelectorSource {
  /** Services' spec.selector maps in the namespace (matchLabels style). */
  services: readonly (Readonly<Record<string, string>> | undefined)[]
  controller?: { kind: 'ReplicationController'; selector?: Readonly<Record<string, string>> } | { kind: 'ReplicaSet' | 'StatefulSet'; selector?: LabelSelector }
}

function selectsAll(labels: Readonly<Record<string, string>>, selector: Readonly<Record<string, string>>): boolean {
  for (const k of Object.keys(selector)) if (labels[k] !== selector[k]) return false
  return true
}

/** Pure merge of what selects the pod. */
export function computeDefaultSpreadSelector(pod: Pod, source: SelectorSource): LabelSelector | undefined {
  const labels = pod.metadata.labels ?? {}
  const matchLabels: Record<string, string> = {}
  for (const s of source.services) {
    // GetPodServices: a Service with an empty/nil selector selects nothing.
    if (!s || Object.keys(s).length === 0 || !selectsAll(labels, s)) continue
    Object.assign(matchLabels, s)
  }
  const expressions: NonNullable<LabelSelector['matchExpressions']>[number][] = []
  const c = source.controller
  if (c?.kind === 'ReplicationController' && c.selector) Object.assign(matchLabels, c.selector)
  else if (c && c.kind !== 'ReplicationController' && c.selector) {
    for (const [k, v] of Object.entries(c.selector.matchLabels ?? {})) expressions.push({ key: k, operator: 'In', values: [v] })
    expressions.push(...(c.selector.matchExpressions ?? []))
  }
  if (Object.keys(matchLabels).length === 0 && expressions.length === 0) return undefined
  return { ...(Object.keys(matchLabels).length ? { matchLabels } : {}), ...(expressions.length ? { matchExpressions: expressions } : {}) }
}

/**
 * Without Services that have a selector (the `kubernetes` Service has none) the result depends on the
 * controller's selector alone: the same frozen result for every pod of that controller (lets the
 * snapshot find its spread counts by identity). Keyed by the stored selector object, which stays the
 * same object while the selector does.
 */
const controllerOnlySelectors = new WeakMap<object, LabelSelector | undefined>()

/** Reads the sources from the store: Services of the namespace and the pod's controller owner. */
export function readDefaultSpreadSelector(pod: Pod, store: Store): LabelSelector | undefined {
  const namespace = pod.metadata.namespace ?? 'default'
  const services = store.count('Service') === 0 ? [] : store.list<any>('Service', { namespace }).map((s) => s.spec?.selector)
  const owner = pod.metadata.ownerReferences?.find((r) => r.controller)
  let controller: SelectorSource['controller']
  if (owner && (owner.kind === 'ReplicationController' || owner.kind === 'ReplicaSet' || owner.kind === 'StatefulSet')) {
    const group = owner.apiVersion.split('/').length === 2 ? owner.apiVersion.split('/')[0] : ''
    const expectedGroup = owner.kind === 'ReplicationController' ? '' : 'apps'
    if (group === expectedGroup) {
      const object = store.get<any>(owner.kind, objectKey(namespace, owner.name))
      if (object) controller = { kind: owner.kind, selector: object.spec?.selector } as SelectorSource['controller']
    }
  }
  const anyServiceSelector = services.some((s) => s && Object.keys(s).length > 0)
  // Nothing can select the pod (e.g. only the `kubernetes` Service, which has no selector).
  if (!anyServiceSelector && !controller) return undefined
  const key = anyServiceSelector ? undefined : controller?.selector
  if (key && Object.isFrozen(key) && controllerOnlySelectors.has(key)) return controllerOnlySelectors.get(key)
  const selector = computeDefaultSpreadSelector(pod, { services, controller })
  if (key && Object.isFrozen(key)) controllerOnlySelectors.set(key, selector && deepFreeze(selector))
  return selector
}
