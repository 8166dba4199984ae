// `cluster.kubectl(line)`: parse a kubectl command line, run it against the cluster through the
// facade, and return the text kubectl would print. The pure renderers live in src/kubectl; this file
// only fetches what they need (objects, related objects, events) and performs the writes.
//
// Conventions (documented on Cluster.kubectl):
// - The result is what a terminal shows: stdout, then stderr (errors, "No resources found …").
//   `execKubectl` keeps the two streams and the exit code apart (the CLI uses it).
// - Errors never throw: unknown commands, flags, resource types and NotFound come back as kubectl's
//   own error text with exit code 1.
// - Writes are immediate and do not run the loop (`delete` does not wait for graceful termination),
//   except `rollout status`, which — like kubectl — watches: it runs the virtual clock until the
//   rollout is done, fails, or `--timeout` (default 10m of virtual time) passes. `--watch=false`
//   prints the current status once without moving time.
import { NotFoundError, TimeoutError, ValidationError, formatIssue, isNotFound } from '../api/errors'
import type { KindInfo } from '../api/kind-info'
import type { KubeObject } from '../api/meta'
import {
  describeObject, parseKubectlCommand, printTables, renderJson, renderNames, renderNoResources, renderYaml, sortEventsForGet,
  type KubectlCommand, type Obj, type ResourceTarget,
} from '../kubectl'
import { readManifests } from '../manifest/input'
import { objectKey } from '../store/keys'
import type { Cluster } from './cluster'
import { readManifestFiles } from './files'
import { RolloutError, rolloutHistory, rolloutPause, rolloutRestart, rolloutResume, rolloutUndo, watchRolloutStatus } from './rollout'

export interface KubectlOutput {
  stdout: string
  stderr: string
  exitCode: number
}

type Out = KubectlOutput
const ok = (stdout: string, stderr = ''): Out => ({ stdout, stderr, exitCode: 0 })
const fail = (stderr: string, stdout = ''): Out => ({ stdout, stderr: stderr.endsWith('\n') ? stderr : `${stderr}\n`, exitCode: 1 })

/** Runs one kubectl command line; never throws for user errors. */
export function execKubectl(cluster: Cluster, line: string): KubectlOutput {
  const registry = cluster.env.registry
  const parsed = parseKubectlCommand(line, { resolveKind: (name) => registry.find(name)?.kind })
  if (!parsed.ok) return fail(parsed.error)
  try {
    return run(cluster, parsed.command)
  } catch (error) {
    if (isNotFound(error)) return fail(`Error from server (NotFound): ${error.message}`)
    if (error instanceof ValidationError) return fail(`error: ${error.issues.map((issue) => formatIssue(issue)).join('\n')}`)
    if (error instanceof Error && error.name !== 'Error' && error.name !== 'TypeError' && error.name !== 'RangeError') return fail(`error: ${error.message}`)
    if (error instanceof RangeError) return fail(`error: ${error.message}`)
    throw error
  }
}

/** What a terminal shows for the command: stdout then stderr. */
export function kubectlText(cluster: Cluster, line: string): string {
  const out = execKubectl(cluster, line)
  return out.stdout + out.stderr
}

function run(cluster: Cluster, cmd: KubectlCommand): Out {
  switch (cmd.verb) {
    case 'get': return runGet(cluster, cmd)
    case 'describe': return runDescribe(cluster, cmd)
    case 'rollout': return runRollout(cluster, cmd)
    case 'scale': return runScale(cluster, cmd)
    case 'cordon':
    case 'uncordon': return runCordon(cluster, cmd.verb, cmd.node)
    case 'drain': return runDrain(cluster, cmd)
    case 'delete': return runDelete(cluster, cmd)
    case 'apply': return runApply(cluster, cmd)
  }
}

// ---- names ----------------------------------------------------------------------------------------

function infoOf(cluster: Cluster, kind: string): KindInfo {
  return cluster.env.store.kindInfo(kind)
}

/** How API errors name a resource: `pods`, `deployments.apps`. */
export function qualified(info: KindInfo): string {
  return info.group ? `${info.plural}.${info.group}` : info.plural
}

/** kubectl's lower-cased `kind[.group]`: `deployment.apps`, `pod`. */
export function kindString(info: KindInfo): string {
  return (info.group ? `${info.kind}.${info.group}` : info.kind).toLowerCase()
}

