/**
 * Three projects: pure unit specs beside the code, the module-wall check, and integration/e2e specs
 * on the real services.
 */
const tsJest = ['ts-jest', { isolatedModules: true, diagnostics: false }];

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60000,
  // Integration specs mostly wait on PostgreSQL, Redis, SMTP and Chromium: three files at a time
  // halve the suite's wall time on a two-core machine (661 s against ~1,000 s with jest's default of one).
  maxWorkers: Number(process.env.JEST_MAX_WORKERS ?? 3),
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.spec.tsx'],
      transform: { '^.+\\.tsx?$': tsJest },
      testEnvironment: 'node',
    },
    {
      // Runs dependency-cruiser on planted violations: the module walls must be able to fail.
      displayName: 'architecture',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/architecture/*.arch-spec.ts'],
      transform: { '^.+\\.ts$': tsJest },
      testEnvironment: 'node',
    },
    {
      displayName: 'integration',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/**/*.int-spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
      transform: { '^.+\\.tsx?$': tsJest },
      testEnvironment: 'node',
      globalSetup: '<rootDir>/test/helpers/global-setup.ts',
      globalTeardown: '<rootDir>/test/helpers/global-teardown.ts',
    },
  ],
};
