// helper.DefaultNormalizeScore ([k8s] pkg/scheduler/framework/plugins/helper/normalize_score.go):
// scale raw scores to 0..100 by the maximum (integer division), optionally reversed.
import { MAX_NODE_SCORE } from './framework'

export function defaultNormalizeScore(raw: readonly number[], reverse: boolean): number[] {
  let max = 0
  for (const s of raw) if (s > max) max = s
  if (max === 0) return raw.map(() => (reverse ? MAX_NODE_SCORE : 0))
  return raw.map((s) => {
    const score = Math.trunc((MAX_NODE_SCORE * s) / max)
    return reverse ? MAX_NODE_SCORE - score : score
  })
}
