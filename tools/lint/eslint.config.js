// Type-aware lint for the whole tree: the async mistakes that take a service down (floating
// promises, promises passed where a callback's result is ignored, emitters without an 'error'
// listener) and `any` leaking in from the edges. Run from the project root: `npm run lint`.
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';
import { emitterErrorListener } from './rules/emitter-error-listener.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export default tseslint.config(
  { basePath: root, ignores: ['node_modules/**', 'tools/**', 'data/**', 'test/fixtures/**', 'bin/**'] },
  {
    basePath: root,
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: root },
    },
    plugins: {
      '@typescript-eslint': tseslint.plugin,
      buddy: { rules: { 'emitter-error-listener': emitterErrorListener } },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/prefer-promise-reject-errors': 'error',
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unsafe-assignment': 'error',
      '@typescript-eslint/no-unsafe-member-access': 'error',
      '@typescript-eslint/no-unsafe-call': 'error',
      '@typescript-eslint/no-unsafe-return': 'error',
      '@typescript-eslint/no-unsafe-argument': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'buddy/emitter-error-listener': 'error',
    },
  },
  {
    // vitest types its asymmetric matchers (expect.any, expect.stringContaining) as `any`, and
    // tests read HTTP bodies as JSON to compare them whole: that is not `any` leaking from an edge.
    basePath: root,
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off', '@typescript-eslint/no-unsafe-return': 'off' },
  },
);
