// `kubectl describe` for Pod, Deployment, ReplicaSet, StatefulSet, Job, Service and Node: ports of
// kubectl's pkg/describe describers, written through the same PrefixWriter/tabwriter so alignment
// comes out as kubectl's does. Related objects (a Deployment's ReplicaSets, a node's pods, a
// Service's EndpointSlices, the object's Events) are passed in; nothing is looked up here.
// Times print in UTC (`+0000`), as kubectl on a UTC machine.
import { formatEndpoints, nodeRoles, storageClassOf } from './columns'
import { computeQosClass, describeContainers, describePodTemplate, describeVolumes, podEnvResolver } from './describe-containers'
import {
  describeEvents, LEVEL_0, LEVEL_1, PrefixWriter, printAnnotationsMultiline, printLabelsMultiline, printTaintsMultiline, printTolerationsMultiline,
} from './describe-writer'
import { humanDuration, translateTimestampSince } from './duration'
import { formatLabels, formatLabelSelector, selectorString } from './labels'
import { compareStrings, controllerOf, type Obj } from './object'
import { formatQuantity, parseQuantity, sumQuantities } from './quantity-text'
import { formatRfc1123z, timestampMs } from './time'

export interface DescribeContext {
  nowMs: number
  /** Events about the object; omit to print no Events section (`--show-events=false`). */
  events?: readonly Obj[]
}

const rfc1123 = (value: unknown): string => {
  const ms = timestampMs(value)
  return ms === undefined ? '<unknown>' : formatRfc1123z(ms)
}

