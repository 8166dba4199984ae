// A store client bound to one actor: what a controller (or the user) holds. The actor is recorded
// in the trace for every write, so "who did this" is always answerable.
import type { Draft } from 'immer'
import type { KubeObject, NewObject } from '../api/meta'
import type { ObjectKey } from './keys'
import type { CreateOptions, DeleteOptions, ListOptions, Store, WriteContext } from './store'

export class Client {
  private readonly ctx: WriteContext

  constructor(readonly store: Store, actor: string, options: { validate?: boolean } = {}) {
    this.ctx = { actor, validate: options.validate ?? false }
  }

  get actor(): string {
    return this.ctx.actor
  }

  get<T = KubeObject>(kind: string, key: ObjectKey): T | undefined {
    return this.store.get<T>(kind, key)
  }

  list<T = KubeObject>(kind: string, options?: ListOptions): T[] {
    return this.store.list<T>(kind, options)
  }

  create<T = KubeObject>(object: NewObject, options?: CreateOptions): T {
    return this.store.create<T>(object, this.ctx, options)
  }

  /** The event recorder's create (Store.createRecordedEvent): false, nothing written, when `key` is taken. */
  createRecordedEvent(event: NewObject & { metadata: { name: string; namespace: string } }, key: ObjectKey): boolean {
    return this.store.createRecordedEvent(event, key, this.ctx.actor)
  }

  update<T = KubeObject>(object: NewObject): T {
    return this.store.update<T>(object, this.ctx)
  }

  updateStatus<T = KubeObject>(object: NewObject): T {
    return this.store.updateStatus<T>(object, this.ctx)
  }

  patch<T extends KubeObject = KubeObject>(kind: string, key: ObjectKey, recipe: (draft: Draft<T>) => void): T {
    return this.store.patch<T>(kind, key, recipe, this.ctx)
  }

  patchStatus<T extends KubeObject = KubeObject>(kind: string, key: ObjectKey, recipe: (draft: Draft<T>) => void): T {
    return this.store.patch<T>(kind, key, recipe, this.ctx, { status: true })
  }

  /** Replaces the whole status (the caller hands the object over); equal to the stored status ⇒ no write. */
  writeStatus<T extends KubeObject = KubeObject>(kind: string, key: ObjectKey, status: unknown): T {
    return this.store.writeStatus<T>(kind, key, status, this.ctx)
  }

  /** The pods/binding subresource: assign a pending pod to a node. */
  bind(key: ObjectKey, nodeName: string): KubeObject {
    return this.store.bind(key, nodeName, this.ctx)
  }

  delete<T = KubeObject>(kind: string, key: ObjectKey, options?: DeleteOptions): T | undefined {
    return this.store.delete<T>(kind, key, this.ctx, options)
  }
}
