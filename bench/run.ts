// npm run bench [-- --quick] [-- --only name,name]: runs the benchmark scenarios and prints a table.
import { printTable, writeResults, type Scenario, type ScenarioResult } from './harness'
import { storeScenario } from './store'
import { rolloutScenario } from './rollout'
import { schedulerScenario } from './scheduler'
import { runPeer } from './peer'
import { dayScenario } from './day'
import { outageScenario } from './outage'

const scenarios: Scenario[] = [storeScenario, schedulerScenario, { name: 'peer', run: runPeer }, dayScenario, outageScenario, rolloutScenario]

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
writeResults(new URL(quick ? './results.quick.json' : './results.json', import.meta.url).pathname, results, quick)
