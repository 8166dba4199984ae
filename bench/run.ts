// npm run bench [-- --quick] [-- --only name,name]: runs the benchmark scenarios and prints a table.
// Two full scenarios run in a child process of their own:
// - the envelope (150,000 pods), with a larger heap limit (--max-old-space-size=8192, --expose-gc),
//   so its peak heap is its own and a run over the 4 GiB target still reports;
// - the peer comparison, so that neither simulator runs in a heap the earlier scenarios left behind
//   (the scheduler scenario's 5,000 nodes, for one).
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { printTable, writeResults, type Scenario, type ScenarioResult } from './harness'
import { storeScenario } from './store'
import { rolloutScenario } from './rollout'
import { schedulerScenario } from './scheduler'
import { runPeer } from './peer'
import { dayScenario } from './day'
import { outageScenario } from './outage'
import { smallScenario } from './small'
import { envelopeScenario } from './envelope'
import { measuredBuild } from './kubesim'

/** Runs the full scenario in a fresh node process (`bench/child.ts <name>`); quick runs stay in this one. */
function inChild(scenario: Scenario, nodeFlags: string[] = []): Scenario {
  return {
    name: scenario.name,
    run(quick) {
      if (quick) return scenario.run(quick)
      const child = fileURLToPath(new URL('./child.ts', import.meta.url))
      const out = spawnSync(process.execPath, [...nodeFlags, '--import', 'tsx', child, scenario.name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24, timeout: 600_000 })
      if (out.status !== 0) throw new Error(`${scenario.name} child exited with ${out.status ?? out.signal}`)
      return JSON.parse(out.stdout.trim().split('\n').pop()!) as ScenarioResult
    },
  }
}

const scenarios: Scenario[] = [
  smallScenario,
  storeScenario,
  schedulerScenario,
  inChild({ name: 'peer', run: runPeer }),
  dayScenario,
  outageScenario,
  rolloutScenario,
  inChild(envelopeScenario, ['--max-old-space-size=8192', '--expose-gc']),
]

const args = process.argv.slice(2)
const quick = args.includes('--quick')
const onlyIndex = args.indexOf('--only')
const only = onlyIndex >= 0 ? new Set(args[onlyIndex + 1]?.split(',')) : undefined

const results: ScenarioResult[] = []
for (const scenario of scenarios) {
  if (only && !only.has(scenario.name)) continue
  results.push(await scenario.run(quick))
  console.error(`  done: ${scenario.name}`)
}
console.log(printTable(results))
console.log(`measured: ${measuredBuild}`)
// A partial run (--only) writes results.local.json (not committed), so results.json always holds a full run.
const file = only ? './results.local.json' : quick ? './results.quick.json' : './results.json'
writeResults(new URL(file, import.meta.url).pathname, results, quick, measuredBuild)