/** How kubectl's name printer names an object: `deployment.apps/web`, `pod/web-0`. */
export function kindSlashName(info: KindInfo, name: string): string {
  return `${kindString(info)}/${name}`
}

const notFound = (info: KindInfo, name: string): string => `Error from server (NotFound): ${qualified(info)} "${name}" not found\n`

function getObject(cluster: Cluster, info: KindInfo, name: string, namespace: string): KubeObject | undefined {
  return cluster.env.store.get(info.kind, objectKey(info.namespaced ? namespace : undefined, name))
}

// ---- get ------------------------------------------------------------------------------------------

type GetCommand = Extract<KubectlCommand, { verb: 'get' }>

interface Section {
  info: KindInfo
  objects: KubeObject[]
}

function runGet(cluster: Cluster, cmd: GetCommand): Out {
  if (cmd.watch) return fail('error: --watch is not supported: the simulator has no wall clock; advance the virtual clock and run get again')
  const namespace = cmd.namespace ?? 'default'
  if (cmd.allNamespaces && cmd.targets.some((t) => t.name !== undefined)) return fail('error: a resource cannot be retrieved by name across all namespaces')
  const sections: Section[] = []
  const errors: string[] = []
  const sectionFor = (info: KindInfo): Section => {
    let section = sections.find((s) => s.info.kind === info.kind)
    if (!section) sections.push((section = { info, objects: [] }))
    return section
  }
  for (const target of cmd.targets) {
    const info = infoOf(cluster, target.kind)
    const section = sectionFor(info)
    if (target.name !== undefined) {
      const found = getObject(cluster, info, target.name, namespace)
      if (found) {
        if (!section.objects.includes(found)) section.objects.push(found)
      } else if (!cmd.ignoreNotFound) errors.push(notFound(info, target.name))
    } else {
      const listed = cluster.list(info.kind, { namespace: cmd.allNamespaces ? '*' : namespace, labelSelector: cmd.selector, fieldSelector: cmd.fieldSelector })
      section.objects.push(...(info.kind === 'Event' ? (sortEventsForGet(listed as Obj[]) as KubeObject[]) : listed))
    }
  }
  const stderr = errors.join('')
  const all = sections.flatMap((s) => s.objects)
  const singleItem = cmd.targets.length === 1 && cmd.targets[0].name !== undefined
  if (cmd.output === 'yaml' || cmd.output === 'json') {
    if (singleItem && all.length === 0) return fail(stderr)
    const render = cmd.output === 'yaml' ? renderYaml : renderJson
    return { stdout: render(all as Obj[], { list: !singleItem }), stderr, exitCode: errors.length ? 1 : 0 }
  }
  let stdout: string
  if (cmd.output === 'name') stdout = sections.map((s) => renderNames(s.info.kind, s.objects as Obj[], s.info.group)).join('')
  else {
    stdout = printTables(
      sections.map((s) => ({ kind: s.info.kind, objects: s.objects as Obj[], namespaced: s.info.namespaced, group: s.info.group })),
      { nowMs: cluster.now(), wide: cmd.output === 'wide', withNamespace: cmd.allNamespaces, showLabels: cmd.showLabels },
    )
  }
  if (stdout === '' && errors.length === 0 && !cmd.ignoreNotFound) {
    const allNamespaced = !cmd.allNamespaces && sections.every((s) => s.info.namespaced)
    return ok('', renderNoResources(allNamespaced ? namespace : undefined))
  }
  return { stdout, stderr, exitCode: errors.length ? 1 : 0 }
}

// ---- describe -------------------------------------------------------------------------------------

type DescribeCommand = Extract<KubectlCommand, { verb: 'describe' }>

function runDescribe(cluster: Cluster, cmd: DescribeCommand): Out {
  const namespace = cmd.namespace ?? 'default'
  const texts: string[] = []
  const errors: string[] = []
  for (const target of cmd.targets) {
    const info = infoOf(cluster, target.kind)
    const listNs = cmd.allNamespaces ? '*' : namespace
    let objects: KubeObject[]
    if (target.name !== undefined) {
      const exact = getObject(cluster, info, target.name, namespace)
      // kubectl describe TYPE NAME_PREFIX: an exact match, else every object whose name starts with it.
      objects = exact ? [exact] : !cmd.prefixMatch ? [] : cluster.list(info.kind, { namespace: listNs }).filter((o) => o.metadata.name.startsWith(target.name!))
      if (objects.length === 0) errors.push(notFound(info, target.name))
    } else {
      objects = cluster.list(info.kind, { namespace: listNs, labelSelector: cmd.selector })
    }
    for (const obj of objects) texts.push(describeOne(cluster, obj))
  }
  if (texts.length === 0 && errors.length === 0) {
    return ok('', renderNoResources(cmd.allNamespaces ? undefined : namespace))
  }
  // kubectl separates several descriptions with a blank line.
  return { stdout: texts.join('\n\n'), stderr: errors.join(''), exitCode: errors.length ? 1 : 0 }
}

