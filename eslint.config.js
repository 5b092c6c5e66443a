import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.data/**', 'screenshots/**', '.bench/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // The web takes the API's types from one place and nothing else of api/ (server code,
      // pg, PGlite) may reach the bundle: only `import type` from @gridatlas/api/contract.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@gridatlas/api', '@gridatlas/api/*', '!@gridatlas/api/contract'],
              message: 'web/src takes the API contract from @gridatlas/api/contract (types only); no API code may reach the bundle.',
            },
            {
              group: ['@gridatlas/api/contract'],
              allowTypeImports: true,
              message: 'use `import type` from @gridatlas/api/contract: it holds types only.',
            },
          ],
        },
      ],
    },
  },
  {
    // Library code logs through the API's logger, never the console.
    files: ['core/src/**/*.ts', 'data/src/**/*.ts', 'api/src/**/*.ts'],
    ignores: ['**/*.test.ts', 'api/src/main.ts'],
    rules: { 'no-console': 'error' },
  },
);
