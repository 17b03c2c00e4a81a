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
  testTimeout: 120000,
  maxWorkers: 2,
};
