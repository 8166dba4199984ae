// Which nodes run a daemon pod ([k8s] pkg/controller/daemon/daemon_controller.go: NodeShouldRunDaemonPod,
// predicates; semantics §7.2–7.3): the would-be pod (template + the automatic daemon tolerations) must
// fit the node's name, nodeSelector and required node affinity, and tolerate its NoSchedule/NoExecute
// taints to start; an existing pod keeps running unless an untolerated NoExecute taint appears. Node
// readiness and resources are not part of the decision. Pure; the matching follows
// component-helpers (nodeaffinity, taints), kept here because controllers do not share code.
import type { Node, Taint } from '../../api/node'
import type { NodeSelectorRequirement, NodeSelectorTerm, PodSpec, Toleration } from '../../api/pod'

export interface NodeDecision {
  shouldRun: boolean
  shouldContinueRunning: boolean
}

/** AddOrUpdateDaemonPodTolerations: forever NoExecute for not-ready/unreachable, NoSchedule for the rest. */
export function withDaemonTolerations(spec: PodSpec): Toleration[] {
  const out: Toleration[] = [...(spec.tolerations ?? [])]
  const add = (key: string, effect: 'NoSchedule' | 'NoExecute') => {
    // AddOrUpdateTolerationInPodSpec: an equal toleration (key, operator, value, effect) is replaced.
    const i = out.findIndex((t) => t.key === key && t.effect === effect && t.operator === 'Exists' && !t.value)
    const toleration: Toleration = { key, operator: 'Exists', effect }
    if (i >= 0) out[i] = toleration
    else out.push(toleration)
  }
  add('node.kubernetes.io/not-ready', 'NoExecute')
  add('node.kubernetes.io/unreachable', 'NoExecute')
  add('node.kubernetes.io/disk-pressure', 'NoSchedule')
  add('node.kubernetes.io/memory-pressure', 'NoSchedule')
  add('node.kubernetes.io/pid-pressure', 'NoSchedule')
  add('node.kubernetes.io/unschedulable', 'NoSchedule')
  if (spec.hostNetwork) add('node.kubernetes.io/network-unavailable', 'NoSchedule')
  return out
}

function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false
  if (t.key && t.key !== taint.key) return false
  if (t.operator === 'Exists') return true
  if (t.operator === undefined || t.operator === 'Equal') return (t.value ?? '') === (taint.value ?? '')
  return false
}

function untolerated(taints: readonly Taint[] | undefined, tolerations: readonly Toleration[], effects: readonly string[]): boolean {
  return (taints ?? []).some((taint) => effects.includes(taint.effect) && !tolerations.some((t) => tolerates(t, taint)))
}

function matchesRequirement(req: NodeSelectorRequirement, value: string | undefined): boolean {
  const values = req.values ?? []
  switch (req.operator) {
    case 'In':
      return value !== undefined && values.includes(value)
    case 'NotIn':
      return value === undefined || !values.includes(value)
    case 'Exists':
      return value !== undefined
    case 'DoesNotExist':
      return value === undefined
    case 'Gt':
    case 'Lt': {
      if (value === undefined || values.length !== 1 || !/^[+-]?\d+$/.test(value) || !/^[+-]?\d+$/.test(values[0])) return false
      return req.operator === 'Gt' ? BigInt(value) > BigInt(values[0]) : BigInt(value) < BigInt(values[0])
    }
    default:
      return false
  }
}

function matchesTerm(term: NodeSelectorTerm, node: Node): boolean {
  const expressions = term.matchExpressions ?? []
  const fields = term.matchFields ?? []
  if (expressions.length === 0 && fields.length === 0) return false
  const labels = node.metadata.labels ?? {}
  const label = (k: string) => (Object.prototype.hasOwnProperty.call(labels, k) ? labels[k] : undefined)
  return (
    expressions.every((e) => matchesRequirement(e, label(e.key))) &&
    fields.every((f) => f.key === 'metadata.name' && (f.operator === 'In' || f.operator === 'NotIn') && matchesRequirement(f, node.metadata.name))
  )
}

/** nodeSelector (all pairs) and required node affinity (any term). */
export function matchesNodeSelectorAndAffinity(spec: PodSpec, node: Node): boolean {
  const labels = node.metadata.labels ?? {}
  for (const [k, v] of Object.entries(spec.nodeSelector ?? {})) if (!Object.prototype.hasOwnProperty.call(labels, k) || labels[k] !== v) return false
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
  return required ? required.nodeSelectorTerms.some((t) => matchesTerm(t, node)) : true
}

/** NodeShouldRunDaemonPod for a template spec. */
export function computeNodeDecision(spec: PodSpec, node: Node): NodeDecision {
  if (spec.nodeName && spec.nodeName !== node.metadata.name) return { shouldRun: false, shouldContinueRunning: false }
  if (!matchesNodeSelectorAndAffinity(spec, node)) return { shouldRun: false, shouldContinueRunning: false }
  const tolerations = withDaemonTolerations(spec)
  const taints = node.spec?.taints
  if (untolerated(taints, tolerations, ['NoSchedule', 'NoExecute'])) {
    return { shouldRun: false, shouldContinueRunning: !untolerated(taints, tolerations, ['NoExecute']) }
  }
  return { shouldRun: true, shouldContinueRunning: true }
}
