import { defineConfig } from 'vitest/config';
// @ts-expect-error plain .mjs module shared with stryker.config.mjs, no type declarations
import { selectedMutationModule } from './scripts/mutation-modules.mjs';

// Only the unit tests of the module Stryker is mutating (see scripts/mutation-modules.mjs).
const { tests } = selectedMutationModule() as { tests: string[] };

export default defineConfig({
  test: { include: tests, environment: 'node' },
});
