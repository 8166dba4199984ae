// Command-line parsing for `kubesim` (pure: no process, no file system), and the help text.
import { toMs } from '../sim/duration'

export const HELP = `kubesim — an in-memory, deterministic Kubernetes cluster simulator

Usage:
  kubesim run -f <file|dir|-> [flags]   apply manifests, run the virtual clock, print what happened
  kubesim --help                        this text
  kubesim --version                     the package version

Flags of run:
  -f, --filename <path>   a manifest file, a directory (its .yaml/.yml/.json files, in name order)
                          or '-' for standard input; repeat for several
      --nodes <n>         number of worker nodes node-1..node-N (default 3)
      --for <duration>    virtual time to run, Go-style: 30s, 10m, 1h30m (default 10m)
      --seed <n>          seed of every random choice: names, tie-breaks (default 1)
      --watch <kinds>     kinds to print, comma-separated (default
                          pods,deployments,statefulsets,daemonsets,jobs,services)
      --until-ready       stop as soon as every workload has rolled out, every Job completed and
                          every other pod is Ready; exit 1 if that has not happened within --for
      --every <duration>  also print the tables (and new events) at this virtual interval
  -o, --output <format>   table (default: kubectl get tables and the event log) or json (one
                          JSON document per snapshot: virtual time, objects by kind, events)
  -n, --namespace <ns>    namespace to print (default: the namespace of the manifests, or all
                          namespaces when they use several)
  -A, --all-namespaces    print every namespace
      --progress          show the progress line (virtual time, pods ready, events/s) on stderr
                          even when stderr is not a terminal; --no-progress hides it

Exit status: 0 on success; 1 when a manifest is invalid (the message gives file:line:column and
the field path) or --until-ready timed out (the message says why pods are not ready); 2 on a usage
error. Time is virtual: a 10m run takes milliseconds of real time.

Examples:
  kubesim run -f nginx-deployment.yaml
  kubesim run -f manifests/ --nodes 5 --for 30m --every 5m
  kubesim run -f web.yaml --until-ready --for 5m --watch pods,statefulsets,pvc
  cat app.yaml | kubesim run -f - -o json
`

export const DEFAULT_WATCH = ['pods', 'deployments', 'statefulsets', 'daemonsets', 'jobs', 'services']

export interface RunOptions {
  command: 'run'
  files: string[]
  nodes: number
  forMs: number
  seed: number
  watch: string[]
  untilReady: boolean
  everyMs?: number
  output: 'table' | 'json'
  namespace?: string
  allNamespaces: boolean
  /** undefined: only when stderr is a terminal. */
  progress?: boolean
}

export type CliCommand = RunOptions | { command: 'help' } | { command: 'version' }

export class UsageError extends Error {
  override name = 'UsageError'
}

const VALUE_FLAGS: Record<string, string> = {
  '-f': 'filename', '--filename': 'filename', '--nodes': 'nodes', '--for': 'for', '--seed': 'seed', '--watch': 'watch',
  '--every': 'every', '-o': 'output', '--output': 'output', '-n': 'namespace', '--namespace': 'namespace',
}
const BOOL_FLAGS: Record<string, string> = {
  '--until-ready': 'until-ready', '-A': 'all-namespaces', '--all-namespaces': 'all-namespaces', '--progress': 'progress', '--no-progress': 'no-progress',
}

function duration(flag: string, text: string): number {
  try {
    const ms = toMs(text)
    if (ms <= 0) throw new RangeError('must be positive')
    return ms
  } catch {
    throw new UsageError(`invalid value "${text}" for --${flag}: expected a duration such as 30s, 10m or 1h30m`)
  }
}

function integer(flag: string, text: string, min: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min) throw new UsageError(`invalid value "${text}" for --${flag}: expected an integer >= ${min}`)
  return Number(text)
}

export function parseArgs(argv: readonly string[]): CliCommand {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') return { command: 'help' }
  if (argv[0] === '--version' || argv[0] === 'version') return { command: 'version' }
  const [command, ...rest] = argv
  if (command !== 'run') throw new UsageError(`unknown command "${command}"`)
  const values = new Map<string, string[]>()
  const bools = new Set<string>()
  for (let i = 0; i < rest.length; i++) {
    let token = rest[i]
    let inline: string | undefined
    const eq = token.startsWith('--') ? token.indexOf('=') : -1
    if (eq > 0) {
      inline = token.slice(eq + 1)
      token = token.slice(0, eq)
    }
    if (token in VALUE_FLAGS) {
      const value = inline ?? rest[++i]
      if (value === undefined) throw new UsageError(`flag needs an argument: ${token}`)
      const name = VALUE_FLAGS[token]
      values.set(name, [...(values.get(name) ?? []), value])
    } else if (token in BOOL_FLAGS) {
      bools.add(BOOL_FLAGS[token])
    } else if (token.startsWith('-') && token !== '-') {
      throw new UsageError(`unknown flag: ${token}`)
    } else {
      throw new UsageError(`unexpected argument "${token}" (manifests are given with -f)`)
    }
  }
  const one = (name: string): string | undefined => values.get(name)?.at(-1)
  const files = values.get('filename') ?? []
  if (files.length === 0) throw new UsageError('no manifests given: use -f <file|dir|->')
  const output = one('output') ?? 'table'
  if (output !== 'table' && output !== 'json') throw new UsageError(`invalid value "${output}" for --output: expected table or json`)
  const watch = (one('watch') ?? DEFAULT_WATCH.join(',')).split(',').map((k) => k.trim()).filter((k) => k !== '')
  if (watch.length === 0) throw new UsageError('--watch needs at least one kind')
  const progress = bools.has('no-progress') ? false : bools.has('progress') ? true : undefined
  const everyText = one('every')
  const namespace = one('namespace')
  return {
    command: 'run',
    files,
    nodes: integer('nodes', one('nodes') ?? '3', 0),
    forMs: duration('for', one('for') ?? '10m'),
    seed: integer('seed', one('seed') ?? '1', 0),
    watch,
    untilReady: bools.has('until-ready'),
    ...(everyText !== undefined ? { everyMs: duration('every', everyText) } : {}),
    output,
    ...(namespace !== undefined ? { namespace } : {}),
    allNamespaces: bools.has('all-namespaces'),
    ...(progress !== undefined ? { progress } : {}),
  }
}

/** `1m30s` from ms, for progress lines and headers (Go's Duration.String without sub-second noise). */
export function formatVirtual(ms: number): string {
  const total = Math.floor(ms / 1000)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  if (h > 0) return `${h}h${m}m${s}s`
  if (m > 0) return `${m}m${s}s`
  return `${s}s`
}