export function describePod(pod: Obj, context: DescribeContext): string {
  const w = new PrefixWriter()
  const spec = pod.spec ?? {}
  const status = pod.status ?? {}
  w.write(LEVEL_0, `Name:\t${pod.metadata.name ?? ''}\n`)
  w.write(LEVEL_0, `Namespace:\t${pod.metadata.namespace ?? ''}\n`)
  if (typeof spec.priority === 'number') w.write(LEVEL_0, `Priority:\t${spec.priority}\n`)
  if (spec.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`)
  if (spec.runtimeClassName) w.write(LEVEL_0, `Runtime Class Name:\t${spec.runtimeClassName}\n`)
  if (spec.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`)
  w.write(LEVEL_0, spec.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n` : 'Node:\t<none>\n')
  if (status.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123(status.startTime)}\n`)
  printLabelsMultiline(w, 'Labels', pod.metadata.labels)
  printAnnotationsMultiline(w, 'Annotations', pod.metadata.annotations)
  if (pod.metadata.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.write(LEVEL_0, `Status:\tTerminating (lasts ${translateTimestampSince(pod.metadata.deletionTimestamp, context.nowMs)})\n`)
    w.write(LEVEL_0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s\n`)
  } else {
    w.write(LEVEL_0, `Status:\t${status.phase ?? ''}\n`)
  }
  if (status.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`)
  if (status.message) w.write(LEVEL_0, `Message:\t${status.message}\n`)
  w.write(LEVEL_0, `IP:\t${status.podIP ?? ''}\n`)
  const podIPs: any[] = status.podIPs ?? []
  if (podIPs.length === 0) w.write(LEVEL_0, 'IPs:\t<none>\n')
  else {
    w.write(LEVEL_0, 'IPs:\n')
    for (const ip of podIPs) w.write(LEVEL_1, `IP:\t${ip.ip}\n`)
  }
  const controlledBy = controllerOf(pod)
  if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`)
  if (status.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`)
  const resolve = podEnvResolver(pod)
  if ((spec.initContainers ?? []).length > 0) describeContainers('Init Containers', spec.initContainers, status.initContainerStatuses, resolve, w, '')
  describeContainers('Containers', spec.containers ?? [], status.containerStatuses, resolve, w, '')
  const gates: any[] = spec.readinessGates ?? []
  if (gates.length > 0) {
    w.write(LEVEL_0, 'Readiness Gates:\n  Type\tStatus\n')
    for (const gate of gates) {
      const condition = (status.conditions ?? []).find((c: any) => c.type === gate.conditionType)
      w.write(LEVEL_1, `${gate.conditionType} \t${condition?.status ?? '<none>'} \n`)
    }
  }
  const conditions: any[] = status.conditions ?? []
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n')
    for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \n`)
  }
  describeVolumes(spec.volumes, w, '')
  w.write(LEVEL_0, `QoS Class:\t${computeQosClass(pod)}\n`)
  printLabelsMultiline(w, 'Node-Selectors', spec.nodeSelector)
  printTolerationsMultiline(w, 'Tolerations', spec.tolerations)
  describeEvents(context.events, w, context.nowMs)
  return w.toString()
}

const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => compareStrings(a, b))) : v,
  )

/** deploymentutil.EqualIgnoreHash: templates equal once the pod-template-hash label is dropped. */
function templateWithoutHash(template: any): string {
  const labels = { ...(template?.metadata?.labels ?? {}) }
  delete labels['pod-template-hash']
  return canonicalJson({ ...template, metadata: { ...(template?.metadata ?? {}), labels } })
}

const byCreation = (a: Obj, b: Obj): number =>
  (timestampMs(a.metadata.creationTimestamp) ?? 0) - (timestampMs(b.metadata.creationTimestamp) ?? 0) || compareStrings(a.metadata.name ?? '', b.metadata.name ?? '')

function printReplicaSetsByLabels(replicaSets: readonly Obj[]): string {
  return replicaSets.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(', ') || '<none>'
}

export function describeDeployment(d: Obj, context: DescribeContext & { replicaSets?: readonly Obj[] }): string {
  const w = new PrefixWriter()
  const spec = d.spec ?? {}
  const status = d.status ?? {}
  w.write(LEVEL_0, `Name:\t${d.metadata.name ?? ''}\n`)
  w.write(LEVEL_0, `Namespace:\t${d.metadata.namespace ?? ''}\n`)
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123(d.metadata.creationTimestamp)}\n`)
  printLabelsMultiline(w, 'Labels', d.metadata.labels)
  printAnnotationsMultiline(w, 'Annotations', d.metadata.annotations)
  w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`)
  w.write(
    LEVEL_0,
    `Replicas:\t${spec.replicas ?? 0} desired | ${status.updatedReplicas ?? 0} updated | ${status.replicas ?? 0} total | ${status.availableReplicas ?? 0} available | ${status.unavailableReplicas ?? 0} unavailable\n`,
  )
  w.write(LEVEL_0, `StrategyType:\t${spec.strategy?.type ?? ''}\n`)
  w.write(LEVEL_0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`)
  const ru = spec.strategy?.rollingUpdate
  if (ru) w.write(LEVEL_0, `RollingUpdateStrategy:\t${ru.maxUnavailable ?? 0} max unavailable, ${ru.maxSurge ?? 0} max surge\n`)
  describePodTemplate(spec.template, w)
  const conditions: any[] = status.conditions ?? []
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n')
    w.write(LEVEL_1, '----\t------\t------\n')
    for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`)
  }
  if (context.replicaSets) {
    const sorted = [...context.replicaSets].sort(byCreation)
    const wanted = templateWithoutHash(spec.template)
    const newRS = sorted.find((rs) => templateWithoutHash(rs.spec?.template) === wanted)
    const oldRSs = sorted.filter((rs) => rs !== newRS && (rs.spec?.replicas ?? 1) !== 0)
    w.write(LEVEL_0, `OldReplicaSets:\t${printReplicaSetsByLabels(oldRSs)}\n`)
    w.write(LEVEL_0, `NewReplicaSet:\t${printReplicaSetsByLabels(newRS ? [newRS] : [])}\n`)
  }
  describeEvents(context.events, w, context.nowMs)
  return w.toString()
}

function podPhaseCounts(pods: readonly Obj[] | undefined): string {
  let running = 0
  let waiting = 0
  let succeeded = 0
  let failed = 0
  for (const pod of pods ?? []) {
    const phase = pod.status?.phase
    if (phase === 'Running') running++
    else if (phase === 'Pending') waiting++
    else if (phase === 'Succeeded') succeeded++
    else if (phase === 'Failed') failed++
  }
  return `${running} Running / ${waiting} Waiting / ${succeeded} Succeeded / ${failed} Failed`
}

export function describeReplicaSet(rs: Obj, context: DescribeContext & { pods?: readonly Obj[] }): string {
  const w = new PrefixWriter()
  w.write(LEVEL_0, `Name:\t${rs.metadata.name ?? ''}\n`)
  w.write(LEVEL_0, `Namespace:\t${rs.metadata.namespace ?? ''}\n`)
  w.write(LEVEL_0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}\n`)
  printLabelsMultiline(w, 'Labels', rs.metadata.labels)
  printAnnotationsMultiline(w, 'Annotations', rs.metadata.annotations)
  const controlledBy = controllerOf(rs)
  if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`)
  w.write(LEVEL_0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 0} desired\n`)
  w.write(LEVEL_0, 'Pods Status:\t')
  w.write(LEVEL_0, `${podPhaseCounts(context.pods)}\n`)
  describePodTemplate(rs.spec?.template, w)
  const conditions: any[] = rs.status?.conditions ?? []
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n')
    w.write(LEVEL_1, '----\t------\t------\n')
    for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`)
  }
  describeEvents(context.events, w, context.nowMs)
  return w.toString()
}

export function describeStatefulSet(sts: Obj, context: DescribeContext & { pods?: readonly Obj[] }): string {
  const w = new PrefixWriter()
  const spec = sts.spec ?? {}
  w.write(LEVEL_0, `Name:\t${sts.metadata.name ?? ''}\n`)
  w.write(LEVEL_0, `Namespace:\t${sts.metadata.namespace ?? ''}\n`)
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123(sts.metadata.creationTimestamp)}\n`)
  w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`)
  printLabelsMultiline(w, 'Labels', sts.metadata.labels)
  printAnnotationsMultiline(w, 'Annotations', sts.metadata.annotations)
  w.write(LEVEL_0, `Replicas:\t${spec.replicas ?? 0} desired | ${sts.status?.replicas ?? 0} total\n`)
  w.write(LEVEL_0, `Update Strategy:\t${spec.updateStrategy?.type ?? ''}\n`)
  const ru = spec.updateStrategy?.rollingUpdate
  if (ru && typeof ru.partition === 'number') {
    w.write(LEVEL_1, `Partition:\t${ru.partition}\n`)
    if (ru.maxUnavailable !== undefined) w.write(LEVEL_1, `MaxUnavailable:\t${ru.maxUnavailable}\n`)
  }
  w.write(LEVEL_0, `Pods Status:\t${podPhaseCounts(context.pods)}\n`)
  describePodTemplate(spec.template, w)
  const templates: any[] = spec.volumeClaimTemplates ?? []
  if (templates.length === 0) w.write(LEVEL_0, 'Volume Claims:\t<none>\n')
  else {
    w.write(LEVEL_0, 'Volume Claims:\n')
    for (const pvc of templates) {
      w.write(LEVEL_1, `Name:\t${pvc.metadata?.name ?? ''}\n`)
      w.write(LEVEL_1, `StorageClass:\t${storageClassOf({ metadata: pvc.metadata ?? {}, spec: pvc.spec })}\n`)
      printLabelsMultiline(w, 'Labels', pvc.metadata?.labels, '  ')
      printLabelsMultiline(w, 'Annotations', pvc.metadata?.annotations, '  ')
      w.write(LEVEL_1, `Capacity:\t${pvc.spec?.resources?.requests?.storage ?? '<default>'}\n`)
      w.write(LEVEL_1, `Access Modes:\t[${(pvc.spec?.accessModes ?? []).join(' ')}]\n`)
    }
  }
  describeEvents(context.events, w, context.nowMs)
  return w.toString()
}

export function describeJob(job: Obj, context: DescribeContext): string {
  const w = new PrefixWriter()
  const spec = job.spec ?? {}
  const status = job.status ?? {}
  w.write(LEVEL_0, `Name:\t${job.metadata.name ?? ''}\n`)
  w.write(LEVEL_0, `Namespace:\t${job.metadata.namespace ?? ''}\n`)
  w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`)
  printLabelsMultiline(w, 'Labels', job.metadata.labels)
  printAnnotationsMultiline(w, 'Annotations', job.metadata.annotations)
  const controlledBy = controllerOf(job)
  if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`)
  if (typeof spec.parallelism === 'number') w.write(LEVEL_0, `Parallelism:\t${spec.parallelism}\n`)
  w.write(LEVEL_0, typeof spec.completions === 'number' ? `Completions:\t${spec.completions}\n` : 'Completions:\t<unset>\n')
  if (spec.completionMode) w.write(LEVEL_0, `Completion Mode:\t${spec.completionMode}\n`)
  if (typeof spec.suspend === 'boolean') w.write(LEVEL_0, `Suspend:\t${spec.suspend}\n`)
  if (typeof spec.backoffLimit === 'number') w.write(LEVEL_0, `Backoff Limit:\t${spec.backoffLimit}\n`)
  if (typeof spec.ttlSecondsAfterFinished === 'number') w.write(LEVEL_0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`)
  if (status.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123(status.startTime)}\n`)
  if (status.completionTime) w.write(LEVEL_0, `Completed At:\t${rfc1123(status.completionTime)}\n`)
  const start = timestampMs(status.startTime)
  const end = timestampMs(status.completionTime)
  if (start !== undefined && end !== undefined) w.write(LEVEL_0, `Duration:\t${humanDuration(end - start)}\n`)
  if (typeof spec.activeDeadlineSeconds === 'number') w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`)
  if (typeof status.ready === 'number') {
    w.write(LEVEL_0, `Pods Statuses:\t${status.active ?? 0} Active (${status.ready} Ready) / ${status.succeeded ?? 0} Succeeded / ${status.failed ?? 0} Failed\n`)
  } else {
    w.write(LEVEL_0, `Pods Statuses:\t${status.active ?? 0} Active / ${status.succeeded ?? 0} Succeeded / ${status.failed ?? 0} Failed\n`)
  }
  if (spec.completionMode === 'Indexed') w.write(LEVEL_0, `Completed Indexes:\t${status.completedIndexes || '<none>'}\n`)
  describePodTemplate(spec.template, w)
  describeEvents(context.events, w, context.nowMs)
  return w.toString()
}

