// podFailurePolicy matching ([k8s] pkg/controller/job/pod_failure_policy.go: matchPodFailurePolicy):
// rules are tried in order for a failed pod; the first rule that matches a terminated container's
// non-zero exit code (onExitCodes) or a pod condition (onPodConditions) decides the action.
// No rule matched ⇒ the failure counts as usual.
import type { JobSpec } from '../../api/job'
import type { Pod } from '../../api/pod'

export type PodFailureAction = 'FailJob' | 'FailIndex' | 'Ignore' | 'Count'

export interface PodFailureMatch {
  action: PodFailureAction
  /** For FailJob: the Failed/FailureTarget condition message. */
  message?: string
}

export function matchPodFailurePolicy(policy: JobSpec['podFailurePolicy'], pod: Pod): PodFailureMatch | undefined {
  const rules = policy?.rules ?? []
  for (let index = 0; index < rules.length; index++) {
    const rule = rules[index]
    if (rule.onExitCodes) {
      const req = rule.onExitCodes
      const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]
      for (const status of statuses) {
        if (req.containerName && req.containerName !== status.name) continue
        const exitCode = status.state?.terminated?.exitCode
        if (exitCode === undefined || exitCode === 0) continue
        const listed = req.values.includes(exitCode)
        if (req.operator === 'In' ? listed : !listed) {
          return {
            action: rule.action,
            message: `Container ${status.name} for pod ${pod.metadata.namespace}/${pod.metadata.name} failed with exit code ${exitCode} matching ${rule.action} rule at index ${index}`,
          }
        }
      }
    }
    for (const pattern of rule.onPodConditions ?? []) {
      const condition = pod.status?.conditions?.find((c) => c.type === pattern.type && c.status === (pattern.status ?? 'True'))
      if (condition) {
        return { action: rule.action, message: `Pod ${pod.metadata.namespace}/${pod.metadata.name} has condition ${condition.type} matching ${rule.action} rule at index ${index}` }
      }
    }
  }
  return undefined
}
