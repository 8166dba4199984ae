// A StatefulSet pod's stable identity and storage (semantics.md §6.2; [k8s] pkg/controller/statefulset/
// stateful_set_utils.go: getPodName, getPersistentVolumeClaimName, getParentNameAndOrdinal, isMemberOf,
// identityMatches, storageMatches, updateIdentity, updateStorage, newStatefulSetPod, getPersistentVolumeClaims).
// Pure: builds and checks objects, writes nothing. Claim volumes come first in template order, then the
// template's other volumes (upstream iterates a Go map here; we fix the order).
import type { OwnerReference } from '../../api/meta'
import type { PersistentVolumeClaim } from '../../api/persistent-volume-claim'
import type { Pod, PodTemplateSpec, Volume } from '../../api/pod'
import type { StatefulSet } from '../../api/stateful-set'

export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name'
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index'
export const CONTROLLER_REVISION_HASH_LABEL = 'controller-revision-hash'

export type StatefulSetLike = Pick<StatefulSet, 'spec'> & { metadata: { name?: string; namespace?: string; uid?: string } }

const ORDINAL_NAME = /^(.*)-([0-9]+)$/

/** `<parent>-<digits>` → parent and ordinal; ordinal -1 when the name does not parse. */
export function parentAndOrdinal(podName: string): { parent: string; ordinal: number } {
  const m = ORDINAL_NAME.exec(podName)
  if (!m) return { parent: '', ordinal: -1 }
  const ordinal = Number(m[2])
  return Number.isSafeInteger(ordinal) ? { parent: m[1], ordinal } : { parent: '', ordinal: -1 }
}

export function ordinalOf(pod: { metadata: { name?: string } }): number {
  return parentAndOrdinal(pod.metadata.name ?? '').ordinal
}

export function podName(set: StatefulSetLike, ordinal: number): string {
  return `${set.metadata.name}-${ordinal}`
}

export function claimName(templateName: string, set: StatefulSetLike, ordinal: number): string {
  return `${templateName}-${set.metadata.name}-${ordinal}`
}

/** spec.ordinals.start (default 0): ordinals run start .. start+replicas-1. */
export function startOrdinal(set: StatefulSetLike): number {
  return set.spec.ordinals?.start ?? 0
}

export function endOrdinal(set: StatefulSetLike): number {
  return startOrdinal(set) + (set.spec.replicas ?? 1) - 1
}

export function isInOrdinalRange(set: StatefulSetLike, ordinal: number): boolean {
  return ordinal >= startOrdinal(set) && ordinal <= endOrdinal(set)
}

/** A pod belongs to the set by name: `<set>-<ordinal>`. */
export function isMemberOf(set: StatefulSetLike, pod: { metadata: { name?: string } }): boolean {
  return parentAndOrdinal(pod.metadata.name ?? '').parent === set.metadata.name
}

export function podRevision(pod: Pod): string {
  return pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? ''
}

/** The claims a member pod should have, by template name (getPersistentVolumeClaims). */
export function claimsForOrdinal(set: StatefulSetLike, ordinal: number): PersistentVolumeClaim[] {
  const matchLabels = set.spec.selector?.matchLabels ?? {}
  return (set.spec.volumeClaimTemplates ?? []).map((template) => {
    const name = claimName(template.metadata?.name ?? '', set, ordinal)
    const labels = { ...(template.metadata?.labels ?? {}), ...matchLabels }
    const metadata: PersistentVolumeClaim['metadata'] = { name, namespace: set.metadata.namespace, labels }
    if (template.metadata?.annotations) metadata.annotations = { ...template.metadata.annotations }
    return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata, spec: structuredCopy(template.spec) } as PersistentVolumeClaim
  })
}

/** The pod's volumes with one claim volume per template (updateStorage). */
export function volumesWithClaims(set: StatefulSetLike, ordinal: number, current: readonly Volume[] | undefined): Volume[] {
  const templates = set.spec.volumeClaimTemplates ?? []
  const names = new Set(templates.map((t) => t.metadata?.name ?? ''))
  const claimVolumes: Volume[] = templates.map((t) => ({
    name: t.metadata?.name ?? '',
    persistentVolumeClaim: { claimName: claimName(t.metadata?.name ?? '', set, ordinal) },
  }))
  return [...claimVolumes, ...(current ?? []).filter((v) => !names.has(v.name))]
}

/** identityMatches: name, namespace, pod-name and pod-index labels, hostname and subdomain. */
export function identityMatches(set: StatefulSetLike, pod: Pod): boolean {
  const { parent, ordinal } = parentAndOrdinal(pod.metadata.name ?? '')
  const labels = pod.metadata.labels ?? {}
  return (
    ordinal >= 0 &&
    parent === set.metadata.name &&
    pod.metadata.namespace === set.metadata.namespace &&
    labels[POD_NAME_LABEL] === pod.metadata.name &&
    labels[POD_INDEX_LABEL] === String(ordinal) &&
    pod.spec.hostname === pod.metadata.name &&
    (pod.spec.subdomain ?? '') === (set.spec.serviceName ?? '')
  )
}

/** storageMatches: every claim template is mounted from the ordinal's claim. */
export function storageMatches(set: StatefulSetLike, pod: Pod): boolean {
  const ordinal = ordinalOf(pod)
  if (ordinal < 0) return false
  const volumes = new Map((pod.spec.volumes ?? []).map((v) => [v.name, v]))
  for (const t of set.spec.volumeClaimTemplates ?? []) {
    const v = volumes.get(t.metadata?.name ?? '')
    if (!v?.persistentVolumeClaim || v.persistentVolumeClaim.claimName !== claimName(t.metadata?.name ?? '', set, ordinal)) return false
  }
  return true
}

/** Mutates a draft pod to carry its identity and storage (updateIdentity + updateStorage). */
export function applyIdentityAndStorage(set: StatefulSetLike, pod: { metadata: Pod['metadata']; spec: Pod['spec'] }): void {
  const ordinal = ordinalOf(pod)
  const name = pod.metadata.name ?? ''
  pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal) }
  pod.spec.hostname = name
  if (set.spec.serviceName) pod.spec.subdomain = set.spec.serviceName
  else delete pod.spec.subdomain
  if ((set.spec.volumeClaimTemplates ?? []).length > 0 && !storageMatches(set, pod as Pod)) pod.spec.volumes = volumesWithClaims(set, ordinal, pod.spec.volumes)
}

/**
 * newStatefulSetPod + setPodRevision: a pod from `template` for `ordinal`, owned by the set, carrying
 * the revision name in the controller-revision-hash label.
 */
export function newStatefulSetPod(set: StatefulSetLike, template: PodTemplateSpec, ordinal: number, revisionName: string, ownerRef: OwnerReference): Pod {
  const name = podName(set, ordinal)
  const meta = template.metadata ?? {}
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: set.metadata.namespace,
      labels: { ...(meta.labels ?? {}), [CONTROLLER_REVISION_HASH_LABEL]: revisionName },
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ...(meta.finalizers ? { finalizers: [...meta.finalizers] } : {}),
      ownerReferences: [ownerRef],
    },
    spec: structuredCopy(template.spec),
  } as Pod
  applyIdentityAndStorage(set, pod)
  return pod
}

function structuredCopy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T)
}
