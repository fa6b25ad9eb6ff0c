import { defineConfig } from 'vitest/config';

/** Each test starts a host on a throwaway database: give start-up and migrations time on PostgreSQL. */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
