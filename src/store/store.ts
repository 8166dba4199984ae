// The simulated API server. One global revision stamped into metadata.resourceVersion; optimistic
// concurrency; generation bumped on spec changes only; finalizers and graceful deletion; namespaces;
// validation and upstream defaulting at this boundary; frozen objects out; a write that changes
// nothing writes nothing. Every write is traced with its actor. Watch events are queued, not
// delivered: the loop flushes them, so reactions happen only when the clock is driven.
import { produce, type Draft } from 'immer'
import { AlreadyExistsError, ConflictError, KubesimError, NotFoundError, ValidationError, type ValidationIssue } from '../api/errors'
import type { FieldIssue, KindInfo } from '../api/kind-info'
import type { KubeObject, NewObject } from '../api/meta'
import { validateName, validateLabelKey, validateLabelValue } from '../api/names'
import type { KindRegistry } from '../api/registry'
import type { Clock } from '../sim/clock'
import type { Random } from '../sim/random'
import { toRfc3339, parseRfc3339 } from '../sim/time'
import { RunningHash } from '../sim/hash'
import type { Trace, TraceVerb } from '../sim/trace'
import { GlobalIndex, KindIndex, LAZY_UID_KIND, type SortedSet } from './indexes'
import { isDeepEqual as deepEqual } from '../api/deep-equal'
import { cloneJson, deepFreeze, shareEqual } from './json'
import { schemaIssues } from './schema-check'
import { compareKeys, objectKey, type ObjectKey } from './keys'
import { matchesFields, matchesSelector, type FieldRequirement, type Selector } from './selectors'
import { WatchHub, type WatchEvent, type WatchFilter } from './watch'

/** Who writes and how strictly their input is checked. Built-in controllers write typed, trusted objects. */
export interface WriteContext {
  actor: string
  /** Run the zod schema on the object (user input). Defaults, names and update rules always run. */
  validate: boolean
  /** Check everything and return the would-be object, but write nothing (and draw no random numbers). */
  dryRun?: boolean
  /** For a dry run: namespaces that earlier documents of the same apply will create. */
  assumeNamespaces?: ReadonlySet<string>
}

export interface ListOptions {
  namespace?: string
  selector?: Selector
  fields?: readonly FieldRequirement[]
}

export interface DeleteOptions {
  gracePeriodSeconds?: number
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan'
  preconditions?: { uid?: string; resourceVersion?: string }
}

export interface CreateOptions {
  /** Keep `status` as given (node registration, provisioners); otherwise status starts empty. */
  withStatus?: boolean
  /**
   * The caller hands a freshly built object over (trusted internal writers such as the event
   * recorder): the store keeps it without a copy, and freezes it. Nothing else may hold it, and
   * nothing in it may be frozen where defaulting would write. All owned objects of a kind come
   * from one builder, so their fields are in one order (sharing relies on that).
   */
  owned?: boolean
  /**
   * The object's key, `objectKey(namespace, name)`, as a trusted caller has just looked it up: the
   * text is not built and hashed again. Only for a namespace the caller set (not left to default).
   */
  key?: ObjectKey
}

/**
 * Mutating admission, run on create and update after defaulting (like the API server's admission
 * plugins and registry strategies: ClusterIP allocation, for instance). May mutate `object`; may throw.
 */
export type AdmissionHook = (object: any, operation: 'create' | 'update', previous: KubeObject | undefined, ctx: WriteContext) => void

export class ForbiddenError extends KubesimError {
  override name = 'ForbiddenError'
}

const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789'
const MAX_GENERATED_PREFIX = 58
export const FOREGROUND_FINALIZER = 'foregroundDeletion'
export const ORPHAN_FINALIZER = 'orphan'

interface Table {
  info: KindInfo
  objects: Map<ObjectKey, KubeObject>
  sorted: ObjectKey[] | null
  index: KindIndex
  /** How many times each key was removed: a key's n-th creation follows n-1 removals. */
  removed: Map<ObjectKey, number>
}

export class Store {
  private rev = 0
  private readonly tables = new Map<string, Table>()
  readonly global = new GlobalIndex()
  readonly hub = new WatchHub()
  private readonly nameStreams = new Map<string, Random>()
  private readonly admission = new Map<string, AdmissionHook[]>()
  private uidKey: readonly number[] | undefined
  /** The uid digest's two FNV-1a lanes (the trace digest's primes), reused for every uid. */
  private readonly uidLanes = new RunningHash()
  /** The last object created of each kind, and whether it was handed over (CreateOptions.owned). */
  private readonly lastCreated = lastCreatedInProcess

  constructor(
    readonly registry: KindRegistry,
    private readonly clock: Clock,
    private readonly random: Random,
    private readonly trace: Trace,
  ) {}

  get revision(): number {
    return this.rev
  }

  // ---- reads --------------------------------------------------------------------------------------

  kindInfo(kind: string): KindInfo {
    const info = this.registry.find(kind)
    if (!info) throw new ValidationError([{ path: '', message: `the server doesn't have a resource type "${kind}"` }])
    return info
  }

  get<T = KubeObject>(kind: string, key: ObjectKey): T | undefined {
    return this.table(kind)?.objects.get(key) as T | undefined
  }

