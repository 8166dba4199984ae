// Parses a kubectl command line into a typed KubectlCommand, with kubectl's own error texts for
// unknown commands, flags and resource types. Resource names resolve through a lookup function
// (plural/singular/short name → Kind) so user-registered kinds work; the built-in table is the default.
import { allCategoryKinds, qualifiedResource, resolveBuiltinKind } from './resource-names'

export type OutputFormat = 'table' | 'wide' | 'yaml' | 'json' | 'name'

/** One `kind` or `kind/name` target. */
export interface ResourceTarget {
  kind: string
  /** As typed: `deploy`, `pods`, `deployments.apps`. */
  resource: string
  name?: string
}

interface Scoped {
  namespace?: string
  allNamespaces: boolean
  selector?: string
}

export type RolloutAction = 'status' | 'history' | 'undo' | 'pause' | 'resume' | 'restart'

export type KubectlCommand =
  | ({ verb: 'get'; targets: ResourceTarget[]; output: OutputFormat; showLabels: boolean; watch: boolean; fieldSelector?: string; ignoreNotFound: boolean } & Scoped)
  | ({ verb: 'describe'; targets: ResourceTarget[]; /** `describe TYPE NAME_PREFIX` (exactly two arguments): a missing name matches by prefix. */ prefixMatch: boolean } & Scoped)
  | { verb: 'rollout'; action: RolloutAction; target: ResourceTarget & { name: string }; namespace?: string; toRevision?: number; revision?: number; watch: boolean; timeout?: string }
  | { verb: 'scale'; targets: (ResourceTarget & { name: string })[]; replicas: number; namespace?: string }
  | { verb: 'cordon' | 'uncordon'; node: string }
  | { verb: 'drain'; node: string; ignoreDaemonSets: boolean; deleteEmptyDirData: boolean; force: boolean; gracePeriodSeconds?: number }
  | ({ verb: 'delete'; targets: ResourceTarget[]; filenames: string[]; all: boolean; gracePeriodSeconds?: number; force: boolean; ignoreNotFound: boolean } & Scoped)
  | { verb: 'apply'; filenames: string[]; namespace?: string; recursive: boolean }

export type ParseResult = { ok: true; command: KubectlCommand } | { ok: false; error: string }

export interface ParseOptions {
  /** Resource name (`pods`, `po`, `Pod`, `deployments.apps`) → Kind; defaults to the built-in table. */
  resolveKind?: (name: string) => string | undefined
}

class KubectlError extends Error {}
const fail = (message: string): never => {
  throw new KubectlError(message)
}

/** `Error from server (NotFound): deployments.apps "web" not found` */
export function notFoundError(kind: string, name: string): string {
  return `Error from server (NotFound): ${qualifiedResource(kind)} "${name}" not found`
}

/** Splits a command line like a POSIX shell would for simple cases: whitespace, '…' and "…" quotes. */
export function tokenize(line: string): string[] {
  const tokens: string[] = []
  let current = ''
  let quote: string | undefined
  let started = false
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = undefined
      else current += ch
    } else if (ch === '"' || ch === "'") {
      quote = ch
      started = true
    } else if (/\s/.test(ch)) {
      if (started) tokens.push(current)
      current = ''
      started = false
    } else {
      current += ch
      started = true
    }
  }
  if (started) tokens.push(current)
  return tokens
}

type FlagKind = 'string' | 'bool' | 'strings'
interface FlagSpec {
  name: string
  short?: string
  kind: FlagKind
}

const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'namespace', short: 'n', kind: 'string' },
  { name: 'context', kind: 'string' },
  { name: 'kubeconfig', kind: 'string' },
  { name: 'request-timeout', kind: 'string' },
]
const SCOPE_FLAGS: FlagSpec[] = [
  { name: 'all-namespaces', short: 'A', kind: 'bool' },
  { name: 'selector', short: 'l', kind: 'string' },
]

