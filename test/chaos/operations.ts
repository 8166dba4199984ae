// The chaos vocabulary: what a user or the world does to the mixed workload — apply, scale, image
// change, rollout restart/undo/pause/resume, Job parallelism, CronJob suspend, delete, pod deletion,
// crash, stopNode/startNode, removeNode/addNode, cordon/uncordon/drain, time passing — as plain data
// that prints as a command line (and parses back), and `runSchedule`, which performs a schedule on a
// fresh cluster, checking every invariant after each settle and at every instant of time passing,
// then stops all faults and waits (bounded) for convergence. A failure throws with the seed, the
// schedule and the log of what each step resolved to (which pod was crashed, which op was skipped).
import fc from 'fast-check'
import { RolloutError, createCluster, type Cluster, type DrainHandle } from '../../src/index'
import { createInvariantChecker, findUnconverged } from '../../src/testing/index'
import { agentDaemonSet, batchJob, dbStatefulSet, mixedWorkload, tickCronJob, webDeployment, type Workload } from './workloads'

export const NODES = ['node-1', 'node-2', 'node-3'] as const
export type NodeName = (typeof NODES)[number]

export type Operation =
  | { op: 'apply'; target: Workload }
  | { op: 'scale'; target: 'web' | 'db'; replicas: number }
  | { op: 'image'; target: 'web' | 'db' | 'agent'; version: number }
  | { op: 'restart'; target: 'web' | 'db' | 'agent' }
  | { op: 'undo'; target: 'web' | 'db' | 'agent' }
  | { op: 'pause'; target: 'web' }
  | { op: 'resume'; target: 'web' }
  | { op: 'parallelism'; target: 'batch'; parallelism: number }
  | { op: 'suspend'; target: 'tick'; suspend: boolean }
  | { op: 'delete'; target: Workload }
  | { op: 'deletePod'; pick: number }
  | { op: 'crash'; pick: number }
  | { op: 'stopNode'; node: NodeName }
  | { op: 'startNode'; node: NodeName }
  | { op: 'removeNode'; node: NodeName }
  | { op: 'addNode'; node: NodeName }
  | { op: 'cordon'; node: NodeName }
  | { op: 'uncordon'; node: NodeName }
  | { op: 'drain'; node: NodeName }
  | { op: 'advance'; ms: number }

/** Operations that break things the controllers must repair (not just change the desired state). */
export const FAULTS: ReadonlySet<Operation['op']> = new Set(['deletePod', 'crash', 'stopNode', 'removeNode', 'drain'])

/** `scale web 4`, `crash pod#2`, `advance 30s`: how an operation prints in a failing schedule. */
export function describeOperation(o: Operation): string {
  switch (o.op) {
    case 'apply':
    case 'delete':
      return `${o.op} ${o.target}`
    case 'restart':
    case 'undo':
    case 'pause':
    case 'resume':
      return `rollout ${o.op} ${o.target}`
    case 'parallelism':
      return `parallelism ${o.target} ${o.parallelism}`
    case 'suspend':
      return `suspend ${o.target} ${o.suspend}`
    case 'scale':
      return `scale ${o.target} ${o.replicas}`
    case 'image':
      return `image ${o.target} v${o.version}`
    case 'deletePod':
    case 'crash':
      return `${o.op} pod#${o.pick}`
    case 'advance':
      return `advance ${o.ms % 60_000 === 0 ? `${o.ms / 60_000}m` : `${o.ms / 1000}s`}`
    default:
      return `${o.op} ${o.node}`
  }
}

