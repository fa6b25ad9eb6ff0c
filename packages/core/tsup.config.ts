import { defineConfig, type Options } from 'tsup';
import base from '../../tsup.config.base.js';

/**
 * The shared build plus the `orion` command line: `dist/cli/bin.js`, whose shebang esbuild keeps
 * and tsup makes executable. Declarations are made for the library entry only.
 */
export default defineConfig({
  ...(base as Options),
  entry: ['src/index.ts', 'src/cli/bin.ts'],
  dts: { entry: 'src/index.ts' },
});
