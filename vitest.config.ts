import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const source = (name: string) => fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests import the packages' sources; code that discovery loads from disk uses their builds.
    alias: {
      '@orion/contracts': source('contracts'),
      '@orion/core': source('core'),
      '@orion/tenancy': source('tenancy'),
      '@orion/orders': source('orders'),
      '@orion/customers': source('customers'),
      '@orion/catalog': source('catalog'),
      '@orion/inventory': source('inventory'),
      '@orion/marketplace': source('marketplace'),
      '@orion/cms': source('cms'),
      // the subpath first: an alias also matches `<key>/…`, and the first match wins
      '@orion/testing/vitest': fileURLToPath(new URL('./packages/testing/src/vitest.ts', import.meta.url)),
      '@orion/testing': source('testing'),
    },
  },
  test: {
    include: [
      'test/**/*.test.ts',
      'bench/test/**/*.test.ts',
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'examples/*/test/**/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