/** Events about one object, as describe's searchEvents finds them (same kind, name, namespace and uid). */
export function eventsAbout(cluster: Cluster, obj: KubeObject): KubeObject[] {
  const namespace = obj.metadata.namespace || 'default'
  return cluster
    .events({ namespace, involvedObject: { kind: obj.kind, name: obj.metadata.name } })
    .filter((e: any) => (obj.metadata.namespace ? e.involvedObject?.namespace === obj.metadata.namespace : true))
    .filter((e: any) => !e.involvedObject?.uid || !obj.metadata.uid || e.involvedObject.uid === obj.metadata.uid || obj.kind === 'Node')
}

function describeOne(cluster: Cluster, obj: KubeObject): string {
  const store = cluster.env.store
  const events = eventsAbout(cluster, obj) as Obj[]
  const owned = (kind: string): Obj[] => store.dependents(obj.metadata.uid).filter((d) => d.kind === kind) as Obj[]
  const context: Parameters<typeof describeObject>[1] = { nowMs: cluster.now(), events }
  switch (obj.kind) {
    case 'Deployment':
      context.replicaSets = owned('ReplicaSet')
      break
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Job':
      context.pods = owned('Pod')
      break
    case 'Node':
      context.pods = (store.podsOnNode(obj.metadata.name) as Obj[]).filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
      context.lease = store.get('Lease', objectKey('kube-node-lease', obj.metadata.name)) as Obj | undefined
      break
    case 'Service':
      context.endpointSlices = cluster.list('EndpointSlice', {
        namespace: obj.metadata.namespace, labelSelector: { matchLabels: { 'kubernetes.io/service-name': obj.metadata.name } },
      }) as Obj[]
      context.endpoints = store.get('Endpoints', objectKey(obj.metadata.namespace, obj.metadata.name)) as Obj | undefined
      break
  }
  return describeObject(obj as Obj, context)
}

// ---- rollout --------------------------------------------------------------------------------------

type RolloutCommand = Extract<KubectlCommand, { verb: 'rollout' }>

/** The verbs live in ./rollout (shared with the facade methods); this maps their result to kubectl's streams. */
function runRollout(cluster: Cluster, cmd: RolloutCommand): Out {
  const { kind, name } = cmd.target
  const options = cmd.namespace !== undefined ? { namespace: cmd.namespace } : {}
  try {
    switch (cmd.action) {
      case 'status': {
        const { printed, status } = watchRolloutStatus(cluster, kind, name, { ...options, watch: cmd.watch, ...(cmd.timeout !== undefined ? { timeout: cmd.timeout } : {}) })
        return status.error ? fail(status.message, printed) : ok(printed)
      }
      case 'history': return ok(rolloutHistory(cluster, kind, name, { ...options, ...(cmd.revision !== undefined ? { revision: cmd.revision } : {}) }))
      case 'undo': return ok(rolloutUndo(cluster, kind, name, { ...options, ...(cmd.toRevision !== undefined ? { toRevision: cmd.toRevision } : {}) }))
      case 'pause': return ok(rolloutPause(cluster, kind, name, options))
      case 'resume': return ok(rolloutResume(cluster, kind, name, options))
      case 'restart': return ok(rolloutRestart(cluster, kind, name, options))
    }
  } catch (error) {
    if (error instanceof RolloutError) return fail(error.message, error.output)
    if (error instanceof NotFoundError) return fail(`Error from server (NotFound): ${error.resource} "${error.objectName}" not found`)
    throw error
  }
}

// ---- scale, cordon, drain -------------------------------------------------------------------------

type ScaleCommand = Extract<KubectlCommand, { verb: 'scale' }>

const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet'])

