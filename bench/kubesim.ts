// The package under measurement. A user's test imports the built package (dist/, bundled by tsup
// without the name-keeping wrappers tsx adds to every closure), so that is what the benchmarks run;
// `npm run bench` builds it first. KUBESIM_BENCH_SOURCE=1 runs src/ through tsx instead (profiling
// with source names). Types come from src/ either way.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

type Kubesim = typeof import('../src/index')

const built = new URL('../dist/index.js', import.meta.url)
const fromSource = process.env.KUBESIM_BENCH_SOURCE === '1'
if (!fromSource && !existsSync(fileURLToPath(built))) throw new Error('bench: dist/index.js is missing; run `npm run build` (npm run bench builds it first)')

const kubesim = (fromSource ? await import('../src/index') : await import(built.href)) as Kubesim

export const createCluster: Kubesim['createCluster'] = kubesim.createCluster
/** Where the measured code came from, for the results file. */
export const measuredBuild = fromSource ? 'src (tsx)' : 'dist (tsup build)'
