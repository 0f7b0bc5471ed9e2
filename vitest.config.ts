import { defineConfig } from 'vitest/config';

// Three suites: pure unit tests, integration tests against real sockets and brokers,
// and end-to-end tests driving the served UI in Chromium. Integration and e2e suites
// start their own brokers and servers, so they run one file at a time, and the projects
// run one after another (sequence.groupOrder) so they never compete for the 2 cores.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.{ts,tsx}'], environment: 'node', sequence: { groupOrder: 0 } } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 90_000,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          // The CLI runs as users run it, built (npm run test:integration builds first).
          globalSetup: ['test/setup/fresh-build.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
          // Refuses to drive a build older than the sources (npm run test:e2e builds first).
          globalSetup: ['test/setup/fresh-build.ts'],
        },
      },
    ],
  },
});
