// The kubelet's back-off (client-go flowcontrol.Backoff as the kubelet configures it): initial 10 s,
// doubling to 300 s, an entry expires when more than 2 × max (600 s) passed since its last update.
// Used for container restarts (CrashLoopBackOff) and image pulls (ImagePullBackOff), keyed per
// (pod uid, container) and (pod uid, image). Pure functions over a small record; no jitter.
// Sources: semantics.md §2.4; [k8s] pkg/kubelet/kubelet.go `backOffPeriod`, `MaxContainerBackOff`;
// staging/src/k8s.io/client-go/util/flowcontrol/backoff.go (`Next`, `IsInBackOffSince`, `hasExpired`).

export const BACKOFF_INITIAL_MS = 10_000
export const BACKOFF_MAX_MS = 300_000

export interface BackoffEntry {
  backoffMs: number
  lastUpdateMs: number
}

export function hasExpired(entry: BackoffEntry, nowMs: number, maxMs = BACKOFF_MAX_MS): boolean {
  return nowMs - entry.lastUpdateMs > 2 * maxMs
}

/** `Next(key, now)`: the entry after one more failure. */
export function nextBackoff(entry: BackoffEntry | undefined, nowMs: number, initialMs = BACKOFF_INITIAL_MS, maxMs = BACKOFF_MAX_MS): BackoffEntry {
  if (!entry || hasExpired(entry, nowMs, maxMs)) return { backoffMs: initialMs, lastUpdateMs: nowMs }
  return { backoffMs: Math.min(entry.backoffMs * 2, maxMs), lastUpdateMs: nowMs }
}

/** `IsInBackOffSince(key, eventTime)`: still waiting at `nowMs` for a failure that happened at `sinceMs`. */
export function isInBackOffSince(entry: BackoffEntry | undefined, sinceMs: number, nowMs: number, maxMs = BACKOFF_MAX_MS): boolean {
  if (!entry || hasExpired(entry, nowMs, maxMs)) return false
  return nowMs - sinceMs < entry.backoffMs
}