  /** Objects of a kind, sorted by key; uses the label and namespace indexes to avoid scans. */
  list<T = KubeObject>(kind: string, options: ListOptions = {}): T[] {
    const table = this.table(kind)
    if (!table) return []
    const { namespace, selector, fields } = options
    if (selector === null) return []
    let best: SortedSet | undefined
    if (selector)
      for (const r of selector) {
        if (r.operator !== 'In' || r.values.length !== 1) continue
        const set = table.index.withLabel(r.key, r.values[0])
        if (!set) return []
        if (!best || set.size < best.size) best = set
      }
    const fromLabels = best
    if (fields && table.info.kind === 'Pod') {
      const nodeField = fields.find((f) => f.field === 'spec.nodeName' && f.equal)
      if (nodeField) {
        const set = this.global.podsByNode.get(nodeField.value)
        if (!set) return []
        if (!best || set.size < best.size) best = set
      }
    }
    // Every key the label index gives for a lone `key=value` requirement matches it: no need to check again.
    const checkSelector = selector !== undefined && !(selector.length === 1 && best !== undefined && best === fromLabels)
    // Every source is sorted by key, so the result needs no sort.
    const keys: readonly ObjectKey[] = best ? best.sorted() : namespace !== undefined ? (table.index.inNamespace(namespace)?.sorted() ?? []) : this.sortedKeys(table)
    const out: KubeObject[] = []
    for (let i = 0; i < keys.length; i++) {
      const o = table.objects.get(keys[i])!
      if (namespace !== undefined && o.metadata.namespace !== namespace) continue
      if (checkSelector && !matchesSelector(selector, o.metadata.labels)) continue
      if (fields && !matchesFields(fields, o)) continue
      out.push(o)
    }
    return out as T[]
  }

  count(kind: string): number {
    return this.table(kind)?.objects.size ?? 0
  }

  /** Pods bound to a node, sorted by key. */
  podsOnNode<T = KubeObject>(nodeName: string): T[] {
    const set = this.global.podsByNode.get(nodeName)
    if (!set) return []
    const objects = this.tables.get('Pod')!.objects
    return set.sorted().map((k) => objects.get(k)!) as T[]
  }

  /** Objects whose ownerReferences name this uid, sorted by kind then key. */
  dependents(ownerUid: string): KubeObject[] {
    const out: KubeObject[] = []
    for (const ref of this.global.dependents(ownerUid)) {
      const o = this.tables.get(ref.kind)?.objects.get(ref.key)
      if (o) out.push(o)
    }
    return out
  }

  byUid(uid: string): KubeObject | undefined {
    const ref = this.global.byUid(uid) ?? this.global.eventByUid(uid, this.tables.get(LAZY_UID_KIND)?.objects)
    return ref ? this.get(ref.kind, ref.key) : undefined
  }

  watch(kind: string, handler: (event: WatchEvent, kind: string) => void, filter?: WatchFilter): () => void {
    return this.hub.subscribe(kind === '*' ? '*' : this.kindInfo(kind).kind, handler, filter)
  }

  /** Delivers queued watch events; the loop calls this between units of work. */
  flush(): number {
    return this.hub.flush()
  }

  // ---- writes -------------------------------------------------------------------------------------

  /** Registers a mutating admission hook for a kind. */
  addAdmission(kind: string, hook: AdmissionHook): void {
    const k = this.kindInfo(kind).kind
    this.admission.set(k, [...(this.admission.get(k) ?? []), hook])
  }

  /**
   * The pods/binding subresource: assigns a pending pod to a node (the only way spec.nodeName may
   * change). ConflictError when the pod is already bound, as the API server answers.
   */
  bind(key: ObjectKey, nodeName: string, ctx: WriteContext): KubeObject {
    const info = this.kindInfo('Pod')
    const current = this.table('Pod')?.objects.get(key)
    if (!current) {
      const { namespace, name } = splitForError(key)
      throw new NotFoundError('pods', name, namespace)
    }
    const bound = (current as any).spec?.nodeName
    if (bound) throw new ConflictError('pods', current.metadata.name, `Operation cannot be fulfilled on pods/binding "${current.metadata.name}": pod ${current.metadata.name} is already assigned to node "${bound}"`)
    if (current.metadata.deletionTimestamp) throw new ConflictError('pods', current.metadata.name, `Operation cannot be fulfilled on pods/binding "${current.metadata.name}": pod ${current.metadata.name} is being deleted, cannot be assigned to a host`)
    // As the API server's BindingREST (setPodHostAndAnnotations): nodeName and PodScheduled=True in one write.
    const conditions = [...((current as any).status?.conditions ?? [])]
    const i = conditions.findIndex((c: any) => c.type === 'PodScheduled')
    const transition = i >= 0 && conditions[i].status === 'True' ? conditions[i].lastTransitionTime : toRfc3339(this.clock.now())
    const scheduled = { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: transition }
    if (i >= 0) conditions[i] = scheduled
    else conditions.push(scheduled)
    const next = { ...current, spec: { ...(current as any).spec, nodeName }, status: { ...((current as any).status ?? {}), conditions } } as KubeObject
    if (ctx.dryRun) return next
    return this.commit(info, key, current, next, ctx.actor, 'update')
  }

