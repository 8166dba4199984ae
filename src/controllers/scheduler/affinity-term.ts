// Pod (anti-)affinity terms as the scheduler uses them ([k8s] pkg/scheduler/framework/types.go:
// AffinityTerm, newAffinityTerm, getNamespacesFromPodAffinityTerm). Namespaces default to the owning
// pod's namespace when neither `namespaces` nor `namespaceSelector` is set; a nil labelSelector matches
// no pod. matchLabelKeys / mismatchLabelKeys are folded into the selector (In / NotIn the owner's value),
// as the API server does at creation, so doing it again here is harmless.
import type { LabelSelector } from '../../api/meta'
import type { Pod, PodAffinityTerm, WeightedPodAffinityTerm } from '../../api/pod'
import { matchesLabelSelector } from '../../store/selectors'
import { podNamespace } from './framework'

export interface AffinityTerm {
  namespaces: ReadonlySet<string>
  /** undefined selects no namespace; {} selects all. */
  namespaceSelector: LabelSelector | undefined
  selector: LabelSelector | undefined
  topologyKey: string
}

export interface WeightedAffinityTerm extends AffinityTerm {
  weight: number
}

export interface PodAffinityTerms {
  requiredAffinity: readonly AffinityTerm[]
  requiredAntiAffinity: readonly AffinityTerm[]
  preferredAffinity: readonly WeightedAffinityTerm[]
  preferredAntiAffinity: readonly WeightedAffinityTerm[]
}

/** Labels of a namespace by name; the default knows only the automatic kubernetes.io/metadata.name. */
export type NamespaceLabels = (namespace: string) => Readonly<Record<string, string>>

export const defaultNamespaceLabels: NamespaceLabels = (namespace) => ({ 'kubernetes.io/metadata.name': namespace })

function withLabelKeys(owner: Pod, term: PodAffinityTerm): LabelSelector | undefined {
  const match = term.matchLabelKeys ?? []
  const mismatch = term.mismatchLabelKeys ?? []
  if (match.length === 0 && mismatch.length === 0) return term.labelSelector
  const labels = owner.metadata.labels ?? {}
  const expressions = [...(term.labelSelector?.matchExpressions ?? [])]
  for (const key of match) if (key in labels) expressions.push({ key, operator: 'In', values: [labels[key]] })
  for (const key of mismatch) if (key in labels) expressions.push({ key, operator: 'NotIn', values: [labels[key]] })
  return { ...(term.labelSelector ?? {}), matchExpressions: expressions }
}

function toTerm(owner: Pod, term: PodAffinityTerm): AffinityTerm {
  const namespaces =
    (term.namespaces?.length ?? 0) === 0 && term.namespaceSelector === undefined
      ? new Set([podNamespace(owner)])
      : new Set(term.namespaces ?? [])
  return { namespaces, namespaceSelector: term.namespaceSelector, selector: withLabelKeys(owner, term), topologyKey: term.topologyKey }
}

function toWeighted(owner: Pod, terms: readonly WeightedPodAffinityTerm[] | undefined): WeightedAffinityTerm[] {
  return (terms ?? []).map((t) => ({ ...toTerm(owner, t.podAffinityTerm), weight: t.weight }))
}

const EMPTY: PodAffinityTerms = { requiredAffinity: [], requiredAntiAffinity: [], preferredAffinity: [], preferredAntiAffinity: [] }
const parsed = new WeakMap<Pod, PodAffinityTerms>()

/** The pod's affinity terms, parsed once per (frozen) pod object. */
export function podAffinityTerms(pod: Pod): PodAffinityTerms {
  const affinity = pod.spec.affinity
  if (!affinity || (!affinity.podAffinity && !affinity.podAntiAffinity)) return EMPTY
  const cached = parsed.get(pod)
  if (cached) return cached
  const terms: PodAffinityTerms = {
    requiredAffinity: (affinity.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => toTerm(pod, t)),
    requiredAntiAffinity: (affinity.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => toTerm(pod, t)),
    preferredAffinity: toWeighted(pod, affinity.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    preferredAntiAffinity: toWeighted(pod, affinity.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
  }
  if (Object.isFrozen(pod)) parsed.set(pod, terms)
  return terms
}

/** AffinityTerm.Matches: the target's namespace is in scope and its labels match the selector. */
export function termMatchesPod(term: AffinityTerm, target: Pod, namespaceLabels: NamespaceLabels): boolean {
  const ns = podNamespace(target)
  const inScope = term.namespaces.has(ns) || (term.namespaceSelector !== undefined && matchesLabelSelector(term.namespaceSelector, namespaceLabels(ns)))
  return inScope && matchesLabelSelector(term.selector, target.metadata.labels)
}

/** podMatchesAllAffinityTerms: false for an empty list. */
export function podMatchesAllTerms(terms: readonly AffinityTerm[], target: Pod, namespaceLabels: NamespaceLabels): boolean {
  if (terms.length === 0) return false
  for (const t of terms) if (!termMatchesPod(t, target, namespaceLabels)) return false
  return true
}
