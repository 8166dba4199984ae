// The kubelets of every virtual node, as ONE runtime controller keyed by pod key (no watch handler
// per node): it routes each pod by spec.nodeName to that node's agent (image cache, pod IPs, power,
// a Client writing as `kubelet/<node>` and Events from {component: kubelet, host: <node>}), advances
// the pod's simulated runtime to now, writes status only when it changed, and asks to be woken at
// the next instant something will happen. Own status writes do not re-enqueue the pod. Idle nodes
// cost nothing: no heartbeats and no Lease renewals are simulated (semantics.md §11.1; the node
// lifecycle controller models staleness with timers when a node is powered off).
import { isDeepEqual as deepEqual } from '../api/deep-equal'
import type { KubeObject, Stored } from '../api/meta'
import type { Container, Pod as ApiPod } from '../api/pod'
import { defineController, type ControllerSpec } from '../runtime/controller'
import { EventRecorder, type EventSource } from '../runtime/event-recorder'
import type { VirtualClock } from '../sim/clock'
import type { Random } from '../sim/random'
import { Client } from '../store/client'
import { objectKey, type ObjectKey } from '../store/keys'
import type { Store } from '../store/store'
import { computeContainerConfigError, computeMissingVolume, listConfigReferences, type ConfigLookup } from './config-references'
import { REASON, sandboxChangedMessage } from './messages'
import { computeNodeLease, computeNodeObject, nodeInternalIP, podCidrPrefix, type NodeRegistrationInput } from './node-registration'
import { computeApiStatus } from './pod-api-status'
import { createPodRuntime, rebootPodRuntime, syncPod, type PodRuntime, type RecordedEvent, type SyncEnv } from './pod-runtime'
import { isSidecar } from './pod-status'
import { builtInProfile, resolveProfile, type ContainerRole, type ProfileInput, type ResolvedProfile } from './profile'
import { hex } from './random-hex'

/** A pod as the store returns it (server-assigned metadata present). */
type Pod = Stored<ApiPod>

export const KUBELET_CONTROLLER = 'kubelet'

/** What the rest of the simulator (facade, node lifecycle, traffic) may ask of the kubelets. */
export interface KubeletHandle {
  /** Powers a node off (its kubelet does nothing: no status writes, no probes, containers not serving) or on (it reconciles what is bound to it). */
  setPowered(nodeName: string, on: boolean): void
  isPowered(nodeName: string): boolean
  /** True when the pod's app containers are running on a powered node (traffic reaches it). */
  isServing(namespace: string, podName: string): boolean
  /** The behaviour profile of a container of a pod (DESIGN.md §3). */
  profileFor(pod: Pod, containerName: string): ResolvedProfile
  /** Registers a node as its kubelet does: the Node (with status) and its Lease. Returns the Node. */
  registerNode(input: NodeRegistrationInput): KubeObject
  /** The machine is gone (its Node was deleted): its kubelet stops and forgets its pods. */
  forgetNode(nodeName: string): void
  /** Names of the nodes that have a kubelet, in registration order. */
  nodeNames(): string[]
  /** Makes a running container exit now (default: the first app container, exit code 1). */
  crash(namespace: string, podName: string, options?: { container?: string; exitCode?: number }): void
}

export interface KubeletDeps {
  store: Store
  clock: VirtualClock
  random: Random
  images?: Readonly<Record<string, ProfileInput>>
  /** Queue a pod key on the kubelet controller (used by the handle, outside reconciles). */
  enqueue(key: ObjectKey): void
}

interface NodeAgent {
  readonly name: string
  readonly index: number
  readonly hostIP: string
  readonly cidrPrefix: string
  powered: boolean
  offSinceMs?: number
  /** Image reference → the instant it is (or will be) present on the node. */
  readonly images: Map<string, number>
  readonly client: Client
  readonly events: EventRecorder
  /** The Events' source: {component: kubelet, host: <node>}. */
  readonly source: EventSource
  nextIp: number
  readonly usedIps: Set<number>
}

