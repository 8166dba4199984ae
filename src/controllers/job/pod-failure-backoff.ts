// The Job's delay before replacing failed pods ([k8s] pkg/controller/job/backoff_utils.go): a record of
// failures since the last success and the time of the last failure; the delay is 10 s doubling per
// failure, capped (600 s in current code, 360 s in the docs and older releases — semantics §8.7).
// Pure: the controller keeps one record per Job in memory, as upstream's backoffStore does.

export const DEFAULT_POD_FAILURE_BACKOFF_MS = 10_000
export const MAX_POD_FAILURE_BACKOFF_MS = 600_000

export interface BackoffRecord {
  failuresAfterLastSuccess: number
  lastFailureMs: number | undefined
}

export const EMPTY_BACKOFF: BackoffRecord = { failuresAfterLastSuccess: 0, lastFailureMs: undefined }

/** Folds newly finished pods (their finish times) into the record, as `newBackoffRecord`. */
export function computeBackoffRecord(previous: BackoffRecord, newSucceededMs: readonly number[], newFailedMs: readonly number[]): BackoffRecord {
  const failed = [...newFailedMs].sort((a, b) => a - b)
  if (newSucceededMs.length === 0) {
    if (failed.length === 0) return previous
    return { failuresAfterLastSuccess: previous.failuresAfterLastSuccess + failed.length, lastFailureMs: failed[failed.length - 1] }
  }
  const lastSuccessMs = Math.max(...newSucceededMs)
  let failures = 0
  let lastFailureMs: number | undefined
  for (let i = failed.length - 1; i >= 0 && failed[i] > lastSuccessMs; i--) {
    lastFailureMs ??= failed[i]
    failures++
  }
  return { failuresAfterLastSuccess: failures, lastFailureMs }
}

/** 10 s × 2^(failures−1), capped; 0 without failures. */
export function computeBackoffDelayMs(failures: number, baseMs = DEFAULT_POD_FAILURE_BACKOFF_MS, maxMs = MAX_POD_FAILURE_BACKOFF_MS): number {
  if (failures <= 0) return 0
  let delayMs = baseMs
  for (let i = 1; i < failures; i++) {
    delayMs *= 2
    if (delayMs > maxMs) return maxMs
  }
  return Math.min(delayMs, maxMs)
}

/** How long to wait from `nowMs` before creating pods again (`getRemainingTimeForFailuresCount`). */
export function computeRemainingBackoffMs(record: BackoffRecord, nowMs: number, maxMs = MAX_POD_FAILURE_BACKOFF_MS): number {
  if (record.failuresAfterLastSuccess === 0 || record.lastFailureMs === undefined) return 0
  const delayMs = computeBackoffDelayMs(record.failuresAfterLastSuccess, DEFAULT_POD_FAILURE_BACKOFF_MS, maxMs)
  const elapsedMs = nowMs - record.lastFailureMs
  return delayMs < elapsedMs ? 0 : delayMs - elapsedMs
}
