// Convergence: does every controller's status match its spec, and do the pods agree with the status?
// `findUnconverged(cluster)` lists, in plain words, each workload that has not caught up yet (empty =
// converged): the status each controller publishes (as `kubectl rollout status` reads it), the live
// pods themselves, Jobs finished, and each Service's Endpoints against its ready pods. It does not
// judge whether convergence is possible (a pod too big for any node never converges).
import type { Cluster } from '../cluster/cluster'
import type { KubeObject } from '../api/meta'
import { fromLabelSelector } from '../store/selectors'

type AnyObject = KubeObject & { spec?: any; status?: any; subsets?: any[] }

const nameOf = (o: KubeObject) => (o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name)
const observed = (o: AnyObject) => (o.status?.observedGeneration ?? 0) >= (o.metadata.generation ?? 0)
const hasCondition = (o: AnyObject, type: string) => (o.status?.conditions ?? []).some((c: any) => c.type === type && c.status === 'True')
const isPodReady = (pod: AnyObject) => !pod.metadata.deletionTimestamp && hasCondition(pod, 'Ready')

/** Why a Deployment is not done: updated == available == status.replicas == spec.replicas, observed. */
export function computeDeploymentLag(d: AnyObject): string | undefined {
  if (d.metadata.deletionTimestamp || d.spec.paused) return undefined
  const want = d.spec.replicas ?? 1
  const s = d.status ?? {}
  const have = { replicas: s.replicas ?? 0, updated: s.updatedReplicas ?? 0, available: s.availableReplicas ?? 0 }
  if (observed(d) && have.replicas === want && have.updated === want && have.available === want) return undefined
  return `Deployment ${nameOf(d)}: want ${want}, have replicas ${have.replicas}, updated ${have.updated}, available ${have.available}${observed(d) ? '' : ' (generation not observed)'}`
}

