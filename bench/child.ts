// A scenario in its own process (started by bench/run.ts): `child.ts <name>`. Prints the result as
// one JSON line on stdout.
import { ENVELOPE_FULL, runEnvelope } from './envelope'
import { runPeer } from './peer'

const name = process.argv[2]
if (name === 'envelope') console.log(JSON.stringify(runEnvelope(ENVELOPE_FULL)))
else if (name === 'peer') console.log(JSON.stringify(await runPeer(false)))
else throw new Error(`bench/child.ts: no scenario "${name}"`)
