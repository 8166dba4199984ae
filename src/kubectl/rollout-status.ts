// `kubectl rollout status` for Deployments, StatefulSets and DaemonSets: a port of kubectl's
// polymorphichelpers/rollout_status.go status viewers. Messages carry kubectl's trailing newline;
// an error (`error: true`) is what kubectl prints to stderr before exiting 1.
import type { Obj } from './object'

export interface RolloutStatus {
  done: boolean
  message: string
  /** True when kubectl stops with an error (progress deadline, unsupported strategy or kind). */
  error?: true
}

const waiting = (message: string): RolloutStatus => ({ done: false, message: `${message}\n` })
const finished = (message: string): RolloutStatus => ({ done: true, message: `${message}\n` })
const failed = (message: string): RolloutStatus => ({ done: false, message: `error: ${message}\n`, error: true })

export function rolloutStatus(obj: Obj): RolloutStatus {
  switch (obj.kind) {
    case 'Deployment':
      return deploymentStatus(obj)
    case 'DaemonSet':
      return daemonSetStatus(obj)
    case 'StatefulSet':
      return statefulSetStatus(obj)
    default:
      return failed(`no status viewer has been implemented for ${obj.kind ?? ''}`)
  }
}

function deploymentStatus(d: Obj): RolloutStatus {
  const name = d.metadata.name ?? ''
  const status = d.status ?? {}
  if ((d.metadata.generation ?? 0) > (status.observedGeneration ?? 0)) return waiting('Waiting for deployment spec update to be observed...')
  const progressing = (status.conditions ?? []).find((c: any) => c.type === 'Progressing')
  if (progressing?.reason === 'ProgressDeadlineExceeded') return failed(`deployment "${name}" exceeded its progress deadline`)
  const updated = status.updatedReplicas ?? 0
  const replicas = status.replicas ?? 0
  const available = status.availableReplicas ?? 0
  if (typeof d.spec?.replicas === 'number' && updated < d.spec.replicas) {
    return waiting(`Waiting for deployment "${name}" rollout to finish: ${updated} out of ${d.spec.replicas} new replicas have been updated...`)
  }
  if (replicas > updated) {
    return waiting(`Waiting for deployment "${name}" rollout to finish: ${replicas - updated} old replicas are pending termination...`)
  }
  if (available < updated) {
    return waiting(`Waiting for deployment "${name}" rollout to finish: ${available} of ${updated} updated replicas are available...`)
  }
  return finished(`deployment "${name}" successfully rolled out`)
}

function daemonSetStatus(ds: Obj): RolloutStatus {
  const name = ds.metadata.name ?? ''
  const status = ds.status ?? {}
  if ((ds.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') {
    return { ...failed('rollout status is only available for RollingUpdate strategy type'), done: true }
  }
  if ((ds.metadata.generation ?? 0) > (status.observedGeneration ?? 0)) return waiting('Waiting for daemon set spec update to be observed...')
  const desired = status.desiredNumberScheduled ?? 0
  const updated = status.updatedNumberScheduled ?? 0
  const available = status.numberAvailable ?? 0
  if (updated < desired) return waiting(`Waiting for daemon set "${name}" rollout to finish: ${updated} out of ${desired} new pods have been updated...`)
  if (available < desired) return waiting(`Waiting for daemon set "${name}" rollout to finish: ${available} of ${desired} updated pods are available...`)
  return finished(`daemon set "${name}" successfully rolled out`)
}

function statefulSetStatus(sts: Obj): RolloutStatus {
  const status = sts.status ?? {}
  const strategy = sts.spec?.updateStrategy ?? {}
  if ((strategy.type ?? 'RollingUpdate') !== 'RollingUpdate') {
    return { ...failed('rollout status is only available for RollingUpdate strategy type'), done: true }
  }
  const observed = status.observedGeneration ?? 0
  if (observed === 0 || (sts.metadata.generation ?? 0) > observed) return waiting('Waiting for statefulset spec update to be observed...')
  const replicas = sts.spec?.replicas
  const ready = status.readyReplicas ?? 0
  if (typeof replicas === 'number' && ready < replicas) return waiting(`Waiting for ${replicas - ready} pods to be ready...`)
  const updated = status.updatedReplicas ?? 0
  if (strategy.rollingUpdate) {
    const partition = strategy.rollingUpdate.partition
    if (typeof replicas === 'number' && typeof partition === 'number' && updated < replicas - partition) {
      return waiting(`Waiting for partitioned roll out to finish: ${updated} out of ${replicas - partition} new pods have been updated...`)
    }
    return finished(`partitioned roll out complete: ${updated} new pods have been updated...`)
  }
  if (status.updateRevision !== status.currentRevision) {
    return waiting(`waiting for statefulset rolling update to complete ${updated} pods at revision ${status.updateRevision ?? ''}...`)
  }
  return finished(`statefulset rolling update complete ${status.currentReplicas ?? 0} pods at revision ${status.currentRevision ?? ''}...`)
}
