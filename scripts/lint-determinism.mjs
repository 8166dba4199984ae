// Fails when src/ reaches for wall-clock time, ambient randomness, real timers or async code.
// The simulation's only sources of time and chance are its virtual clock and seeded random stream.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const banned = [
  [/\bDate\b/, 'Date (use the virtual clock)'],
  [/\bMath\.random\b/, 'Math.random (use the seeded random stream)'],
  [/\b(setTimeout|setInterval|setImmediate|queueMicrotask|process\.nextTick)\b/, 'real timers (use clock timers)'],
  [/\bperformance\.now\b|\bprocess\.hrtime\b/, 'wall-clock time'],
  [/\bcrypto\b|\brandomUUID\b|\bgetRandomValues\b/, 'crypto randomness'],
  [/\bawait\b|\basync\s+(function|\(|[a-zA-Z_$][\w$]*\s*=>)|\bPromise\b/, 'async code (the core is synchronous)'],
]
// Files outside the simulation core that may touch the real world (the CLI reads files and the terminal).
const exempt = new Set(['src/cli/main.ts', 'src/cli/files.ts'])

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) yield* walk(path)
    else if (/\.ts$/.test(name) && !/\.test\.ts$/.test(name)) yield path
  }
}

/** Strips comments and string literals so that prose about `Date` does not count. */
export function codeOnly(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/\/\/.*$/gm, '')
    .replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, (m) => m.replace(/[^\n]/g, ' '))
}

export function findViolations(text) {
  const found = []
  codeOnly(text).split('\n').forEach((line, i) => {
    for (const [pattern, what] of banned) if (pattern.test(line)) found.push({ line: i + 1, what })
  })
  return found
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  let failures = 0
  for (const file of walk(join(root, 'src'))) {
    const rel = relative(root, file)
    if (exempt.has(rel)) continue
    for (const v of findViolations(readFileSync(file, 'utf8'))) {
      console.error(`${rel}:${v.line}: ${v.what} is not allowed in the simulation core`)
      failures++
    }
  }
  if (failures) process.exit(1)
  console.log('determinism lint: src/ is free of wall-clock time, ambient randomness, timers and async code')
}
