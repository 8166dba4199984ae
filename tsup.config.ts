import { defineConfig } from 'tsup'

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    testing: 'src/testing/index.ts',
    vitest: 'src/vitest/index.ts',
    cli: 'src/cli/main.ts',
  },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts', testing: 'src/testing/index.ts', vitest: 'src/vitest/index.ts' } },
  clean: true,
  sourcemap: true,
  target: 'node20',
  external: ['vitest'],
})
