// npm run demo: the four workload patterns and a node outage, printed as kubectl would show them.
import { runDaemonSet } from './daemonset'
import { runDeployment } from './deployment'
import { runJob } from './job'
import { runOutage } from './outage'
import { runStatefulSet } from './statefulset'

const banner = (title: string) => console.log(`\n${'═'.repeat(90)}\n  ${title}\n${'═'.repeat(90)}\n`)
const started = performance.now()
banner('1. Deployment: rolling update and rollback')
runDeployment()
banner('2. StatefulSet: ordered pods with stable identity and storage')
runStatefulSet()
banner('3. DaemonSet: one pod per node')
runDaemonSet()
banner('4. Job and CronJob: run to completion, on a schedule')
runJob()
banner('5. The outage: a node dies, the Service keeps serving')
runOutage()
console.log(`(all of the above: ${Math.round(performance.now() - started)} ms of wall time)`)
