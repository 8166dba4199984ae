// stopNode / startNode: power a node off or on. Off: its kubelet stops (no status, no probes, its
// containers stop serving) and its heartbeats stop at this instant; the node lifecycle controller is
// woken to schedule the one timer that matters (stop + 50 s grace). On: the kubelet posts Ready again
// (KubeletReady) and reconciles what is still bound to it; the controller lifts the taints.
import { NotFoundError } from '../api/errors'
import type { KubeObject, Stored } from '../api/meta'
import type { Node, NodeCondition } from '../api/node'
import { NodeHeartbeats } from '../controllers/node-lifecycle/node-heartbeats'
import { NODE_LIFECYCLE_CONTROLLER } from '../controllers/node-lifecycle/node-lifecycle-controller'
import { EventRecorder } from '../runtime/event-recorder'
import { Client } from '../store/client'
import { toRfc3339, toRfc3339Micro } from '../sim/time'
import type { ClusterEnv } from './env'

interface PowerControl {
  setPowered(nodeName: string, on: boolean): void
  isPowered(nodeName: string): boolean
}

/** The cluster's record of which nodes stopped posting, and since when (on the env, as metricsRegistryOf: no WeakMap entry per cluster). */
export function nodeHeartbeatsOf(env: ClusterEnv): NodeHeartbeats {
  return (env.heartbeats ??= new NodeHeartbeats())
}

function powerControl(env: ClusterEnv): PowerControl | undefined {
  return (env as ClusterEnv & { kubelet?: PowerControl }).kubelet
}

function requireNode(env: ClusterEnv, name: string): Node {
  const node = env.store.get<Stored<Node>>('Node', name)
  if (!node) throw new NotFoundError('nodes', name)
  return node
}

function wakeNodeLifecycle(env: ClusterEnv, name: string): void {
  env.manager.list().find((c) => c.spec.name === NODE_LIFECYCLE_CONTROLLER)?.queue.add(name)
}

export function stopNode(env: ClusterEnv, name: string): void {
  const node = requireNode(env, name)
  powerControl(env)?.setPowered(name, false)
  nodeHeartbeatsOf(env).markStopped(name, env.clock.now(), node.metadata.uid)
  wakeNodeLifecycle(env, name)
}

/** The conditions a freshly (re)started kubelet posts (pkg/kubelet/nodestatus/setters.go). */
function postedConditions(node: Node, nowMs: number): NodeCondition[] {
  const now = toRfc3339(nowMs)
  const posted: Record<string, { status: 'True' | 'False'; reason: string; message: string }> = {
    MemoryPressure: { status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
    DiskPressure: { status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
    PIDPressure: { status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
    Ready: { status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
  }
  const conditions = (node.status?.conditions ?? []).map((c) => ({ ...c }))
  for (const [type, value] of Object.entries(posted)) {
    const existing = conditions.find((c) => c.type === type)
    if (!existing) conditions.push({ type, ...value, lastHeartbeatTime: now, lastTransitionTime: now })
    else {
      if (existing.status !== value.status) existing.lastTransitionTime = now
      Object.assign(existing, value, { lastHeartbeatTime: now })
    }
  }
  return conditions
}

export function startNode(env: ClusterEnv, name: string): void {
  const node = requireNode(env, name)
  const nowMs = env.clock.now()
  const wasStopped = nodeHeartbeatsOf(env).stoppedAtMs(name, node.metadata.uid) !== undefined
  nodeHeartbeatsOf(env).markPosting(name)
  powerControl(env)?.setPowered(name, true)
  if (!wasStopped) return
  const kubelet = new Client(env.store, `kubelet/${name}`)
  const wasReady = node.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True'
  const updated = kubelet.patchStatus<Stored<Node>>('Node', name, (draft) => {
    draft.status = { ...(draft.status ?? {}), conditions: postedConditions(node, nowMs) } as any
  })
  const leaseKey = `kube-node-lease/${name}`
  if (env.store.get('Lease', leaseKey)) {
    kubelet.patch<any>('Lease', leaseKey, (draft) => {
      draft.spec = { ...(draft.spec ?? {}), renewTime: toRfc3339Micro(nowMs) }
    })
  }
  if (!wasReady) new EventRecorder(kubelet, env.clock).record(updated as KubeObject, 'Normal', 'NodeReady', `Node ${name} status is now: NodeReady`, { component: 'kubelet', host: name })
  wakeNodeLifecycle(env, name)
}
