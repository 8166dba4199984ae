// The built-in control loops, in registration order (which is also their round-robin order).
// Each entry builds its controller from the cluster's environment.
import type { ControllerSpec } from '../runtime/controller'
import { createGarbageCollector } from '../controllers/garbage-collector'
import { createNamespaceController } from '../controllers/namespace'
import { createDefaultScheduler } from '../controllers/scheduler/default-scheduler'
import { createStatefulSetController } from '../controllers/stateful-set/controller'
import { createVolumeControllers } from '../controllers/volume/volume-controllers'
import { createEndpointsController } from '../controllers/service/endpoints/endpoints-controller'
import { createEndpointSliceController } from '../controllers/service/endpoint-slice/endpoint-slice-controller'
import { installServiceApi } from '../controllers/service/kubernetes-service'
import { createNodeLifecycleController } from '../controllers/node-lifecycle/node-lifecycle-controller'
import { createTaintEvictionController } from '../controllers/node-lifecycle/taint-eviction-controller'
import { createPodGcController } from '../controllers/pod-gc/pod-gc-controller'
import { createDisruptionController } from '../controllers/disruption/disruption-controller'
import { createHorizontalPodAutoscalerController } from '../controllers/horizontal-pod-autoscaler/hpa-controller'
import { nodeHeartbeatsOf } from './node-power'
import { metricsRegistryOf } from './metrics'
import { createDaemonSetController } from '../controllers/daemon-set/daemon-set-controller'
import { createJobController } from '../controllers/job/job-controller'
import { createTtlAfterFinishedController } from '../controllers/job/ttl-after-finished-controller'
import { createCronJobController } from '../controllers/cron-job/cron-job-controller'
import { createDeploymentController } from '../controllers/deployment/deployment-controller'
import { createReplicaSetController, createReplicationController } from '../controllers/replica-set/replica-controller'
import type { ClusterEnv } from './env'
import { installKubelet } from './nodes'

export type BuiltinController = (env: ClusterEnv) => ControllerSpec | readonly ControllerSpec[]

export const builtinControllers: readonly BuiltinController[] = [
  (env) => createNamespaceController(env.store),
  (env) => createDefaultScheduler(env),
  (env) => installKubelet(env),
  (env) => createGarbageCollector(env.store),
  // ReplicaSets before Deployments: a child's reaction to one sync comes before the parent's next sync.
  (env) => createReplicaSetController(env.store),
  (env) => createReplicationController(env.store),
  (env) => createDeploymentController(env.store),
  () => createStatefulSetController(),
  (env) => createVolumeControllers(env.store),
  // The Service registry (ClusterIP/nodePort allocation) and the `kubernetes` Service, then its endpoint controllers.
  (env) => (installServiceApi(env.store, env.random.fork('service-allocator')), []),
  (env) => createEndpointsController(env.store),
  (env) => createEndpointSliceController(env.store),
  (env) => createNodeLifecycleController(env.store, nodeHeartbeatsOf(env)),
  (env) => createTaintEvictionController(env.store),
  (env) => createPodGcController(env.store),
  (env) => createDisruptionController(env.store),
  (env) => createHorizontalPodAutoscalerController(metricsRegistryOf(env)),
  (env) => createDaemonSetController(env.store),
  (env) => createJobController(env.store),
  () => createTtlAfterFinishedController(),
  () => createCronJobController(),
]
