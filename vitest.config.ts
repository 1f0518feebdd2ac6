import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two cores: files run in parallel, but not so many that process-spawning tests starve.
    maxWorkers: 2,
    env: { DOTENV_CONFIG_QUIET: 'true' },
  },
});
