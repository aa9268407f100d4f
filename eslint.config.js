import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import importX from 'eslint-plugin-import-x';
import { readdirSync } from 'node:fs';

// Import boundaries (STYLE.md "Formatting and boundaries"), checked here so a violation
// fails CI: a web feature never imports another feature; an API module reaches another
// module only through its service; only repositories and db/ use the query builder.
const dirs = (p) =>
  readdirSync(new URL(p, import.meta.url), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
const webFeatures = dirs('./apps/web/src/features');
const apiModules = dirs('./apps/api/src/modules');
const boundaryZones = [
  ...webFeatures.map((f) => ({
    target: `./apps/web/src/features/${f}/**`,
    from: `./apps/web/src/features/!(${f})/**`,
    message: 'Features never import each other: move what both need down to components/ or lib/.',
  })),
  ...apiModules.map((m) => ({
    target: `./apps/api/src/modules/${m}/!(*.test).ts`,
    from: `./apps/api/src/modules/!(${m})/!(*.service).ts`,
    message: 'A module reaches another module only through its service (<area>.service.ts).',
  })),
];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'test-results/**', 'playwright-report/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    files: ['apps/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs'] } } },
    rules: { 'import-x/no-restricted-paths': ['error', { zones: boundaryZones }] },
  },
  {
    files: ['apps/api/src/**/*.ts'],
    ignores: ['apps/api/src/**/*.repository.ts', 'apps/api/src/db/**', 'apps/api/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'kysely', message: 'Only repositories (*.repository.ts) and db/ use the query builder.' }] },
      ],
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
