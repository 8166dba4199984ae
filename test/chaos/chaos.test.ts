// Chaos: random schedules of operations and faults on the mixed workload (every workload kind, a
// Service and a PodDisruptionBudget). Invariants (kubesim/testing) hold after every settle and at
// every instant of time passing — the Deployment surge bound included, faults or not — and once
// faults stop the cluster converges (status and pods) within a bounded virtual time.
// A failing schedule prints its fast-check seed and shrinks to a minimal, printable command list,
// e.g. `Counterexample: [7,[stopNode node-2,advance 6m]]`. Replay it with
//   CHAOS_REPLAY='7 [stopNode node-2,advance 6m]' npx vitest run test/chaos
// or replay the whole run with CHAOS_SEED (and CHAOS_PATH) as printed.
// Sized by CHAOS_RUNS (default 50, ~5-10 s; CHAOS_RUNS=1000 runs the full 1,000 schedules).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CONVERGENCE_BOUND_MS, describeOperation, operation, parseOperation, parseSchedule, runSchedule, schedule } from './operations'

const RUNS = Number(process.env.CHAOS_RUNS ?? 50)
const replayRun = process.env.CHAOS_SEED ? { seed: Number(process.env.CHAOS_SEED), path: process.env.CHAOS_PATH } : {}
const replaySchedule = process.env.CHAOS_REPLAY

describe('chaos: random operations and faults on every workload kind', () => {
  it(
    `keeps every invariant and converges within ${CONVERGENCE_BOUND_MS / 60_000} virtual minutes after faults stop, for ${RUNS} random schedules`,
    () => {
      const stats = { schedules: 0, operations: 0, skipped: 0, faults: 0, longestConvergenceMs: 0, virtualMs: 0 }
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), schedule, (seed, operations) => {
          const result = runSchedule(seed, operations)
          stats.schedules++
          stats.operations += operations.length
          stats.skipped += result.log.filter((line) => line.includes('skipped')).length
          stats.faults += result.faults
          stats.virtualMs += result.virtualMs
          stats.longestConvergenceMs = Math.max(stats.longestConvergenceMs, result.convergedAfterMs)
        }),
        { numRuns: RUNS, ...replayRun },
      )
      if (process.env.CHAOS_RUNS) console.log(`chaos: ${JSON.stringify(stats)}`)
      expect(stats.schedules).toBe(RUNS)
      expect(stats.faults).toBeGreaterThan(0)
      expect(stats.longestConvergenceMs).toBeLessThanOrEqual(CONVERGENCE_BOUND_MS)
    },
    60_000 + RUNS * 2_000,
  )

  it('prints every operation as a command that parses back to it', () => {
    fc.assert(fc.property(operation, (o) => describeOperation(parseOperation(describeOperation(o))) === describeOperation(o)))
    expect(parseSchedule('[scale web 4,stopNode node-2,advance 6m,crash pod#3,rollout undo db,image agent v2]').map(describeOperation)).toEqual([
      'scale web 4',
      'stopNode node-2',
      'advance 6m',
      'crash pod#3',
      'rollout undo db',
      'image agent v2',
    ])
  })

  if (replaySchedule)
    it('replays CHAOS_REPLAY ("<seed> [<op>,…]", or the counterexample as printed: "[<seed>,[<op>,…]]")', () => {
      const text = /^\s*\[\s*\d/.test(replaySchedule) ? replaySchedule.trim().slice(1, -1) : replaySchedule
      const [, seed, ops] = /^\s*(\d+)\s*,?\s*(\[.*\])\s*$/.exec(text) ?? []
      const result = runSchedule(Number(seed), parseSchedule(ops))
      console.log(result.log.join('\n'))
    })
})
