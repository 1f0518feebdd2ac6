import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // every /api response a test receives through createApp(…).request is checked against the OpenAPI document
    setupFiles: ['test/setup/check-api-responses.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two cores: files run in parallel, but not so many that process-spawning tests starve.
    maxWorkers: 2,
    env: { DOTENV_CONFIG_QUIET: 'true' },
  },
});
