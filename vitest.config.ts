import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
        },
      },
      {
        test: {
          name: 'int',
          include: ['packages/server/src/**/*.int.test.ts', 'packages/server/test/**/*.int.test.ts'],
          globalSetup: ['packages/server/test/global-setup.ts'],
          hookTimeout: 60_000,
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          hookTimeout: 120_000,
          testTimeout: 60_000,
          // One browser, one server: walkthroughs run one file at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
