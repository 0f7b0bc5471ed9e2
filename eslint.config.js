import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { layerRules } from './eslint.layers.js';

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'src/main/usp/generated/**', 'test-results/**', '.stryker-tmp/**', 'reports/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // The dependency rules of docs/architecture.md, one zone per folder.
  ...layerRules,
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/shared/usp-error-codes.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'Literal[raw=/^7\\d{3}$/]', message: 'Use the named USP error code from src/shared/usp-error-codes.ts, not a bare 7xxx number.' },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
);
