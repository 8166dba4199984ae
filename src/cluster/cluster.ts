// The Cluster facade (DESIGN.md §2): wires store, clock, random stream, controllers and loop, and
// offers the public calls. Writes are immediate; reactions happen only when the loop runs
// (settle, advance, runUntil), as on a real cluster where the API call returns before anything
// reconciles. Everything is synchronous.
import { ValidationError, type ValidationIssue } from '../api/errors'
import { genericKind, builtinKinds, removedVersions } from '../api/kinds'
import type { KindMap } from '../api/kinds'
import type { KubeObject, NewObject, Stored } from '../api/meta'
import { KindRegistry } from '../api/registry'
import { readManifests, type ApplyInput } from '../manifest/input'
import { ControllerManager, type ControllerSpec } from '../runtime/controller'
import { VirtualClock } from '../sim/clock'
import { toMs, type Duration } from '../sim/duration'
import { createRandom } from '../sim/random'
import { Trace, type TraceEntry } from '../sim/trace'
import { Client } from '../store/client'
import { objectKey, splitKey, type ObjectKey } from '../store/keys'
import { parseFieldSelector, SelectorSyntaxError, toSelector, type SelectorInput } from '../store/selectors'
import { Store, type DeleteOptions, type WriteContext } from '../store/store'
import type { WatchEventType } from '../store/watch'
import type { Draft } from 'immer'
import { LAST_APPLIED, lastAppliedAnnotation, threeWayMerge } from './apply-merge'
import { builtinControllers } from './builtins'
import { installStorage } from '../controllers/volume/storage-setup'
import type { ClusterEnv } from './env'
import { kubectlText } from './kubectl'
import { Loop } from './loop'
import { addNode, crashContainer, registerInitialNodes, removeNode, setUnschedulable } from './nodes'
import { resolveStartMs, type ClusterOptions, type NodeSpecInput } from './options'
import { whyPod } from './why'
import { resolveName, type ResolveOptions } from './dns'
import { startTraffic, type TrafficClient, type TrafficOptions } from './traffic'
import { drainNode, evictPod, type DrainHandle, type DrainOptions } from './eviction'
import { setMetrics, type MetricsInput } from './metrics'
import { startNode, stopNode } from './node-power'
import { rolloutHistory, rolloutPause, rolloutRestart, rolloutResume, rolloutStatus, rolloutUndo, type RolloutOptions } from './rollout'
import type { RolloutStatus } from '../kubectl/rollout-status'

export const USER = 'user'
const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system']

type KindArg = (keyof KindMap & string) | (string & {})
type ObjectOf<K> = K extends keyof KindMap ? Stored<KindMap[K]> : KubeObject

export interface ObjectRefOptions {
  namespace?: string
}

export interface ListFilter {
  /** A namespace, or '*' for all. Defaults to 'default' for namespaced kinds. */
  namespace?: string
  labelSelector?: SelectorInput
  fieldSelector?: string
}

export interface UserWatchEvent<T> {
  type: WatchEventType
  object: T
}

export interface UserReconcileContext {
  cluster: Cluster
  now: number
}

export interface UserKey {
  namespace?: string
  name: string
}

export interface UserControllerSpec {
  name: string
  for?: string
  owns?: readonly string[]
  watches?: readonly { kind: string; map(object: KubeObject): readonly (UserKey | string)[] | UserKey | string | undefined }[]
  reconcile(key: UserKey, ctx: UserReconcileContext): void | { requeueAfter?: Duration }
}

export class Cluster {
  /** The pieces, for advanced use and for the built-in features. */
  readonly env: ClusterEnv
  protected client: Client
  private readonly loop: Loop
  private readonly startMs: number