export function createKubelet(deps: KubeletDeps): { controller: ControllerSpec; handle: KubeletHandle } {
  const { store, clock } = deps
  const random = deps.random.fork('kubelet')
  const agents = new Map<string, NodeAgent>()
  const order: string[] = []
  const pods = new Map<ObjectKey, PodRuntime>()
  /** `ConfigMap/ns/name` → pods waiting for it. */
  const waitingOn = new Map<string, Set<ObjectKey>>()
  const indexed = new Map<ObjectKey, string[]>()
  let registered = 0

  const configKeys: ConfigLookup = (kind, namespace: string, name: string): ReadonlySet<string> | undefined => {
    const o = store.get<any>(kind, objectKey(namespace, name))
    if (!o) return undefined
    return new Set([...Object.keys(o.data ?? {}), ...Object.keys(o.binaryData ?? {}), ...Object.keys(o.stringData ?? {})])
  }

  function releaseIp(rt: PodRuntime): void {
    const agent = agents.get(rt.nodeName)
    if (!agent || !rt.podIP || !rt.podIP.startsWith(`${agent.cidrPrefix}.`)) return
    agent.usedIps.delete(Number(rt.podIP.slice(agent.cidrPrefix.length + 1)))
  }

  function unindex(key: ObjectKey): void {
    for (const ref of indexed.get(key) ?? []) {
      const set = waitingOn.get(ref)
      set?.delete(key)
      if (set && set.size === 0) waitingOn.delete(ref)
    }
    indexed.delete(key)
  }

  function release(key: ObjectKey, rt: PodRuntime): void {
    if (!rt.finished) releaseIp(rt)
    unindex(key)
    pods.delete(key)
  }

  function updateIndex(key: ObjectKey, rt: PodRuntime, pod: Pod): void {
    const blocked = !!rt.mountBlocked || rt.containers.some((c) => c.stage === 'configError')
    if (!blocked) {
      if (indexed.has(key)) unindex(key)
      return
    }
    if (indexed.has(key)) return
    const namespace = pod.metadata.namespace ?? 'default'
    const refs = listConfigReferences(pod).map((r) => `${r.kind}/${namespace}/${r.name}`)
    indexed.set(key, refs)
    for (const ref of refs) {
      let set = waitingOn.get(ref)
      if (!set) waitingOn.set(ref, (set = new Set()))
      set.add(key)
    }
  }

  const syncEnv = new NodeSyncEnv(random, deps.images, configKeys)

  function reconcilePod(key: ObjectKey): { requeueAfterMs?: number } | undefined {
    const pod = store.get<Pod>('Pod', key)
    let rt = pods.get(key)
    if (rt && (!pod || pod.metadata.uid !== rt.uid || pod.spec.nodeName !== rt.nodeName)) {
      release(key, rt)
      rt = undefined
    }
    if (!pod) return undefined
    const nodeName = pod.spec.nodeName
    const agent = nodeName ? agents.get(nodeName) : undefined
    if (!agent || !agent.powered) return undefined
    const now = clock.now()
    if (!rt) {
      const phase = pod.status?.phase
      if (phase === 'Succeeded' || phase === 'Failed') {
        // A finished pod is never run again; deleting it needs nothing stopped.
        if (pod.metadata.deletionTimestamp) agent.client.delete('Pod', key, { gracePeriodSeconds: 0 })
        return undefined
      }
      rt = createPodRuntime(pod, agent.name, random.fork(`pod/${pod.metadata.uid}`), now)
      pods.set(key, rt)
    }
    const wasFinished = rt.finished
    const due = syncPod(rt, pod, syncEnv.for(agent, pod, now))
    if (rt.finished && !wasFinished) releaseIp(rt)
    updateIndex(key, rt, pod)
    const status = computeApiStatus(rt, pod, agent.hostIP, now)
    if (!deepEqual(status, pod.status)) agent.client.writeStatus<Pod>('Pod', key, status)
    if (rt.finished && pod.metadata.deletionTimestamp) {
      release(key, rt)
      agent.client.delete('Pod', key, { gracePeriodSeconds: 0 })
      return undefined
    }
    return due === undefined ? undefined : { requeueAfterMs: Math.max(0, due - now) }
  }

  const controller = defineController({
    name: KUBELET_CONTROLLER,
    watches: [
      {
        kind: 'Pod',
        map: (object, event) => {
          const pod = object as Pod
          const key = objectKey(pod.metadata.namespace, pod.metadata.name)
          if (event.type === 'DELETED') return pods.has(key) ? key : undefined
          const nodeName = pod.spec.nodeName
          if (!nodeName || !agents.has(nodeName)) return pods.has(key) ? key : undefined
          if (event.type === 'ADDED') return key
          const previous = event.previous as Pod | undefined
          if (!previous || previous.spec.nodeName !== nodeName) return key
          // The kubelet's own status writes (and anyone's status-only change) need no sync.
          if (previous.metadata.deletionTimestamp !== pod.metadata.deletionTimestamp) return key
          if (previous.metadata.generation !== pod.metadata.generation) return key
          if (previous.metadata.uid !== pod.metadata.uid) return key
          if (!deepEqual(previous.metadata.annotations, pod.metadata.annotations)) return key
          if (!pods.has(key)) return key
          return undefined
        },
      },
      { kind: 'ConfigMap', map: (o) => [...(waitingOn.get(`ConfigMap/${o.metadata.namespace}/${o.metadata.name}`) ?? [])] },
      { kind: 'Secret', map: (o) => [...(waitingOn.get(`Secret/${o.metadata.namespace}/${o.metadata.name}`) ?? [])] },
    ],
    reconcile: (key) => reconcilePod(key),
  })

  const handle: KubeletHandle = {
    setPowered(nodeName, on) {
      const agent = agents.get(nodeName)
      if (!agent) throw new Error(`no kubelet for node "${nodeName}"`)
      if (agent.powered === on) return
      const now = clock.now()
      if (!on) {
        agent.powered = false
        agent.offSinceMs = now
        // Pulls in flight are lost with the machine.
        for (const [ref, at] of [...agent.images]) if (at > now) agent.images.delete(ref)
        return
      }
      agent.powered = true
      const offMs = agent.offSinceMs ?? now
      agent.offSinceMs = undefined
      for (const pod of store.podsOnNode<Pod>(nodeName)) {
        const key = objectKey(pod.metadata.namespace, pod.metadata.name)
        const rt = pods.get(key)
        if (rt && rebootPodRuntime(rt, pod.spec.restartPolicy ?? 'Always', offMs, now)) {
          agent.events.record(pod, 'Normal', REASON.sandboxChanged, sandboxChangedMessage, agent.source)
        }
        deps.enqueue(key)
      }
    },
    isPowered: (nodeName) => agents.get(nodeName)?.powered ?? false,
    isServing(namespace, podName) {
      const rt = pods.get(objectKey(namespace, podName))
      if (!rt || rt.finished) return false
      if (!agents.get(rt.nodeName)?.powered) return false
      return rt.app.every((c) => c.stage === 'running' || c.stage === 'stopping')
    },
    profileFor(pod, containerName) {
      const init = pod.spec.initContainers?.find((c) => c.name === containerName)
      const container = init ?? pod.spec.containers.find((c) => c.name === containerName)
      if (!container) throw new Error(`pod ${pod.metadata.namespace}/${pod.metadata.name} has no container "${containerName}"`)
      return profileOf(deps.images, pod, container, init ? (isSidecar(init) ? 'sidecar' : 'init') : 'app')
    },
    registerNode(input) {
      if (agents.has(input.name)) throw new Error(`node "${input.name}" already has a kubelet`)
      const index = registered++
      const now = clock.now()
      const client = new Client(store, `kubelet/${input.name}`)
      const agent: NodeAgent = {
        name: input.name,
        index,
        hostIP: nodeInternalIP(index),
        cidrPrefix: podCidrPrefix(index),
        powered: true,
        images: new Map(),
        client,
        events: new EventRecorder(client, clock),
        source: { component: 'kubelet', host: input.name },
        nextIp: 2,
        usedIps: new Set(),
      }
      agents.set(input.name, agent)
      order.push(input.name)
      const node = client.create<KubeObject>(computeNodeObject(input, index, random, now), { withStatus: true, owned: true })
      client.create(computeNodeLease(node as any, now))
      // Pods may already be bound to this name (a node that comes back): run them.
      for (const pod of store.podsOnNode<Pod>(input.name)) deps.enqueue(objectKey(pod.metadata.namespace, pod.metadata.name))
      return node
    },
    forgetNode(nodeName) {
      if (!agents.has(nodeName)) return
      for (const [key, rt] of [...pods]) if (rt.nodeName === nodeName) release(key, rt)
      agents.delete(nodeName)
      order.splice(order.indexOf(nodeName), 1)
    },
    nodeNames: () => [...order],
    crash(namespace, podName, options = {}) {
      const key = objectKey(namespace, podName)
      const rt = pods.get(key)
      const pod = store.get<Pod>('Pod', key)
      if (!pod) throw new Error(`pod ${key} not found`)
      const name = options.container ?? pod.spec.containers[0]?.name
      const c = rt && [...rt.app, ...rt.init].find((x) => x.name === name)
      if (!rt || !c) throw new Error(`pod ${key} has no container "${name}" running on a node`)
      if (c.stage !== 'running') throw new Error(`container "${name}" of pod ${key} is not running (it is ${c.stage}); only a running container can crash`)
      c.crash = { exitCode: options.exitCode ?? 1 }
      deps.enqueue(key)
    },
  }
  return { controller, handle }
}