  /** Validates an object as create would, without writing; returns the problems. */
  check(input: NewObject, ctx: WriteContext): FieldIssue[] {
    try {
      this.prepareCreate(input, ctx, {})
      return []
    } catch (e) {
      if (e instanceof ValidationError) return e.issues.map((i) => ({ path: i.path ? [i.path] : [], message: i.message }))
      if (e instanceof KubesimError) return [{ path: [], message: e.message }]
      throw e
    }
  }

  /**
   * The event recorder's create: an Event it built itself, under a key it has just named. Returns
   * false, writing nothing, when that key is taken (another recorder named an Event for the same
   * object in the same ms), so that the recorder can pick the next name.
   *
   * Of create's admission chain only the parts that depend on the cluster or the name run: the
   * namespace must exist and not be terminating, and the name must be valid. The rest cannot find
   * anything in a recorded Event: it comes from one builder (the fields validateEvent checks are
   * valid by construction), Events have no defaults, labels, owners or status, and nothing else
   * holds the object (no copy is made). Should an admission hook be registered for Events, the
   * Event goes through create's whole chain instead, as a client's Event does.
   */
  createRecordedEvent(event: NewObject & { metadata: { name: string; namespace: string } }, key: ObjectKey, actor: string): boolean {
    const table = this.tables.get('Event') ?? this.ensureTable(this.kindInfo('Event'))
    if (table.objects.has(key)) return false
    const { info } = table
    const meta = event.metadata
    const ctx: WriteContext = { actor, validate: false }
    if (this.admission.has(info.kind)) {
      this.insert(this.prepareCreate(event, ctx, { owned: true, key }), ctx, { owned: true, key })
      return true
    }
    this.requireNamespace(meta.namespace)
    const nameProblem = validateName(info.nameRule, meta.name)
    if (nameProblem) throw invalid(info, meta.name, [nameIssue(meta.name, nameProblem)])
    meta.uid = this.generateUid(info, key, table.removed.get(key) ?? 0)
    meta.creationTimestamp = toRfc3339(this.clock.now())
    meta.resourceVersion = String(++this.rev)
    this.add(info, table, key, deepFreeze(event) as KubeObject, ctx.actor)
    return true
  }

  create<T = KubeObject>(input: NewObject, ctx: WriteContext, options: CreateOptions = {}): T {
    return this.insert<T>(this.prepareCreate(input, ctx, options), ctx, options)
  }

  /** Stamps, freezes, stores, indexes and traces a prepared create. */
  private insert<T>(prepared: { info: KindInfo; object: KubeObject; key: ObjectKey }, ctx: WriteContext, options: CreateOptions): T {
    if (ctx.dryRun) return prepared.object as T
    const { info, key } = prepared
    const table = this.ensureTable(info)
    // The prepared object is private to this call (a clone, or handed over): stamp and freeze it in place.
    const object = prepared.object
    if (Object.isFrozen(object.metadata)) object.metadata = { ...object.metadata }
    object.metadata.resourceVersion = String(++this.rev)
    deepFreeze(object)
    const last = this.lastCreated.get(info.kind)
    if (last) {
      last.object = object
      last.owned = options.owned === true
    } else this.lastCreated.set(info.kind, { object, owned: options.owned === true })
    this.add(info, table, key, object, ctx.actor)
    return object as T
  }

  /** Stores, indexes, traces and announces a created object, stamped and frozen. */
  private add(info: KindInfo, table: Table, key: ObjectKey, object: KubeObject, actor: string): void {
    table.objects.set(key, object)
    table.sorted = null
    table.index.add(key, object)
    this.global.add(info.kind, key, object)
    this.record(actor, 'create', info, object)
    this.hub.enqueue(info.kind, { type: 'ADDED', object, revision: this.rev })
  }

  private prepareCreate(input: NewObject, ctx: WriteContext, options: CreateOptions): { info: KindInfo; object: KubeObject; key: ObjectKey } {
    const resolved = this.resolveInput(input, options.owned === true && !ctx.dryRun)
    const { info } = resolved
    const object = resolved.object
    if (!object.metadata || typeof object.metadata !== 'object') throw invalid(info, '', [{ path: ['metadata'], message: 'Required value: metadata must be set' }])
    const meta = object.metadata as KubeObject['metadata']
    if (info.namespaced) {
      meta.namespace ||= 'default'
      if (!ctx.assumeNamespaces?.has(meta.namespace)) this.requireNamespace(meta.namespace)
    } else delete meta.namespace
    if (!meta.name) {
      if (!meta.generateName) throw invalid(info, '', [{ path: ['metadata', 'name'], message: 'Required value: name or generateName is required' }])
      meta.name = ctx.dryRun ? `${meta.generateName}xxxxx` : this.generateName(info, meta.namespace, meta.generateName)
    }
    const key = options.key ?? objectKey(meta.namespace, meta.name)
    const table = this.table(info.kind)
    if (table?.objects.has(key)) throw new AlreadyExistsError(resourceName(info), meta.name, meta.namespace)
    const issues: FieldIssue[] = []
    const nameProblem = validateName(info.nameRule, meta.name)
    if (nameProblem) issues.push(nameIssue(meta.name, nameProblem))
    this.checkLabels(meta, issues)
    if (issues.length) throw invalid(info, meta.name, issues)
    meta.uid = ctx.dryRun ? '00000000-0000-4000-8000-000000000000' : this.generateUid(info, key, table?.removed.get(key) ?? 0)
    meta.creationTimestamp = toRfc3339(this.clock.now())
    delete meta.deletionTimestamp
    delete meta.deletionGracePeriodSeconds
    if (info.tracksGeneration) meta.generation = 1
    else delete meta.generation
    if (!options.withStatus) for (const field of info.statusFields) delete object[field]
    // Neither defaulting nor admission may rename (validateUpdate's rules do not run on create), so
    // the key stands; computing it once spares building and hashing the same text again.
    return { info, object: this.finishWrite(info, object, undefined, ctx, options.owned === true), key }
  }