/** Why a StatefulSet is not done: ready == updated == status.replicas == spec.replicas, observed. */
export function computeStatefulSetLag(set: AnyObject): string | undefined {
  if (set.metadata.deletionTimestamp) return undefined
  const want = set.spec.replicas ?? 1
  const s = set.status ?? {}
  const rolling = (set.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate'
  // A partitioned rolling update only updates ordinals >= partition.
  const wantUpdated = rolling ? Math.max(0, want - (set.spec.updateStrategy?.rollingUpdate?.partition ?? 0)) : 0
  const updated = rolling ? s.updatedReplicas ?? 0 : 0
  if (observed(set) && (s.replicas ?? 0) === want && (s.readyReplicas ?? 0) === want && updated >= wantUpdated) return undefined
  return `StatefulSet ${nameOf(set)}: want ${want}, have replicas ${s.replicas ?? 0}, ready ${s.readyReplicas ?? 0}, updated ${s.updatedReplicas ?? 0}${observed(set) ? '' : ' (generation not observed)'}`
}

/** Why a DaemonSet is not done: available == updated == desired, none misscheduled, observed. */
export function computeDaemonSetLag(ds: AnyObject): string | undefined {
  if (ds.metadata.deletionTimestamp) return undefined
  const s = ds.status ?? {}
  const desired = s.desiredNumberScheduled ?? 0
  const rolling = (ds.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate'
  const updated = rolling ? s.updatedNumberScheduled ?? 0 : desired
  if (observed(ds) && (s.numberAvailable ?? 0) === desired && (s.currentNumberScheduled ?? 0) === desired && updated === desired && (s.numberMisscheduled ?? 0) === 0) return undefined
  return `DaemonSet ${nameOf(ds)}: desired ${desired}, scheduled ${s.currentNumberScheduled ?? 0}, available ${s.numberAvailable ?? 0}, updated ${s.updatedNumberScheduled ?? 0}, misscheduled ${s.numberMisscheduled ?? 0}${observed(ds) ? '' : ' (generation not observed)'}`
}

/** Why a Job is not done: it has no Complete or Failed condition (suspended or parallelism 0: it is paused). */
export function computeJobLag(job: AnyObject): string | undefined {
  if (job.metadata.deletionTimestamp || job.spec.suspend || job.spec.parallelism === 0) return undefined
  if (hasCondition(job, 'Complete') || hasCondition(job, 'Failed')) return undefined
  const s = job.status ?? {}
  return `Job ${nameOf(job)}: not finished (active ${s.active ?? 0}, succeeded ${s.succeeded ?? 0}, failed ${s.failed ?? 0})`
}

/** Why a Service's Endpoints differ from the ready pods it selects (ready addresses only). */
export function computeEndpointsLag(service: AnyObject, endpoints: AnyObject | undefined, selectedPods: readonly AnyObject[]): string | undefined {
  if (!service.spec?.selector || service.spec.type === 'ExternalName') return undefined
  const want = selectedPods.filter((p) => p.status?.podIP && (isPodReady(p) || (service.spec.publishNotReadyAddresses && !p.metadata.deletionTimestamp)))
  const wantNames = want.map((p) => p.metadata.name).sort()
  const haveNames = (endpoints?.subsets ?? []).flatMap((s: any) => (s.addresses ?? []).map((a: any) => a.targetRef?.name ?? a.ip)).sort()
  const unique = [...new Set(haveNames)]
  if (unique.length === wantNames.length && unique.every((n, i) => n === wantNames[i])) return undefined
  return `Endpoints ${nameOf(service)}: list [${unique.join(', ')}], ready pods are [${wantNames.join(', ')}]`
}

export interface ConvergenceOptions {
  /** Check Jobs too (default true): each must be Complete or Failed. */
  jobs?: boolean
  /** Check that no pod is still terminating (default true). */
  terminatingPods?: boolean
}

const imagesOf = (containers: readonly any[] | undefined) => (containers ?? []).map((c) => `${c.name}=${c.image}`).join(',')
const isControlledBy = (o: KubeObject, owner: KubeObject) => o.metadata.ownerReferences?.some((r) => r.controller && r.uid === owner.metadata.uid) ?? false
const isLivePod = (pod: AnyObject) => pod.kind === 'Pod' && !pod.metadata.deletionTimestamp && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed'

export interface PodsLagOptions {
  /** Which pods must run the template's images (default all; not those an OnDelete or partition keeps). */
  onTemplate?: (pod: AnyObject) => boolean
  /** Any further problem with a pod, in words. */
  extra?: (pod: AnyObject) => string | undefined
}

/**
 * What the pods themselves say, whatever the status claims: `want` live pods, each Ready and (as
 * `onTemplate` says) running the template's images, or a description of the difference.
 */
export function computePodsLag(owner: AnyObject, pods: readonly AnyObject[], want: number, options: PodsLagOptions = {}): string | undefined {
  const { onTemplate = () => true, extra } = options
  const images = imagesOf(owner.spec.template?.spec?.containers)
  const problems: string[] = []
  if (pods.length !== want) problems.push(`${pods.length} live pods, want ${want}`)
  for (const pod of pods) {
    if (!isPodReady(pod)) problems.push(`${pod.metadata.name} not Ready`)
    if (onTemplate(pod) && imagesOf(pod.spec?.containers) !== images) problems.push(`${pod.metadata.name} runs ${imagesOf(pod.spec?.containers)}, template ${images}`)
    const more = extra?.(pod)
    if (more) problems.push(`${pod.metadata.name} ${more}`)
  }
  return problems.length ? `${owner.kind} ${nameOf(owner)} pods: ${problems.join(', ')}` : undefined
}

/** The live pods of a workload: controlled by it, or (Deployments) by one of its ReplicaSets. */
function livePodsOf(cluster: Cluster, owner: AnyObject): AnyObject[] {
  const store = cluster.env.store
  const direct = (uid: string | undefined, o: KubeObject) => (uid ? (store.dependents(uid) as AnyObject[]).filter((d) => isControlledBy(d, o)) : [])
  const children = direct(owner.metadata.uid, owner)
  if (owner.kind !== 'Deployment') return children.filter(isLivePod)
  return children.filter((c) => c.kind === 'ReplicaSet').flatMap((rs) => direct(rs.metadata.uid, rs).filter(isLivePod))
}

/**
 * Every workload whose status does not match its spec yet, in plain words; empty when converged.
 * Deployments: available == updated == replicas; StatefulSets: ready == updated == replicas;
 * DaemonSets: available == updated == desired; Jobs finished; Services list exactly their ready pods.
 * The pods are checked too, not only the status: the right number, Ready, on the template's images
 * (StatefulSet pods at ordinals [start, start + replicas) and the update revision; one daemon pod per node).
 */
export function findUnconverged(cluster: Cluster, options: ConvergenceOptions = {}): string[] {
  const store = cluster.env.store
  const lags: (string | undefined)[] = []
  for (const d of store.list<AnyObject>('Deployment')) {
    lags.push(computeDeploymentLag(d))
    if (!d.spec.paused && !d.metadata.deletionTimestamp) lags.push(computePodsLag(d, livePodsOf(cluster, d), d.spec.replicas ?? 1))
  }
  for (const set of store.list<AnyObject>('StatefulSet')) {
    lags.push(computeStatefulSetLag(set))
    if (set.metadata.deletionTimestamp) continue
    const start = set.spec.ordinals?.start ?? 0
    const want = set.spec.replicas ?? 1
    const rolling = (set.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate'
    const partition = set.spec.updateStrategy?.rollingUpdate?.partition ?? 0
    const revision = set.status?.updateRevision
    const ordinalOf = (pod: AnyObject) => Number(pod.metadata.name.slice(set.metadata.name.length + 1))
    const updates = (pod: AnyObject) => rolling && ordinalOf(pod) - start >= partition
    lags.push(
      computePodsLag(set, livePodsOf(cluster, set), want, {
        onTemplate: updates,
        extra: (pod) => {
          const ordinal = ordinalOf(pod)
          if (!(ordinal >= start && ordinal < start + want)) return `has ordinal ${ordinal} outside [${start}, ${start + want})`
          if (updates(pod) && revision && pod.metadata.labels?.['controller-revision-hash'] !== revision) return `is at revision ${pod.metadata.labels?.['controller-revision-hash']}, not ${revision}`
          return undefined
        },
      }),
    )
  }
  for (const ds of store.list<AnyObject>('DaemonSet')) {
    lags.push(computeDaemonSetLag(ds))
    if (ds.metadata.deletionTimestamp) continue
    const pods = livePodsOf(cluster, ds)
    const nodes = new Set(pods.map((p) => p.spec?.nodeName))
    const rolling = (ds.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate'
    lags.push(computePodsLag(ds, pods, ds.status?.desiredNumberScheduled ?? 0, { onTemplate: () => rolling, extra: (pod) => (pod.spec?.nodeName ? undefined : 'is not bound') }))
    if (nodes.size !== pods.length) lags.push(`DaemonSet ${nameOf(ds)} pods: two live pods share a node`)
  }
  if (options.jobs ?? true) for (const job of store.list<AnyObject>('Job')) lags.push(computeJobLag(job))
  for (const service of store.list<AnyObject>('Service')) {
    if (!service.spec?.selector) continue
    const namespace = service.metadata.namespace
    const selected = store.list<AnyObject>('Pod', { namespace, selector: fromLabelSelector({ matchLabels: service.spec.selector }) })
    const endpoints = store.get<AnyObject>('Endpoints', `${namespace}/${service.metadata.name}`)
    lags.push(computeEndpointsLag(service, endpoints, selected))
  }
  if (options.terminatingPods ?? true)
    for (const pod of store.list<AnyObject>('Pod')) if (pod.metadata.deletionTimestamp) lags.push(`Pod ${nameOf(pod)}: still terminating on ${pod.spec?.nodeName ?? 'no node'}`)
  return lags.filter((l): l is string => l !== undefined)
}
