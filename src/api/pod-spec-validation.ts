// Semantic checks of a PodSpec (a subset of upstream ValidatePodSpec) and of a Pod update
// (ValidatePodUpdate), with the API server's messages. The schema has already checked types and enums;
// this covers names, uniqueness, ranges, probes, tolerations, resources and cross-field rules.
import type { FieldIssue } from './kind-info'
import {
  duplicateIssue,
  forbiddenIssue,
  invalidIssue,
  requiredIssue,
  type FieldPath,
} from './field-issues'
import { isDeepEqual } from './deep-equal'
import { dnsProblems, validateLabels } from './names'
import { isQuantity, parseQuantity } from './quantity'
import type { Container, PodSpec, Probe, Toleration } from './pod'

const MAX_INT32 = 2147483647

function checkProbe(probe: Probe | undefined, path: FieldPath, mustSucceedOnce: boolean): FieldIssue[] {
  if (!probe) return []
  const issues: FieldIssue[] = []
  const handlers = (['exec', 'httpGet', 'tcpSocket', 'grpc'] as const).filter((h) => probe[h] !== undefined)
  if (handlers.length === 0) issues.push(requiredIssue(path, 'must specify a handler type'))
  if (handlers.length > 1) issues.push(forbiddenIssue([...path, handlers[1]], 'may not specify more than 1 handler type'))
  for (const field of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const) {
    const value = probe[field]
    if (value !== undefined && value < 0) issues.push(invalidIssue([...path, field], value, 'must be greater than or equal to 0'))
  }
  if (mustSucceedOnce && probe.successThreshold !== undefined && probe.successThreshold !== 1) {
    issues.push(invalidIssue([...path, 'successThreshold'], probe.successThreshold, 'must be 1'))
  }
  return issues
}

function checkPortNumber(path: FieldPath, port: number): FieldIssue[] {
  return port < 1 || port > 65535 ? [invalidIssue(path, port, 'must be between 1 and 65535, inclusive')] : []
}

function checkResources(resources: Container['resources'], path: FieldPath): FieldIssue[] {
  if (!resources) return []
  const issues: FieldIssue[] = []
  for (const kind of ['limits', 'requests'] as const) {
    for (const [name, value] of Object.entries(resources[kind] ?? {})) {
      if (!isQuantity(value)) continue // the schema reports the format
      if (parseQuantity(value) < 0) issues.push(invalidIssue([...path, kind, name], value, 'must be greater than or equal to 0'))
    }
  }
  for (const [name, request] of Object.entries(resources.requests ?? {})) {
    const limit = resources.limits?.[name]
    if (limit === undefined || !isQuantity(limit) || !isQuantity(request)) continue
    if (parseQuantity(request) > parseQuantity(limit)) {
      issues.push(invalidIssue([...path, 'requests'], request, `must be less than or equal to ${name} limit of ${limit}`))
    }
  }
  return issues
}

function checkContainer(container: Container, path: FieldPath, volumeNames: Set<string>, isInit: boolean): FieldIssue[] {
  const issues: FieldIssue[] = []
  if (!container.name) issues.push(requiredIssue([...path, 'name']))
  else for (const problem of dnsProblems('dns1123-label', container.name)) issues.push(invalidIssue([...path, 'name'], container.name, problem))
  if (!container.image) issues.push(requiredIssue([...path, 'image']))
  else if (container.image.trim() !== container.image) {
    issues.push(invalidIssue([...path, 'image'], container.image, 'must not have leading or trailing whitespace'))
  }
  const portNames = new Set<string>()
  ;(container.ports ?? []).forEach((port, i) => {
    const portPath = [...path, 'ports', i]
    issues.push(...checkPortNumber([...portPath, 'containerPort'], port.containerPort))
    if (port.hostPort !== undefined && port.hostPort !== 0) issues.push(...checkPortNumber([...portPath, 'hostPort'], port.hostPort))
    if (port.name) {
      if (portNames.has(port.name)) issues.push(duplicateIssue([...portPath, 'name'], port.name))
      portNames.add(port.name)
    }
  })
  ;(container.env ?? []).forEach((env, i) => {
    if (!env.name) issues.push(requiredIssue([...path, 'env', i, 'name']))
  })
  ;(container.volumeMounts ?? []).forEach((mount, i) => {
    if (!volumeNames.has(mount.name)) issues.push({ path: [...path, 'volumeMounts', i, 'name'], message: `Not found: ${JSON.stringify(mount.name)}` })
    if (!mount.mountPath) issues.push(requiredIssue([...path, 'volumeMounts', i, 'mountPath']))
  })
  issues.push(...checkResources(container.resources, [...path, 'resources']))
  // Init containers may only have probes when they are sidecars (restartPolicy Always).
  const isSidecar = isInit && container.restartPolicy === 'Always'
  if (isInit && !isSidecar) {
    for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
      if (container[probe]) issues.push(forbiddenIssue([...path, probe], `may not be set for init containers without restartPolicy=Always`))
    }
  } else {
    issues.push(...checkProbe(container.livenessProbe, [...path, 'livenessProbe'], true))
    issues.push(...checkProbe(container.readinessProbe, [...path, 'readinessProbe'], false))
    issues.push(...checkProbe(container.startupProbe, [...path, 'startupProbe'], true))
  }
  return issues
}

