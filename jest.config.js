/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // test/postgres/ checks PostgreSQL-only behaviour (migrations); it runs when a server is given.
  testPathIgnorePatterns: process.env.OCG_TEST_POSTGRES ? ['/node_modules/'] : ['/node_modules/', '<rootDir>/test/postgres/'],
  transform: {
    // tsconfig's isolatedModules makes ts-jest transpile only (type-checking is `npm run typecheck`);
    // decorator metadata is still emitted.
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // jose 6 ships ES modules only; Jest's CommonJS runtime needs them transpiled (Node itself require()s them).
    '^.+/node_modules/jose/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, isolatedModules: true } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  // Tests needing Redis, NATS or PostgreSQL run when it answers, and are listed as not run otherwise.
  globalSetup: '<rootDir>/test/global-setup.ts',
  reporters: ['default', '<rootDir>/test/support/not-run-reporter.js'],
  testTimeout: 120000,
  maxWorkers: 2,
};
