import { defineConfig } from 'tsup';

/** How every published package builds: one ESM entry with declarations, for Node 20. */
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
});