function profileOf(images: Readonly<Record<string, ProfileInput>> | undefined, pod: Pod, container: Container, role: ContainerRole): ResolvedProfile {
  return resolveProfile(images, container.image ?? '', pod.metadata.annotations, pod.spec.restartPolicy ?? 'Always', role)
}

function allocateIp(agent: NodeAgent): string {
  for (let i = 0; i < 253; i++) {
    const candidate = ((agent.nextIp - 2 + i) % 253) + 2
    if (!agent.usedIps.has(candidate)) {
      agent.usedIps.add(candidate)
      agent.nextIp = candidate + 1 > 254 ? 2 : candidate + 1
      return `${agent.cidrPrefix}.${candidate}`
    }
  }
  throw new Error(`node ${agent.name} has no free pod IP left in ${agent.cidrPrefix}.0/24`)
}

/**
 * What the pod being synced sees of its node and the cluster. One per kubelet, pointed at the node,
 * pod and instant of each sync (syncs never nest), so a sync allocates no environment; a module-level
 * class, so every cluster's environments share one shape.
 */
class NodeSyncEnv implements SyncEnv {
  now = 0
  private agent: NodeAgent | undefined = undefined
  private pod: Pod | undefined = undefined
  /**
   * Image digests and sizes by reference. A fork depends only on the kubelet's seed and the label,
   * never on the stream's position, so each is a pure function of the reference: drawn once per
   * kubelet instead of 64 draws per container start.
   */
  private readonly imageIDs = new Map<string, string>()
  private readonly imageSizes = new Map<string, number>()

