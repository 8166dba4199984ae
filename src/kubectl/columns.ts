// The `kubectl get` column set of every built-in kind, ported from the server-side printers
// (kubernetes pkg/printers/internalversion/printers.go). The API server always generates the wide
// row; kubectl drops priority-1 columns unless `-o wide`. So, as on a real cluster, LoadBalancer
// addresses are never truncated (the 16-character cut only applies to non-wide server rows).
import { humanDuration, translateMsSince, translateTimestampSince } from './duration'
import { formatLabelSelector, formatLabels, selectorString } from './labels'
import { compareStrings, type Obj } from './object'
import { computePodColumns } from './pod-status'
import { timestampMs } from './time'

export interface Column {
  name: string
  /** 1 = only with `-o wide`. */
  priority?: 1
}

export interface KindColumns {
  columns: readonly Column[]
  /** Index of the column holding the object's name (kind-prefixed in multi-kind output), or -1. */
  nameColumn: number
  /** All cells, wide ones included, in column order. */
  row(obj: Obj, nowMs: number): string[]
}

const wide = (name: string): Column => ({ name, priority: 1 })
const col = (name: string): Column => ({ name })
const age = (obj: Obj, nowMs: number): string => translateTimestampSince(obj.metadata.creationTimestamp, nowMs)
const int = (value: unknown): string => String(typeof value === 'number' ? value : 0)

function containerCells(containers: any[] | undefined): [string, string] {
  const list = containers ?? []
  return [list.map((c) => c.name ?? '').join(','), list.map((c) => c.image ?? '').join(',')]
}

/** Go's fmt of an IntOrString. */
const intOrString = (value: unknown): string => String(value)

/** helper.GetAccessModesAsString: RWO, ROX, RWX, RWOP in that order, de-duplicated. */
export function accessModesAsString(modes: string[] | undefined): string {
  const list = modes ?? []
  const out: string[] = []
  if (list.includes('ReadWriteOnce')) out.push('RWO')
  if (list.includes('ReadOnlyMany')) out.push('ROX')
  if (list.includes('ReadWriteMany')) out.push('RWX')
  if (list.includes('ReadWriteOncePod')) out.push('RWOP')
  return out.join(',')
}

const BETA_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class'

/** storageutil.GetPersistentVolume(Claim)Class: the beta annotation wins over spec.storageClassName. */
export function storageClassOf(obj: Obj): string {
  const annotation = obj.metadata.annotations?.[BETA_STORAGE_CLASS_ANNOTATION]
  if (annotation !== undefined) return annotation
  return obj.spec?.storageClassName ?? ''
}

function formatMoreList(list: string[], more: boolean, count: number, max: number): string {
  const text = list.join(',')
  if (more) return `${text} + ${count - max} more...`
  return text === '' ? '<unset>' : text
}

