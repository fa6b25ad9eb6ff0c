// ESLint for the whole workspace: typescript-eslint's recommended-type-checked rules on every
// TypeScript file, with each file typed by the nearest tsconfig (the project service).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/.cache/**',
      '**/coverage/**',
      '**/.doc-examples/**',
      '**/create-orion-module/templates/**',
      '**/examples/server/public/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A leading underscore marks a parameter kept for its position or an overload's signature.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'no-duplicate-imports': ['error', { allowSeparateTypeImports: true }],
    },
  },
  {
    // Migrations are frozen in time: they take `Kysely<any>` on purpose and never import the
    // module's current table types (see STYLE.md), so `any` flows through them by design.
    files: ['**/migrations/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Test code reads untyped JSON from real HTTP responses, database rows and child-process
    // output; its assertions (`toEqual`, `toMatchObject`) are what check the shape, so typing every
    // read would only restate them. The `no-unsafe-*` family is off there; every other rule,
    // `no-explicit-any` included, still applies.
    files: ['**/test/**/*.ts', '**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Build configuration files and the doc-example prelude are outside every tsconfig; they get
    // the untyped rules.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs', '**/tsup.config.ts', 'scripts/*.d.ts'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Plain JavaScript here runs on Node (the install tests' apps and scripts).
    files: ['**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: {
        Buffer: 'readonly',
        console: 'readonly',
        fetch: 'readonly',
        process: 'readonly',
        Request: 'readonly',
        Response: 'readonly',
        URL: 'readonly',
      },
    },
  },
);