  /** Replaces an object's spec and metadata (status is kept as stored). Stale resourceVersion ⇒ ConflictError. */
  update<T = KubeObject>(input: NewObject, ctx: WriteContext): T {
    const { info, object: next } = this.resolveInput(input)
    const table = this.table(info.kind)
    const meta = next.metadata as KubeObject['metadata']
    if (info.namespaced) meta.namespace ||= 'default'
    const key = objectKey(meta.namespace, meta.name ?? '')
    const current = table?.objects.get(key)
    if (!current) throw new NotFoundError(resourceName(info), meta.name ?? '', meta.namespace)
    if (meta.resourceVersion && meta.resourceVersion !== current.metadata.resourceVersion) throw new ConflictError(resourceName(info), meta.name!)
    for (const field of info.statusFields) {
      if (current[field] === undefined) delete next[field]
      else next[field] = current[field]
    }
    return this.commitUpdate(info, key, current, next, ctx, 'update') as T
  }

  /** Replaces an object's status fields only. */
  updateStatus<T = KubeObject>(input: NewObject, ctx: WriteContext): T {
    const { info, object } = this.resolveInput(input)
    const meta = object.metadata as KubeObject['metadata']
    if (info.namespaced) meta.namespace ||= 'default'
    const key = objectKey(meta.namespace, meta.name ?? '')
    const current = this.table(info.kind)?.objects.get(key)
    if (!current) throw new NotFoundError(resourceName(info), meta.name ?? '', meta.namespace)
    if (meta.resourceVersion && meta.resourceVersion !== current.metadata.resourceVersion) throw new ConflictError(resourceName(info), meta.name!)
    const next = { ...current, metadata: { ...current.metadata } } as KubeObject
    for (const field of info.statusFields) {
      if (object[field] === undefined) delete next[field]
      else next[field] = object[field]
    }
    return this.commitUpdate(info, key, current, next, ctx, 'updateStatus') as T
  }

  /**
   * Read-modify-write with an immer recipe. `status: true` keeps only status changes (the /status
   * subresource); otherwise status changes are ignored for kinds that have a status subresource.
   * A recipe that changes nothing writes nothing and returns the stored object.
   */
  patch<T extends KubeObject = KubeObject>(kind: string, key: ObjectKey, recipe: (draft: Draft<T>) => void, ctx: WriteContext, options: { status?: boolean } = {}): T {
    const info = this.kindInfo(kind)
    const current = this.table(info.kind)?.objects.get(key) as T | undefined
    if (!current) {
      const { namespace, name } = splitForError(key)
      throw new NotFoundError(resourceName(info), name, namespace)
    }
    const produced = produce(current, recipe) as T
    if (produced === current) return current
    let next: KubeObject
    if (options.status) {
      next = { ...current } as KubeObject
      for (const field of info.statusFields) {
        if (produced[field] === undefined) delete next[field]
        else next[field] = produced[field]
      }
    } else {
      next = { ...produced } as KubeObject
      for (const field of info.statusFields) {
        if (current[field] === undefined) delete next[field]
        else next[field] = current[field]
      }
    }
    return this.commitUpdate(info, key, current, next, ctx, options.status ? 'updateStatus' : 'update') as T
  }

  /**
   * The /status subresource for trusted callers that compute a whole new status: as
   * `patch(kind, key, d => { d.status = status }, ctx, { status: true })`, without the immer draft.
   * The caller hands `status` over (the store freezes it); a status equal to the stored one writes nothing.
   */
  writeStatus<T extends KubeObject = KubeObject>(kind: string, key: ObjectKey, status: unknown, ctx: WriteContext): T {
    const info = this.kindInfo(kind)
    const current = this.table(info.kind)?.objects.get(key) as T | undefined
    if (!current) {
      const { namespace, name } = splitForError(key)
      throw new NotFoundError(resourceName(info), name, namespace)
    }
    if (!info.statusFields.includes('status')) throw new Error(`${info.kind} has no status`)
    if (status === current.status) return current
    const next = { ...current } as KubeObject
    if (status === undefined) delete next.status
    else next.status = status
    return this.commitUpdate(info, key, current, next, ctx, 'updateStatus') as T
  }

