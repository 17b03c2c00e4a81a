/* global process, module */
// A Jest reporter (plain CommonJS: Jest loads reporters without transforming them). After the run it prints one
// line per reason tests did not run, so a skipped Redis, NATS or PostgreSQL suite is never mistaken for a pass.
const NOT_RUN = /^\[not run: (.+?)\] /;

class NotRunReporter {
  onRunComplete(_contexts, results) {
    const reasons = new Map();
    for (const file of results.testResults) {
      for (const test of file.testResults) {
        const match = test.status === 'pending' && NOT_RUN.exec(test.ancestorTitles[0] ?? '');
        if (!match) continue;
        const entry = reasons.get(match[1]) ?? { tests: 0, files: new Set() };
        entry.tests += 1;
        entry.files.add(file.testFilePath.slice(process.cwd().length + 1));
        reasons.set(match[1], entry);
      }
    }
    const lines = [...reasons].map(
      ([reason, { tests, files }]) => `  ${tests} tests not run: ${reason} (${[...files].sort().join(', ')})`,
    );
    if (!process.env.OCG_TEST_POSTGRES) {
      lines.push('  test/postgres/ not run: OCG_TEST_POSTGRES is unset (`npm run test:postgres` runs the suite on PostgreSQL)');
    }
    if (lines.length > 0) process.stderr.write(`\nNot run:\n${lines.join('\n')}\n`);
  }
}

module.exports = NotRunReporter;
