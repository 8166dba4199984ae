// Control loops, controller-runtime style: watch handlers only turn events into keys; reconcile(key)
// reads the store and converges, whatever happened before (level-triggered). A thrown error retries
// the key with back-off; `{ requeueAfterMs }` asks to look again later on the virtual clock.
import type { KubeObject } from '../api/meta'
import type { Clock, VirtualClock } from '../sim/clock'
import type { Random } from '../sim/random'
import { Client } from '../store/client'
import { keyOf, type ObjectKey } from '../store/keys'
import type { Store } from '../store/store'
import type { WatchEvent, WatchFilter } from '../store/watch'
import { EventRecorder } from './event-recorder'
import { controllerOf } from './owners'
import { objectKey } from '../store/keys'
import { WorkQueue } from './work-queue'

export type ReconcileResult = void | undefined | { requeueAfterMs?: number }

export interface ReconcileContext {
  /** Reads and writes, recorded under this controller's name. */
  client: Client
  store: Store
  clock: Clock
  /** This controller's own random stream. */
  random: Random
  events: EventRecorder
  /** Enqueue another key of this controller, now or after a delay. */
  enqueue(key: ObjectKey, delayMs?: number): void
}

export interface WatchSpec {
  kind: string
  /** Keys of this controller to reconcile when an object of `kind` changes. */
  map(object: KubeObject, event: WatchEvent): readonly ObjectKey[] | ObjectKey | undefined
  filter?: WatchFilter
}

export interface ControllerSpec {
  name: string
  /** Primary kind: its changes enqueue the object's own key. */
  for?: string
  /** Child kinds: their changes enqueue their controller owner's key (when the owner is of kind `for`). */
  owns?: readonly string[]
  watches?: readonly WatchSpec[]
  reconcile(key: ObjectKey, ctx: ReconcileContext): ReconcileResult
}

export interface Controller {
  readonly spec: ControllerSpec
  readonly queue: WorkQueue
  readonly ctx: ReconcileContext
  lastError?: { key: ObjectKey; message: string; atMs: number }
}

export function defineController(spec: ControllerSpec): ControllerSpec {
  return spec
}

/** Owns every controller's queue and decides whose turn it is (round-robin over queues with work). */
export class ControllerManager {
  private readonly controllers: Controller[] = []
  private readonly names = new Set<string>()
  private readonly ready: Controller[] = []
  private readyHead = 0
  /** The controller whose turn it is, and how many more of its keys the turn takes. */
  private turn: Controller | undefined
  private turnLeft = 0
  private readonly isReady = new Set<Controller>()
  /** The last watched object keyed, and its key: one event reaches many handlers, keyed once. */
  private lastKeyed: KubeObject | undefined
  private lastKey: ObjectKey = ''

  constructor(
    private readonly store: Store,
    private readonly clock: VirtualClock,
    private readonly random: Random,
  ) {}

  list(): readonly Controller[] {
    return this.controllers
  }

  add(spec: ControllerSpec, options: { validate?: boolean; eventSource?: string } = {}): Controller {
    if (this.names.has(spec.name)) throw new Error(`a controller named "${spec.name}" is already registered`)
    this.names.add(spec.name)
    const client = new Client(this.store, spec.name, { validate: options.validate ?? false })
    let controller!: Controller
    const queue = new WorkQueue(spec.name, this.clock, () => this.markReady(controller))
    const ctx = new ControllerContext(client, this.store, this.clock, new EventRecorder(client, this.clock), queue, this.random, spec.name)
    controller = { spec, queue, ctx }
    this.controllers.push(controller)
    const forKind = spec.for ? this.store.kindInfo(spec.for).kind : undefined
    if (forKind) this.store.watch(forKind, (event) => queue.add(this.keyOfWatched(event.object)))
    for (const owned of spec.owns ?? []) {
      this.store.watch(owned, (event) => {
        const owner = ownerKey(event.object, forKind) ?? (event.previous ? ownerKey(event.previous, forKind) : undefined)
        if (owner) queue.add(owner)
      })
    }
    for (const w of spec.watches ?? []) {
      this.store.watch(
        w.kind,
        (event) => {
          const keys = w.map(event.object, event)
          if (keys === undefined) return
          if (typeof keys === 'string') queue.add(keys)
          else for (const k of keys) queue.add(k)
        },
        w.filter,
      )
    }
    return controller
  }

