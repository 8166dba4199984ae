// The two kinds one ReplicaSet implementation serves (semantics.md §4: the ReplicationController
// is the same code, converted): what differs is the kind, the controller's name (trace actor and
// Event source) and the selector type (a LabelSelector, or a plain equality map).
import type { KubeObject, LabelSelector } from '../../api/meta'
import { fromLabelSelector, type Selector } from '../../store/selectors'

export interface ReplicaWorkload {
  kind: 'ReplicaSet' | 'ReplicationController'
  controllerName: 'replicaset-controller' | 'replication-controller'
  /** ReplicaSet only: status.terminatingReplicas (feature DeploymentReplicaSetTerminatingReplicas). */
  reportsTerminating: boolean
  selectorOf(owner: KubeObject): Selector
}

export const replicaSetWorkload: ReplicaWorkload = {
  kind: 'ReplicaSet',
  controllerName: 'replicaset-controller',
  reportsTerminating: true,
  selectorOf: (owner) => fromLabelSelector((owner as { spec?: { selector?: LabelSelector } }).spec?.selector),
}

export const replicationControllerWorkload: ReplicaWorkload = {
  kind: 'ReplicationController',
  controllerName: 'replication-controller',
  reportsTerminating: false,
  selectorOf: (owner) => {
    const map = (owner as { spec?: { selector?: Record<string, string> } }).spec?.selector
    // An empty map would select everything; validation forbids it, and we select nothing instead.
    return map && Object.keys(map).length > 0 ? fromLabelSelector({ matchLabels: map }) : null
  },
}