  /**
   * `candidate` is either a private clone of caller input or an immer result whose untouched
   * subtrees are shared (and frozen) with the stored object; only the top level and metadata are
   * copied here, so a status write costs a few shallow copies, not a deep clone.
   */
  private commitUpdate(info: KindInfo, key: ObjectKey, current: KubeObject, candidate: KubeObject, ctx: WriteContext, verb: TraceVerb): KubeObject {
    const cur = current.metadata
    // A status write that carries the stored metadata itself has nothing server-owned to restore
    // (restoring would rebuild an equal copy, which sharing then swaps back for the stored one).
    // Every caller hands over a private top level, so it is used as is.
    if (verb === 'updateStatus' && candidate.metadata === cur) {
      if (shareEqual(candidate, current) === current) return current
      if (ctx.dryRun) return candidate
      return this.commit(info, key, current, candidate, ctx.actor, verb)
    }
    let next = { ...candidate, metadata: { ...candidate.metadata } } as KubeObject
    const meta = next.metadata
    // Server-owned metadata cannot be changed by a client.
    meta.name = cur.name
    if (cur.namespace) meta.namespace = cur.namespace
    else delete meta.namespace
    meta.uid = cur.uid
    meta.creationTimestamp = cur.creationTimestamp
    copyOrDelete(meta, cur, 'deletionTimestamp')
    copyOrDelete(meta, cur, 'deletionGracePeriodSeconds')
    copyOrDelete(meta, cur, 'generation')
    meta.resourceVersion = cur.resourceVersion
    if (verb === 'update') {
      const issues: FieldIssue[] = []
      this.checkLabels(meta, issues)
      if (cur.deletionTimestamp) {
        const added = (meta.finalizers ?? []).filter((f) => !(cur.finalizers ?? []).includes(f))
        if (added.length) issues.push({ path: ['metadata', 'finalizers'], message: `Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers ${JSON.stringify(added)}` })
      }
      if (issues.length) throw invalid(info, cur.name, issues)
      // A whole-object update (a client's copy) carries equal subtrees as fresh objects: swapping in
      // the stored ones first lets defaulting keep them and the checks cached by identity apply.
      shareEqual(next, current)
      next = this.finishWrite(info, next, current, ctx)
    }
    // Unchanged subtrees become the stored ones (nothing to freeze or keep twice); all unchanged ⇒ no write.
    if (shareEqual(next, current) === current) return current
    if (info.tracksGeneration && verb === 'update' && specChanged(info, current, next))
      next = { ...next, metadata: { ...next.metadata, generation: (cur.generation ?? 0) + 1 } }
    if (ctx.dryRun) return next
    return this.commit(info, key, current, next, ctx.actor, verb)
  }

  /** Defaults, schema (when asked), semantic checks and update rules: the API server's admission chain. */
  private finishWrite(info: KindInfo, object: KubeObject, previous: KubeObject | undefined, ctx: WriteContext, owned = false): KubeObject {
    const hooks = this.admission.get(info.kind)
    let defaulted = object
    if (info.applyDefaults || hooks) {
      // A create works on a private clone of the input, so defaults may mutate it in place. An
      // update shares frozen subtrees with the stored object: defaults run on a private deep copy,
      // then every subtree they left equal goes back to the shared one (cheaper than an immer
      // draft, which proxies every object the defaults read).
      if (previous) {
        const copy = cloneJson(object)
        admit(info, hooks, copy, previous, ctx)
        defaulted = shareEqual(copy, object)
      } else admit(info, hooks, object, previous, ctx)
    }
    if (!previous && !ctx.dryRun) {
      // Objects of a kind are created in runs from the same template (pods of a ReplicaSet, Events of
      // a kubelet): share the subtrees equal to the previous one's, so they are neither frozen nor
      // kept twice, and checks cached by frozen identity (pod specs) apply. Two owned objects in a row,
      // neither defaulted nor admitted, come from one builder: a subtree equal to the previous one's
      // is in the same order, so swapping it in would change nothing but identity; the builder
      // shares what it repeats itself.
      const last = this.lastCreated.get(info.kind)
      if (last && !(owned && last.owned && !info.applyDefaults && !hooks)) shareEqual(defaulted, last.object)
    }
    const issues: FieldIssue[] = ctx.validate ? [...schemaIssues(info.schema, defaulted)] : []
    if (!issues.length && info.validate) issues.push(...info.validate(defaulted))
    if (!issues.length && previous && info.validateUpdate) issues.push(...info.validateUpdate(previous, defaulted))
    if (issues.length) throw invalid(info, defaulted.metadata.name, issues)
    return defaulted
  }