  /** keyOf for an object of a watch event (stored, hence frozen: its key cannot change), shared by the handlers it reaches. */
  private keyOfWatched(object: KubeObject): ObjectKey {
    if (object !== this.lastKeyed) {
      this.lastKey = keyOf(object)
      this.lastKeyed = object
    }
    return this.lastKey
  }

  private markReady(controller: Controller): void {
    if (this.isReady.has(controller)) return
    this.isReady.add(controller)
    this.ready.push(controller)
  }

  /**
   * The next (controller, key) to reconcile. Controllers with queued keys take turns (round-robin);
   * a turn is every key its queue held when the turn began, so that keys one controller's turn adds
   * to another's queue (a kubelet's 30 pod updates for one ReplicaSet) wait there together and are
   * reconciled once, as a busy controller's queue coalesces them upstream.
   */
  takeWork(): { controller: Controller; key: ObjectKey } | undefined {
    const current = this.turn
    if (current && this.turnLeft > 0) {
      this.turnLeft--
      const key = current.queue.take()
      if (key !== undefined) return { controller: current, key }
    }
    this.turn = undefined
    if (current) {
      if (current.queue.size > 0) this.ready.push(current)
      else this.isReady.delete(current)
    }
    while (this.readyHead < this.ready.length) {
      const controller = this.ready[this.readyHead++]
      if (this.readyHead > 256 && this.readyHead * 2 > this.ready.length) {
        this.ready.splice(0, this.readyHead)
        this.readyHead = 0
      }
      const key = controller.queue.take()
      if (key === undefined) {
        this.isReady.delete(controller)
        continue
      }
      this.turn = controller
      this.turnLeft = controller.queue.size
      return { controller, key }
    }
    return undefined
  }

  /** Runs one reconcile; errors are kept for diagnosis and the key is retried with back-off. */
  run(controller: Controller, key: ObjectKey): void {
    try {
      const result = controller.spec.reconcile(key, controller.ctx)
      controller.queue.forget(key)
      if (result && result.requeueAfterMs !== undefined) controller.queue.addAfter(key, result.requeueAfterMs)
    } catch (error) {
      controller.lastError = { key, message: error instanceof Error ? error.message : String(error), atMs: this.clock.now() }
      controller.queue.addWithBackoff(key)
    }
  }

  /** Controllers with queued keys, for NotConvergedError/TimeoutError messages. */
  busy(): { name: string; keys: ObjectKey[]; lastError?: string }[] {
    return this.controllers
      .filter((c) => c.queue.size > 0)
      .map((c) => ({ name: c.spec.name, keys: c.queue.peek(5), lastError: c.lastError?.message }))
  }
}

/**
 * What a controller's reconciles get. Most controllers never draw a random number, so the stream is
 * forked on first use: a fork depends only on the seed and the label, not on when it is made.
 */
class ControllerContext implements ReconcileContext {
  private stream: Random | undefined

  constructor(
    readonly client: Client,
    readonly store: Store,
    readonly clock: Clock,
    readonly events: EventRecorder,
    private readonly queue: WorkQueue,
    private readonly parentRandom: Random,
    private readonly name: string,
  ) {}

  get random(): Random {
    return (this.stream ??= this.parentRandom.fork(`controller/${this.name}`))
  }

  enqueue(key: ObjectKey, delayMs?: number): void {
    if (delayMs) this.queue.addAfter(key, delayMs)
    else this.queue.add(key)
  }
}

function ownerKey(object: KubeObject, ownerKind: string | undefined): ObjectKey | undefined {
  const ref = controllerOf(object)
  if (!ref || (ownerKind && ref.kind !== ownerKind)) return undefined
  return objectKey(object.metadata.namespace, ref.name)
}
