import { defineConfig, type Options } from 'tsup';
import base from '../../tsup.config.base.js';

/** The shared build with two entries: the framework-agnostic kit, and `@orion/testing/vitest`. */
export default defineConfig({
  ...(base as Options),
  entry: ['src/index.ts', 'src/vitest.ts'],
});
