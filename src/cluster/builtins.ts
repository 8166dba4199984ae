// The built-in control loops, in registration order (which is also their round-robin order).
// Each entry builds its controller from the cluster's environment.
import type { ControllerSpec } from '../runtime/controller'
import { createGarbageCollector } from '../controllers/garbage-collector'
import { createNamespaceController } from '../controllers/namespace'
import type { ClusterEnv } from './env'

export type BuiltinController = (env: ClusterEnv) => ControllerSpec | readonly ControllerSpec[]

export const builtinControllers: readonly BuiltinController[] = [
  () => createNamespaceController(),
  (env) => createGarbageCollector(env.store),
]
