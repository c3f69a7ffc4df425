const path = require('node:path');

/** swc compiles TS/TSX to CommonJS for Jest; the app itself is bundled by Vite. */
const swcTransform = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

/** @type {import('jest').Config} */
module.exports = {
  displayName: 'frontend',
  rootDir: __dirname,
  testEnvironment: '<rootDir>/src/test/jsdom-environment.cjs',
  testMatch: ['<rootDir>/src/**/*.spec.{ts,tsx}'],
  transform: { '^.+\\.(t|j)sx?$': swcTransform },
  moduleNameMapper: {
    '\\.css$': '<rootDir>/src/test/style-stub.cjs',
    // Tests read the shared package's TS source, as Vite does, so no shared build is needed first.
    '^@hookflow/shared$': path.join(__dirname, '../shared/src/index.ts'),
  },
  setupFilesAfterEnv: ['<rootDir>/src/test/setup-tests.ts'],
};
