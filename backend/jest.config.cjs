/**
 * Backend tests run as native ESM (NestJS 12 is ESM-only) through swc.
 * `@hookflow/shared` resolves to its TypeScript source so tests never need a stale build.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  // Unit specs (*.spec.ts) and whole-app / database suites (*.int-spec.ts, skipped by test:unit).
  testMatch: ['**/*.spec.ts', '**/*.int-spec.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    '^@hookflow/shared$': '<rootDir>/../shared/src/index.ts',
  },
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'es6' },
      },
    ],
  },
  testTimeout: 60000,
};