  constructor(
    private readonly random: Random,
    private readonly images: Readonly<Record<string, ProfileInput>> | undefined,
    private readonly configKeys: ConfigLookup,
  ) {}

  for(agent: NodeAgent, pod: Pod, now: number): this {
    this.agent = agent
    this.pod = pod
    this.now = now
    return this
  }

  profile(container: Container, role: ContainerRole): ResolvedProfile {
    const pod = this.pod!
    if (this.images === undefined && pod.metadata.annotations === undefined) return builtInProfile(pod.spec.restartPolicy ?? 'Always', role)
    return profileOf(this.images, pod, container, role)
  }

  imageReadyAt(ref: string): number | undefined {
    return this.agent!.images.get(ref)
  }

  startPull(ref: string, durationMs: number): number {
    const at = this.now + durationMs
    this.agent!.images.set(ref, at)
    return at
  }

  imageID(ref: string): string {
    let id = this.imageIDs.get(ref)
    if (id === undefined) {
      id = `${ref.replace(/[:@].*$/, '').replace(/:[^/]*$/, '')}@sha256:${hex(this.random.fork(`image/${ref}`), 64)}`
      this.imageIDs.set(ref, id)
    }
    return id
  }

  imageSize(ref: string): number {
    let size = this.imageSizes.get(ref)
    if (size === undefined) {
      size = 5_000_000 + this.random.fork(`image-size/${ref}`).int(95_000_000)
      this.imageSizes.set(ref, size)
    }
    return size
  }

  missingVolume(): string | undefined {
    return computeMissingVolume(this.pod!, this.configKeys)
  }

  configError(container: Container): string | undefined {
    return computeContainerConfigError(container, this.pod!.metadata.namespace ?? 'default', this.configKeys)
  }

  podIP(): string {
    return this.pod!.spec.hostNetwork ? this.agent!.hostIP : allocateIp(this.agent!)
  }

  record(e: RecordedEvent): void {
    this.agent!.events.record(this.pod!, e.type, e.reason, e.message, this.agent!.source, e.fieldPath)
  }
}
