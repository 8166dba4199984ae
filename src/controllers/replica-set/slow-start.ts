// Pod creation in slow-start batches (replica_set.go slowStartBatch, SlowStartInitialBatchSize = 1):
// 1, 2, 4, 8, … capped by what remains; a batch with a failure ends the sequence. Pure.

export const SLOW_START_INITIAL_BATCH = 1
/** Most creates or deletes per sync (replica_set.go BurstReplicas). */
export const BURST_REPLICAS = 500

/** Batch sizes for `count` creations: 10 → [1, 2, 4, 3]. */
export function planSlowStartBatches(count: number, initial = SLOW_START_INITIAL_BATCH): number[] {
  const batches: number[] = []
  let remaining = count
  let size = Math.min(remaining, initial)
  while (size > 0) {
    batches.push(size)
    remaining -= size
    size = Math.min(2 * size, remaining)
  }
  return batches
}
