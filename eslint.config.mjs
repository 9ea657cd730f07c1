// ESLint flat config (run by `npm test`): ESLint's and typescript-eslint's recommended rules for the sources,
// tests and scripts. Formatting is Prettier's (.prettierrc.json), so there are no stylistic rules here.
// @see https://typescript-eslint.io/getting-started/
// @see https://eslint.org/docs/latest/use/configure/configuration-files
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // Generated or third-party code: build output, the bundled GitLab helper, goldens, examples, e2e scratch.
    ignores: [
      'lib/**',
      'dist/**',
      'coverage/**',
      'examples/**',
      'templates/**',
      'test/golden/**',
      '.e2e/**',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // A leading underscore marks a value that is destructured away or kept for its position on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Tests read parsed YAML and JSON documents, which are untyped by nature.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
