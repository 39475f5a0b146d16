import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'coverage/', 'tests/output/', 'dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { files: ['bin/*.js'], languageOptions: { globals: { process: 'readonly' } } },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      // The core is pure: no I/O, no framework, nothing from outside src/core.
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'fs', 'path', 'http', 'mongoose', 'agenda', 'botbuilder', '@slack/*'], message: 'src/core is pure: no I/O or framework imports.' },
          { group: ['../../adapters/*', '../../ports/*', '../../nudges/*', '../../views/*', '../../config/*', '../../cli/*'], message: 'src/core imports nothing outside itself.' },
        ],
      }],
    },
  },
);