function runScale(cluster: Cluster, cmd: ScaleCommand): Out {
  const namespace = cmd.namespace ?? 'default'
  let stdout = ''
  for (const target of cmd.targets) {
    const info = infoOf(cluster, target.kind)
    if (!SCALABLE.has(info.kind)) return fail('Error from server (NotFound): the server could not find the requested resource', stdout)
    if (!getObject(cluster, info, target.name, namespace)) return fail(notFound(info, target.name), stdout)
    cluster.scale(info.kind, target.name, cmd.replicas, { namespace })
    stdout += `${kindSlashName(info, target.name)} scaled\n`
  }
  return ok(stdout)
}

type NodeFacade = {
  cordon?: (name: string) => unknown
  uncordon?: (name: string) => unknown
}

function runCordon(cluster: Cluster, verb: 'cordon' | 'uncordon', name: string): Out {
  const info = infoOf(cluster, 'Node')
  const node = getObject(cluster, info, name, '')
  if (!node) return fail(notFound(info, name))
  const want = verb === 'cordon'
  if (((node as any).spec?.unschedulable === true) === want) return ok(`node/${name} already ${verb}ed\n`)
  const facade = cluster as unknown as NodeFacade
  const method = facade[verb]
  if (typeof method === 'function') method.call(cluster, name)
  else {
    cluster.edit('Node', name, (d: any) => {
      d.spec ??= {}
      if (want) d.spec.unschedulable = true
      else delete d.spec.unschedulable
    })
  }
  return ok(`node/${name} ${verb}ed\n`)
}

type DrainCommand = Extract<KubectlCommand, { verb: 'drain' }>

/**
 * kubectl drain: cordon, evict every pod on the node (refusals by a PodDisruptionBudget are retried),
 * and wait — on the virtual clock — until they are gone (at most 10 minutes of virtual time).
 */
function runDrain(cluster: Cluster, cmd: DrainCommand): Out {
  const info = infoOf(cluster, 'Node')
  const node = getObject(cluster, info, cmd.node, '')
  if (!node) return fail(notFound(info, cmd.node))
  let stdout = `node/${cmd.node} ${(node as any).spec?.unschedulable ? 'already cordoned' : 'cordoned'}\n`
  let stderr = ''
  const daemonPods = (cluster.env.store.podsOnNode(cmd.node) as any[])
    .filter((p) => p.metadata.ownerReferences?.some((r: any) => r.controller && r.kind === 'DaemonSet'))
    .map((p) => `${p.metadata.namespace}/${p.metadata.name}`)
  let handle
  try {
    handle = cluster.drain(cmd.node, { ignoreDaemonSets: cmd.ignoreDaemonSets, force: cmd.force })
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('unable to drain')) {
      return fail(`error: ${error.message}, continuing command...\nThere are pending nodes to be drained:\n ${cmd.node}\nerror: ${error.message.slice(error.message.indexOf('due to error: ') + 'due to error: '.length)}`, stdout)
    }
    throw error
  }
  if (cmd.ignoreDaemonSets && daemonPods.length > 0) stderr += `Warning: ignoring DaemonSet-managed Pods: ${daemonPods.join(', ')}\n`
  const selected = handle.pending()
  for (const key of selected) stdout += `evicting pod ${key}\n`
  try {
    cluster.runUntil(() => handle.done(), { timeout: '10m', description: `drain of node ${cmd.node}` })
  } catch (error) {
    if (!(error instanceof TimeoutError)) throw error
    handle.cancel()
    for (const message of handle.messages()) stderr += `${message}\n`
    return fail(`${stderr}There are pending nodes to be drained:\n ${cmd.node}\nerror: drain did not complete within 10m0s`, stdout)
  }
  for (const message of handle.messages()) stderr += `${message}\n`
  for (const key of selected) stdout += `pod/${key.slice(key.indexOf('/') + 1)} evicted\n`
  stdout += `node/${cmd.node} drained\n`
  return ok(stdout, stderr)
}

// ---- delete, apply --------------------------------------------------------------------------------

type DeleteCommand = Extract<KubectlCommand, { verb: 'delete' }>

