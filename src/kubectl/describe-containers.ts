// The container, volume and pod-template blocks of kubectl describe (describeContainers,
// describeVolumes, DescribePodTemplate), shared by the Pod and workload describers.
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, printAnnotationsMultiline, printLabelsMultiline, printTolerationsMultiline, type PrefixWriter } from './describe-writer'
import { compareStrings, type Obj } from './object'
import { formatRfc1123z, timestampMs } from './time'

const rfc1123 = (value: unknown): string => {
  const ms = timestampMs(value)
  return ms === undefined ? '<unknown>' : formatRfc1123z(ms)
}

const goBool = (value: unknown): string => (value ? 'true' : 'false')

/** Resolves env values from the pod (EnvValueRetriever); undefined for templates. */
export type EnvResolver = ((fieldPath: string) => string) | undefined

export function podEnvResolver(pod: Obj): EnvResolver {
  return (fieldPath) => {
    switch (fieldPath) {
      case 'metadata.name': return pod.metadata.name ?? ''
      case 'metadata.namespace': return pod.metadata.namespace ?? ''
      case 'metadata.uid': return pod.metadata.uid ?? ''
      case 'spec.nodeName': return pod.spec?.nodeName ?? ''
      case 'spec.serviceAccountName': return pod.spec?.serviceAccountName ?? ''
      case 'status.hostIP': return pod.status?.hostIP ?? ''
      case 'status.podIP': return pod.status?.podIP ?? ''
      default: return ''
    }
  }
}

