import { schedulerScenario } from '/work/main/bench/scheduler'
const quick = process.argv.includes('--quick')
console.log(schedulerScenario.run(quick))
