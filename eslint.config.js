// ESLint (flat config): rules that catch bugs, not style. Formatting is left to the formatter.
// Type-aware rules (floating promises, exhaustive switches...) run on the TypeScript program of
// tsconfig.json; plain JavaScript files (scripts, demo, test pages) get the untyped rules only.
// Unused exports and files are found by knip (knip.json), which `npm run lint` runs after this.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', 'node_modules/', 'tests/fixtures/', 'docs/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
    },
    rules: {
      // Promises: an unawaited one loses its error (an unlock, a write, a message) silently.
      '@typescript-eslint/no-floating-promises': 'error',
      // A promise where a callback's return is ignored: listeners and `onmessage` must not get one
      // (a rejection there is lost, and an onMessage listener's return value means something). JSX
      // event handlers and object-literal callbacks are left out: their async bodies answer errors
      // as values (Result), and wrapping each in `void` would say nothing more.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false, properties: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/prefer-promise-reject-errors': 'error',
      // A switch over a union (account type, request type) must handle every member.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/no-base-to-string': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // `let [a, b] = ...` where only one is reassigned stays one statement.
      'prefer-const': ['error', { destructuring: 'all' }],
      // No import cycles: a cycle makes module order (and so what is defined when) depend on who
      // imports first. Type-only imports are erased and cannot cycle at run time.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      'import-x/no-duplicates': 'error',
    },
  },
  {
    // Hooks only where Preact components live. `exhaustive-deps` stays off: effects here are keyed
    // on transitions on purpose (`[accounts.length > 0]`, run once on mount), which the rule would
    // only make us silence line by line.
    files: ['components/**/*.{ts,tsx}', 'entrypoints/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error' },
  },
  {
    // Tests tamper with parsed files and wrap raw IndexedDB requests on purpose.
    files: ['tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    ...tseslint.configs.disableTypeChecked,
    // Scripts run in Node, or in a page or the extension through Playwright (`chrome.*`).
    languageOptions: { globals: { ...globals.node, ...globals.browser, ...globals.webextensions } },
  },
);
