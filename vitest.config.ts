import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 180_000, // CLI tests start whole runs; a loaded 2-core machine can take minutes
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