/** The inverse of describeOperation: `parseOperation('scale web 4')`, for replaying a printed schedule. */
export function parseOperation(text: string): Operation {
  const [verb, ...args] = text.trim().split(/\s+/)
  const arg = args.join(' ')
  const fail = (): never => {
    throw new Error(`not a chaos operation: "${text}"`)
  }
  switch (verb) {
    case 'apply':
    case 'delete':
      return printable({ op: verb, target: arg as Workload })
    case 'rollout':
      return printable({ op: args[0] as 'restart' | 'undo' | 'pause' | 'resume', target: args[1] as 'web' })
    case 'parallelism':
      return printable({ op: 'parallelism', target: 'batch', parallelism: Number(args[1]) })
    case 'suspend':
      return printable({ op: 'suspend', target: 'tick', suspend: args[1] === 'true' })
    case 'scale':
      return printable({ op: 'scale', target: args[0] as 'web', replicas: Number(args[1]) })
    case 'image':
      return printable({ op: 'image', target: args[0] as 'web', version: Number(args[1].replace(/^v/, '')) })
    case 'deletePod':
    case 'crash':
      return printable({ op: verb, pick: Number(arg.replace(/^pod#/, '')) })
    case 'advance':
      return printable({ op: 'advance', ms: arg.endsWith('m') ? Number(arg.slice(0, -1)) * 60_000 : Number(arg.slice(0, -1)) * 1000 })
    case 'stopNode':
    case 'startNode':
    case 'removeNode':
    case 'addNode':
    case 'cordon':
    case 'uncordon':
    case 'drain':
      return printable({ op: verb, node: arg as NodeName })
    default:
      return fail()
  }
}

/** `"[delete batch,advance 30s]"` (as fast-check prints a counterexample) → operations. */
export function parseSchedule(text: string): Operation[] {
  const inner = text.trim().replace(/^\[/, '').replace(/\]$/, '')
  return inner ? inner.split(',').map(parseOperation) : []
}

const printable = (o: Operation): Operation => Object.defineProperty(o, fc.toStringMethod, { value: () => describeOperation(o), enumerable: false })

const node = fc.constantFrom(...NODES)
const workload = fc.constantFrom<Workload>('web', 'db', 'agent', 'batch', 'tick')
const deletable = fc.constantFrom<Workload>('web', 'db', 'agent', 'batch', 'tick')
const rollable = fc.constantFrom<'web' | 'db' | 'agent'>('web', 'db', 'agent')

/** One operation; time passing is the most common, so faults have time to play out. */
export const operation: fc.Arbitrary<Operation> = fc
  .oneof(
    { weight: 6, arbitrary: fc.constantFrom(1_000, 5_000, 30_000, 120_000, 360_000).map((ms) => ({ op: 'advance' as const, ms })) },
    { weight: 1, arbitrary: workload.map((target) => ({ op: 'apply' as const, target })) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('scale' as const), target: fc.constantFrom<'web' | 'db'>('web', 'db'), replicas: fc.integer({ min: 0, max: 5 }) }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('image' as const), target: fc.constantFrom<'web' | 'db' | 'agent'>('web', 'db', 'agent'), version: fc.integer({ min: 1, max: 3 }) }) },
    { weight: 1, arbitrary: rollable.map((target) => ({ op: 'restart' as const, target })) },
    { weight: 1, arbitrary: rollable.map((target) => ({ op: 'undo' as const, target })) },
    { weight: 1, arbitrary: fc.constantFrom('pause' as const, 'resume' as const).map((op) => ({ op, target: 'web' as const })) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 4 }).map((parallelism) => ({ op: 'parallelism' as const, target: 'batch' as const, parallelism })) },
    { weight: 1, arbitrary: fc.boolean().map((suspend) => ({ op: 'suspend' as const, target: 'tick' as const, suspend })) },
    { weight: 1, arbitrary: deletable.map((target) => ({ op: 'delete' as const, target })) },
    { weight: 1, arbitrary: fc.nat(50).map((pick) => ({ op: 'deletePod' as const, pick })) },
    { weight: 2, arbitrary: fc.nat(50).map((pick) => ({ op: 'crash' as const, pick })) },
    { weight: 1, arbitrary: node.map((n) => ({ op: 'stopNode' as const, node: n })) },
    { weight: 1, arbitrary: node.map((n) => ({ op: 'startNode' as const, node: n })) },
    { weight: 1, arbitrary: node.map((n) => ({ op: 'removeNode' as const, node: n })) },
    { weight: 1, arbitrary: node.map((n) => ({ op: 'addNode' as const, node: n })) },
    { weight: 1, arbitrary: node.map((n) => ({ op: 'cordon' as const, node: n })) },
    { weight: 1, arbitrary: node.map((n) => ({ op: 'uncordon' as const, node: n })) },
    { weight: 1, arbitrary: node.map((n) => ({ op: 'drain' as const, node: n })) },
  )
  .map(printable)