const hostPort = (ip: string, port: number): string => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`)

/** printers formatEndpoints: up to 3 `ip:port` entries, then ` + N more...`; `<none>` without subsets. */
export function formatEndpoints(endpoints: Obj, portNames?: Set<string>): string {
  const subsets: any[] = endpoints.subsets ?? []
  if (subsets.length === 0) return '<none>'
  const list: string[] = []
  const max = 3
  let more = false
  let count = 0
  for (const ss of subsets) {
    const addresses: any[] = ss.addresses ?? []
    const ports: any[] = ss.ports ?? []
    if (ports.length === 0) {
      count += addresses.length
      for (const address of addresses) {
        if (list.length === max) {
          more = true
          break
        }
        list.push(address.ip)
      }
      continue
    }
    for (const port of ports) {
      if (portNames && !portNames.has(port.name ?? '')) continue
      count += addresses.length
      for (const address of addresses) {
        if (list.length === max) {
          more = true
          break
        }
        list.push(hostPort(address.ip, port.port))
      }
    }
  }
  const text = list.join(',')
  return more ? `${text} + ${count - max} more...` : text
}

function formatDiscoveryPorts(ports: any[] | undefined): string {
  const list: string[] = []
  let more = false
  let count = 0
  for (const port of ports ?? []) {
    if (list.length < 3) list.push(port.port !== undefined && port.port !== null ? String(port.port) : port.name ?? '*')
    else if (list.length === 3) more = true
    count++
  }
  return formatMoreList(list, more, count, 3)
}

function formatDiscoveryEndpoints(endpoints: any[] | undefined): string {
  const list: string[] = []
  let more = false
  let count = 0
  for (const endpoint of endpoints ?? []) {
    for (const address of endpoint.addresses ?? []) {
      if (list.length < 3) list.push(address)
      else if (list.length === 3) more = true
      count++
    }
  }
  return formatMoreList(list, more, count, 3)
}

function serviceExternalIp(svc: Obj): string {
  const spec = svc.spec ?? {}
  const externalIPs: string[] = spec.externalIPs ?? []
  switch (spec.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>'
    case 'LoadBalancer': {
      const ingress = new Set<string>()
      for (const entry of svc.status?.loadBalancer?.ingress ?? []) {
        if (entry.ip) ingress.add(entry.ip)
        else if (entry.hostname) ingress.add(entry.hostname)
      }
      const lbIps = [...ingress].sort(compareStrings)
      if (externalIPs.length > 0) return [...lbIps, ...externalIPs].join(',')
      return lbIps.length > 0 ? lbIps.join(',') : '<pending>'
    }
    case 'ExternalName':
      return spec.externalName ?? ''
    default:
      return '<unknown>'
  }
}

/** makePortString: `80/TCP`, `80:30080/TCP`, comma-joined. */
export function servicePorts(ports: any[] | undefined): string {
  return (ports ?? [])
    .map((p) => (p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`))
    .join(',')
}

/** findNodeRoles: `node-role.kubernetes.io/<role>` keys and the `kubernetes.io/role` value, sorted. */
export function nodeRoles(node: Obj): string[] {
  const roles = new Set<string>()
  for (const [key, value] of Object.entries(node.metadata.labels ?? {})) {
    if (key.startsWith('node-role.kubernetes.io/')) {
      const role = key.slice('node-role.kubernetes.io/'.length)
      if (role) roles.add(role)
    } else if (key === 'kubernetes.io/role' && value !== '') roles.add(value)
  }
  return [...roles].sort(compareStrings)
}

/** `Ready`, `NotReady`, `Unknown`, plus `,SchedulingDisabled` when cordoned. */
export function nodeStatus(node: Obj): string {
  const status: string[] = []
  const ready = (node.status?.conditions ?? []).filter((c: any) => c.type === 'Ready').pop()
  if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady')
  if (status.length === 0) status.push('Unknown')
  if (node.spec?.unschedulable) status.push('SchedulingDisabled')
  return status.join(',')
}

const nodeAddress = (node: Obj, type: string): string =>
  (node.status?.addresses ?? []).find((a: any) => a.type === type)?.address ?? '<none>'

const hasJobCondition = (job: Obj, type: string): boolean => {
  const condition = (job.status?.conditions ?? []).find((c: any) => c.type === type)
  return condition?.status === 'True'
}

/** The Job STATUS column: Complete, Failed, Terminating, Suspended, FailureTarget or Running. */
export function jobStatus(job: Obj): string {
  if (hasJobCondition(job, 'Complete')) return 'Complete'
  if (hasJobCondition(job, 'Failed')) return 'Failed'
  if (job.metadata.deletionTimestamp) return 'Terminating'
  if (hasJobCondition(job, 'Suspended')) return 'Suspended'
  if (hasJobCondition(job, 'FailureTarget')) return 'FailureTarget'
  return 'Running'
}