  /**
   * `candidate` is private to this write unless frozen (an immer result): its top level, and its
   * metadata unless frozen (a status write keeps the stored one), are stamped in place.
   */
  private commit(info: KindInfo, key: ObjectKey, current: KubeObject, candidate: KubeObject, actor: string, verb: TraceVerb): KubeObject {
    let next: KubeObject
    if (Object.isFrozen(candidate)) next = deepFreeze({ ...candidate, metadata: { ...candidate.metadata, resourceVersion: String(++this.rev) } }) as KubeObject
    else {
      if (Object.isFrozen(candidate.metadata)) candidate.metadata = { ...candidate.metadata, resourceVersion: String(++this.rev) }
      else candidate.metadata.resourceVersion = String(++this.rev)
      next = deepFreeze(candidate)
    }
    // `key` is the one the caller found `current` under (the text already hashed), and the object's:
    // its name and namespace are server-owned.
    const table = this.table(info.kind)!
    // Graceful deletion ends when nothing holds the object any more.
    if (next.metadata.deletionTimestamp && isReleased(info, next)) {
      this.remove(info, table, key, current, next, actor, false)
      return next
    }
    table.objects.set(key, next)
    table.index.replace(key, current, next)
    this.global.replace(info.kind, key, current, next)
    this.record(actor, verb, info, next)
    this.hub.enqueue(info.kind, { type: 'MODIFIED', object: next, previous: current, revision: this.rev })
    return next
  }

  /**
   * Deletes with Kubernetes semantics: pods terminate gracefully (deletionTimestamp = now + grace);
   * finalizers (including foregroundDeletion/orphan for those policies) hold the object; otherwise
   * it is removed at once. Returns the object as it stands after the call, or undefined when removed.
   */
  delete<T = KubeObject>(kind: string, key: ObjectKey, ctx: WriteContext, options: DeleteOptions = {}): T | undefined {
    const info = this.kindInfo(kind)
    const table = this.table(info.kind)
    const current = table?.objects.get(key)
    if (!table || !current) {
      const { namespace, name } = splitForError(key)
      throw new NotFoundError(resourceName(info), name, namespace)
    }
    const pre = options.preconditions
    if (pre?.uid && pre.uid !== current.metadata.uid)
      throw new ConflictError(resourceName(info), current.metadata.name, `Operation cannot be fulfilled on ${resourceName(info)} "${current.metadata.name}": Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.metadata.uid}`)
    if (pre?.resourceVersion && pre.resourceVersion !== current.metadata.resourceVersion)
      throw new ConflictError(resourceName(info), current.metadata.name, `Operation cannot be fulfilled on ${resourceName(info)} "${current.metadata.name}": Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}`)

    const nowMs = this.clock.now()
    const grace = this.gracePeriodFor(info, current, options.gracePeriodSeconds)
    const finalizers = [...(current.metadata.finalizers ?? [])]
    const policy = options.propagationPolicy
    if (!current.metadata.deletionTimestamp) {
      if (policy === 'Foreground' && !finalizers.includes(FOREGROUND_FINALIZER)) finalizers.push(FOREGROUND_FINALIZER)
      if (policy === 'Orphan' && !finalizers.includes(ORPHAN_FINALIZER)) finalizers.push(ORPHAN_FINALIZER)
    }
    const held = finalizers.length > 0 || (info.kind === 'Namespace' && ((current as any).spec?.finalizers?.length ?? 0) > 0)
    if (current.metadata.deletionTimestamp) {
      // Already terminating: a shorter grace period can move the deadline earlier, never later.
      const curGrace = current.metadata.deletionGracePeriodSeconds ?? 0
      if (grace >= curGrace) return current as T
      if (grace === 0 && !held) {
        this.remove(info, table, key, current, current, ctx.actor)
        return undefined
      }
      const requestedMs = parseRfc3339(current.metadata.deletionTimestamp) - curGrace * 1000 + grace * 1000
      const next = { ...current, metadata: { ...current.metadata } } as KubeObject
      if (requestedMs <= nowMs) {
        next.metadata.deletionTimestamp = toRfc3339(nowMs)
        next.metadata.deletionGracePeriodSeconds = grace === 0 ? 0 : 1
      } else {
        next.metadata.deletionTimestamp = toRfc3339(requestedMs)
        next.metadata.deletionGracePeriodSeconds = grace
      }
      return this.commit(info, key, current, next, ctx.actor, 'update') as T
    }
    if (grace === 0 && !held) {
      this.remove(info, table, key, current, current, ctx.actor)
      return undefined
    }
    const next = { ...current, metadata: { ...current.metadata } } as KubeObject
    next.metadata.deletionTimestamp = toRfc3339(nowMs + grace * 1000)
    next.metadata.deletionGracePeriodSeconds = grace
    if (finalizers.length) next.metadata.finalizers = finalizers
    if (info.tracksGeneration) next.metadata.generation = (current.metadata.generation ?? 0) + 1
    if (info.kind === 'Namespace') (next as any).status = { ...((next as any).status ?? {}), phase: 'Terminating' }
    return this.commit(info, key, current, next, ctx.actor, 'update') as T
  }

  private gracePeriodFor(info: KindInfo, object: KubeObject, requested: number | undefined): number {
    if (info.kind !== 'Pod') return 0
    const pod = object as any
    if (!pod.spec?.nodeName) return 0
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return 0
    const grace = requested ?? pod.spec?.terminationGracePeriodSeconds ?? 30
    return grace < 0 ? 1 : grace
  }

  private remove(info: KindInfo, table: Table, key: ObjectKey, current: KubeObject, last: KubeObject, actor: string, bumpRevision = true): void {
    const finalState = bumpRevision ? (deepFreeze({ ...last, metadata: { ...last.metadata, resourceVersion: String(++this.rev) } }) as KubeObject) : last
    table.objects.delete(key)
    table.sorted = null
    table.removed.set(key, (table.removed.get(key) ?? 0) + 1)
    table.index.remove(key, current)
    this.global.remove(info.kind, key, current)
    this.record(actor, 'delete', info, finalState)
    this.hub.enqueue(info.kind, { type: 'DELETED', object: finalState, previous: current, revision: this.rev })
  }

