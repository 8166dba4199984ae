// The namespace controller: a Namespace being deleted empties itself (every namespaced object in it
// is deleted), then drops its `kubernetes` finalizer so the API server removes it.
import type { KubeObject } from '../api/meta'
import { defineController } from '../runtime/controller'
import { keyOf } from '../store/keys'
import type { Store } from '../store/store'

export const NAMESPACE_CONTROLLER = 'namespace-controller'

export function createNamespaceController(store: Store) {
  return defineController({
    name: NAMESPACE_CONTROLLER,
    for: 'Namespace',
    watches: [
      {
        kind: '*',
        map(object, event) {
          // A namespaced object leaving a terminating namespace may be the last one.
          // (Only a terminating namespace cares; one that starts terminating later is enqueued by its own update.)
          if (event.type !== 'DELETED' || !object.metadata.namespace) return undefined
          return store.get('Namespace', object.metadata.namespace)?.metadata.deletionTimestamp ? object.metadata.namespace : undefined
        },
      },
    ],
    reconcile(name, ctx) {
      const ns = ctx.store.get('Namespace', name) as (KubeObject & { spec?: { finalizers?: string[] } }) | undefined
      if (!ns || !ns.metadata.deletionTimestamp) return
      let remaining = 0
      for (const info of ctx.store.registry.kinds()) {
        if (!info.namespaced) continue
        for (const object of ctx.store.list(info.kind, { namespace: name })) {
          remaining++
          if (!object.metadata.deletionTimestamp) ctx.client.delete(info.kind, keyOf(object), { propagationPolicy: 'Background' })
        }
      }
      if (remaining > 0) return { requeueAfterMs: 5_000 }
      ctx.client.patch<any>('Namespace', name, (d) => {
        d.spec = { ...(d.spec ?? {}), finalizers: [] }
      })
    },
  })
}