function checkToleration(toleration: Toleration, path: FieldPath): FieldIssue[] {
  const issues: FieldIssue[] = []
  if (toleration.key) {
    for (const problem of validateLabels({ [toleration.key]: '' }, [...path, 'key'])) issues.push(problem)
  } else if (toleration.operator !== 'Exists') {
    issues.push(
      invalidIssue([...path, 'operator'], toleration.operator ?? '', 'operator must be Exists when `key` is empty, which means "match all values and all keys"'),
    )
  }
  if (toleration.tolerationSeconds !== undefined && toleration.effect !== 'NoExecute') {
    issues.push(invalidIssue([...path, 'effect'], toleration.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"))
  }
  if (toleration.operator === 'Exists' && toleration.value) {
    issues.push(invalidIssue([...path, 'operator'], toleration.value, "value must be empty when `operator` is 'Exists'"))
  }
  return issues
}

function checkAffinity(spec: PodSpec, path: FieldPath): FieldIssue[] {
  const issues: FieldIssue[] = []
  const affinity = spec.affinity
  if (!affinity) return issues
  const nodePrefs = affinity.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []
  nodePrefs.forEach((term, i) => {
    if (term.weight < 1 || term.weight > 100) {
      issues.push(invalidIssue([...path, 'nodeAffinity', 'preferredDuringSchedulingIgnoredDuringExecution', i, 'weight'], term.weight, 'must be in the range 1-100'))
    }
  })
  for (const kind of ['podAffinity', 'podAntiAffinity'] as const) {
    const terms = affinity[kind]
    if (!terms) continue
    const base = [...path, kind]
    ;(terms.requiredDuringSchedulingIgnoredDuringExecution ?? []).forEach((term, i) => {
      if (!term.topologyKey) issues.push(requiredIssue([...base, 'requiredDuringSchedulingIgnoredDuringExecution', i, 'topologyKey'], 'can not be empty'))
    })
    ;(terms.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((term, i) => {
      const termPath = [...base, 'preferredDuringSchedulingIgnoredDuringExecution', i]
      if (term.weight < 1 || term.weight > 100) issues.push(invalidIssue([...termPath, 'weight'], term.weight, 'must be in the range 1-100'))
      if (!term.podAffinityTerm.topologyKey) issues.push(requiredIssue([...termPath, 'podAffinityTerm', 'topologyKey'], 'can not be empty'))
    })
  }
  return issues
}

/**
 * ValidatePodSpec (the parts the simulator cares about); `path` points at the spec. `extraVolumeNames` are
 * volumes provided from outside the spec (a StatefulSet's volumeClaimTemplates).
 */
export function validatePodSpec(spec: PodSpec, path: FieldPath, extraVolumeNames: readonly string[] = []): FieldIssue[] {
  const issues: FieldIssue[] = []
  const volumeNames = new Set<string>(extraVolumeNames)
  ;(spec.volumes ?? []).forEach((volume, i) => {
    const namePath = [...path, 'volumes', i, 'name']
    if (!volume.name) issues.push(requiredIssue(namePath))
    else for (const problem of dnsProblems('dns1123-label', volume.name)) issues.push(invalidIssue(namePath, volume.name, problem))
    if (volumeNames.has(volume.name) && !extraVolumeNames.includes(volume.name)) issues.push(duplicateIssue(namePath, volume.name))
    volumeNames.add(volume.name)
  })
  if (!spec.containers || spec.containers.length === 0) issues.push(requiredIssue([...path, 'containers']))
  const containerNames = new Set<string>()
  for (const [list, isInit] of [['initContainers', true], ['containers', false]] as const) {
    ;(spec[list] ?? []).forEach((container, i) => {
      const containerPath = [...path, list, i]
      issues.push(...checkContainer(container, containerPath, volumeNames, isInit))
      if (container.name && containerNames.has(container.name)) issues.push(duplicateIssue([...containerPath, 'name'], container.name))
      containerNames.add(container.name)
    })
  }
  if (spec.activeDeadlineSeconds !== undefined && (spec.activeDeadlineSeconds < 1 || spec.activeDeadlineSeconds > MAX_INT32)) {
    issues.push(invalidIssue([...path, 'activeDeadlineSeconds'], spec.activeDeadlineSeconds, `must be between 1 and ${MAX_INT32}, inclusive`))
  }
  if (spec.dnsPolicy === 'None' && !spec.dnsConfig) {
    issues.push(requiredIssue([...path, 'dnsConfig'], 'must provide `dnsConfig` when `dnsPolicy` is None'))
  }
  for (const field of ['hostname', 'subdomain'] as const) {
    const value = spec[field]
    if (value) for (const problem of dnsProblems('dns1123-label', value)) issues.push(invalidIssue([...path, field], value, problem))
  }
  issues.push(...validateLabels(spec.nodeSelector, [...path, 'nodeSelector']))
  ;(spec.tolerations ?? []).forEach((toleration, i) => issues.push(...checkToleration(toleration, [...path, 'tolerations', i])))
  ;(spec.topologySpreadConstraints ?? []).forEach((constraint, i) => {
    if (constraint.maxSkew <= 0) {
      issues.push(invalidIssue([...path, 'topologySpreadConstraints', i, 'maxSkew'], constraint.maxSkew, 'must be greater than zero'))
    }
    if (!constraint.topologyKey) issues.push(requiredIssue([...path, 'topologySpreadConstraints', i, 'topologyKey'], 'can not be empty'))
  })
  issues.push(...checkAffinity(spec, [...path, 'affinity']))
  return issues
}

export const podUpdateForbiddenMessage =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,' +
  '`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),' +
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)'

interface PodLike {
  spec: PodSpec
}

/**
 * ValidatePodUpdate: a Pod's spec is immutable except container images, activeDeadlineSeconds (set or shortened),
 * added tolerations, and terminationGracePeriodSeconds from negative to 1. Two simulator allowances: setting
 * spec.nodeName on an unbound pod stands in for the binding subresource, and removing schedulingGates is allowed
 * (as upstream does).
 */
export function validatePodUpdate(previous: PodLike, next: PodLike): FieldIssue[] {
  const issues: FieldIssue[] = []
  const before = previous.spec
  const after = next.spec
  if (!before || !after) return issues
  if ((before.containers ?? []).length !== (after.containers ?? []).length ||
      (before.initContainers ?? []).length !== (after.initContainers ?? []).length) {
    return [forbiddenIssue(['spec', 'containers'], 'pod updates may not add or remove containers')]
  }
  const deadline = after.activeDeadlineSeconds
  if (before.activeDeadlineSeconds !== undefined) {
    if (deadline === undefined) issues.push(invalidIssue(['spec', 'activeDeadlineSeconds'], null, 'must not update from a positive integer to nil value'))
    else if (deadline > before.activeDeadlineSeconds) {
      issues.push(invalidIssue(['spec', 'activeDeadlineSeconds'], deadline, 'must be less than or equal to previous value'))
    }
  }
  const oldTolerations = before.tolerations ?? []
  const newTolerations = after.tolerations ?? []
  for (const old of oldTolerations) {
    const kept = newTolerations.some(
      (t) =>
        t.key === old.key && (t.operator ?? 'Equal') === (old.operator ?? 'Equal') && t.value === old.value && t.effect === old.effect &&
        (old.tolerationSeconds === undefined ? t.tolerationSeconds === undefined : t.tolerationSeconds !== undefined && t.tolerationSeconds <= old.tolerationSeconds),
    )
    if (!kept) {
      issues.push(forbiddenIssue(['spec', 'tolerations'], 'existing toleration can not be modified except its tolerationSeconds'))
      break
    }
  }
  // Compare the specs with every allowed change copied back from the old spec.
  const masked: Record<string, unknown> = {
    ...after,
    containers: after.containers.map((c, i) => ({ ...c, image: before.containers[i]?.image })),
    initContainers: after.initContainers?.map((c, i) => ({ ...c, image: before.initContainers?.[i]?.image })),
    activeDeadlineSeconds: before.activeDeadlineSeconds,
    tolerations: before.tolerations,
    ephemeralContainers: before.ephemeralContainers,
  }
  if (after.initContainers === undefined) masked.initContainers = before.initContainers
  if (before.terminationGracePeriodSeconds !== undefined && before.terminationGracePeriodSeconds < 0 && after.terminationGracePeriodSeconds === 1) {
    masked.terminationGracePeriodSeconds = before.terminationGracePeriodSeconds
  }
  if (!before.nodeName && after.nodeName) masked.nodeName = before.nodeName
  const oldGates = before.schedulingGates ?? []
  const newGates = after.schedulingGates ?? []
  if (newGates.every((g) => oldGates.some((o) => o.name === g.name))) masked.schedulingGates = before.schedulingGates
  const changed = Object.keys({ ...before, ...masked })
    .filter((key) => !isDeepEqual((before as Record<string, unknown>)[key], masked[key]))
    .sort()
  if (changed.length > 0) {
    issues.push(forbiddenIssue(['spec'], `${podUpdateForbiddenMessage} (changed: ${changed.map((key) => `spec.${key}`).join(', ')})`))
  }
  return issues
}