export function describeContainers(label: string, containers: any[], statuses: any[] | undefined, resolve: EnvResolver, w: PrefixWriter, space: string): void {
  const byName = new Map<string, any>((statuses ?? []).map((s) => [s.name, s]))
  w.write(LEVEL_0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`)
  for (const container of containers) {
    const status = byName.get(container.name)
    describeContainerBasicInfo(container, status, space, w)
    describeContainerCommand(container, w)
    if (status) describeContainerState(status, w)
    describeContainerResources(container, w)
    describeContainerProbes(container, w)
    if ((container.envFrom ?? []).length > 0) describeContainerEnvFrom(container, w)
    describeContainerEnvVars(container, resolve, w)
    describeContainerVolumes(container, w)
  }
}

function describeContainerBasicInfo(container: any, status: any, space: string, w: PrefixWriter): void {
  w.write(LEVEL_1, `${space.length > 0 ? ' ' : ''}${container.name}:\n`)
  if (status) w.write(LEVEL_2, `Container ID:\t${status.containerID ?? ''}\n`)
  w.write(LEVEL_2, `Image:\t${container.image ?? ''}\n`)
  if (status) w.write(LEVEL_2, `Image ID:\t${status.imageID ?? ''}\n`)
  const ports: any[] = container.ports ?? []
  const portText = ports.map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(',')
  if (portText.includes(',')) w.write(LEVEL_2, `Ports:\t${portText}\n`)
  else w.write(LEVEL_2, `Port:\t${portText || '<none>'}\n`)
  const hostPortText = ports.map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(',')
  if (hostPortText.includes(',')) w.write(LEVEL_2, `Host Ports:\t${hostPortText}\n`)
  else w.write(LEVEL_2, `Host Port:\t${hostPortText || '<none>'}\n`)
}

function describeContainerCommand(container: any, w: PrefixWriter): void {
  for (const [title, list] of [['Command', container.command], ['Args', container.args]] as const) {
    if (!list || list.length === 0) continue
    w.write(LEVEL_2, `${title}:\n`)
    for (const entry of list as string[]) for (const line of String(entry).split('\n')) w.write(LEVEL_3, `${line}\n`)
  }
}

function describeStatus(stateName: string, state: any, w: PrefixWriter): void {
  if (state?.running) {
    w.write(LEVEL_2, `${stateName}:\tRunning\n`)
    w.write(LEVEL_3, `Started:\t${rfc1123(state.running.startedAt)}\n`)
  } else if (state?.waiting) {
    w.write(LEVEL_2, `${stateName}:\tWaiting\n`)
    if (state.waiting.reason) w.write(LEVEL_3, `Reason:\t${state.waiting.reason}\n`)
  } else if (state?.terminated) {
    const t = state.terminated
    w.write(LEVEL_2, `${stateName}:\tTerminated\n`)
    if (t.reason) w.write(LEVEL_3, `Reason:\t${t.reason}\n`)
    if (t.message) w.write(LEVEL_3, `Message:\t${t.message}\n`)
    w.write(LEVEL_3, `Exit Code:\t${t.exitCode ?? 0}\n`)
    if (t.signal > 0) w.write(LEVEL_3, `Signal:\t${t.signal}\n`)
    w.write(LEVEL_3, `Started:\t${rfc1123(t.startedAt)}\n`)
    w.write(LEVEL_3, `Finished:\t${rfc1123(t.finishedAt)}\n`)
  } else {
    w.write(LEVEL_2, `${stateName}:\tWaiting\n`)
  }
}

function describeContainerState(status: any, w: PrefixWriter): void {
  describeStatus('State', status.state, w)
  if (status.lastState?.terminated) describeStatus('Last State', status.lastState, w)
  w.write(LEVEL_2, `Ready:\t${status.ready ? 'True' : 'False'}\n`)
  w.write(LEVEL_2, `Restart Count:\t${status.restartCount ?? 0}\n`)
}

/** SortedResourceNames: cpu, memory, ephemeral-storage first… kubectl sorts names alphabetically. */
function sortedResourceNames(list: Record<string, string> | undefined): string[] {
  return Object.keys(list ?? {}).sort(compareStrings)
}

function describeContainerResources(container: any, w: PrefixWriter): void {
  const resources = container.resources ?? {}
  for (const [title, list] of [['Limits', resources.limits], ['Requests', resources.requests]] as const) {
    const names = sortedResourceNames(list)
    if (names.length > 0) w.write(LEVEL_2, `${title}:\n`)
    for (const name of names) w.write(LEVEL_3, `${name}:\t${list[name]}\n`)
  }
}

/** DescribeProbe: `http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3`. */
export function describeProbe(probe: any): string {
  const attrs = `delay=${probe.initialDelaySeconds ?? 0}s timeout=${probe.timeoutSeconds ?? 1}s period=${probe.periodSeconds ?? 10}s #success=${probe.successThreshold ?? 1} #failure=${probe.failureThreshold ?? 3}`
  if (probe.exec) return `exec [${(probe.exec.command ?? []).join(' ')}] ${attrs}`
  if (probe.httpGet) {
    const h = probe.httpGet
    const port = h.port === undefined || h.port === null ? '' : String(h.port)
    const hostText = h.host ?? ''
    const host = port ? (hostText.includes(':') ? `[${hostText}]:${port}` : `${hostText}:${port}`) : hostText
    return `http-get ${String(h.scheme ?? 'HTTP').toLowerCase()}://${host}${h.path ?? ''} ${attrs}`
  }
  if (probe.tcpSocket) return `tcp-socket ${probe.tcpSocket.host ?? ''}:${probe.tcpSocket.port} ${attrs}`
  if (probe.grpc) return `grpc <pod>:${probe.grpc.port} ${probe.grpc.service ?? ''} ${attrs}`
  return `unknown ${attrs}`
}

function describeContainerProbes(container: any, w: PrefixWriter): void {
  if (container.livenessProbe) w.write(LEVEL_2, `Liveness:\t${describeProbe(container.livenessProbe)}\n`)
  if (container.readinessProbe) w.write(LEVEL_2, `Readiness:\t${describeProbe(container.readinessProbe)}\n`)
  if (container.startupProbe) w.write(LEVEL_2, `Startup:\t${describeProbe(container.startupProbe)}\n`)
}

function describeContainerEnvFrom(container: any, w: PrefixWriter): void {
  w.write(LEVEL_2, 'Environment Variables from:\n')
  for (const source of container.envFrom ?? []) {
    const [from, name, optional] = source.configMapRef
      ? ['ConfigMap', source.configMapRef.name, source.configMapRef.optional === true]
      : ['Secret', source.secretRef?.name, source.secretRef?.optional === true]
    if (source.prefix) w.write(LEVEL_3, `${name}\t${from} with prefix '${source.prefix}'\tOptional: ${goBool(optional)}\n`)
    else w.write(LEVEL_3, `${name}\t${from}\tOptional: ${goBool(optional)}\n`)
  }
}

function describeContainerEnvVars(container: any, resolve: EnvResolver, w: PrefixWriter): void {
  const env: any[] = container.env ?? []
  w.write(LEVEL_2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`)
  for (const e of env) {
    if (!e.valueFrom) {
      String(e.value ?? '').split('\n').forEach((line, i) => {
        if (i === 0) w.write(LEVEL_3, `${e.name}:\t${line}\n`)
        else w.write(LEVEL_3, `\t${line}\n`)
      })
      continue
    }
    const from = e.valueFrom
    if (from.fieldRef) {
      const value = resolve ? resolve(from.fieldRef.fieldPath) : ''
      w.write(LEVEL_3, `${e.name}:\t${value} (${from.fieldRef.apiVersion ?? 'v1'}:${from.fieldRef.fieldPath})\n`)
    } else if (from.resourceFieldRef) {
      w.write(LEVEL_3, `${e.name}:\t${from.resourceFieldRef.containerName ?? ''} (${from.resourceFieldRef.resource})\n`)
    } else if (from.secretKeyRef) {
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${from.secretKeyRef.key}' in secret '${from.secretKeyRef.name}'>\tOptional: ${goBool(from.secretKeyRef.optional)}\n`)
    } else if (from.configMapKeyRef) {
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${from.configMapKeyRef.key}' of config map '${from.configMapKeyRef.name}'>\tOptional: ${goBool(from.configMapKeyRef.optional)}\n`)
    }
  }
}

