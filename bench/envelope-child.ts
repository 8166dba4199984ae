// The full envelope in its own process (started by bench/run.ts with a larger heap limit); prints the
// result as one JSON line on stdout.
import { ENVELOPE_FULL, runEnvelope } from './envelope'

console.log(JSON.stringify(runEnvelope(ENVELOPE_FULL)))