  constructor(readonly options: ClusterOptions = {}) {
    this.startMs = resolveStartMs(options)
    const registry = new KindRegistry(builtinKinds, removedVersions)
    const clock = new VirtualClock(this.startMs)
    const random = createRandom(options.seed ?? 1)
    const trace = new Trace({ keep: options.keepTrace ?? true })
    const store = new Store(registry, clock, random, trace)
    const manager = new ControllerManager(store, clock, random)
    this.env = { options, registry, store, clock, random, trace, manager }
    this.client = new Client(store, USER, { validate: true })
    this.loop = new Loop(store, clock, manager, undefined, () => this.diagnose())
    const apiserver = new Client(store, 'kube-apiserver')
    for (const name of SYSTEM_NAMESPACES) apiserver.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, { owned: true })
    installStorage(store)
    for (const build of builtinControllers) {
      const specs = build(this.env)
      for (const spec of Array.isArray(specs) ? specs : [specs as ControllerSpec]) manager.add(spec)
    }
    registerInitialNodes(this.env)
  }

  // ---- writes ---------------------------------------------------------------------------------------

  /**
   * Creates or updates like `kubectl apply`. Every document is checked before any is written; on a
   * problem a ValidationError lists them all (document, line:column, field path) and nothing changes.
   */
  apply(input: ApplyInput): KubeObject[] {
    const parsed = readManifests(input)
    const issues: ValidationIssue[] = [...parsed.issues]
    const plans: { object: NewObject; exists: boolean }[] = []
    const assumeNamespaces = new Set<string>()
    const dry: WriteContext = { actor: this.client.actor, validate: true, dryRun: true, assumeNamespaces }
    for (const doc of parsed.documents) {
      try {
        const plan = this.planApply(doc.object as unknown as NewObject)
        if (plan.exists) this.env.store.update(plan.object, dry)
        else this.env.store.create(plan.object, dry)
        plans.push(plan)
        if (plan.object.kind === 'Namespace' && plan.object.metadata?.name) assumeNamespaces.add(plan.object.metadata.name)
      } catch (error) {
        const found = error instanceof ValidationError ? error.issues : [{ path: '', message: error instanceof Error ? error.message : String(error) }]
        for (const issue of found) {
          const at = issue.segments ? doc.locate(issue.segments) : doc.locate([])
          issues.push({ ...issue, document: doc.index, ...(at ? { line: at.line, column: at.column } : {}) })
        }
      }
    }
    if (issues.length) throw new ValidationError(issues, `apply failed: ${issues.length} problem${issues.length === 1 ? '' : 's'} found; nothing was written`)
    return plans.map((plan) => (plan.exists ? this.client.update(plan.object) : this.client.create(plan.object)))
  }

  private planApply(manifest: NewObject): { object: NewObject; exists: boolean } {
    if (!manifest || typeof manifest !== 'object' || !manifest.metadata || typeof manifest.metadata !== 'object') return { object: manifest, exists: false }
    const info = this.env.registry.find(String(manifest.kind ?? ''))
    const namespace = info?.namespaced ? manifest.metadata.namespace || 'default' : undefined
    const live = info && manifest.metadata.name ? this.env.store.get(info.kind, objectKey(namespace, manifest.metadata.name)) : undefined
    const annotation = lastAppliedAnnotation(manifest as Record<string, unknown>)
    if (!live) {
      const object = JSON.parse(JSON.stringify(manifest)) as NewObject
      object.metadata.annotations = { ...(object.metadata.annotations ?? {}), [LAST_APPLIED]: annotation }
      return { object, exists: false }
    }
    const previousText = live.metadata.annotations?.[LAST_APPLIED]
    const previous = previousText ? safeJson(previousText) : undefined
    const merged = threeWayMerge(JSON.parse(JSON.stringify(live)), previous as any, JSON.parse(JSON.stringify(manifest))) as any
    merged.metadata.annotations = { ...(merged.metadata.annotations ?? {}), [LAST_APPLIED]: annotation }
    delete merged.metadata.resourceVersion
    return { object: merged, exists: true }
  }

  create<T extends KubeObject = KubeObject>(object: NewObject | T): T {
    return this.client.create<T>(object as NewObject)
  }

  update<T extends KubeObject = KubeObject>(object: NewObject | T): T {
    return this.client.update<T>(object as NewObject)
  }

  /** Read-modify-write with an immer draft: `cluster.edit('Deployment', 'web', d => { d.spec.replicas = 5 })`. */
  edit<K extends KindArg>(kind: K, name: string, recipe: (draft: Draft<ObjectOf<K>>) => void, options: ObjectRefOptions = {}): ObjectOf<K> {
    const info = this.env.store.kindInfo(kind)
    return this.client.patch(info.kind, this.keyFor(kind, name, options.namespace), recipe as any) as ObjectOf<K>
  }

  /** Sets spec.replicas of a Deployment, ReplicaSet, ReplicationController or StatefulSet. */
  scale<K extends KindArg>(kind: K, name: string, replicas: number, options: ObjectRefOptions = {}): ObjectOf<K> {
    const info = this.env.store.kindInfo(kind)
    if (!['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet'].includes(info.kind))
      throw new ValidationError([{ path: '', message: `cannot scale ${info.plural}: only deployments, replicasets, replicationcontrollers and statefulsets have a scale subresource here` }])
    if (!Number.isInteger(replicas) || replicas < 0) throw new ValidationError([{ path: 'spec.replicas', message: `Invalid value: ${replicas}: must be greater than or equal to 0` }])
    return this.client.patch<any>(info.kind, this.keyFor(kind, name, options.namespace), (d) => {
      d.spec.replicas = replicas
    }) as ObjectOf<K>
  }

  /** Deletes with Kubernetes semantics (graceful pods; Background, Foreground or Orphan cascading). */
  delete(kind: KindArg, name: string, options: ObjectRefOptions & DeleteOptions = {}): void {
    this.client.delete(this.env.store.kindInfo(kind).kind, this.keyFor(kind, name, options.namespace), options)
  }

  // ---- reads ----------------------------------------------------------------------------------------

  get<K extends KindArg>(kind: K, name: string, options: ObjectRefOptions = {}): ObjectOf<K> | undefined {
    return this.env.store.get(this.env.store.kindInfo(kind).kind, this.keyFor(kind, name, options.namespace)) as ObjectOf<K> | undefined
  }

  /** Objects sorted by namespace/name; selectors in kubectl syntax or as a LabelSelector. */
  list<K extends KindArg>(kind: K, filter: ListFilter = {}): ObjectOf<K>[] {
    const info = this.env.store.kindInfo(kind)
    const namespace = !info.namespaced || filter.namespace === '*' ? undefined : filter.namespace ?? 'default'
    try {
      const selector = toSelector(filter.labelSelector)
      const fields = filter.fieldSelector ? parseFieldSelector(filter.fieldSelector) : undefined
      return this.env.store.list(info.kind, { namespace, selector, fields }) as ObjectOf<K>[]
    } catch (error) {
      if (error instanceof SelectorSyntaxError) throw new ValidationError([{ path: 'labelSelector', message: error.message }])
      throw error
    }
  }

  /** Changes after this call, delivered inside the loop in revision order; returns an unsubscribe function. */
  watch<K extends KindArg>(
    kind: K,
    handler: (event: UserWatchEvent<ObjectOf<K>>) => void,
    options: { namespace?: string; labelSelector?: SelectorInput; fieldSelector?: string } = {},
  ): () => void {
    const info = this.env.store.kindInfo(kind)
    const namespace = !info.namespaced || options.namespace === '*' ? undefined : options.namespace
    return this.env.store.watch(info.kind, (event) => handler({ type: event.type, object: event.object as ObjectOf<K> }), {
      namespace,
      selector: toSelector(options.labelSelector),
      fields: options.fieldSelector ? parseFieldSelector(options.fieldSelector) : undefined,
    })
  }

  /** Events sorted by last occurrence, then creation; repeats are aggregated with a count. */
  events(filter: { namespace?: string; involvedObject?: { kind?: string; name?: string; namespace?: string } } = {}): KubeObject[] {
    const involved = filter.involvedObject
    const involvedKind = involved?.kind ? this.env.registry.find(involved.kind)?.kind ?? involved.kind : undefined
    const all = this.env.store.list('Event', { namespace: filter.namespace === '*' ? undefined : filter.namespace }) as any[]
    return all
      .filter((e) => !involvedKind || e.involvedObject?.kind === involvedKind)
      .filter((e) => !involved?.name || e.involvedObject?.name === involved.name)
      .filter((e) => !involved?.namespace || e.involvedObject?.namespace === involved.namespace)
      .sort((a, b) => cmp(a.lastTimestamp, b.lastTimestamp) || cmp(a.firstTimestamp, b.firstTimestamp) || creationOrder(a) - creationOrder(b))
  }

  // ---- time -----------------------------------------------------------------------------------------

  /** Virtual time, ms since the Unix epoch. */
  now(): number {
    return this.env.clock.now()
  }

  /** Virtual ms since the cluster started. */
  elapsed(): number {
    return this.env.clock.now() - this.startMs
  }

  /** Runs everything due at the current instant; returns the number of steps taken. */
  settle(): number {
    return this.loop.settle()
  }

  /** Moves the clock forward, running everything due on the way, in order. */
  advance(duration: Duration): void {
    this.loop.advance(toMs(duration))
  }

  /** Steps until the predicate holds; returns the virtual ms it took. TimeoutError after `timeout` (default 10m). */
  runUntil(predicate: () => boolean, options: { timeout?: Duration; description?: string } = {}): number {
    return this.loop.runUntil(predicate, toMs(options.timeout ?? '10m'), options.description)
  }

  // ---- extension ------------------------------------------------------------------------------------

  /** A user-written control loop, on the same runtime as the built-ins. */
  addController(spec: UserControllerSpec): void {
    const toKeys = (found: readonly (UserKey | string)[] | UserKey | string | undefined): ObjectKey[] => {
      if (found === undefined) return []
      const list = Array.isArray(found) ? found : [found]
      return list.map((k: UserKey | string) => (typeof k === 'string' ? k : objectKey(k.namespace, k.name)))
    }
    const view = this.as(spec.name)
    this.env.manager.add(
      {
        name: spec.name,
        for: spec.for,
        owns: spec.owns,
        watches: spec.watches?.map((w) => ({ kind: w.kind, map: (object) => toKeys(w.map(object)) })),
        reconcile: (key) => {
          const { namespace, name } = splitKey(key)
          const result = spec.reconcile(namespace ? { namespace, name } : { name }, { cluster: view, now: this.now() })
          return result && result.requeueAfter !== undefined ? { requeueAfterMs: toMs(result.requeueAfter) } : undefined
        },
      },
      { validate: true },
    )
  }

  /** Stores objects of a custom kind generically: `registerKind({ apiVersion: 'example.com/v1', kind: 'Widget' })`. */
  registerKind(definition: { apiVersion: string; kind: string; plural?: string; namespaced?: boolean }): void {
    this.env.registry.register(genericKind(definition.apiVersion, definition.kind, { plural: definition.plural, namespaced: definition.namespaced }))
  }

  /** The ordered log of every write. */
  trace(): readonly TraceEntry[] {
    return this.env.trace.list()
  }

  /** A digest of the trace: equal for equal seeds and calls. */
  traceHash(): string {
    return this.env.trace.hash()
  }

  /** The same cluster, writing under another actor name (used for user controllers). */
  as(actor: string): Cluster {
    const view = Object.create(this) as Cluster
    view.client = new Client(this.env.store, actor, { validate: true })
    return view
  }

  /**
   * Runs a kubectl command line and returns what a terminal shows (stdout, then stderr), e.g.
   * `kubectl('get pods -o wide')`. Errors (unknown commands, NotFound…) come back as kubectl's text;
   * nothing throws. Only `rollout status` runs the clock (it watches, as kubectl does).
   */
  kubectl(commandLine: string): string {
    return kubectlText(this, commandLine)
  }

  /** A plain-language answer to "why is this pod not running / not ready?" (verdict line, then evidence). */
  why(podName: string, options: ObjectRefOptions = {}): string {
    return whyPod(this, podName, options)
  }

  /** Powers a node off: its kubelet stops posting; ~50 s later it is Unknown, then tainted and its pods evicted (§11.5). */
  stopNode(name: string): void {
    stopNode(this.env, name)
  }

  /** Powers a node back on: Ready again, taints lifted, the kubelet reconciles what is still bound to it. */
  startNode(name: string): void {
    startNode(this.env, name)
  }

  /** The eviction API: TooManyRequestsError when a PodDisruptionBudget forbids it. */
  evict(podName: string, options: ObjectRefOptions = {}): void {
    evictPod(this.env, podName, { namespace: options.namespace, actor: this.client.actor })
  }

  /** `kubectl drain --ignore-daemonsets`: cordons, evicts, retries refusals every 5 s; `runUntil(() => handle.done())` waits. */
  drain(nodeName: string, options: DrainOptions = {}): DrainHandle {
    return drainNode(this.env, nodeName, options)
  }

  /** Simulated usage of the pods matching a selector (or one pod by name), read by the HPA. */
  setMetrics(podSelectorOrName: SelectorInput, usage: MetricsInput, options: ObjectRefOptions = {}): void {
    setMetrics(this.env, podSelectorOrName, usage, options)
  }

  /** Adds a node, registered by its kubelet (Node with status and Lease); returns the Node. */
  addNode(spec: NodeSpecInput = {}): KubeObject {
    return addNode(this.env, spec)
  }

  /** Deletes a node (the machine is gone); pods bound to it are left for the PodGC controller. */
  removeNode(name: string): void {
    removeNode(this.env, this.client, name)
  }

  /** `kubectl cordon`: marks the node unschedulable. */
  cordon(name: string): KubeObject {
    return setUnschedulable(this.env, this.client, name, true)
  }

  /** `kubectl uncordon`: makes the node schedulable again. */
  uncordon(name: string): KubeObject {
    return setUnschedulable(this.env, this.client, name, false)
  }

  /** Makes a running container exit now (default: the pod's first container, exit code 1). */
  crash(podName: string, options: ObjectRefOptions & { container?: string; exitCode?: number } = {}): void {
    crashContainer(this.env, podName, options)
  }

  /**
   * What cluster DNS answers for a name, asked from a pod in `options.namespace` (default `default`,
   * used for the search list): the A records (sorted IPs) — a Service's ClusterIP, a headless
   * Service's ready endpoints, a StatefulSet pod's IP by `<pod>.<service>` — or, for an ExternalName
   * Service, the CNAME target as the one element. An empty array is NXDOMAIN.
   */
  resolve(dnsName: string, options: ResolveOptions = {}): string[] {
    return resolveName(this.env.store, dnsName, options)
  }

  /**
   * A synthetic client sending one request through a Service every `every` (default `'1s'`, first
   * one period from now) to an endpoint listed as ready at that instant; it succeeds only if that
   * pod is really serving. `retries: n` retries a failure on another ready endpoint. Stats times
   * (`downtime`) are virtual ms since the epoch.
   */
  traffic(serviceName: string, options: TrafficOptions = {}): TrafficClient {
    return startTraffic(this.env, serviceName, options)
  }

  /** `kubectl rollout status` text and state; `watch: true` runs the loop until done or failed (a RolloutError after `timeout`, default 10m). */
  rolloutStatus(kind: KindArg, name: string, options: RolloutOptions & { watch?: boolean; timeout?: Duration } = {}): RolloutStatus {
    return rolloutStatus(this, kind, name, options)
  }

  /** `kubectl rollout history` text (one revision's pod template with `revision`). */
  rolloutHistory(kind: KindArg, name: string, options: RolloutOptions & { revision?: number } = {}): string {
    return rolloutHistory(this, kind, name, options)
  }

  /** `kubectl rollout undo [--to-revision=N]` (client-side, as kubectl): returns kubectl's output line. */
  rolloutUndo(kind: KindArg, name: string, options: RolloutOptions & { toRevision?: number } = {}): string {
    return rolloutUndo(this, kind, name, options)
  }

  /** `kubectl rollout pause`. */
  rolloutPause(kind: KindArg, name: string, options: RolloutOptions = {}): string {
    return rolloutPause(this, kind, name, options)
  }

  /** `kubectl rollout resume`. */
  rolloutResume(kind: KindArg, name: string, options: RolloutOptions = {}): string {
    return rolloutResume(this, kind, name, options)
  }

  /** `kubectl rollout restart`: sets the template's kubectl.kubernetes.io/restartedAt annotation. */
  rolloutRestart(kind: KindArg, name: string, options: RolloutOptions = {}): string {
    return rolloutRestart(this, kind, name, options)
  }

  // ---- internals ------------------------------------------------------------------------------------

  protected keyFor(kind: string, name: string, namespace: string | undefined): ObjectKey {
    const info = this.env.store.kindInfo(kind)
    return objectKey(info.namespaced ? namespace ?? 'default' : undefined, name)
  }

  /** Lines explaining what the cluster is waiting for, appended to TimeoutError messages: why pods are not ready. */
  protected diagnose(): string[] {
    const isReady = (p: any) => p.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True')
    const waiting = (this.env.store.list('Pod') as any[]).filter((p) => p.status?.phase !== 'Succeeded' && !isReady(p))
    const lines = waiting.slice(0, 5).map((p) => whyPod(this, p.metadata.name, { namespace: p.metadata.namespace }).split('\n')[0])
    if (waiting.length > 5) lines.push(`… and ${waiting.length - 5} more pods not ready`)
    return lines
  }
}

export function createCluster(options: ClusterOptions = {}): Cluster {
  return new Cluster(options)
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

const cmp = (a: string | undefined, b: string | undefined) => ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0)

/** Event names end in the hex nanoseconds of their creation. */
function creationOrder(event: KubeObject): number {
  const hex = event.metadata.name.slice(event.metadata.name.lastIndexOf('.') + 1)
  return Number.parseInt(hex.slice(-13), 16) || 0
}
