import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // A throwaway PostgreSQL cluster for the storage tests (skipped without the binaries unless REQUIRE_POSTGRES=1).
    globalSetup: ['test/support/postgres-global-setup.ts'],
  },
});
