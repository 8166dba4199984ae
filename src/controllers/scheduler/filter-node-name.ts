// Filter NodeName ([k8s] pkg/scheduler/framework/plugins/nodename/node_name.go): a pod that names a node
// fits only there. (Pods created with spec.nodeName bypass the scheduler; this covers the rest.)
import type { Pod } from '../../api/pod'
import { reject, type FilterResult } from './framework'
import type { NodeInfo } from './node-info'

export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name"

export function filterNodeName(pod: Pod, nodeInfo: NodeInfo): FilterResult {
  const wanted = pod.spec.nodeName
  if (!wanted || wanted === nodeInfo.name) return undefined
  return reject('NodeName', ERR_REASON_NODE_NAME, true)
}
