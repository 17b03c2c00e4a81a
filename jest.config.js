/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // test/postgres/ checks PostgreSQL-only behaviour (migrations); it runs when a server is given.
  testPathIgnorePatterns: process.env.OCG_TEST_POSTGRES ? ['/node_modules/'] : ['/node_modules/', '<rootDir>/test/postgres/'],
  transform: {
    // isolatedModules: transpile only (type-checking is `npm run typecheck`); keeps decorator metadata.
    '^.+\\.ts$': ['ts-jest', { isolatedModules: true, tsconfig: 'tsconfig.json' }],
  },
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  testTimeout: 120000,
  maxWorkers: 2,
};
