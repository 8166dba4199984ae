// What the built-in controllers and facade features share: one store, one clock, one random stream.
import type { KindRegistry } from '../api/registry'
import type { NodeHeartbeats } from '../controllers/node-lifecycle/node-heartbeats'
import type { KubeletHandle } from '../kubelet'
import type { ControllerManager } from '../runtime/controller'
import type { VirtualClock } from '../sim/clock'
import type { Random } from '../sim/random'
import type { Trace } from '../sim/trace'
import type { Store } from '../store/store'
import type { MetricsRegistry } from './metrics'
import type { ClusterOptions } from './options'

export interface ClusterEnv {
  readonly options: ClusterOptions
  readonly registry: KindRegistry
  readonly store: Store
  readonly clock: VirtualClock
  readonly random: Random
  readonly trace: Trace
  readonly manager: ControllerManager
  /** The kubelets of every node (set when the kubelet controller is installed). */
  kubelet?: KubeletHandle
  /** Simulated pod usage for the HPA (see metricsRegistryOf). */
  metrics?: MetricsRegistry
  /** Which nodes stopped posting, and since when (see nodeHeartbeatsOf). */
  heartbeats?: NodeHeartbeats
}