  // ---- helpers ------------------------------------------------------------------------------------

  private resolveInput(input: NewObject, owned = false): { info: KindInfo; object: KubeObject } {
    if (input === null || typeof input !== 'object' || Array.isArray(input))
      throw new ValidationError([{ path: '', message: 'expected a Kubernetes object (a mapping with apiVersion, kind and metadata)' }])
    const resolved = this.registry.resolve(input.apiVersion, input.kind)
    if (!resolved.ok) throw new ValidationError([{ path: toPath(resolved.issue.path), message: resolved.issue.message, object: describeInput(input), segments: resolved.issue.path }])
    let object = (owned ? input : cloneJson(input)) as KubeObject
    if (resolved.converted && resolved.info.fromServedVersion) object = resolved.info.fromServedVersion(object)
    if (!object.metadata || typeof object.metadata !== 'object') throw invalid(resolved.info, '', [{ path: ['metadata'], message: 'Required value: metadata must be set' }])
    return { info: resolved.info, object }
  }

  private requireNamespace(namespace: string): void {
    const ns = this.get('Namespace', namespace) as KubeObject | undefined
    if (!ns) throw new NotFoundError('namespaces', namespace)
    if (ns.metadata.deletionTimestamp)
      throw new ForbiddenError(`unable to create new content in namespace ${namespace} because it is being terminated`)
  }

  private checkLabels(meta: KubeObject['metadata'], issues: FieldIssue[]): void {
    const labels = meta.labels as Record<string, unknown> | undefined
    if (labels === undefined || labels === null) return
    for (const k of Object.keys(labels)) {
      const v = labels[k]
      const keyProblem = validateLabelKey(k)
      if (keyProblem) issues.push({ path: ['metadata', 'labels'], message: `Invalid value: "${k}": ${keyProblem}` })
      if (typeof v !== 'string') issues.push({ path: ['metadata', 'labels', k], message: `Invalid value: ${JSON.stringify(v)}: label values must be strings` })
      else {
        const valueProblem = validateLabelValue(v)
        if (valueProblem) issues.push({ path: ['metadata', 'labels', k], message: `Invalid value: "${v}": ${valueProblem}` })
      }
    }
  }

  /** `prefix` + 5 characters from the API server's alphabet, from a stream per prefix. */
  private generateName(info: KindInfo, namespace: string | undefined, prefix: string): string {
    const base = prefix.length > MAX_GENERATED_PREFIX ? prefix.slice(0, MAX_GENERATED_PREFIX) : prefix
    const streamKey = `${info.kind}/${namespace ?? ''}/${base}`
    let stream = this.nameStreams.get(streamKey)
    if (!stream) this.nameStreams.set(streamKey, (stream = this.random.fork(`generateName/${streamKey}`)))
    const table = this.table(info.kind)
    for (let attempt = 0; attempt < 100; attempt++) {
      let suffix = ''
      for (let i = 0; i < 5; i++) suffix += NAME_ALPHABET[stream.int(NAME_ALPHABET.length)]
      const name = base + suffix
      if (!table?.objects.has(objectKey(namespace, name))) return name
    }
    throw new AlreadyExistsError(resourceName(info), `${base}*****`, namespace)
  }

  /**
   * A v4-shaped UUID derived from (seed, kind, key, how many times that key was removed before, so
   * a re-created name gets a new uid): two FNV-1a lanes over that identity, keyed by 128 bits drawn
   * once from the seed's "uid" stream, then finalised (murmur3 fmix32) into four 32-bit words.
   */
  private generateUid(info: KindInfo, key: ObjectKey, removals: number): string {
    const k = (this.uidKey ??= uidKeyFrom(this.random.fork('uid')))
    // Both lanes run in one pass over the text `Kind/key#n`, part by part, so that text is never built.
    const lanes = this.uidLanes
    lanes.reset(k[0], k[1])
    lanes.update(info.kind)
    lanes.updateCode(SLASH)
    lanes.update(key)
    lanes.updateCode(HASH_SIGN)
    lanes.update(String(removals + 1))
    const a = lanes.laneA
    const b = lanes.laneB
    const w0 = fmix32(a ^ k[2])
    const w1 = fmix32(b ^ k[3])
    const w2 = fmix32((a + Math.imul(b, 0x9e3779b9)) ^ k[0])
    const w3 = fmix32((b + Math.imul(a, 0x85ebca6b)) ^ k[1])
    return uuidText(w0, w1, w2, w3)
  }

  private record(actor: string, verb: TraceVerb, info: KindInfo, object: KubeObject): void {
    this.trace.record({ time: this.clock.now(), actor, verb, kind: info.kind, namespace: object.metadata.namespace, name: object.metadata.name, resourceVersion: object.metadata.resourceVersion })
  }

