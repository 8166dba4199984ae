#!/usr/bin/env node
// The kubesim command line: `kubesim run -f manifests/ --nodes 3 --for 10m` applies manifests to a
// fresh simulated cluster, runs its virtual clock, and prints kubectl-style tables and the event log.
// This file owns the process (argv, stdout/stderr, exit codes); everything it prints is computed in
// report.ts and the library. Exempt from the determinism lint (it reads files and the terminal).
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { formatIssue, ValidationError } from '../api/errors'
import { createCluster, type Cluster } from '../cluster/cluster'
import { applyText } from '../cluster/kubectl'
import { formatVirtual, HELP, parseArgs, UsageError, type RunOptions } from './args'
import { readInputs } from './files'
import { readiness, renderEvents, renderTables, snapshotJson, type Scope } from './report'
import { LAST_APPLIED_ANNOTATION } from '../api/meta'

const out = (text: string): void => {
  process.stdout.write(text)
}
const err = (text: string): void => {
  process.stderr.write(text)
}

/** The package version: package.json next to dist/ (built) or two levels up (src/cli under tsx). */
function version(): string {
  for (const path of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(path, pathToFileURL(`${process.argv[1]}`)), 'utf8'))
      if (pkg.name === 'kubesim') return String(pkg.version)
    } catch {
      // try the next location
    }
  }
  return 'unknown'
}

/** `path:line:col (document n): field: message` for each problem, compiler-style. */
export function formatManifestError(path: string, error: ValidationError): string {
  const lines = error.issues.map((issue) => {
    const where = issue.line !== undefined ? `${path}:${issue.line}:${issue.column ?? 1}` : path
    const doc = issue.document !== undefined ? ` (document ${issue.document})` : ''
    return `  ${where}${doc}: ${formatIssue({ ...issue, document: undefined, line: undefined, column: undefined })}`
  })
  return `kubesim: invalid manifest ${path}; nothing was applied:\n${lines.join('\n')}\n`
}

function scopeOf(cluster: Cluster, options: RunOptions, applied: { namespace?: string }[]): Scope {
  if (options.allNamespaces) return {}
  if (options.namespace !== undefined) return { namespace: options.namespace }
  const namespaces = [...new Set(applied.map((o) => o.namespace).filter((n): n is string => n !== undefined))]
  if (namespaces.length > 1) return {}
  return { namespace: namespaces[0] ?? 'default' }
}

function run(options: RunOptions): number {
  const cluster = createCluster({ nodes: options.nodes, seed: options.seed })
  const files = readInputs(options.files)
  const applied: { namespace?: string }[] = []
  for (const file of files) {
    const result = applyText(cluster, file.text)
    if (result instanceof ValidationError) {
      err(formatManifestError(file.path, result))
      return 1
    }
    if (options.output === 'table') out(result)
  }
  for (const kind of cluster.env.registry.kinds()) {
    if (!kind.namespaced) continue
    for (const o of cluster.list(kind.kind, { namespace: '*' })) {
      if (o.metadata.annotations?.[LAST_APPLIED_ANNOTATION]) applied.push({ namespace: o.metadata.namespace })
    }
  }
  const scope = scopeOf(cluster, options, applied)
  const showProgress = options.progress ?? process.stderr.isTTY === true
  let eventsPrinted = 0
  let lastEvents = 0
  let lastMs = cluster.elapsed()
  const progress = (): void => {
    if (!showProgress) return
    const r = readiness(cluster, scope)
    const events = cluster.events({ namespace: scope.namespace ?? '*' }).length
    const seconds = Math.max((cluster.elapsed() - lastMs) / 1000, 1e-9)
    const rate = (events - lastEvents) / seconds
    lastEvents = events
    lastMs = cluster.elapsed()
    err(`\r\x1b[Kkubesim: virtual ${formatVirtual(cluster.elapsed())}/${formatVirtual(options.forMs)}  pods ready ${r.podsReady}/${r.podsTotal}  events/s ${rate.toFixed(1)}`)
  }
  const endProgress = (): void => {
    if (showProgress) err('\r\x1b[K')
  }
  const snapshot = (final: boolean): void => {
    if (options.output === 'json') {
      out(`${snapshotJson(cluster, options.watch, scope)}\n`)
      return
    }
    out(`\n=== after ${formatVirtual(cluster.elapsed())} of virtual time${final ? '' : ' (--every)'} ===\n`)
    out(renderTables(cluster, options.watch, scope))
    const events = renderEvents(cluster, scope, eventsPrinted)
    if (events.text) out(`\n${events.text}`)
    eventsPrinted = events.count
  }

  const every = options.everyMs ?? options.forMs
  const step = Math.max(Math.min(every, options.forMs / 100), 1)
  let nextSnapshot = every
  const start = cluster.elapsed()
  let ready = false
  while (cluster.elapsed() - start < options.forMs) {
    const elapsed = cluster.elapsed() - start
    const target = Math.min(elapsed + step, nextSnapshot, options.forMs)
    if (options.untilReady) {
      try {
        cluster.runUntil(() => readiness(cluster, scope).done, { timeout: target - elapsed })
        ready = true
      } catch (error) {
        if (!(error instanceof Error && error.name === 'TimeoutError')) throw error
      }
    } else {
      cluster.advance(target - elapsed)
    }
    progress()
    if (ready) break
    if (cluster.elapsed() - start >= nextSnapshot && nextSnapshot < options.forMs) {
      endProgress()
      snapshot(false)
      nextSnapshot += every
    }
  }
  endProgress()
  snapshot(true)
  if (options.untilReady && !ready) {
    const r = readiness(cluster, scope, { explain: true })
    err(`kubesim: not ready after ${formatVirtual(options.forMs)} of virtual time (--until-ready):\n${r.waiting.map((w) => `  ${w.split('\n').join('\n  ')}`).join('\n')}\n`)
    return 1
  }
  if (options.untilReady) err(`kubesim: everything ready after ${formatVirtual(cluster.elapsed() - start)} of virtual time\n`)
  return 0
}

function main(argv: readonly string[]): number {
  let command
  try {
    command = parseArgs(argv)
  } catch (error) {
    if (error instanceof UsageError) {
      err(`kubesim: ${error.message}\nRun 'kubesim --help' for usage.\n`)
      return 2
    }
    throw error
  }
  if (command.command === 'help') {
    out(HELP)
    return 0
  }
  if (command.command === 'version') {
    out(`${version()}\n`)
    return 0
  }
  try {
    return run(command)
  } catch (error) {
    if (error instanceof ValidationError) {
      err(`kubesim: ${error.message}\n`)
      return 1
    }
    err(`kubesim: ${error instanceof Error ? error.message : String(error)}\n`)
    return 1
  }
}

process.exitCode = main(process.argv.slice(2))
