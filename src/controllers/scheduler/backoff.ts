// Per-pod scheduling back-off ([k8s] pkg/scheduler/backend/queue/scheduling_queue.go:
// calculateBackoffDuration; defaults podInitialBackoffSeconds 1, podMaxBackoffSeconds 10):
// initial x 2^(attempts-1), capped: 1, 2, 4, 8, 10, 10, ... seconds.

export const POD_INITIAL_BACKOFF_MS = 1_000
export const POD_MAX_BACKOFF_MS = 10_000

/** Back-off before the next attempt after `attempts` failed attempts (0 attempts ⇒ no wait). */
export function backoffMs(attempts: number, initialMs = POD_INITIAL_BACKOFF_MS, maxMs = POD_MAX_BACKOFF_MS): number {
  if (attempts <= 0) return 0
  let duration = initialMs
  for (let i = 1; i < attempts; i++) {
    duration *= 2
    if (duration > maxMs) return maxMs
  }
  return Math.min(duration, maxMs)
}