  private table(kind: string): Table | undefined {
    const direct = this.tables.get(kind)
    if (direct) return direct
    const info = this.registry.find(kind)
    return info ? this.tables.get(info.kind) : undefined
  }

  private ensureTable(info: KindInfo): Table {
    let table = this.tables.get(info.kind)
    if (!table) {
      const objects = new Map<ObjectKey, KubeObject>()
      this.tables.set(info.kind, (table = { info, objects, sorted: null, index: new KindIndex(objects), removed: new Map() }))
    }
    return table
  }

  private sortedKeys(table: Table): ObjectKey[] {
    if (!table.sorted) table.sorted = [...table.objects.keys()].sort(compareKeys)
    return table.sorted
  }
}

/** Upstream defaulting, then the kind's mutating admission hooks, on `target` in place. */
/**
 * Shared by every store in the process: a test suite creates cluster after cluster from the same
 * manifests, so the first Deployment, ReplicaSet or Pod of a new cluster finds its frozen subtrees
 * (and the checks cached by their identity) in the previous cluster's. It holds only frozen plain
 * data, one object per kind, and nothing that reaches back to a cluster.
 */
const lastCreatedInProcess = new Map<string, { object: KubeObject; owned: boolean }>()

function admit(info: KindInfo, hooks: readonly AdmissionHook[] | undefined, target: any, previous: KubeObject | undefined, ctx: WriteContext): void {
  info.applyDefaults?.(target)
  if (hooks) for (const hook of hooks) hook(target, previous ? 'update' : 'create', previous, ctx)
}

function uidKeyFrom(r: Random): number[] {
  return [0, 1, 2, 3].map(() => (r.int(0x10000) << 16) | r.int(0x10000))
}

const SLASH = '/'.charCodeAt(0)
const HASH_SIGN = '#'.charCodeAt(0)

function fmix32(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

const HEX_CODES = [...'0123456789abcdef'].map((c) => c.charCodeAt(0))
const UUID_CODES = new Array<number>(36).fill('-'.charCodeAt(0))

/** `xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx` (V in 8..b) from four 32-bit words, as one flat string. */
function uuidText(w0: number, w1: number, w2: number, w3: number): string {
  const c = UUID_CODES
  put(c, 0, w0, 8)
  put(c, 9, w1 >>> 16, 4)
  c[14] = HEX_CODES[4]
  put(c, 15, w1 & 0xfff, 3)
  c[19] = HEX_CODES[8 + (w2 >>> 30)]
  put(c, 20, (w2 >>> 16) & 0xfff, 3)
  put(c, 24, w2 & 0xffff, 4)
  put(c, 28, w3, 8)
  return String.fromCharCode.apply(null, c)
}

function put(codes: number[], at: number, value: number, digits: number): void {
  for (let i = digits - 1; i >= 0; i--) {
    codes[at + i] = HEX_CODES[value & 15]
    value >>>= 4
  }
}

function isReleased(info: KindInfo, o: KubeObject): boolean {
  if ((o.metadata.finalizers?.length ?? 0) > 0) return false
  if (info.kind === 'Namespace' && ((o as any).spec?.finalizers?.length ?? 0) > 0) return false
  return (o.metadata.deletionGracePeriodSeconds ?? 0) === 0
}

function specChanged(info: KindInfo, a: KubeObject, b: KubeObject): boolean {
  const skip = new Set(['metadata', 'apiVersion', 'kind', ...info.statusFields])
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  for (const k of keys) if (!skip.has(k) && !deepEqual(a[k], b[k])) return true
  return false
}

function copyOrDelete(target: Record<string, unknown>, source: Record<string, unknown>, field: string): void {
  if (source[field] === undefined) delete target[field]
  else target[field] = source[field]
}

/** The plural resource name the API server uses in messages: `deployments.apps`, `pods`. */
export function resourceName(info: KindInfo): string {
  return info.group ? `${info.plural}.${info.group}` : info.plural
}

function splitForError(key: ObjectKey) {
  const slash = key.indexOf('/')
  return slash < 0 ? { namespace: undefined, name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) }
}

/** kubectl's field path notation: spec.template.spec.containers[0].name */
export function toPath(path: readonly (string | number)[]): string {
  let out = ''
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`
    else if (/^[A-Za-z_$][\w$-]*$/.test(part)) out += out ? `.${part}` : part
    else out += `[${part}]`
  }
  return out
}

function describeInput(input: { kind?: unknown; metadata?: { name?: unknown } }): string | undefined {
  const kind = typeof input.kind === 'string' ? input.kind : undefined
  const name = typeof input.metadata?.name === 'string' ? input.metadata.name : undefined
  return kind ? (name ? `${kind}/${name}` : kind) : undefined
}

function nameIssue(name: string, problem: string): FieldIssue {
  return { path: ['metadata', 'name'], message: `Invalid value: "${name}": ${problem}` }
}

function invalid(info: KindInfo, name: string | undefined, issues: readonly FieldIssue[]): ValidationError {
  const object = name ? `${info.kind}/${name}` : info.kind
  const converted: ValidationIssue[] = issues.map((i) => ({ path: toPath(i.path), message: i.message, object, segments: i.path }))
  return new ValidationError(converted, `${info.kind} "${name ?? ''}" is invalid`)
}
