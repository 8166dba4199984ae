// Score NodeAffinity ([k8s] .../nodeaffinity/node_affinity.go: Score, NormalizeScore): raw = sum of the
// weights of matching preferredDuringScheduling terms, normalized by the maximum. Pods without
// preferences are skipped (0 everywhere).
import type { Pod } from '../../api/pod'
import type { NodeInfo } from './node-info'
import { preferredNodeAffinityScore } from './node-affinity-match'
import { defaultNormalizeScore } from './score-normalize'

export function scoreNodeAffinity(pod: Pod, nodes: readonly NodeInfo[]): number[] {
  const preferred = pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution
  if (!preferred || preferred.length === 0) return nodes.map(() => 0)
  return defaultNormalizeScore(nodes.map((n) => preferredNodeAffinityScore(preferred, n.node)), false)
}
