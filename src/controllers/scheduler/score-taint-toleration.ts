// Score TaintToleration ([k8s] .../tainttoleration/taint_toleration.go: Score, NormalizeScore): raw =
// the node's PreferNoSchedule taints not tolerated by the pod's PreferNoSchedule/empty-effect
// tolerations; normalized reversed, so the node with the most such taints gets 0.
import type { Pod } from '../../api/pod'
import type { NodeInfo } from './node-info'
import { defaultNormalizeScore } from './score-normalize'
import { tolerationsTolerateTaint } from './toleration'

export function countIntolerablePreferNoScheduleTaints(pod: Pod, nodeInfo: NodeInfo, tolerations = preferNoScheduleTolerations(pod)): number {
  if (!nodeInfo.node.spec?.taints?.length) return 0
  let n = 0
  for (const taint of nodeInfo.node.spec?.taints ?? []) {
    if (taint.effect !== 'PreferNoSchedule') continue
    if (!tolerationsTolerateTaint(tolerations, taint)) n++
  }
  return n
}

function preferNoScheduleTolerations(pod: Pod) {
  return (pod.spec.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule')
}

export function scoreTaintToleration(pod: Pod, nodes: readonly NodeInfo[]): number[] {
  const tolerations = preferNoScheduleTolerations(pod)
  return defaultNormalizeScore(nodes.map((n) => countIntolerablePreferNoScheduleTaints(pod, n, tolerations)), true)
}
