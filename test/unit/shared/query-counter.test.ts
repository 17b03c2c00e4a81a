import { CountingSqlLogger, runInBackground } from '../../../shared/database/query-counter';

describe('statement counting', () => {
  it('in tests, counts what requests send and not what background work sends', async () => {
    const sql = new CountingSqlLogger();
    sql.logQuery('SELECT 1');
    await runInBackground(async () => {
      await Promise.resolve();
      sql.logQuery('SELECT 2');
    });
    sql.logQuery('SELECT 3');
    expect(sql.statements).toBe(2);
  });
});
