// The layout stays honest: dependencies flow one way (sim → api → store → runtime →
// controllers/kubelet → cluster → entry points), controllers never import each other, and the
// determinism lint really fails on forbidden calls.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, dirname, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
// @ts-expect-error: a plain .mjs script without types
import { findViolations } from '../scripts/lint-determinism.mjs'

const root = resolve(__dirname, '..')
const src = join(root, 'src')

const LEVEL: Record<string, number> = {
  sim: 0,
  api: 1,
  manifest: 2,
  kubectl: 2,
  store: 3,
  runtime: 4,
  controllers: 5,
  kubelet: 5,
  cluster: 6,
  testing: 7,
  vitest: 7,
  cli: 7,
  'index.ts': 7,
}

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) yield* walk(path)
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) yield path
  }
}

const layerOf = (file: string) => relative(src, file).split('/')[0]
/** controllers/<unit>: a folder or a single file. */
const controllerUnit = (file: string) => relative(join(src, 'controllers'), file).split('/')[0].replace(/\.ts$/, '')

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const found: string[] = []
  for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s+'(\.[^']+)'/g)) found.push(resolve(dirname(file), m[1]))
  return found
}

describe('architecture', () => {
  it('imports only flow downwards through the layers', () => {
    const violations: string[] = []
    for (const file of walk(src)) {
      const from = layerOf(file)
      for (const target of imports(file)) {
        const to = layerOf(target.endsWith('.ts') ? target : `${target}.ts`)
        if (LEVEL[from] === undefined || LEVEL[to] === undefined) continue
        if (LEVEL[to] > LEVEL[from]) violations.push(`${relative(root, file)} imports ${relative(root, target)} (${from} → ${to})`)
        if (from === 'kubelet' && to === 'controllers') violations.push(`${relative(root, file)}: the kubelet must not import a controller`)
        if (from === 'controllers' && to === 'kubelet') violations.push(`${relative(root, file)}: a controller must not import the kubelet`)
      }
    }
    expect(violations).toEqual([])
  })

  it('controllers never import each other', () => {
    const violations: string[] = []
    for (const file of walk(join(src, 'controllers'))) {
      for (const target of imports(file)) {
        if (!relative(join(src, 'controllers'), target).startsWith('..') && controllerUnit(target) !== controllerUnit(file))
          violations.push(`${relative(root, file)} imports ${relative(root, target)}`)
      }
    }
    expect(violations).toEqual([])
  })

  it('the determinism lint flags wall-clock time, randomness, timers and async code, but not comments or strings', () => {
    expect(findViolations('const t = Date.now()').map((v: { what: string }) => v.what)).toEqual(['Date (use the virtual clock)'])
    expect(findViolations('const r = Math.random()')).toHaveLength(1)
    expect(findViolations('setTimeout(() => {}, 10)')).toHaveLength(1)
    expect(findViolations('const id = crypto.randomUUID()')).toHaveLength(1)
    expect(findViolations('async function f() { await g() }')).toHaveLength(1)
    expect(findViolations('// Date.now() would be wrong here\nconst s = "Math.random"')).toEqual([])
  })
})
