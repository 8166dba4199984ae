import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The suite must stay under ~3 minutes on a 2-core machine.
    pool: 'threads',
    testTimeout: 60_000,
  },
})
