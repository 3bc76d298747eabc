// Lint: typed rules for TypeScript, and the import boundary that keeps the core a pure
// language service (no editor, no protocol, no Node I/O).
import tseslint from 'typescript-eslint';
import regexp from 'eslint-plugin-regexp';

export default tseslint.config(
  {
    ignores: ['**/out/**', 'tmp/**', 'tmp-*/**', 'node_modules/**', '.e2e/**', 'schemas/**', 'test/e2e/harness/**', '**/*.js', '**/*.mjs', '**/*.cjs'],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        // node:test runs the promises its test() and describe() return.
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] }] },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Time to check stays linear in the text: no regular expression in the shipped code
    // may backtrack super-linearly, nor retry from every position of a long run.
    files: ['server/src/**/*.ts', 'client/src/**/*.ts'],
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
    },
  },
  {
    files: ['server/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'server/src/core is a pure language service: no editor API.' },
            { name: 'vscode-languageserver', message: 'server/src/core must not depend on the LSP connection; use plain data.' },
            { name: 'vscode-languageserver/node', message: 'server/src/core must not depend on the LSP connection.' },
            { name: 'vscode-languageclient', message: 'server/src/core must not depend on the client.' },
            { name: 'fs', message: 'server/src/core reads files through the FileSystem interface.' },
            { name: 'node:fs', message: 'server/src/core reads files through the FileSystem interface.' },
          ],
          patterns: [
            { group: ['vscode-languageserver/*', 'vscode-languageclient/*'], message: 'server/src/core must not depend on LSP packages.' },
            { group: ['**/lsp/**', '**/cli/**', '**/node/**', '**/client/**'], message: 'server/src/core must not import the adapters.' },
          ],
        },
      ],
    },
  },
);