/** The Job COMPLETIONS column. */
export function jobCompletions(job: Obj): string {
  const succeeded = job.status?.succeeded ?? 0
  if (typeof job.spec?.completions === 'number') return `${succeeded}/${job.spec.completions}`
  const parallelism = job.spec?.parallelism ?? 0
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`
}

/** The Job DURATION column: completion − start, or time since start while running, else empty. */
export function jobDuration(job: Obj, nowMs: number): string {
  const start = timestampMs(job.status?.startTime)
  if (start === undefined) return ''
  const end = timestampMs(job.status?.completionTime)
  return humanDuration((end ?? nowMs) - start)
}

const printBoolPtr = (value: unknown): string => (value === undefined || value === null ? '<unset>' : value ? 'True' : 'False')

interface HpaMetricSpec {
  type: string
  resource?: any
  containerResource?: any
  pods?: any
  object?: any
  external?: any
}

/** The HPA v2 metrics of an object written as autoscaling/v2 or v1. */
function hpaMetrics(hpa: Obj): { specs: HpaMetricSpec[]; statuses: any[] } {
  const spec = hpa.spec ?? {}
  if (Array.isArray(spec.metrics)) return { specs: spec.metrics, statuses: hpa.status?.currentMetrics ?? [] }
  if (typeof spec.targetCPUUtilizationPercentage === 'number') {
    const current = hpa.status?.currentCPUUtilizationPercentage
    return {
      specs: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: spec.targetCPUUtilizationPercentage } } }],
      statuses: typeof current === 'number' ? [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: current } } }] : [],
    }
  }
  return { specs: [], statuses: [] }
}

/** formatHPAMetrics: `cpu: <unknown>/50%`, `cpu: 250%/50%`, `memory: 100Mi/500Mi`, at most 2 then `+ N more...`. */
export function formatHpaTargets(hpa: Obj): string {
  const { specs, statuses } = hpaMetrics(hpa)
  if (specs.length === 0) return '<none>'
  const list: string[] = []
  specs.forEach((spec, i) => {
    const status = statuses[i]
    switch (spec.type) {
      case 'External':
      case 'Object': {
        const source = spec.type === 'External' ? spec.external : spec.object
        const current = spec.type === 'External' ? status?.external : status?.object
        if (source?.target?.averageValue !== undefined) {
          list.push(`${current?.current?.averageValue ?? '<unknown>'}/${source.target.averageValue} (avg)`)
        } else {
          list.push(`${current ? current.current?.value ?? '' : '<unknown>'}/${source?.target?.value ?? ''}`)
        }
        break
      }
      case 'Pods':
        list.push(`${status?.pods ? status.pods.current?.averageValue ?? '' : '<unknown>'}/${spec.pods?.target?.averageValue ?? ''}`)
        break
      case 'Resource':
      case 'ContainerResource': {
        const source = spec.type === 'Resource' ? spec.resource : spec.containerResource
        const current = spec.type === 'Resource' ? status?.resource : status?.containerResource
        const name = source?.name ?? ''
        if (source?.target?.averageValue !== undefined) {
          list.push(`${name}: ${current ? current.current?.averageValue ?? '' : '<unknown>'}/${source.target.averageValue}`)
        } else {
          const utilization = current?.current?.averageUtilization
          const currentText = typeof utilization === 'number' ? `${utilization}%` : '<unknown>'
          const target = typeof source?.target?.averageUtilization === 'number' ? `${source.target.averageUtilization}%` : '<auto>'
          list.push(`${name}: ${currentText}/${target}`)
        }
        break
      }
      default:
        list.push('<unknown type>')
    }
  })
  if (list.length > 2) return `${list.slice(0, 2).join(', ')} + ${list.length - 2} more...`
  return list.join(', ')
}

/** The LAST SEEN cell of `kubectl get events`. */
export function eventLastSeen(event: Obj, nowMs: number): string {
  const first = timestampMs(event.firstTimestamp) !== undefined ? translateTimestampSince(event.firstTimestamp, nowMs) : translateTimestampSince(event.eventTime, nowMs)
  let last = timestampMs(event.lastTimestamp) !== undefined ? translateTimestampSince(event.lastTimestamp, nowMs) : first
  if (event.series) last = translateMsSince(timestampMs(event.series.lastObservedTime), nowMs)
  return last
}

const eventCount = (event: Obj): number => (event.series ? event.series.count ?? 0 : event.count ? event.count : 1)

function eventSource(event: Obj): string {
  const component = event.source?.component || event.reportingController || ''
  const instance = event.source?.host || event.reportingInstance || ''
  return instance ? `${component}, ${instance}` : component
}

/** GroupKind of an owner reference, lower-cased as formatResourceName prints it. */
function groupKindName(apiVersion: string | undefined, kind: string, name: string): string {
  const group = apiVersion?.includes('/') ? apiVersion.split('/')[0] : ''
  return `${(group ? `${kind}.${group}` : kind).toLowerCase()}/${name}`
}

const nameOf = (obj: Obj): string => obj.metadata.name ?? ''

export const kindColumns: Record<string, KindColumns> = {
  Pod: {
    columns: [col('Name'), col('Ready'), col('Status'), col('Restarts'), col('Age'), wide('IP'), wide('Node'), wide('Nominated Node'), wide('Readiness Gates')],
    nameColumn: 0,
    row(pod, nowMs) {
      const { ready, status, restarts } = computePodColumns(pod, nowMs)
      const gates: any[] = pod.spec?.readinessGates ?? []
      let readinessGates = '<none>'
      if (gates.length > 0) {
        const conditions: any[] = pod.status?.conditions ?? []
        const trueCount = gates.filter((g) => conditions.find((c) => c.type === g.conditionType)?.status === 'True').length
        readinessGates = `${trueCount}/${gates.length}`
      }
      return [
        nameOf(pod), ready, status, restarts, age(pod, nowMs),
        pod.status?.podIPs?.[0]?.ip || '<none>', pod.spec?.nodeName || '<none>', pod.status?.nominatedNodeName || '<none>', readinessGates,
      ]
    },
  },
  Node: {
    columns: [col('Name'), col('Status'), col('Roles'), col('Age'), col('Version'), wide('Internal-IP'), wide('External-IP'), wide('OS-Image'), wide('Kernel-Version'), wide('Container-Runtime')],
    nameColumn: 0,
    row(node, nowMs) {
      const info = node.status?.nodeInfo ?? {}
      return [
        nameOf(node), nodeStatus(node), nodeRoles(node).join(',') || '<none>', age(node, nowMs), info.kubeletVersion ?? '',
        nodeAddress(node, 'InternalIP'), nodeAddress(node, 'ExternalIP'),
        info.osImage || '<unknown>', info.kernelVersion || '<unknown>', info.containerRuntimeVersion || '<unknown>',
      ]
    },
  },
  Deployment: {
    columns: [col('Name'), col('Ready'), col('Up-to-date'), col('Available'), col('Age'), wide('Containers'), wide('Images'), wide('Selector')],
    nameColumn: 0,
    row(d, nowMs) {
      const s = d.status ?? {}
      const [names, images] = containerCells(d.spec?.template?.spec?.containers)
      return [nameOf(d), `${s.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`, int(s.updatedReplicas), int(s.availableReplicas), age(d, nowMs), names, images, selectorString(d.spec?.selector)]
    },
  },
  ReplicaSet: {
    columns: [col('Name'), col('Desired'), col('Current'), col('Ready'), col('Age'), wide('Containers'), wide('Images'), wide('Selector')],
    nameColumn: 0,
    row(rs, nowMs) {
      const [names, images] = containerCells(rs.spec?.template?.spec?.containers)
      return [nameOf(rs), int(rs.spec?.replicas), int(rs.status?.replicas), int(rs.status?.readyReplicas), age(rs, nowMs), names, images, formatLabelSelector(rs.spec?.selector)]
    },
  },
  ReplicationController: {
    columns: [col('Name'), col('Desired'), col('Current'), col('Ready'), col('Age'), wide('Containers'), wide('Images'), wide('Selector')],
    nameColumn: 0,
    row(rc, nowMs) {
      const [names, images] = containerCells(rc.spec?.template?.spec?.containers)
      return [nameOf(rc), int(rc.spec?.replicas), int(rc.status?.replicas), int(rc.status?.readyReplicas), age(rc, nowMs), names, images, formatLabels(rc.spec?.selector)]
    },
  },
  StatefulSet: {
    columns: [col('Name'), col('Ready'), col('Age'), wide('Containers'), wide('Images')],
    nameColumn: 0,
    row(sts, nowMs) {
      const [names, images] = containerCells(sts.spec?.template?.spec?.containers)
      return [nameOf(sts), `${sts.status?.readyReplicas ?? 0}/${sts.spec?.replicas ?? 0}`, age(sts, nowMs), names, images]
    },
  },
  DaemonSet: {
    columns: [col('Name'), col('Desired'), col('Current'), col('Ready'), col('Up-to-date'), col('Available'), col('Node Selector'), col('Age'), wide('Containers'), wide('Images'), wide('Selector')],
    nameColumn: 0,
    row(ds, nowMs) {
      const s = ds.status ?? {}
      const [names, images] = containerCells(ds.spec?.template?.spec?.containers)
      return [
        nameOf(ds), int(s.desiredNumberScheduled), int(s.currentNumberScheduled), int(s.numberReady), int(s.updatedNumberScheduled), int(s.numberAvailable),
        formatLabels(ds.spec?.template?.spec?.nodeSelector), age(ds, nowMs), names, images, formatLabelSelector(ds.spec?.selector),
      ]
    },
  },
  Job: {
    columns: [col('Name'), col('Status'), col('Completions'), col('Duration'), col('Age'), wide('Containers'), wide('Images'), wide('Selector')],
    nameColumn: 0,
    row(job, nowMs) {
      const [names, images] = containerCells(job.spec?.template?.spec?.containers)
      return [nameOf(job), jobStatus(job), jobCompletions(job), jobDuration(job, nowMs), age(job, nowMs), names, images, formatLabelSelector(job.spec?.selector)]
    },
  },
  CronJob: {
    columns: [col('Name'), col('Schedule'), col('Timezone'), col('Suspend'), col('Active'), col('Last Schedule'), col('Age'), wide('Containers'), wide('Images'), wide('Selector')],
    nameColumn: 0,
    row(cj, nowMs) {
      const jobSpec = cj.spec?.jobTemplate?.spec ?? {}
      const [names, images] = containerCells(jobSpec.template?.spec?.containers)
      const last = cj.status?.lastScheduleTime ? translateTimestampSince(cj.status.lastScheduleTime, nowMs) : '<none>'
      return [
        nameOf(cj), cj.spec?.schedule ?? '', cj.spec?.timeZone ?? '<none>', printBoolPtr(cj.spec?.suspend), String((cj.status?.active ?? []).length),
        last, age(cj, nowMs), names, images, formatLabelSelector(jobSpec.selector),
      ]
    },
  },
  Service: {
    columns: [col('Name'), col('Type'), col('Cluster-IP'), col('External-IP'), col('Port(s)'), col('Age'), wide('Selector')],
    nameColumn: 0,
    row(svc, nowMs) {
      const clusterIPs: string[] = svc.spec?.clusterIPs ?? (svc.spec?.clusterIP ? [svc.spec.clusterIP] : [])
      return [
        nameOf(svc), svc.spec?.type ?? 'ClusterIP', clusterIPs[0] ?? '<none>', serviceExternalIp(svc), servicePorts(svc.spec?.ports) || '<none>',
        age(svc, nowMs), formatLabels(svc.spec?.selector),
      ]
    },
  },
  Endpoints: {
    columns: [col('Name'), col('Endpoints'), col('Age')],
    nameColumn: 0,
    row: (ep, nowMs) => [nameOf(ep), formatEndpoints(ep), age(ep, nowMs)],
  },
  EndpointSlice: {
    columns: [col('Name'), col('AddressType'), col('Ports'), col('Endpoints'), col('Age')],
    nameColumn: 0,
    row: (slice, nowMs) => [nameOf(slice), slice.addressType ?? '', formatDiscoveryPorts(slice.ports), formatDiscoveryEndpoints(slice.endpoints), age(slice, nowMs)],
  },
  ConfigMap: {
    columns: [col('Name'), col('Data'), col('Age')],
    nameColumn: 0,
    row: (cm, nowMs) => [nameOf(cm), String(Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length), age(cm, nowMs)],
  },
  Secret: {
    columns: [col('Name'), col('Type'), col('Data'), col('Age')],
    nameColumn: 0,
    row(secret, nowMs) {
      // The API server folds stringData into data on write; count the union in case it has not.
      const keys = new Set([...Object.keys(secret.data ?? {}), ...Object.keys(secret.stringData ?? {})])
      return [nameOf(secret), secret.type ?? 'Opaque', String(keys.size), age(secret, nowMs)]
    },
  },
  ServiceAccount: {
    columns: [col('Name'), col('Secrets'), col('Age')],
    nameColumn: 0,
    row: (sa, nowMs) => [nameOf(sa), String((sa.secrets ?? []).length), age(sa, nowMs)],
  },
  PersistentVolumeClaim: {
    columns: [col('Name'), col('Status'), col('Volume'), col('Capacity'), col('Access Modes'), col('StorageClass'), col('VolumeAttributesClass'), col('Age'), wide('VolumeMode')],
    nameColumn: 0,
    row(pvc, nowMs) {
      const bound = Boolean(pvc.spec?.volumeName)
      return [
        nameOf(pvc), pvc.metadata.deletionTimestamp ? 'Terminating' : pvc.status?.phase ?? '', pvc.spec?.volumeName ?? '',
        bound ? pvc.status?.capacity?.storage ?? '0' : '', bound ? accessModesAsString(pvc.status?.accessModes) : '',
        storageClassOf(pvc), pvc.spec?.volumeAttributesClassName ?? '<unset>', age(pvc, nowMs), pvc.spec?.volumeMode ?? '<unset>',
      ]
    },
  },
  PersistentVolume: {
    columns: [col('Name'), col('Capacity'), col('Access Modes'), col('Reclaim Policy'), col('Status'), col('Claim'), col('StorageClass'), col('VolumeAttributesClass'), col('Reason'), col('Age'), wide('VolumeMode')],
    nameColumn: 0,
    row(pv, nowMs) {
      const claim = pv.spec?.claimRef ? `${pv.spec.claimRef.namespace ?? ''}/${pv.spec.claimRef.name ?? ''}` : ''
      return [
        nameOf(pv), pv.spec?.capacity?.storage ?? '0', accessModesAsString(pv.spec?.accessModes), pv.spec?.persistentVolumeReclaimPolicy ?? '',
        pv.metadata.deletionTimestamp ? 'Terminating' : pv.status?.phase ?? '', claim, storageClassOf(pv),
        pv.spec?.volumeAttributesClassName ?? '<unset>', pv.status?.reason ?? '', age(pv, nowMs), pv.spec?.volumeMode ?? '<unset>',
      ]
    },
  },
  StorageClass: {
    columns: [col('Name'), col('Provisioner'), col('ReclaimPolicy'), col('VolumeBindingMode'), col('AllowVolumeExpansion'), col('Age')],
    nameColumn: 0,
    row(sc, nowMs) {
      const annotations = sc.metadata.annotations ?? {}
      const isDefault =
        annotations['storageclass.kubernetes.io/is-default-class'] === 'true' || annotations['storageclass.beta.kubernetes.io/is-default-class'] === 'true'
      return [
        isDefault ? `${nameOf(sc)} (default)` : nameOf(sc), sc.provisioner ?? '', sc.reclaimPolicy ?? 'Delete', sc.volumeBindingMode ?? 'Immediate',
        String(sc.allowVolumeExpansion === true), age(sc, nowMs),
      ]
    },
  },
  ControllerRevision: {
    columns: [col('Name'), col('Controller'), col('Revision'), col('Age')],
    nameColumn: 0,
    row(cr, nowMs) {
      const ref = cr.metadata.ownerReferences?.find((r) => r.controller === true)
      return [nameOf(cr), ref ? groupKindName(ref.apiVersion, ref.kind, ref.name) : '<none>', String(cr.revision ?? 0), age(cr, nowMs)]
    },
  },
  Event: {
    columns: [col('Last Seen'), col('Type'), col('Reason'), col('Object'), wide('Subobject'), wide('Source'), col('Message'), wide('First Seen'), wide('Count'), wide('Name')],
    nameColumn: 9,
    row(event, nowMs) {
      const involved = event.involvedObject ?? {}
      const target = involved.name ? `${String(involved.kind ?? '').toLowerCase()}/${involved.name}` : String(involved.kind ?? '').toLowerCase()
      const first = timestampMs(event.firstTimestamp) !== undefined ? translateTimestampSince(event.firstTimestamp, nowMs) : translateTimestampSince(event.eventTime, nowMs)
      return [
        eventLastSeen(event, nowMs), event.type ?? '', event.reason ?? '', target, involved.fieldPath ?? '', eventSource(event),
        String(event.message ?? '').trim(), first, String(eventCount(event)), nameOf(event),
      ]
    },
  },
  PodDisruptionBudget: {
    columns: [col('Name'), col('Min Available'), col('Max Unavailable'), col('Allowed Disruptions'), col('Age')],
    nameColumn: 0,
    row(pdb, nowMs) {
      const spec = pdb.spec ?? {}
      return [
        nameOf(pdb), spec.minAvailable !== undefined && spec.minAvailable !== null ? intOrString(spec.minAvailable) : 'N/A',
        spec.maxUnavailable !== undefined && spec.maxUnavailable !== null ? intOrString(spec.maxUnavailable) : 'N/A',
        int(pdb.status?.disruptionsAllowed), age(pdb, nowMs),
      ]
    },
  },
  HorizontalPodAutoscaler: {
    columns: [col('Name'), col('Reference'), col('Targets'), col('MinPods'), col('MaxPods'), col('Replicas'), col('Age')],
    nameColumn: 0,
    row(hpa, nowMs) {
      const ref = hpa.spec?.scaleTargetRef ?? {}
      const minPods = typeof hpa.spec?.minReplicas === 'number' ? String(hpa.spec.minReplicas) : '<unset>'
      return [nameOf(hpa), `${ref.kind ?? ''}/${ref.name ?? ''}`, formatHpaTargets(hpa), minPods, int(hpa.spec?.maxReplicas), int(hpa.status?.currentReplicas), age(hpa, nowMs)]
    },
  },
  Namespace: {
    columns: [col('Name'), col('Status'), col('Age')],
    nameColumn: 0,
    row: (ns, nowMs) => [nameOf(ns), ns.status?.phase ?? '', age(ns, nowMs)],
  },
  Lease: {
    columns: [col('Name'), col('Holder'), col('Age')],
    nameColumn: 0,
    row: (lease, nowMs) => [nameOf(lease), lease.spec?.holderIdentity ?? '', age(lease, nowMs)],
  },
  PriorityClass: {
    columns: [col('Name'), col('Value'), col('Global-Default'), col('Age'), col('PreemptionPolicy')],
    nameColumn: 0,
    row: (pc, nowMs) => [nameOf(pc), String(pc.value ?? 0), String(pc.globalDefault === true), age(pc, nowMs), pc.preemptionPolicy ?? ''],
  },
  Ingress: {
    columns: [col('Name'), col('Class'), col('Hosts'), col('Address'), col('Ports'), col('Age')],
    nameColumn: 0,
    row(ing, nowMs) {
      const rules: any[] = ing.spec?.rules ?? []
      const hosts = rules.map((r) => r.host).filter((h) => h)
      let hostText = hosts.length === 0 ? '*' : hosts.slice(0, 3).join(',')
      if (rules.length > 3 && hosts.length > 0) hostText += ` + ${rules.length - 3} more...`
      const addresses = new Set<string>()
      for (const entry of ing.status?.loadBalancer?.ingress ?? []) {
        if (entry.ip) addresses.add(entry.ip)
        else if (entry.hostname) addresses.add(entry.hostname)
      }
      const ports = (ing.spec?.tls ?? []).length > 0 ? '80, 443' : '80'
      return [nameOf(ing), ing.spec?.ingressClassName ?? '<none>', hostText, [...addresses].sort(compareStrings).join(','), ports, age(ing, nowMs)]
    },
  },
  NetworkPolicy: {
    columns: [col('Name'), col('Pod-Selector'), col('Age')],
    nameColumn: 0,
    row: (np, nowMs) => [nameOf(np), formatLabelSelector(np.spec?.podSelector ?? {}), age(np, nowMs)],
  },
}

/** What kubectl shows for kinds without a server-side printer (custom resources): NAME and AGE. */
export const genericColumns: KindColumns = {
  columns: [col('Name'), col('Age')],
  nameColumn: 0,
  row: (obj, nowMs) => [nameOf(obj), age(obj, nowMs)],
}

export function columnsFor(kind: string): KindColumns {
  return kindColumns[kind] ?? genericColumns
}
