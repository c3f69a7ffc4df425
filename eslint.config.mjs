// ESLint flat config for the whole monorepo (`npm run lint` = `eslint . && prettier --check .`).
// Type-aware rules run on the three workspaces' src trees through typescript-eslint's project
// service: each file is checked with the nearest tsconfig.json (backend/, shared/, frontend/),
// which must include it. ESM (.mjs) because the root package.json has no "type".
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// The `globals` package is not installed; these are the Node globals plain .js/.mjs files use.
const nodeGlobals = Object.fromEntries(
  [
    'process',
    'console',
    'Buffer',
    'URL',
    'URLSearchParams',
    'AbortController',
    'AbortSignal',
    'fetch',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
    'clearImmediate',
    'queueMicrotask',
    'structuredClone',
    'TextEncoder',
    'TextDecoder',
  ].map((name) => [name, 'readonly']),
);

const sourceFiles = [
  '{backend,shared,frontend}/src/**/*.{ts,tsx,mts,cts}',
  'frontend/e2e/**/*.{ts,tsx}',
];

export default defineConfig([
  globalIgnores([
    '**/node_modules/',
    '**/dist/',
    '**/coverage/',
    '**/test-artifacts/',
    '**/data/',
    'bench/results/',
    '**/*.cjs',
  ]),

  // Every JavaScript file (this config, scripts/*.mjs, bench scripts): ESLint's recommended set.
  {
    files: ['**/*.{js,mjs}'],
    extends: [js.configs.recommended],
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: nodeGlobals },
    rules: { eqeqeq: ['error', 'always', { null: 'ignore' }] },
  },

  // Every TypeScript file (including ones outside src/, e.g. frontend/vite.config.ts):
  // typescript-eslint's recommended set, no type information needed.
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    extends: [tseslint.configs.recommended],
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },

  // Workspace sources: type-aware rules. A promise nobody awaits loses its errors (and, in a
  // worker, the job), so does one handed to a callback that ignores what it returns (an event
  // listener, an `onClick`); a switch over a union must handle every member.
  {
    files: sourceFiles,
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
    },
  },

  // The editor: the rules of hooks (and the React Compiler checks the plugin ships).
  {
    files: ['frontend/src/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
  },
]);
