// Completion indexes of Indexed Jobs ([k8s] pkg/controller/job/indexed_job_utils.go): the interval text of
// `status.completedIndexes` ("0-2,4"), its parsing, and the lowest indexes still to run
// (`firstPendingIndexes`). Pure; indexes outside [0, completions) are ignored.

export const COMPLETION_INDEX_ANNOTATION = 'batch.kubernetes.io/job-completion-index'

/** Sorted, de-duplicated indexes as upstream's interval list: [0,1,2,4] → "0-2,4"; [] → "". */
export function formatIndexes(indexes: Iterable<number>): string {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b)
  const parts: string[] = []
  let i = 0
  while (i < sorted.length) {
    let j = i
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++
    parts.push(j === i ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`)
    i = j + 1
  }
  return parts.join(',')
}

/** "0-2,4" → [0,1,2,4], keeping only indexes below `completions`; malformed parts are skipped. */
export function parseIndexes(text: string | undefined, completions: number): number[] {
  const out = new Set<number>()
  for (const part of (text ?? '').split(',')) {
    if (!part) continue
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim())
    if (!m) continue
    const first = Number(m[1])
    const last = m[2] === undefined ? first : Number(m[2])
    for (let x = first; x <= last && x < completions; x++) out.add(x)
  }
  return [...out].sort((a, b) => a - b)
}

/** The completion index a pod carries in its annotation, or undefined when absent or invalid. */
export function podCompletionIndex(annotations: Readonly<Record<string, string>> | undefined, completions: number): number | undefined {
  const text = annotations?.[COMPLETION_INDEX_ANNOTATION]
  if (text === undefined || !/^\d+$/.test(text)) return undefined
  const index = Number(text)
  return index < completions ? index : undefined
}

/** The `count` lowest indexes in [0, completions) that are neither succeeded nor being worked on. */
export function firstPendingIndexes(completions: number, succeeded: ReadonlySet<number>, active: ReadonlySet<number>, count: number): number[] {
  const out: number[] = []
  for (let i = 0; i < completions && out.length < count; i++) {
    if (!succeeded.has(i) && !active.has(i)) out.push(i)
  }
  return out
}
