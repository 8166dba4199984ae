// Nodes in the facade: the kubelets' installation (one runtime controller for every node, its handle
// on ClusterEnv.kubelet), the initial nodes of createCluster({ nodes }), and addNode / removeNode /
// cordon / uncordon / crash. Nodes are registered by their kubelet (actor `kubelet/<node>`); cordon
// and removal are user actions, as with kubectl.
import { NotFoundError, ValidationError } from '../api/errors'
import type { KubeObject } from '../api/meta'
import type { ControllerSpec } from '../runtime/controller'
import { Client } from '../store/client'
import { createKubelet, KUBELET_CONTROLLER, type KubeletHandle } from '../kubelet'
import type { NodeRegistrationInput } from '../kubelet'
import type { ClusterEnv } from './env'
import type { NodeSpecInput } from './options'

export const DEFAULT_NODE_COUNT = 3

/** Builds the kubelet controller and puts its handle on `env.kubelet`. */
export function installKubelet(env: ClusterEnv): ControllerSpec {
  const { controller, handle } = createKubelet({
    store: env.store,
    clock: env.clock,
    random: env.random,
    images: env.options.images,
    enqueue: (key) => env.manager.list().find((c) => c.spec.name === KUBELET_CONTROLLER)?.queue.add(key),
  })
  env.kubelet = handle
  return controller
}

function kubeletOf(env: ClusterEnv): KubeletHandle {
  if (!env.kubelet) throw new Error('this cluster has no kubelets installed')
  return env.kubelet
}

/** The initial nodes: a count (node-1..node-N, default 3) or node specs. */
export function registerInitialNodes(env: ClusterEnv): void {
  const nodes = env.options.nodes ?? DEFAULT_NODE_COUNT
  if (typeof nodes === 'number') {
    if (!Number.isInteger(nodes) || nodes < 0) throw new ValidationError([{ path: 'nodes', message: `Invalid value: ${nodes}: must be a non-negative integer or a list of node specs` }])
    for (let i = 1; i <= nodes; i++) addNode(env, { name: `node-${i}` })
    return
  }
  for (const spec of nodes) addNode(env, spec)
}

/** Registers a node as its kubelet would (Node with status, Lease); returns the Node. */
export function addNode(env: ClusterEnv, spec: NodeSpecInput = {}): KubeObject {
  const kubelet = kubeletOf(env)
  const name = spec.name ?? freeNodeName(env)
  if (env.store.get('Node', name)) throw new ValidationError([{ path: 'name', message: `nodes "${name}" already exists` }])
  const input: NodeRegistrationInput = { ...spec, name }
  return kubelet.registerNode(input)
}

function freeNodeName(env: ClusterEnv): string {
  for (let i = env.store.count('Node') + 1; ; i++) if (!env.store.get('Node', `node-${i}`)) return `node-${i}`
}

/** Deletes the Node (the machine is gone). Pods bound to it are left for the PodGC controller. */
export function removeNode(env: ClusterEnv, client: Client, name: string): void {
  if (!env.store.get('Node', name)) throw new NotFoundError('nodes', name)
  env.kubelet?.forgetNode(name)
  client.delete('Node', name)
}

/** `kubectl cordon` / `uncordon`: sets spec.unschedulable. */
export function setUnschedulable(env: ClusterEnv, client: Client, name: string, unschedulable: boolean): KubeObject {
  if (!env.store.get('Node', name)) throw new NotFoundError('nodes', name)
  return client.patch<any>('Node', name, (d) => {
    if (unschedulable) d.spec = { ...(d.spec ?? {}), unschedulable: true }
    else if (d.spec) delete d.spec.unschedulable
  })
}

/** Makes a running container of a pod exit now (default exit code 1); restartPolicy decides what follows. */
export function crashContainer(env: ClusterEnv, podName: string, options: { namespace?: string; container?: string; exitCode?: number } = {}): void {
  const namespace = options.namespace ?? 'default'
  if (!env.store.get('Pod', `${namespace}/${podName}`)) throw new NotFoundError('pods', podName, namespace)
  kubeletOf(env).crash(namespace, podName, { container: options.container, exitCode: options.exitCode })
}