function describeContainerVolumes(container: any, w: PrefixWriter): void {
  const mounts: any[] = [...(container.volumeMounts ?? [])].sort((a, b) => compareStrings(a.mountPath ?? '', b.mountPath ?? ''))
  w.write(LEVEL_2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`)
  for (const mount of mounts) {
    const flags = [mount.readOnly ? 'ro' : 'rw']
    if (mount.subPath) flags.push(`path=${JSON.stringify(mount.subPath)}`)
    w.write(LEVEL_3, `${mount.mountPath} from ${mount.name} (${flags.join(',')})\n`)
  }
}

export function describeVolumes(volumes: any[] | undefined, w: PrefixWriter, space: string): void {
  const list = volumes ?? []
  if (list.length === 0) return w.write(LEVEL_0, `${space}Volumes:\t<none>\n`)
  w.write(LEVEL_0, `${space}Volumes:\n`)
  for (const volume of list) {
    w.write(LEVEL_1, `${space.length > 0 ? ' ' : ''}${volume.name}:\n`)
    if (volume.hostPath) {
      w.write(LEVEL_2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${volume.hostPath.path}\n    HostPathType:\t${volume.hostPath.type || '<none>'}\n`)
    } else if (volume.emptyDir) {
      const sizeLimit = volume.emptyDir.sizeLimit && volume.emptyDir.sizeLimit !== '0' ? volume.emptyDir.sizeLimit : '<unset>'
      w.write(LEVEL_2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${volume.emptyDir.medium ?? ''}\n    SizeLimit:\t${sizeLimit}\n`)
    } else if (volume.secret) {
      w.write(LEVEL_2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${volume.secret.secretName ?? ''}\n    Optional:\t${goBool(volume.secret.optional)}\n`)
    } else if (volume.configMap) {
      w.write(LEVEL_2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${volume.configMap.name ?? ''}\n    Optional:\t${goBool(volume.configMap.optional)}\n`)
    } else if (volume.persistentVolumeClaim) {
      w.write(LEVEL_2, `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${volume.persistentVolumeClaim.claimName}\n    ReadOnly:\t${goBool(volume.persistentVolumeClaim.readOnly)}\n`)
    } else if (volume.projected) {
      w.write(LEVEL_2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n')
      for (const source of volume.projected.sources ?? []) {
        if (source.secret) w.write(LEVEL_2, `SecretName:\t${source.secret.name}\n    SecretOptionalName:\t${source.secret.optional ?? '<nil>'}\n`)
        else if (source.downwardAPI) w.write(LEVEL_2, 'DownwardAPI:\ttrue\n')
        else if (source.configMap) w.write(LEVEL_2, `ConfigMapName:\t${source.configMap.name}\n    ConfigMapOptional:\t${source.configMap.optional ?? '<nil>'}\n`)
        else if (source.serviceAccountToken) w.write(LEVEL_2, `TokenExpirationSeconds:\t${source.serviceAccountToken.expirationSeconds ?? 3607}\n`)
      }
    } else if (volume.downwardAPI) {
      w.write(LEVEL_2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n')
      for (const item of volume.downwardAPI.items ?? []) {
        if (item.fieldRef) w.write(LEVEL_3, `${item.fieldRef.fieldPath} -> ${item.path}\n`)
        if (item.resourceFieldRef) w.write(LEVEL_3, `${item.resourceFieldRef.resource} -> ${item.path}\n`)
      }
    } else {
      w.write(LEVEL_1, '<unknown>\n')
    }
  }
}

/** DescribePodTemplate, as in Deployment, ReplicaSet, StatefulSet and Job describe. */
export function describePodTemplate(template: any, w: PrefixWriter): void {
  w.write(LEVEL_0, 'Pod Template:\n')
  if (!template) return w.write(LEVEL_1, '<unset>')
  printLabelsMultiline(w, '  Labels', template.metadata?.labels)
  if (Object.keys(template.metadata?.annotations ?? {}).length > 0) printAnnotationsMultiline(w, '  Annotations', template.metadata.annotations)
  const spec = template.spec ?? {}
  if (spec.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`)
  if ((spec.initContainers ?? []).length > 0) describeContainers('Init Containers', spec.initContainers, undefined, undefined, w, '  ')
  describeContainers('Containers', spec.containers ?? [], undefined, undefined, w, '  ')
  describeVolumes(spec.volumes, w, '  ')
  if (spec.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`)
  printLabelsMultiline(w, '  Node-Selectors', spec.nodeSelector)
  printTolerationsMultiline(w, '  Tolerations', spec.tolerations)
}

/** qos.GetPodQOS, used when status.qosClass is not set. */
export function computeQosClass(pod: Obj): string {
  if (pod.status?.qosClass) return pod.status.qosClass
  const containers: any[] = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]
  let anything = false
  let guaranteed = true
  for (const c of containers) {
    const requests = c.resources?.requests ?? {}
    const limits = c.resources?.limits ?? {}
    for (const name of ['cpu', 'memory']) {
      if (requests[name] !== undefined || limits[name] !== undefined) anything = true
      if (limits[name] === undefined) guaranteed = false
      else if (requests[name] !== undefined && requests[name] !== limits[name]) guaranteed = false
    }
  }
  if (!anything) return 'BestEffort'
  return guaranteed ? 'Guaranteed' : 'Burstable'
}
