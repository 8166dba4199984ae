// kubectl describe's output machinery: PrefixWriter over a Go tabwriter (minwidth 0, tabwidth 8,
// padding 2), and the shared blocks every describer prints: multi-line labels, annotations, taints
// and tolerations, and the Events table (flushed first, so it aligns on its own).
import { formatEventAge, sortEventsByTime } from './events'
import { compareStrings, type Obj } from './object'
import { describeOptions, formatTabbed } from './tab-writer'
import { LAST_APPLIED_ANNOTATION as LAST_APPLIED } from '../api/meta'

export const LEVEL_0 = 0
export const LEVEL_1 = 1
export const LEVEL_2 = 2
export const LEVEL_3 = 3

/** Accumulates tab-separated text and formats it like describe's tabwriter, flush by flush. */
export class PrefixWriter {
  private pending = ''
  private done = ''

  /** PrefixWriter.Write: two spaces per level, prepended to the text (only its first line). */
  write(level: number, text: string): void {
    this.pending += '  '.repeat(level) + text
  }

  /** PrefixWriter.WriteLine: text and a newline, no prefix. */
  writeLine(text: string): void {
    this.pending += `${text}\n`
  }

  flush(): void {
    this.done += formatTabbed(this.pending, describeOptions)
    this.pending = ''
  }

  toString(): string {
    this.flush()
    return this.done
  }
}

const MAX_ANNOTATION_LEN = 140

/** printLabelsMultilineWithIndent: `Labels:\tk=v` then `\tk2=v2` lines, or `<none>`. */
export function printLabelsMultiline(w: PrefixWriter, title: string, labels: Record<string, string> | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`)
  const keys = Object.keys(labels ?? {}).sort(compareStrings)
  if (keys.length === 0) return w.writeLine('<none>')
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, initialIndent + innerIndent)
    w.write(LEVEL_0, `${key}=${labels![key]}\n`)
  })
}

/** printAnnotationsMultiline: skips last-applied-configuration; long or multi-line values go below. */
export function printAnnotationsMultiline(w: PrefixWriter, title: string, annotations: Record<string, string> | undefined): void {
  w.write(LEVEL_0, `${title}:\t`)
  const keys = Object.keys(annotations ?? {}).filter((k) => k !== LAST_APPLIED).sort(compareStrings)
  if (keys.length === 0) return w.writeLine('<none>')
  const indent = '\t'
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, indent)
    const value = annotations![key].replace(/\n$/, '')
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`)
      for (const line of value.split('\n')) {
        const shortened = line.length > MAX_ANNOTATION_LEN - 2 ? `${line.slice(0, MAX_ANNOTATION_LEN - 2)}...` : line
        w.write(LEVEL_0, `${indent}  ${shortened}\n`)
      }
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`)
    }
  })
}

/** printTolerationsMultilineWithIndent, sorted by key. */
export function printTolerationsMultiline(w: PrefixWriter, title: string, tolerations: any[] | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`)
  const list = [...(tolerations ?? [])]
  if (list.length === 0) return w.writeLine('<none>')
  list
    .map((t, i) => ({ t, i }))
    .sort((a, b) => compareStrings(a.t.key ?? '', b.t.key ?? '') || a.i - b.i)
    .forEach(({ t }, i) => {
      if (i !== 0) w.write(LEVEL_0, initialIndent + innerIndent)
      let text = t.key ?? ''
      if (t.value) text += `=${t.value}`
      if (t.effect) text += `:${t.effect}`
      if (t.operator === 'Exists' && !t.value) text += t.key || t.effect ? ' op=Exists' : 'op=Exists'
      if (typeof t.tolerationSeconds === 'number') text += ` for ${t.tolerationSeconds}s`
      w.write(LEVEL_0, `${text}\n`)
    })
}

/** printTaintsMultilineWithIndent, sorted by `effect,key`. */
export function printTaintsMultiline(w: PrefixWriter, title: string, taints: any[] | undefined): void {
  w.write(LEVEL_0, `${title}:\t`)
  const list = [...(taints ?? [])]
  if (list.length === 0) return w.writeLine('<none>')
  const keyOf = (t: any): string => `${t.effect ?? ''},${t.key ?? ''}`
  list
    .map((t, i) => ({ t, i }))
    .sort((a, b) => compareStrings(keyOf(a.t), keyOf(b.t)) || a.i - b.i)
    .forEach(({ t }, i) => {
      if (i !== 0) w.write(LEVEL_0, '\t')
      w.write(LEVEL_0, `${t.key ?? ''}${t.value ? `=${t.value}` : ''}:${t.effect ?? ''}\n`)
    })
}

/** DescribeEvents: `Events:\t<none>`, or a flushed, time-sorted Type/Reason/Age/From/Message table. */
export function describeEvents(events: readonly Obj[] | undefined, w: PrefixWriter, nowMs: number): void {
  if (events === undefined) return
  if (events.length === 0) return w.write(LEVEL_0, 'Events:\t<none>\n')
  w.flush()
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n')
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n')
  for (const e of sortEventsByTime(events)) {
    const source = e.source?.component || e.reportingController || ''
    w.write(LEVEL_1, `${e.type ?? ''}\t${e.reason ?? ''}\t${formatEventAge(e, nowMs)}\t${source}\t${String(e.message ?? '').trim()}\n`)
  }
}
