/**
 * One jest run, three projects: unit tests (*.spec.ts) need nothing; integration (*.int.ts) and
 * end-to-end (*.e2e.ts) tests run against real PostgreSQL and Redis, with one migrated template
 * database per run (test/harness/global-setup.ts); the fault suite (test/faults/*.test.ts) runs
 * the system as processes over servers of its own.
 */
const transform = {
  '^.+\\.ts$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    },
  ],
};

const shared = {
  testEnvironment: 'node',
  transform,
  moduleFileExtensions: ['ts', 'js', 'json'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/**/*.int.ts', '<rootDir>/**/*.e2e.ts'],
      globalSetup: '<rootDir>/test/harness/global-setup.ts',
      globalTeardown: '<rootDir>/test/harness/global-teardown.ts',
    },
    // Real processes over a PostgreSQL and a Redis of the suite's own, killed and restarted in turn
    // (test/faults/, docs/reliability.md): minutes, not seconds, and no shared template database.
    { ...shared, displayName: 'faults', testMatch: ['<rootDir>/test/faults/**/*.test.ts'] },
  ],
  testTimeout: 60000,
};
