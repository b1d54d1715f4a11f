import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/bench/**', 'node_modules/**'],
    // the e2e tier spawns the built bin; a shared machine is slow at times
    testTimeout: 30_000,
    env: { TZ: 'Europe/Amsterdam' },
  },
});
