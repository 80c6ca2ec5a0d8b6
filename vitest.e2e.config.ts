import { defineConfig } from 'vitest/config';

// End-to-end: the real renderer (built by `electron-vite build`) in Debian's
// Chromium, driven by playwright-core, against a real backend through the
// harness. One browser at a time: the machines have two cores.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