const VERB_FLAGS: Record<string, FlagSpec[]> = {
  get: [
    ...SCOPE_FLAGS,
    { name: 'output', short: 'o', kind: 'string' },
    { name: 'show-labels', kind: 'bool' },
    { name: 'watch', short: 'w', kind: 'bool' },
    { name: 'field-selector', kind: 'string' },
    { name: 'ignore-not-found', kind: 'bool' },
  ],
  describe: [...SCOPE_FLAGS, { name: 'show-events', kind: 'bool' }],
  rollout: [
    { name: 'to-revision', kind: 'string' },
    { name: 'revision', kind: 'string' },
    { name: 'watch', short: 'w', kind: 'bool' },
    { name: 'timeout', kind: 'string' },
  ],
  scale: [{ name: 'replicas', kind: 'string' }, { name: 'current-replicas', kind: 'string' }, { name: 'timeout', kind: 'string' }],
  cordon: [],
  uncordon: [],
  drain: [
    { name: 'ignore-daemonsets', kind: 'bool' },
    { name: 'delete-emptydir-data', kind: 'bool' },
    { name: 'force', kind: 'bool' },
    { name: 'grace-period', kind: 'string' },
    { name: 'timeout', kind: 'string' },
  ],
  delete: [
    ...SCOPE_FLAGS,
    { name: 'filename', short: 'f', kind: 'strings' },
    { name: 'all', kind: 'bool' },
    { name: 'grace-period', kind: 'string' },
    { name: 'force', kind: 'bool' },
    { name: 'wait', kind: 'bool' },
    { name: 'ignore-not-found', kind: 'bool' },
  ],
  apply: [
    { name: 'filename', short: 'f', kind: 'strings' },
    { name: 'recursive', short: 'R', kind: 'bool' },
    { name: 'server-side', kind: 'bool' },
  ],
}

interface ParsedFlags {
  values: Map<string, string[]>
  args: string[]
}

/** pflag-style parsing: `--name=v`, `--name v`, `-n v`, `-nv`, `-n=v`, bool flags, `--` ends flags. */
function parseFlags(tokens: string[], specs: FlagSpec[]): ParsedFlags {
  const values = new Map<string, string[]>()
  const args: string[] = []
  const add = (spec: FlagSpec, value: string): void => {
    if (spec.kind === 'strings') values.set(spec.name, [...(values.get(spec.name) ?? []), ...value.split(',')])
    else values.set(spec.name, [value])
  }
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]
    if (token === '--') {
      args.push(...tokens.slice(i + 1))
      break
    }
    if (token.startsWith('--')) {
      const [name, inline] = splitOnce(token.slice(2), '=')
      const spec = specs.find((s) => s.name === name)
      if (!spec) fail(`error: unknown flag: --${name}`)
      if (spec!.kind === 'bool') add(spec!, inline ?? 'true')
      else if (inline !== undefined) add(spec!, inline)
      else if (i + 1 < tokens.length) add(spec!, tokens[++i])
      else fail(`error: flag needs an argument: --${name}`)
    } else if (token.startsWith('-') && token.length > 1) {
      const letter = token[1]
      const spec = specs.find((s) => s.short === letter)
      if (!spec) fail(`error: unknown shorthand flag: '${letter}' in ${token}`)
      let rest = token.slice(2)
      if (spec!.kind === 'bool') {
        add(spec!, rest.startsWith('=') ? rest.slice(1) : 'true')
        continue
      }
      if (rest.startsWith('=')) rest = rest.slice(1)
      if (rest !== '') add(spec!, rest)
      else if (i + 1 < tokens.length) add(spec!, tokens[++i])
      else fail(`error: flag needs an argument: '${letter}' in -${letter}`)
    } else {
      args.push(token)
    }
  }
  return { values, args }
}

function splitOnce(text: string, sep: string): [string, string | undefined] {
  const i = text.indexOf(sep)
  return i < 0 ? [text, undefined] : [text.slice(0, i), text.slice(i + 1)]
}

const flag = (f: ParsedFlags, name: string): string | undefined => f.values.get(name)?.[0]
const boolFlag = (f: ParsedFlags, name: string): boolean => {
  const v = flag(f, name)
  return v !== undefined && v !== 'false'
}

function intFlag(f: ParsedFlags, name: string): number | undefined {
  const v = flag(f, name)
  if (v === undefined) return undefined
  if (!/^-?\d+$/.test(v)) fail(`error: invalid argument "${v}" for "--${name}" flag: strconv.ParseInt: parsing "${v}": invalid syntax`)
  return Number(v)
}

const OUTPUT_FORMATS = 'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml'

function outputFormat(value: string | undefined): OutputFormat {
  if (value === undefined || value === '') return 'table'
  if (value === 'wide' || value === 'yaml' || value === 'json' || value === 'name') return value
  return fail(`error: unable to match a printer suitable for the output format "${value}", allowed formats are: ${OUTPUT_FORMATS}`)
}

