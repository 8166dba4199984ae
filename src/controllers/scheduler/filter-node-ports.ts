// Filter NodePorts ([k8s] pkg/scheduler/framework/plugins/nodeports/node_ports.go; HostPortInfo.CheckConflict):
// a requested hostPort conflicts with one in use on the node for the same protocol and port when either
// side binds 0.0.0.0 or both bind the same IP.
import type { Pod } from '../../api/pod'
import { reject, type FilterResult } from './framework'
import { podHostPorts, type HostPort, type NodeInfo } from './node-info'

export const ERR_REASON_NODE_PORTS = "node(s) didn't have free ports for the requested pod ports"

const ANY_IP = '0.0.0.0'

export function hostPortsConflict(wanted: readonly HostPort[], used: readonly HostPort[]): boolean {
  for (const w of wanted) {
    for (const u of used) {
      if (w.hostPort !== u.hostPort || w.protocol !== u.protocol) continue
      if (w.hostIP === ANY_IP || u.hostIP === ANY_IP || w.hostIP === u.hostIP) return true
    }
  }
  return false
}

export function filterNodePorts(pod: Pod, nodeInfo: NodeInfo, wanted: readonly HostPort[] = podHostPorts(pod)): FilterResult {
  if (wanted.length === 0) return undefined
  return hostPortsConflict(wanted, nodeInfo.usedHostPorts) ? reject('NodePorts', ERR_REASON_NODE_PORTS, false) : undefined
}