function runDelete(cluster: Cluster, cmd: DeleteCommand): Out {
  const namespace = cmd.namespace ?? 'default'
  let stdout = ''
  let stderr = ''
  const force = cmd.gracePeriodSeconds === 0
  if (force) stderr += 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n'
  const victims: { info: KindInfo; name: string; namespace: string }[] = []
  const errors: string[] = []
  const want = (info: KindInfo, name: string, ns: string): void => {
    if (getObject(cluster, info, name, ns)) victims.push({ info, name, namespace: ns })
    else if (!cmd.ignoreNotFound) errors.push(notFound(info, name))
  }
  for (const path of cmd.filenames) {
    for (const file of readManifestFiles(path)) {
      const read = readManifests(file.text, { source: file.path })
      if (read.issues.length) throw new ValidationError(read.issues)
      for (const doc of read.documents) {
        const o = doc.object as any
        const info = infoOf(cluster, String(o.kind))
        want(info, String(o.metadata?.name ?? ''), o.metadata?.namespace ?? namespace)
      }
    }
  }
  let matchedByQuery = false
  for (const target of cmd.targets as ResourceTarget[]) {
    const info = infoOf(cluster, target.kind)
    if (target.name !== undefined) want(info, target.name, namespace)
    else {
      for (const o of cluster.list(info.kind, { namespace: cmd.allNamespaces ? '*' : namespace, labelSelector: cmd.selector })) {
        matchedByQuery = true
        victims.push({ info, name: o.metadata.name, namespace: o.metadata.namespace ?? namespace })
      }
    }
  }
  for (const v of victims) {
    cluster.delete(v.info.kind, v.name, { namespace: v.namespace, ...(cmd.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: cmd.gracePeriodSeconds } : {}) })
    const from = v.info.namespaced ? ` from ${v.namespace} namespace` : ''
    stdout += `${kindString(v.info)} "${v.name}" ${force ? 'force deleted' : 'deleted'}${from}\n`
  }
  if (victims.length === 0 && errors.length === 0 && !matchedByQuery && cmd.filenames.length === 0) {
    stderr += renderNoResources(cmd.allNamespaces ? undefined : namespace)
  }
  return { stdout, stderr: stderr + errors.join(''), exitCode: errors.length ? 1 : 0 }
}

type ApplyCommand = Extract<KubectlCommand, { verb: 'apply' }>

function runApply(cluster: Cluster, cmd: ApplyCommand): Out {
  let stdout = ''
  for (const path of cmd.filenames) {
    let files
    try {
      files = readManifestFiles(path, cmd.recursive)
    } catch (error) {
      return fail(`error: ${(error as Error).message}`, stdout)
    }
    for (const file of files) {
      const result = applyText(cluster, file.text, cmd.namespace)
      if (typeof result !== 'string') return fail(`error: ${file.path}: ${result.message}`, stdout)
      stdout += result
    }
  }
  if (stdout === '') return fail('error: no objects passed to apply')
  return ok(stdout)
}

/**
 * Applies manifest text and returns kubectl's per-object lines (`deployment.apps/web created`,
 * `configured`, `unchanged`), or the ValidationError (nothing written). `namespace` is `-n`.
 */
export function applyText(cluster: Cluster, text: string, namespace?: string): string | ValidationError {
  const read = readManifests(text)
  const before = read.documents.map((doc) => {
    const o = doc.object as any
    const info = cluster.env.registry.find(String(o?.kind ?? ''))
    if (!info || !o?.metadata?.name) return undefined
    return getObject(cluster, info, o.metadata.name, o.metadata.namespace ?? namespace ?? 'default')?.metadata.resourceVersion
  })
  let applied: KubeObject[]
  try {
    if (namespace !== undefined && namespace !== 'default' && read.issues.length === 0) {
      const objects = read.documents.map((doc) => {
        const o = JSON.parse(JSON.stringify(doc.object))
        if (o?.metadata && o.metadata.namespace === undefined && cluster.env.registry.find(String(o.kind))?.namespaced) o.metadata.namespace = namespace
        return o
      })
      const mismatch = objects.find((o: any) => o?.metadata?.namespace && o.metadata.namespace !== namespace && cluster.env.registry.find(String(o.kind))?.namespaced)
      if (mismatch) {
        return new ValidationError([{
          path: 'metadata.namespace',
          message: `the namespace from the provided object "${mismatch.metadata.namespace}" does not match the namespace "${namespace}". You must pass '--namespace=${mismatch.metadata.namespace}' to perform this operation.`,
        }])
      }
      applied = cluster.apply(objects)
    } else {
      applied = cluster.apply(text)
    }
  } catch (error) {
    if (error instanceof ValidationError) return error
    throw error
  }
  return applied
    .map((obj, i) => {
      const info = infoOf(cluster, obj.kind)
      const op = before[i] === undefined ? 'created' : before[i] === obj.metadata.resourceVersion ? 'unchanged' : 'configured'
      return `${kindSlashName(info, obj.metadata.name)} ${op}\n`
    })
    .join('')
}