export const schedule = fc.array(operation, { minLength: 1, maxLength: 30, size: 'large' })

const KIND: Record<Workload, string> = { web: 'Deployment', db: 'StatefulSet', agent: 'DaemonSet', batch: 'Job', tick: 'CronJob' }

const manifestOf = (target: Workload): Record<string, any> =>
  ({ web: webDeployment, db: dbStatefulSet, agent: agentDaemonSet, batch: batchJob, tick: tickCronJob })[target]()

const IMAGES = { web: 'nginx', db: 'postgres', agent: 'fluentd' } as const

/** The state a schedule runs in: the cluster, which nodes are powered off, drains under way, the log. */
export interface ChaosRun {
  seed: number
  cluster: Cluster
  stopped: Set<string>
  drains: DrainHandle[]
  log: string[]
}

/** Performs one operation (skipping it, with a note in the log, when its target does not exist). */
export function perform(run: ChaosRun, o: Operation): void {
  const { cluster } = run
  const note = (text: string): void => void run.log.push(`${describeOperation(o)}: ${text}`)
  switch (o.op) {
    case 'apply':
      cluster.apply(manifestOf(o.target))
      return note('applied')
    case 'scale':
      if (!cluster.get(KIND[o.target], o.target)) return note('skipped (not found)')
      cluster.scale(KIND[o.target], o.target, o.replicas)
      return note('scaled')
    case 'image': {
      if (!cluster.get(KIND[o.target], o.target)) return note('skipped (not found)')
      const image = `${IMAGES[o.target]}:${o.version}`
      cluster.edit(KIND[o.target], o.target, (d: any) => void (d.spec.template.spec.containers[0].image = image))
      return note(`image ${image}`)
    }
    case 'restart':
    case 'undo':
    case 'pause':
    case 'resume': {
      if (!cluster.get(KIND[o.target], o.target)) return note('skipped (not found)')
      const rollout = { restart: cluster.rolloutRestart, undo: cluster.rolloutUndo, pause: cluster.rolloutPause, resume: cluster.rolloutResume }[o.op]
      try {
        const said = rollout.call(cluster, KIND[o.target], o.target)
        return note(said.trim())
      } catch (error) {
        if (error instanceof RolloutError) return note(`skipped (${error.message})`)
        throw error
      }
    }
    case 'parallelism':
      if (!cluster.get('Job', o.target)) return note('skipped (not found)')
      cluster.edit('Job', o.target, (d: any) => void (d.spec.parallelism = o.parallelism))
      return note('edited')
    case 'suspend':
      if (!cluster.get('CronJob', o.target)) return note('skipped (not found)')
      cluster.edit('CronJob', o.target, (d: any) => void (d.spec.suspend = o.suspend))
      return note('edited')
    case 'delete':
      if (!cluster.get(KIND[o.target], o.target)) return note('skipped (not found)')
      cluster.delete(KIND[o.target], o.target)
      return note('deleted')
    case 'deletePod':
    case 'crash': {
      const candidates = (cluster.list('Pod') as any[]).filter((p) =>
        o.op === 'crash' ? !p.metadata.deletionTimestamp && !run.stopped.has(p.spec.nodeName) && cluster.get('Node', p.spec.nodeName) && p.status?.containerStatuses?.some((c: any) => c.state?.running) : !p.metadata.deletionTimestamp,
      )
      if (!candidates.length) return note('skipped (no candidate pod)')
      const pod = candidates[o.pick % candidates.length]
      if (o.op === 'crash') cluster.crash(pod.metadata.name, { container: pod.status.containerStatuses.find((c: any) => c.state?.running).name })
      else cluster.delete('Pod', pod.metadata.name)
      return note(pod.metadata.name)
    }
    case 'removeNode':
      if (!cluster.get('Node', o.node)) return note('skipped (not found)')
      cluster.removeNode(o.node)
      run.stopped.delete(o.node)
      return note('removed')
    case 'addNode':
      if (cluster.get('Node', o.node)) return note('skipped (exists)')
      cluster.addNode({ name: o.node })
      return note('added')
    case 'stopNode':
      if (!cluster.get('Node', o.node)) return note('skipped (not found)')
      if (run.stopped.has(o.node)) return note('skipped (already stopped)')
      cluster.stopNode(o.node)
      run.stopped.add(o.node)
      return note('stopped')
    case 'startNode':
      if (!run.stopped.has(o.node)) return note('skipped (running)')
      cluster.startNode(o.node)
      run.stopped.delete(o.node)
      return note('started')
    case 'cordon':
      if (!cluster.get('Node', o.node)) return note('skipped (not found)')
      cluster.cordon(o.node)
      return note('cordoned')
    case 'uncordon':
      if (!cluster.get('Node', o.node)) return note('skipped (not found)')
      cluster.uncordon(o.node)
      return note('uncordoned')
    case 'drain':
      if (!cluster.get('Node', o.node)) return note('skipped (not found)')
      run.drains.push(cluster.drain(o.node))
      return note('draining')
    case 'advance':
      return note(`to +${cluster.elapsed() + o.ms} ms`)
  }
}

