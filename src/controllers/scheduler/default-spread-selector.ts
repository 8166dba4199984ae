// The selector used by system default topology spreading ([k8s] pkg/scheduler/framework/plugins/helper/
// spread.go: DefaultSelector): the merged selectors of the Services in the pod's namespace that select
// it, plus the selector of its controller owner when that is a ReplicationController, ReplicaSet or
// StatefulSet (looked up by name, not scanned). Undefined when nothing selects the pod.
import type { LabelSelector } from '../../api/meta'
import type { Pod } from '../../api/pod'
import { deepFreeze } from '../../store/json'
import { objectKey, type ObjectKey } from '../../store/keys'
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

/** The group of an ownerReference apiVersion: 'apps' for 'apps/v1', '' for 'v1' (or anything not group/version). */
function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/')
  return slash >= 0 && apiVersion.indexOf('/', slash + 1) < 0 ? apiVersion.slice(0, slash) : ''
}

/** Object.keys(selector).length > 0 without the keys array. */
function hasKeys(selector: Readonly<Record<string, string>> | undefined): boolean {
  if (selector) for (const k in selector) if (Object.prototype.hasOwnProperty.call(selector, k)) return true
  return false
}

/** The pod's controller owner when its kind has a selector that counts (looked up in the pod's namespace). */
interface SelectingOwner {
  readonly kind: 'ReplicationController' | 'ReplicaSet' | 'StatefulSet'
  readonly namespace: string
  readonly key: ObjectKey
}

/**
 * Pods of one controller share their frozen ownerReferences array (the store keeps equal subtrees):
 * which reference counts, and its store key, are worked out once per array. null: none counts.
 */
const selectingOwners = new WeakMap<object, SelectingOwner | null>()

function selectingOwnerOf(pod: Pod, namespace: string): SelectingOwner | undefined {
  const references = pod.metadata.ownerReferences
  if (!references) return undefined
  const cached = selectingOwners.get(references)
  if (cached === null) return undefined
  if (cached !== undefined && cached.namespace === namespace) return cached
  let owner: SelectingOwner | null = null
  const ref = references.find((r) => r.controller)
  if (ref && (ref.kind === 'ReplicationController' || ref.kind === 'ReplicaSet' || ref.kind === 'StatefulSet')) {
    const expectedGroup = ref.kind === 'ReplicationController' ? '' : 'apps'
    if (apiGroup(ref.apiVersion) === expectedGroup) owner = { kind: ref.kind, namespace, key: objectKey(namespace, ref.name) }
  }
  if (Object.isFrozen(references) && references.every((r) => Object.isFrozen(r))) selectingOwners.set(references, owner)
  return owner ?? undefined
}

/** Reads the sources from the store: Services of the namespace and the pod's controller owner. */
export function readDefaultSpreadSelector(pod: Pod, store: Store): LabelSelector | undefined {
  const namespace = pod.metadata.namespace ?? 'default'
  const services = store.count('Service') === 0 ? [] : store.list<any>('Service', { namespace })
  let anyServiceSelector = false
  for (let i = 0; i < services.length && !anyServiceSelector; i++) anyServiceSelector = hasKeys(services[i].spec?.selector)
  const owner = selectingOwnerOf(pod, namespace)
  let controller: SelectorSource['controller']
  if (owner) {
    const object = store.get<any>(owner.kind, owner.key)
    if (object) controller = { kind: owner.kind, selector: object.spec?.selector } as SelectorSource['controller']
  }
  // Nothing can select the pod (e.g. only the `kubernetes` Service, which has no selector).
  if (!anyServiceSelector && !controller) return undefined
  const key = anyServiceSelector ? undefined : controller?.selector
  if (key && Object.isFrozen(key) && controllerOnlySelectors.has(key)) return controllerOnlySelectors.get(key)
  const selector = computeDefaultSpreadSelector(pod, { services: services.map((s) => s.spec?.selector), controller })
  if (key && Object.isFrozen(key)) controllerOnlySelectors.set(key, selector && deepFreeze(selector))
  return selector
}