/** formatEndpointSlices: ready endpoints for one port name, up to 3 then ` + N more...`. */
function formatEndpointSlices(slices: readonly Obj[], portName: string): string {
  if (slices.length === 0) return '<none>'
  const list: string[] = []
  const max = 3
  let more = false
  let count = 0
  const hostPort = (ip: string, port: number): string => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`)
  for (const slice of slices) {
    const endpoints: any[] = slice.endpoints ?? []
    const ports: any[] = slice.ports ?? []
    const visit = (port?: any): void => {
      for (const endpoint of endpoints) {
        if (list.length === max) more = true
        if (endpoint.conditions?.ready === false) continue
        if (!more) list.push(port ? hostPort(endpoint.addresses?.[0] ?? '', port.port) : endpoint.addresses?.[0] ?? '')
        count++
      }
    }
    if (ports.length === 0) visit()
    else for (const port of ports) if ((port.name ?? '') === portName) visit(port)
  }
  const text = list.join(',')
  return more ? `${text} + ${count - max} more...` : text
}

export function describeService(svc: Obj, context: DescribeContext & { endpointSlices?: readonly Obj[]; endpoints?: Obj }): string {
  const w = new PrefixWriter()
  const spec = svc.spec ?? {}
  w.write(LEVEL_0, `Name:\t${svc.metadata.name ?? ''}\n`)
  w.write(LEVEL_0, `Namespace:\t${svc.metadata.namespace ?? ''}\n`)
  printLabelsMultiline(w, 'Labels', svc.metadata.labels)
  printAnnotationsMultiline(w, 'Annotations', svc.metadata.annotations)
  w.write(LEVEL_0, `Selector:\t${formatLabels(spec.selector)}\n`)
  w.write(LEVEL_0, `Type:\t${spec.type ?? ''}\n`)
  if (spec.ipFamilyPolicy) w.write(LEVEL_0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`)
  w.write(LEVEL_0, `IP Families:\t${(spec.ipFamilies ?? []).join(',') || '<none>'}\n`)
  w.write(LEVEL_0, `IP:\t${spec.clusterIP ?? ''}\n`)
  w.write(LEVEL_0, `IPs:\t${(spec.clusterIPs ?? []).join(',') || '<none>'}\n`)
  if ((spec.externalIPs ?? []).length > 0) w.write(LEVEL_0, `External IPs:\t${spec.externalIPs.join(',')}\n`)
  if (spec.loadBalancerIP) w.write(LEVEL_0, `IP:\t${spec.loadBalancerIP}\n`)
  if (spec.loadBalancerClass) w.write(LEVEL_0, `LoadBalancer Class:\t${spec.loadBalancerClass}\n`)
  const ingress: any[] = svc.status?.loadBalancer?.ingress ?? []
  if (ingress.length > 0) w.write(LEVEL_0, `LoadBalancer Ingress:\t${ingress.map((i) => i.ip || i.hostname || '').join(', ')}\n`)
  for (const port of spec.ports ?? []) {
    const name = port.name || '<unset>'
    const protocol = port.protocol ?? 'TCP'
    w.write(LEVEL_0, `Port:\t${name}\t${port.port}/${protocol}\n`)
    w.write(LEVEL_0, `TargetPort:\t${port.targetPort ?? port.port}/${protocol}\n`)
    if (port.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${port.nodePort}/${protocol}\n`)
    const endpoints = context.endpointSlices
      ? formatEndpointSlices(context.endpointSlices, port.name ?? '')
      : context.endpoints ? formatEndpoints(context.endpoints, new Set([port.name ?? ''])) : '<none>'
    w.write(LEVEL_0, `Endpoints:\t${endpoints}\n`)
  }
  w.write(LEVEL_0, `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`)
  if (spec.externalTrafficPolicy) w.write(LEVEL_0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`)
  if (spec.healthCheckNodePort) w.write(LEVEL_0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`)
  if ((spec.loadBalancerSourceRanges ?? []).length > 0) w.write(LEVEL_0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(',')}\n`)
  if (spec.internalTrafficPolicy) w.write(LEVEL_0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`)
  describeEvents(context.events, w, context.nowMs)
  return w.toString()
}

function podRequestsAndLimits(pod: Obj): { requests: Record<string, string[]>; limits: Record<string, string[]> } {
  const requests: Record<string, string[]> = {}
  const limits: Record<string, string[]> = {}
  for (const c of pod.spec?.containers ?? []) {
    for (const [name, value] of Object.entries(c.resources?.requests ?? {})) (requests[name] ??= []).push(value as string)
    for (const [name, value] of Object.entries(c.resources?.limits ?? {})) (limits[name] ??= []).push(value as string)
  }
  // A limit without a request defaults the request (as the API server's defaulting does).
  for (const c of pod.spec?.containers ?? []) {
    for (const [name, value] of Object.entries(c.resources?.limits ?? {})) {
      if (c.resources?.requests?.[name] === undefined) (requests[name] ??= []).push(value as string)
    }
  }
  return { requests, limits }
}

const percent = (part: number, whole: number): number => (whole === 0 ? 0 : Math.trunc((part / whole) * 100))

export function describeNode(node: Obj, context: DescribeContext & { pods?: readonly Obj[]; lease?: Obj }): string {
  const w = new PrefixWriter()
  const status = node.status ?? {}
  w.write(LEVEL_0, `Name:\t${node.metadata.name ?? ''}\n`)
  w.write(LEVEL_0, `Roles:\t${nodeRoles(node).join(',') || '<none>'}\n`)
  printLabelsMultiline(w, 'Labels', node.metadata.labels)
  printAnnotationsMultiline(w, 'Annotations', node.metadata.annotations)
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123(node.metadata.creationTimestamp)}\n`)
  printTaintsMultiline(w, 'Taints', node.spec?.taints)
  w.write(LEVEL_0, `Unschedulable:\t${node.spec?.unschedulable === true}\n`)
  w.write(LEVEL_0, 'Lease:\n')
  const lease = context.lease?.spec
  w.write(LEVEL_1, `HolderIdentity:\t${lease?.holderIdentity ?? '<unset>'}\n`)
  w.write(LEVEL_1, `AcquireTime:\t${lease?.acquireTime ? rfc1123(lease.acquireTime) : '<unset>'}\n`)
  w.write(LEVEL_1, `RenewTime:\t${lease?.renewTime ? rfc1123(lease.renewTime) : '<unset>'}\n`)
  const conditions: any[] = status.conditions ?? []
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n')
    w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n')
    for (const c of conditions) {
      w.write(LEVEL_1, `${c.type} \t${c.status} \t${rfc1123(c.lastHeartbeatTime)} \t${rfc1123(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`)
    }
  }
  w.write(LEVEL_0, 'Addresses:\n')
  for (const address of status.addresses ?? []) w.write(LEVEL_1, `${address.type}:\t${address.address}\n`)
  for (const [title, list] of [['Capacity', status.capacity], ['Allocatable', status.allocatable]] as const) {
    const names = Object.keys(list ?? {}).sort(compareStrings)
    if (names.length === 0) continue
    w.write(LEVEL_0, `${title}:\n`)
    for (const name of names) w.write(LEVEL_0, `  ${name}:\t${list[name]}\n`)
  }
  const info = status.nodeInfo ?? {}
  w.write(LEVEL_0, 'System Info:\n')
  w.write(LEVEL_0, `  Machine ID:\t${info.machineID ?? ''}\n`)
  w.write(LEVEL_0, `  System UUID:\t${info.systemUUID ?? ''}\n`)
  w.write(LEVEL_0, `  Boot ID:\t${info.bootID ?? ''}\n`)
  w.write(LEVEL_0, `  Kernel Version:\t${info.kernelVersion ?? ''}\n`)
  w.write(LEVEL_0, `  OS Image:\t${info.osImage ?? ''}\n`)
  w.write(LEVEL_0, `  Operating System:\t${info.operatingSystem ?? ''}\n`)
  w.write(LEVEL_0, `  Architecture:\t${info.architecture ?? ''}\n`)
  w.write(LEVEL_0, `  Container Runtime Version:\t${info.containerRuntimeVersion ?? ''}\n`)
  w.write(LEVEL_0, `  Kubelet Version:\t${info.kubeletVersion ?? ''}\n`)
  if (node.spec?.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${node.spec.podCIDR}\n`)
  if ((node.spec?.podCIDRs ?? []).length > 0) w.write(LEVEL_0, `PodCIDRs:\t${node.spec.podCIDRs.join(',')}\n`)
  if (node.spec?.providerID) w.write(LEVEL_0, `ProviderID:\t${node.spec.providerID}\n`)
  if (context.pods) {
    const pods = context.pods.filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
    const allocatable = Object.keys(status.allocatable ?? {}).length > 0 ? status.allocatable : status.capacity ?? {}
    const cpuAlloc = parseQuantity(allocatable.cpu).milli
    const memAlloc = parseQuantity(allocatable.memory).milli
    const ephAlloc = parseQuantity(allocatable['ephemeral-storage']).milli
    w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`)
    w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n')
    w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n')
    const total = { requests: {} as Record<string, string[]>, limits: {} as Record<string, string[]> }
    for (const pod of pods) {
      const { requests, limits } = podRequestsAndLimits(pod)
      const cell = (values: string[] | undefined, whole: number): string => {
        const q = sumQuantities(values ?? [])
        return `${formatQuantity(q)} (${percent(q.milli, whole)}%)`
      }
      w.write(
        LEVEL_1,
        `${pod.metadata.namespace ?? ''}\t${pod.metadata.name ?? ''}\t\t${cell(requests.cpu, cpuAlloc)}\t${cell(limits.cpu, cpuAlloc)}\t${cell(requests.memory, memAlloc)}\t${cell(limits.memory, memAlloc)}\t${translateTimestampSince(pod.metadata.creationTimestamp, context.nowMs)}\n`,
      )
      for (const [name, values] of Object.entries(requests)) (total.requests[name] ??= []).push(...values)
      for (const [name, values] of Object.entries(limits)) (total.limits[name] ??= []).push(...values)
    }
    w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n')
    w.write(LEVEL_1, 'Resource\tRequests\tLimits\n')
    w.write(LEVEL_1, '--------\t--------\t------\n')
    for (const [name, whole] of [['cpu', cpuAlloc], ['memory', memAlloc], ['ephemeral-storage', ephAlloc]] as const) {
      const req = sumQuantities(total.requests[name] ?? [])
      const lim = sumQuantities(total.limits[name] ?? [])
      w.write(LEVEL_1, `${name}\t${formatQuantity(req)} (${percent(req.milli, whole)}%)\t${formatQuantity(lim)} (${percent(lim.milli, whole)}%)\n`)
    }
  } else {
    w.write(LEVEL_0, 'Pods:\tnot authorized\n')
  }
  describeEvents(context.events, w, context.nowMs)
  return w.toString()
}

