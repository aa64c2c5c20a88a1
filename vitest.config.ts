import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // A safety net against hangs, not a speed check: training tests take seconds, more on a busy machine.
    testTimeout: 60_000,
  },
});
