// createCluster options, with their defaults.
import { parseRfc3339 } from '../sim/time'
import type { ProfileInput } from '../kubelet/profile'

/** A behaviour profile: what a simulated container does (DESIGN.md §3). */
export type BehaviourProfile = ProfileInput

export interface NodeSpecInput {
  name?: string
  labels?: Record<string, string>
  taints?: { key: string; value?: string; effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' }[]
  unschedulable?: boolean
  /** Sets the `topology.kubernetes.io/zone` label. */
  zone?: string
  capacity?: { cpu?: string; memory?: string; pods?: string; 'ephemeral-storage'?: string }
}

export interface ClusterOptions {
  /** Seed of every random choice (names, uids, tie-breaks, failure rates). Default 1. */
  seed?: number | string
  /** A node count (node-1..node-N) or node specs. Default 3. */
  nodes?: number | readonly NodeSpecInput[]
  /** Virtual time at start (RFC 3339). Default 2025-01-01T00:00:00Z. */
  startTime?: string
  /** Behaviour profiles by image reference or image name without tag. */
  images?: Readonly<Record<string, BehaviourProfile>>
  /** Keep every trace entry (default) or only the digest, for very large runs. */
  keepTrace?: boolean
}

export const DEFAULT_START_TIME = '2025-01-01T00:00:00Z'

export function resolveStartMs(options: ClusterOptions): number {
  const text = options.startTime ?? DEFAULT_START_TIME
  const ms = parseRfc3339(text)
  if (Number.isNaN(ms)) throw new RangeError(`invalid startTime "${text}": expected an RFC 3339 timestamp such as '2025-01-01T00:00:00Z'`)
  return ms
}
