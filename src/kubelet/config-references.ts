// ConfigMaps and Secrets a pod needs before it can start. A missing volume source blocks the sandbox
// (FailedMount "MountVolume.SetUp failed for volume \"v\" : configmap \"c\" not found"); a missing env
// source blocks one container (CreateContainerConfigError "configmap \"c\" not found" or "couldn't
// find key k in ConfigMap ns/c"). `optional: true` references never block. Pure, given a lookup.
// Sources: [k8s] pkg/volume/configmap/configmap.go, pkg/volume/secret/secret.go (SetUpAt),
// pkg/kubelet/kubelet_pods.go `makeEnvironmentVariables`.
import type { Container, Pod } from '../api/pod'

export type ConfigKind = 'ConfigMap' | 'Secret'

export interface ConfigReference {
  kind: ConfigKind
  name: string
}

/** Reads a ConfigMap or Secret's keys, or undefined when it does not exist. */
export type ConfigLookup = (kind: ConfigKind, namespace: string, name: string) => ReadonlySet<string> | undefined

const lower = (kind: ConfigKind) => (kind === 'ConfigMap' ? 'configmap' : 'secret')

/** Every ConfigMap/Secret the pod refers to (volumes and env of all containers), for the watch index. */
export function listConfigReferences(pod: Pod): ConfigReference[] {
  const out = new Map<string, ConfigReference>()
  const add = (kind: ConfigKind, name: string | undefined) => {
    if (name) out.set(`${kind}/${name}`, { kind, name })
  }
  for (const v of pod.spec.volumes ?? []) {
    const vol = v as any
    add('ConfigMap', vol.configMap?.name)
    add('Secret', vol.secret?.secretName)
    for (const source of vol.projected?.sources ?? []) {
      add('ConfigMap', source.configMap?.name)
      add('Secret', source.secret?.name)
    }
  }
  for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
    for (const e of c.env ?? []) {
      add('ConfigMap', e.valueFrom?.configMapKeyRef?.name)
      add('Secret', e.valueFrom?.secretKeyRef?.name)
    }
    for (const e of c.envFrom ?? []) {
      add('ConfigMap', e.configMapRef?.name)
      add('Secret', e.secretRef?.name)
    }
  }
  return [...out.values()].sort((a, b) => (`${a.kind}/${a.name}` < `${b.kind}/${b.name}` ? -1 : 1))
}

/** The first volume that cannot be set up, as the FailedMount message; undefined when all can. */
export function computeMissingVolume(pod: Pod, lookup: ConfigLookup): string | undefined {
  const volumes = pod.spec.volumes
  if (!volumes) return undefined
  const namespace = pod.metadata.namespace ?? 'default'
  // Indexed loops here: the pod is the stored (frozen) one, and for..of over a frozen array
  // allocates an iterator result per element.
  for (let i = 0; i < volumes.length; i++) {
    const v = volumes[i]
    const vol = v as any
    const check = (kind: ConfigKind, name: string | undefined, optional: boolean | undefined): string | undefined => {
      if (!name || optional || lookup(kind, namespace, name)) return undefined
      return `MountVolume.SetUp failed for volume "${v.name}" : ${lower(kind)} "${name}" not found`
    }
    const direct = check('ConfigMap', vol.configMap?.name, vol.configMap?.optional) ?? check('Secret', vol.secret?.secretName, vol.secret?.optional)
    if (direct) return direct
    const sources = vol.projected?.sources ?? []
    for (let j = 0; j < sources.length; j++) {
      const source = sources[j]
      const projected = check('ConfigMap', source.configMap?.name, source.configMap?.optional) ?? check('Secret', source.secret?.name, source.secret?.optional)
      if (projected) return projected
    }
  }
  return undefined
}

/** The CreateContainerConfigError message for a container's env references, or undefined. */
export function computeContainerConfigError(container: Container, namespace: string, lookup: ConfigLookup): string | undefined {
  // Indexed loops, as above: the container is part of the stored pod.
  const envFrom = container.envFrom ?? []
  for (let i = 0; i < envFrom.length; i++) {
    const e = envFrom[i]
    const missing = missingEnvFromSource('ConfigMap', e.configMapRef, namespace, lookup) ?? missingEnvFromSource('Secret', e.secretRef, namespace, lookup)
    if (missing) return missing
  }
  const env = container.env ?? []
  for (let i = 0; i < env.length; i++) {
    const valueFrom = env[i].valueFrom
    const missing = missingEnvKey('ConfigMap', valueFrom?.configMapKeyRef, namespace, lookup) ?? missingEnvKey('Secret', valueFrom?.secretKeyRef, namespace, lookup)
    if (missing) return missing
  }
  return undefined
}

function missingEnvFromSource(kind: ConfigKind, ref: { name?: string; optional?: boolean } | undefined, namespace: string, lookup: ConfigLookup): string | undefined {
  if (ref?.name && !ref.optional && !lookup(kind, namespace, ref.name)) return `${lower(kind)} "${ref.name}" not found`
  return undefined
}

function missingEnvKey(kind: ConfigKind, ref: { name?: string; key: string; optional?: boolean } | undefined, namespace: string, lookup: ConfigLookup): string | undefined {
  if (!ref?.name || ref.optional) return undefined
  const keys = lookup(kind, namespace, ref.name)
  if (!keys) return `${lower(kind)} "${ref.name}" not found`
  if (!keys.has(ref.key)) return `couldn't find key ${ref.key} in ${kind} ${namespace}/${ref.name}`
  return undefined
}
