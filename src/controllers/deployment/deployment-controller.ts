// The Deployment control loop (semantics.md §5): wiring only. It reconciles a Deployment when it
// changes, when one of its ReplicaSets changes, when an orphan ReplicaSet may match it, and — for
// Recreate — when a pod of its ReplicaSets is deleted (deployment_controller.go deletePod).
import type { KubeObject } from '../../api/meta'
import { defineController, type ControllerSpec } from '../../runtime/controller'
import { controllerOf } from '../../runtime/owners'
import { objectKey, type ObjectKey } from '../../store/keys'
import { fromLabelSelector, matchesSelector } from '../../store/selectors'
import type { Store } from '../../store/store'
import { syncDeployment } from './sync-deployment'
import { DEPLOYMENT_CONTROLLER } from './sync-state'

export function createDeploymentController(store: Store): ControllerSpec {
  return defineController({
    name: DEPLOYMENT_CONTROLLER,
    for: 'Deployment',
    owns: ['ReplicaSet'],
    watches: [
      {
        kind: 'ReplicaSet',
        map(object, event) {
          if (event.type === 'DELETED' || controllerOf(object)) return undefined
          return deploymentsSelecting(store, object)
        },
      },
      {
        kind: 'Pod',
        map(object, event) {
          if (event.type !== 'DELETED') return undefined
          const rsRef = controllerOf(object)
          if (rsRef?.kind !== 'ReplicaSet') return undefined
          const rs = store.byUid(rsRef.uid)
          const dRef = rs ? controllerOf(rs) : undefined
          if (dRef?.kind !== 'Deployment') return undefined
          const key = objectKey(object.metadata.namespace, dRef.name)
          const d = store.get<{ spec?: { strategy?: { type?: string } } }>('Deployment', key)
          return d?.spec?.strategy?.type === 'Recreate' ? key : undefined
        },
      },
    ],
    reconcile: syncDeployment,
  })
}

/** getDeploymentsForReplicaSet: Deployments in the namespace whose selector matches an orphan. */
function deploymentsSelecting(store: Store, rs: KubeObject): ObjectKey[] {
  const keys: ObjectKey[] = []
  for (const d of store.list<KubeObject & { spec?: { selector?: never } }>('Deployment', { namespace: rs.metadata.namespace })) {
    const selector = fromLabelSelector(d.spec?.selector)
    if (selector && selector.length > 0 && matchesSelector(selector, rs.metadata.labels)) keys.push(objectKey(d.metadata.namespace, d.metadata.name))
  }
  return keys
}
