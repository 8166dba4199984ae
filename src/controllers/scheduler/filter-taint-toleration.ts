// Filter TaintToleration ([k8s] pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go):
// any NoSchedule/NoExecute taint the pod does not tolerate rejects the node (PreferNoSchedule only scores).
// Reason text: current upstream no longer names the taint (kubernetes PR #134740, cherry-picked to
// 1.34; older releases printed "node(s) had untolerated taint {key: value}").
import type { Pod } from '../../api/pod'
import { reject, type FilterResult } from './framework'
import type { NodeInfo } from './node-info'
import { findUntoleratedTaint } from './toleration'

export const ERR_REASON_UNTOLERATED_TAINT = 'node(s) had untolerated taint(s)'

export function filterTaintToleration(pod: Pod, nodeInfo: NodeInfo): FilterResult {
  const taint = findUntoleratedTaint(nodeInfo.node.spec?.taints, pod.spec.tolerations)
  return taint ? reject('TaintToleration', ERR_REASON_UNTOLERATED_TAINT, true) : undefined
}
