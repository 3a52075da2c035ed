// Lint: the TypeScript rules, plus the one layering rule that matters (STYLE.md habit 13).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layering =
  'src/core and contracts are the pure domain: they must not import adapters, use cases, drivers, node:* or React ' +
  '(see docs/architecture.md). Pass what you need in as plain values.';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='only'][callee.object.name=/^(it|test|describe)$/]", message: 'No focused tests.' },
        { selector: "CallExpression[callee.property.name='skip'][callee.object.name=/^(it|test|describe)$/]", message: 'No skipped tests.' },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
  {
    // Tests read loosely typed JSON responses.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/core/**/*.ts', 'contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'crypto', 'os', 'child_process', 'http'], message: layering },
            { group: ['**/adapters/**', '**/use-cases/**', '**/main/**', '**/config/**'], message: layering },
            { group: ['pg', 'kysely', '@electric-sql/*', 'hono', 'hono/*', '@hono/*', 'react', 'react-*', 'antd', 'pino', 'nodemailer'], message: layering },
          ],
        },
      ],
    },
  },
);
