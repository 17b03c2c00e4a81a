import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../../shared/access-control/audit-verify-cli';
import { TEST_POSTGRES } from '../../support/postgres';
import { openTestStore, uscc, type TestStore } from './harness';

async function runCli(t: TestStore): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const env = { DATA_DIR: t.options.dataDir, ...(t.options.databaseUrl ? { ACCESS_CONTROL_DATABASE_URL: t.options.databaseUrl } : {}) };
  const code = await main(env, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe(`npm run audit:verify (${TEST_POSTGRES ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore('cli');
  });
  afterEach(async () => {
    await t.dispose();
  });

  it('exits 0 when the log is intact and 1 naming the tampered row', async () => {
    for (let i = 1; i <= 5; i++) {
      await t.store.append([
        {
          requestId: `req-${i}`,
          subject: 'bank-1',
          role: 'evaluator',
          agency: null,
          operatorUscc: uscc(i),
          subgraph: 'finance',
          fields: ['Operator.financingRestrictions'],
          purpose: 'loan',
        },
      ]);
    }
    expect(await runCli(t)).toEqual({ code: 0, out: 'audit log intact: 5 records', err: '' });

    await t.store.dataSource.query(`UPDATE "audit_record" SET "fields" = '[]' WHERE "sequence" = 2`);
    const broken = await runCli(t);
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/^audit log BROKEN at record 2: /);
  });

  it('reports a deleted row', async () => {
    for (let i = 1; i <= 3; i++) {
      await t.store.append([
        { requestId: `r${i}`, subject: 's', role: 'agency', agency: 'customs', operatorUscc: uscc(1), subgraph: 'customs', fields: ['Operator.x'], purpose: '' },
      ]);
    }
    await t.store.dataSource.query(`DELETE FROM "audit_record" WHERE "sequence" = 2`);
    const broken = await runCli(t);
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/record 2 is missing/);
  });

  it('rejects a malformed database URL without opening anything', async () => {
    const err: string[] = [];
    const code = await main({ DATA_DIR: t.options.dataDir, ACCESS_CONTROL_DATABASE_URL: 'mysql://x' }, { out: () => undefined, err: (l) => err.push(l) });
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/ACCESS_CONTROL_DATABASE_URL/);
  });

  it('says the log is empty rather than intact when it holds no records', async () => {
    const result = await runCli(t);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^audit log empty: .* holds no records yet, so there is nothing to verify$/);
  });
});

describe('npm run audit:verify on a folder with no audit log', () => {
  it('names the file it looked for and the DATA_DIR, exits 2, and creates nothing there', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocg-no-audit-'));
    try {
      const out: string[] = [];
      const err: string[] = [];
      const code = await main({ DATA_DIR: dataDir }, { out: (l) => out.push(l), err: (l) => err.push(l) });
      expect(code).toBe(2);
      expect(out).toEqual([]);
      expect(err.join('\n')).toBe(
        `no audit log at ${path.join(dataDir, 'access-control.sqlite')} (DATA_DIR is ${dataDir}): set DATA_DIR to the services' data ` +
          'directory, or ACCESS_CONTROL_DATABASE_URL to their PostgreSQL database',
      );
      expect(fs.readdirSync(dataDir)).toEqual([]);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