export interface ScheduleResult {
  /** Virtual ms from the end of faults to convergence. */
  convergedAfterMs: number
  /** Virtual ms the whole schedule took. */
  virtualMs: number
  /** Fault operations performed (not skipped). */
  faults: number
  log: string[]
}

/** Virtual time the cluster gets to converge once faults stop (CrashLoopBackOff caps at 5 min). */
export const CONVERGENCE_BOUND_MS = 15 * 60_000

/**
 * Runs a schedule on a fresh 3-node cluster with the mixed workload: every invariant holds after
 * each settle and at every instant of time passing (the Deployment surge bound too, faults or not);
 * after the last operation, faults stop (nodes started, re-added and uncordoned, drains cancelled)
 * and the cluster converges (findUnconverged is empty) within CONVERGENCE_BOUND_MS.
 */
export function runSchedule(seed: number, operations: readonly Operation[]): ScheduleResult {
  const cluster = createCluster({ seed, nodes: NODES.length })
  const checker = createInvariantChecker(cluster)
  const run: ChaosRun = { seed, cluster, stopped: new Set(), drains: [], log: [] }
  const fail = (error: unknown): never => {
    const message = error instanceof Error ? error.message : String(error)
    throw new Error(`chaos seed ${seed} failed at +${cluster.elapsed()} ms: ${message}\nschedule: [${operations.map(describeOperation).join(', ')}]\nlog:\n  ${run.log.join('\n  ')}`, { cause: error })
  }
  try {
    cluster.apply(mixedWorkload())
    checker.advance(30_000)
    for (const o of operations) {
      perform(run, o)
      if (o.op === 'advance') checker.advance(o.ms)
      else checker.settle()
    }
    // Faults stop: every node powered on and schedulable, no drain retrying.
    for (const drain of run.drains) drain.cancel()
    for (const name of [...run.stopped].sort()) cluster.startNode(name)
    for (const name of NODES) if (!cluster.get('Node', name)) cluster.addNode({ name })
    for (const name of NODES) cluster.uncordon(name)
    run.log.push('faults stopped: nodes started, re-added, uncordoned, drains cancelled')
    const startedMs = cluster.now()
    checker.runUntil(() => findUnconverged(cluster).length === 0, { timeout: CONVERGENCE_BOUND_MS, describe: () => findUnconverged(cluster).join('; ') })
    const faults = operations.filter((o, i) => FAULTS.has(o.op) && !run.log[i].includes('skipped')).length
    return { convergedAfterMs: cluster.now() - startedMs, virtualMs: cluster.elapsed(), faults, log: run.log }
  } catch (error) {
    return fail(error)
  }
}
