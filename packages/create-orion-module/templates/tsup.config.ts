import { defineConfig } from 'tsup';

/** One ESM entry with type declarations, for Node 20; the peer dependencies stay external. */
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
});
