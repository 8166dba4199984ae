// Node liveness without per-node heartbeat events. A powered node "renews its Lease continuously";
// a stopped node's last renewal is the instant it stopped. The node lifecycle controller reads this
// instead of sampling Leases every 5 s, so idle time costs nothing and only a stopped node schedules
// a wake-up (at stop + grace). Written by the cluster's stopNode/startNode.
export interface NodeHeartbeatSource {
  /**
   * When the node stopped posting (its last heartbeat), or undefined while it posts. Keyed by the
   * Node's uid too, so a node re-registered under the same name starts healthy.
   */
  stoppedAtMs(nodeName: string, nodeUid?: string): number | undefined
}

export class NodeHeartbeats implements NodeHeartbeatSource {
  private readonly stopped = new Map<string, { atMs: number; uid?: string }>()

  stoppedAtMs(nodeName: string, nodeUid?: string): number | undefined {
    const entry = this.stopped.get(nodeName)
    if (!entry || (nodeUid && entry.uid && entry.uid !== nodeUid)) return undefined
    return entry.atMs
  }

  markStopped(nodeName: string, atMs: number, nodeUid?: string): void {
    if (this.stoppedAtMs(nodeName, nodeUid) === undefined) this.stopped.set(nodeName, { atMs, uid: nodeUid })
  }

  markPosting(nodeName: string): void {
    this.stopped.delete(nodeName)
  }
}