export interface RelatedObjects {
  replicaSets?: readonly Obj[]
  pods?: readonly Obj[]
  endpointSlices?: readonly Obj[]
  endpoints?: Obj
  lease?: Obj
}

/** describe for any supported kind; other kinds get a generic Name/Namespace/Labels/Annotations view. */
export function describeObject(obj: Obj, context: DescribeContext & RelatedObjects): string {
  switch (obj.kind) {
    case 'Pod': return describePod(obj, context)
    case 'Deployment': return describeDeployment(obj, context)
    case 'ReplicaSet': return describeReplicaSet(obj, context)
    case 'StatefulSet': return describeStatefulSet(obj, context)
    case 'Job': return describeJob(obj, context)
    case 'Service': return describeService(obj, context)
    case 'Node': return describeNode(obj, context)
    default: return describeGeneric(obj, context)
  }
}

function describeGeneric(obj: Obj, context: DescribeContext): string {
  const w = new PrefixWriter()
  w.write(LEVEL_0, `Name:\t${obj.metadata.name ?? ''}\n`)
  if (obj.metadata.namespace) w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace}\n`)
  printLabelsMultiline(w, 'Labels', obj.metadata.labels)
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations)
  describeEvents(context.events, w, context.nowMs)
  return w.toString()
}
