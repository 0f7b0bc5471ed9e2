// StrykerJS configuration for `npm run mutation` (scripts/run-mutation.mjs runs it once per module
// of scripts/mutation-modules.mjs). Equivalent mutants are marked where they occur with a
// `// Stryker disable next-line <mutator>: equivalent, <reason>` comment.
import { selectedMutationModule } from './scripts/mutation-modules.mjs';

const module = selectedMutationModule();

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.mutation.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: module.mutate,
  coverageAnalysis: 'perTest',
  // Two cores shared by many: one test process, one checker.
  concurrency: 1,
  timeoutMS: 10_000,
  reporters: ['clear-text', 'html', 'json'],
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  htmlReporter: { fileName: `reports/mutation/${module.name}.html` },
  jsonReporter: { fileName: `reports/mutation/${module.name}.json` },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  ignorePatterns: ['out', 'test-results', 'reports', 'coverage', '.cache', 'bench', 'test/e2e', 'test/integration', 'docs'],
  logLevel: 'warn',
  fileLogLevel: 'off',
};
