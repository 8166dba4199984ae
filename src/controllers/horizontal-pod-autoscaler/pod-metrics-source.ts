// What the HPA reads instead of metrics-server: a pod's current usage of a resource in milli-units
// (millicores for cpu, milli-bytes for memory), or undefined when there is no sample for it.
import type { Pod } from '../../api/pod'

export interface PodMetricsSource {
  usageMilli(pod: Pod, resource: string, container?: string): number | undefined
}