/**
 * kubectl's ResourceTypeOrNameArgs: `pods`, `pods web-0 web-1`, `deploy,svc`, `pod/web-0 svc/web`, `all`.
 */
function resourceArgs(args: string[], resolve: (name: string) => string | undefined, allowAll: boolean): ResourceTarget[] {
  if (args.length === 0) return []
  const resolveOne = (resource: string): ResourceTarget[] => {
    if (allowAll && resource.toLowerCase() === 'all') return allCategoryKinds.map((kind) => ({ kind, resource: 'all' }))
    const kind = resolve(resource)
    if (!kind) fail(`error: the server doesn't have a resource type "${resource}"`)
    return [{ kind: kind!, resource }]
  }
  if (args.some((a) => a.includes('/'))) {
    return args.map((arg) => {
      const [resource, name] = splitOnce(arg, '/')
      if (!name) fail(`error: arguments in resource/name form must have a single resource and name`)
      if (resource.includes(',')) fail('error: arguments in resource/name form must have a single resource and name')
      return { ...resolveOne(resource)[0], name }
    })
  }
  const [types, ...names] = args
  const kinds = types.split(',').filter((t) => t !== '').flatMap(resolveOne)
  if (names.length === 0) return kinds
  if (kinds.length > 1) fail(`error: you may only specify a single resource type`)
  return names.map((name) => ({ ...kinds[0], name }))
}

const VERBS = ['get', 'describe', 'rollout', 'scale', 'cordon', 'uncordon', 'drain', 'delete', 'apply']
const ROLLOUT_ACTIONS: RolloutAction[] = ['status', 'history', 'undo', 'pause', 'resume', 'restart']

export function parseKubectlCommand(line: string, options: ParseOptions = {}): ParseResult {
  const resolve = options.resolveKind ?? resolveBuiltinKind
  try {
    return { ok: true, command: parseTokens(tokenize(line), resolve) }
  } catch (error) {
    if (error instanceof KubectlError) return { ok: false, error: error.message }
    throw error
  }
}

