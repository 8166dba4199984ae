// Benchmark harness: runs scenarios, measures wall time and memory, prints a table and writes
// bench/results.json. Performance is measured here, never in unit tests.
import { writeFileSync } from 'node:fs'

export interface ScenarioResult {
  name: string
  wallMs: number
  virtualMs?: number
  objects?: number
  objectsPerSecond?: number
  peakHeapMiB?: number
  peakRssMiB?: number
  notes?: string
  [extra: string]: unknown
}

export interface Scenario {
  name: string
  run(quick: boolean): ScenarioResult | Promise<ScenarioResult>
}

/** Samples heap/RSS now and keeps the peak. */
export class MemoryPeak {
  heap = 0
  rss = 0
  sample(): void {
    const m = process.memoryUsage()
    this.heap = Math.max(this.heap, m.heapUsed)
    this.rss = Math.max(this.rss, m.rss)
  }
  get heapMiB(): number {
    return Math.round(this.heap / 2 ** 20)
  }
  get rssMiB(): number {
    return Math.round(this.rss / 2 ** 20)
  }
}

export function time<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now()
  const value = fn()
  return { value, ms: performance.now() - start }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

export function printTable(results: ScenarioResult[]): string {
  const headers = ['scenario', 'wall', 'virtual', 'objects', 'objects/s', 'peak heap', 'peak RSS', 'notes']
  const fmt = (n: number | undefined, unit = '') => (n === undefined ? '-' : `${Math.round(n * 100) / 100}${unit}`)
  const rows = results.map((r) => [
    r.name,
    fmt(r.wallMs, ' ms'),
    r.virtualMs === undefined ? '-' : fmt(r.virtualMs / 1000, ' s'),
    fmt(r.objects),
    r.objectsPerSecond === undefined ? '-' : String(Math.round(r.objectsPerSecond)),
    fmt(r.peakHeapMiB, ' MiB'),
    fmt(r.peakRssMiB, ' MiB'),
    r.notes ?? '',
  ])
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n')
}

export function writeResults(path: string, results: ScenarioResult[], quick: boolean, build: string): void {
  writeFileSync(path, `${JSON.stringify({ node: process.version, build, quick, results }, null, 2)}\n`)
}
