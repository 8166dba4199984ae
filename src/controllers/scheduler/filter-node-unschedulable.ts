// Filter NodeUnschedulable ([k8s] pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable.go):
// a cordoned node (spec.unschedulable) takes only pods tolerating node.kubernetes.io/unschedulable:NoSchedule.
import type { Pod } from '../../api/pod'
import { reject, type FilterResult } from './framework'
import type { NodeInfo } from './node-info'
import { tolerationsTolerateTaint } from './toleration'

export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable'
export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable'

export function filterNodeUnschedulable(pod: Pod, nodeInfo: NodeInfo): FilterResult {
  if (!nodeInfo.node.spec?.unschedulable) return undefined
  const tolerated = tolerationsTolerateTaint(pod.spec.tolerations, { key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' })
  return tolerated ? undefined : reject('NodeUnschedulable', ERR_REASON_UNSCHEDULABLE, true)
}