function parseTokens(input: string[], resolve: (name: string) => string | undefined): KubectlCommand {
  const tokens = input[0] === 'kubectl' ? input.slice(1) : input
  // Global flags may come before the verb (`kubectl -n kube-system get pods`).
  let verbIndex = 0
  while (verbIndex < tokens.length && tokens[verbIndex].startsWith('-')) {
    const t = tokens[verbIndex]
    const takesValue = GLOBAL_FLAGS.some((s) => s.kind === 'string' && (t === `--${s.name}` || t === `-${s.short}`))
    verbIndex += takesValue ? 2 : 1
  }
  const verb = tokens[verbIndex]
  if (verb === undefined) fail('error: no command given')
  if (!VERBS.includes(verb)) fail(`error: unknown command "${verb}" for "kubectl"`)
  const rest = [...tokens.slice(0, verbIndex), ...tokens.slice(verbIndex + 1)]

  if (verb === 'rollout') return parseRollout(rest, resolve)
  const f = parseFlags(rest, [...GLOBAL_FLAGS, ...VERB_FLAGS[verb]])
  const namespace = flag(f, 'namespace')
  const scope = (): Scoped => ({
    ...(namespace !== undefined ? { namespace } : {}),
    allNamespaces: boolFlag(f, 'all-namespaces'),
    ...(flag(f, 'selector') !== undefined ? { selector: flag(f, 'selector') } : {}),
  })

  switch (verb) {
    case 'get': {
      const targets = resourceArgs(f.args, resolve, true)
      if (targets.length === 0) {
        fail('error: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples')
      }
      const fieldSelector = flag(f, 'field-selector')
      return {
        verb, targets, output: outputFormat(flag(f, 'output')), showLabels: boolFlag(f, 'show-labels'), watch: boolFlag(f, 'watch'), ignoreNotFound: boolFlag(f, 'ignore-not-found'),
        ...(fieldSelector !== undefined ? { fieldSelector } : {}), ...scope(),
      }
    }
    case 'describe': {
      const targets = resourceArgs(f.args, resolve, true)
      if (targets.length === 0) fail('error: Required resource not specified.')
      return { verb, targets, prefixMatch: f.args.length === 2 && !f.args[0].includes('/') && !f.args[0].includes(','), ...scope() }
    }
    case 'scale': {
      const replicas = intFlag(f, 'replicas')
      if (replicas === undefined) fail('error: required flag(s) "replicas" not set')
      const targets = resourceArgs(f.args, resolve, false)
      if (targets.length === 0) fail('error: required resource not specified')
      const named = targets.filter((t): t is ResourceTarget & { name: string } => t.name !== undefined)
      if (named.length !== targets.length) fail('error: resource(s) were provided, but no name was specified')
      return { verb, targets: named, replicas: replicas!, ...(namespace !== undefined ? { namespace } : {}) }
    }
    case 'cordon':
    case 'uncordon':
    case 'drain': {
      if (f.args.length !== 1) fail(`error: USAGE: ${verb} NODE [flags]`)
      const node = f.args[0].startsWith('node/') || f.args[0].startsWith('nodes/') ? splitOnce(f.args[0], '/')[1]! : f.args[0]
      if (verb !== 'drain') return { verb, node }
      const gracePeriodSeconds = intFlag(f, 'grace-period')
      return {
        verb, node, ignoreDaemonSets: boolFlag(f, 'ignore-daemonsets'), deleteEmptyDirData: boolFlag(f, 'delete-emptydir-data'), force: boolFlag(f, 'force'),
        ...(gracePeriodSeconds !== undefined ? { gracePeriodSeconds } : {}),
      }
    }
    case 'delete': {
      const filenames = f.values.get('filename') ?? []
      const targets = resourceArgs(f.args, resolve, true)
      if (targets.length === 0 && filenames.length === 0) {
        fail('error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   \'-f rsrc.yaml\'\n   \'--filename=rsrc.json\'\n   \'<resource> <name>\'\n   \'<resource>\'')
      }
      const all = boolFlag(f, 'all')
      if (targets.length > 0 && targets.every((t) => t.name === undefined) && !all && flag(f, 'selector') === undefined) {
        fail('error: resource(s) were provided, but no name was specified')
      }
      const gracePeriodSeconds = intFlag(f, 'grace-period')
      return { verb, targets, filenames, all, force: boolFlag(f, 'force'), ignoreNotFound: boolFlag(f, 'ignore-not-found'), ...(gracePeriodSeconds !== undefined ? { gracePeriodSeconds } : {}), ...scope() }
    }
    case 'apply': {
      const filenames = f.values.get('filename') ?? []
      if (filenames.length === 0) fail('error: must specify one of -f and -k')
      if (f.args.length > 0) fail(`error: Unexpected args: [${f.args.join(' ')}]`)
      return { verb, filenames, recursive: boolFlag(f, 'recursive'), ...(namespace !== undefined ? { namespace } : {}) }
    }
  }
  return fail(`error: unknown command "${verb}" for "kubectl"`)
}

function parseRollout(tokens: string[], resolve: (name: string) => string | undefined): KubectlCommand {
  const f = parseFlags(tokens, [...GLOBAL_FLAGS, ...VERB_FLAGS.rollout])
  const [action, ...args] = f.args
  if (action === undefined) fail('error: You must specify the type of rollout action')
  if (!ROLLOUT_ACTIONS.includes(action as RolloutAction)) fail(`error: unknown command "${action}" for "kubectl rollout"`)
  const targets = resourceArgs(args, resolve, false)
  if (targets.length === 0) fail('error: required resource not specified')
  const target = targets[0]
  if (target.name === undefined) fail('error: resource(s) were provided, but no name was specified')
  const supported = action === 'pause' || action === 'resume' ? ['Deployment'] : ['Deployment', 'DaemonSet', 'StatefulSet']
  if (!supported.includes(target.kind)) {
    const what = action === 'status' ? 'no status viewer has been implemented for' : action === 'history' ? 'no history viewer has been implemented for' : `${action} is not supported for`
    fail(`error: ${what} ${target.kind}`)
  }
  const namespace = flag(f, 'namespace')
  const toRevision = intFlag(f, 'to-revision')
  const revision = intFlag(f, 'revision')
  const timeout = flag(f, 'timeout')
  return {
    verb: 'rollout', action: action as RolloutAction, target: target as ResourceTarget & { name: string },
    ...(namespace !== undefined ? { namespace } : {}),
    ...(toRevision !== undefined ? { toRevision } : {}),
    ...(revision !== undefined ? { revision } : {}),
    watch: flag(f, 'watch') !== 'false',
    ...(timeout !== undefined ? { timeout } : {}),
  }
}
