import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url))

export default defineConfig({
  resolve: {
    // Examples and tests import the package by name, as users do; resolve it to the sources.
    alias: [
      { find: /^kubesim\/testing$/, replacement: src('testing/index.ts') },
      { find: /^kubesim\/vitest$/, replacement: src('vitest/index.ts') },
      { find: /^kubesim$/, replacement: src('index.ts') },
    ],
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'examples/**/*.test.ts'],
    // The suite must stay under ~3 minutes on a 2-core machine.
    pool: 'threads',
    testTimeout: 60_000,
  },
})
