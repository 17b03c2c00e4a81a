import fs from 'node:fs';
import path from 'node:path';
import { chainHash, chainMac, type AuditEntry } from '../../shared/access-control';
import type { AuditRecordRow } from '../../shared/access-control/entities';
import { main as auditVerifyCli } from '../../shared/access-control/audit-verify-cli';
import { defaultCheckpointPath } from '../../shared/config/audit';
import { TEST_POSTGRES } from '../support/postgres';
import { openTestStore, uscc, type TestStore } from '../integration/access-control/harness';

/**
 * Attacks on the audit log by someone who can write the audited database but holds neither the audit key nor
 * the checkpoint file: each must be caught by `npm run audit:verify`, which names the first bad record.
 */
jest.setTimeout(15_000);

type Row = AuditRecordRow;

function entry(i: number): AuditEntry {
  return {
    requestId: `req-${i}`,
    subject: 'evaluator:acme-credit',
    role: 'evaluator',
    agency: null,
    operatorUscc: uscc(i % 3),
    subgraph: 'finance',
    fields: ['Operator.financingMeasures'],
    purpose: 'loan application',
  };
}

async function appendMany(t: TestStore, n: number): Promise<void> {
  for (let i = 1; i <= n; i++) await t.store.append([entry(i)]);
}

async function rows(t: TestStore): Promise<Row[]> {
  const raw = (await t.store.dataSource.query(`SELECT * FROM "audit_record" ORDER BY "sequence"`)) as Record<string, unknown>[];
  // pg parses timestamptz into a Date; SQLite returns UTC text without a zone.
  const instant = (at: unknown) => (at instanceof Date ? at : new Date(`${String(at).replace(' ', 'T')}Z`));
  return raw.map((r) => ({ ...r, sequence: Number(r.sequence), chainVersion: Number(r.chainVersion), at: instant(r.at) }) as Row);
}

const param = (i: number) => (TEST_POSTGRES ? `$${i}` : '?');

async function rewrite(t: TestStore, row: Row): Promise<void> {
  await t.store.dataSource.query(
    `UPDATE "audit_record" SET "operatorUscc" = ${param(1)}, "prevHash" = ${param(2)}, "hash" = ${param(3)}, "chainVersion" = ${param(4)} WHERE "sequence" = ${param(5)}`,
    [row.operatorUscc, row.prevHash, row.hash, row.chainVersion, row.sequence],
  );
}

async function setHead(t: TestStore, sequence: number, hash: string): Promise<void> {
  await t.store.dataSource.query(`UPDATE "audit_chain_head" SET "sequence" = ${param(1)}, "hash" = ${param(2)} WHERE "id" = 1`, [sequence, hash]);
}

/** Runs `npm run audit:verify`'s entry point against the test's store. */
async function runCli(t: TestStore): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const env: NodeJS.ProcessEnv = { DATA_DIR: t.options.dataDir, LOG_LEVEL: 'silent' };
  if (t.options.databaseUrl) env.ACCESS_CONTROL_DATABASE_URL = t.options.databaseUrl;
  const code = await auditVerifyCli(env, { out: (l) => lines.push(l), err: (l) => lines.push(l) });
  return { code, out: lines.join('\n') };
}

describe(`tamper-evident audit log (${TEST_POSTGRES ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore('tamper');
  });
  afterEach(async () => {
    await t.dispose();
  });

  it('verifies an untouched log, through the CLI too', async () => {
    await appendMany(t, 5);
    expect(await t.store.verify()).toEqual({ ok: true, count: 5 });
    const cli = await runCli(t);
    expect(cli).toEqual({ code: 0, out: 'audit log intact: 5 records' });
    // The key lives outside the database, readable by the owner only; one signed checkpoint per append.
    const keyFile = path.join(t.options.dataDir, 'keys', 'audit-hmac.key');
    expect(fs.statSync(keyFile).mode & 0o077).toBe(0);
    expect(fs.readFileSync(defaultCheckpointPath(t.options.dataDir), 'utf8').trim().split('\n')).toHaveLength(5);
  });

  it('detects deletion of the newest records even when the chain head is rewound to match', async () => {
    await appendMany(t, 6);
    const before = await rows(t);
    await t.store.dataSource.query(`DELETE FROM "audit_record" WHERE "sequence" >= 5`);
    await setHead(t, 4, before[3].hash);
    const result = await t.store.verify();
    expect(result).toMatchObject({ ok: false, sequence: 5 });
    expect(result.ok === false && result.reason).toMatch(/records 5 to 6 are missing.*deleted/);
    const cli = await runCli(t);
    expect(cli.code).toBe(1);
    expect(cli.out).toMatch(/BROKEN at record 5: records 5 to 6 are missing/);
  });

  it('detects a record rewritten and the chain recomputed without the key (unkeyed or with a guessed key)', async () => {
    await appendMany(t, 6);
    for (const recompute of [
      (prev: string, r: Row) => ({ hash: chainHash(prev, r), chainVersion: 1 }),
      (prev: string, r: Row) => ({ hash: chainMac(Buffer.alloc(32, 7), prev, r), chainVersion: 2 }),
    ]) {
      const original = await rows(t);
      const forged = original.map((r) => ({ ...r }));
      forged[2].operatorUscc = uscc(9);
      let prev = forged[1].hash;
      for (const r of forged.slice(2)) {
        r.prevHash = prev;
        Object.assign(r, recompute(prev, r));
        prev = r.hash;
        await rewrite(t, r);
      }
      await setHead(t, 6, prev);
      const result = await t.store.verify();
      expect(result).toMatchObject({ ok: false, sequence: 3 });
      expect(result.ok === false && result.reason).toMatch(/altered/);
      const cli = await runCli(t);
      expect(cli.code).toBe(1);
      expect(cli.out).toMatch(/BROKEN at record 3/);
      for (const r of original.slice(2)) await rewrite(t, r);
      await setHead(t, 6, original[5].hash);
      expect(await t.store.verify()).toEqual({ ok: true, count: 6 });
    }
  });

  it('detects a plain edit of one record and names it', async () => {
    await appendMany(t, 5);
    await t.store.dataSource.query(`UPDATE "audit_record" SET "subject" = 'nobody' WHERE "sequence" = 4`);
    expect(await t.store.verify()).toMatchObject({ ok: false, sequence: 4 });
    const cli = await runCli(t);
    expect(cli.code).toBe(1);
    expect(cli.out).toMatch(/BROKEN at record 4: contents do not match/);
  });

  it('refuses a forged or altered checkpoint, and a removed checkpoint file', async () => {
    await appendMany(t, 3);
    const file = defaultCheckpointPath(t.options.dataDir);
    const original = fs.readFileSync(file, 'utf8');
    const last = JSON.parse(original.trim().split('\n')[2]) as Record<string, unknown>;
    fs.writeFileSync(file, original.replace(`"sequence":${String(last.sequence)}`, '"sequence":2'));
    expect(await t.store.verify()).toMatchObject({ ok: false, reason: expect.stringMatching(/line 3 .* not authentic/) });
    fs.rmSync(file);
    expect(await t.store.verify()).toMatchObject({ ok: false, reason: expect.stringMatching(/no checkpoint found/) });
    fs.writeFileSync(file, original);
    expect(await t.store.verify()).toEqual({ ok: true, count: 3 });
  });

  it('catches a record replaced by a key holder, through the checkpoint of its old link', async () => {
    await appendMany(t, 4);
    const key = fs.readFileSync(path.join(t.options.dataDir, 'keys', 'audit-hmac.key'), 'utf8');
    const original = await rows(t);
    const forged = original.map((r) => ({ ...r }));
    forged[3].operatorUscc = uscc(9);
    forged[3].hash = chainMac(Buffer.from(key.trim(), 'base64'), forged[3].prevHash, forged[3]);
    await rewrite(t, forged[3]);
    await setHead(t, 4, forged[3].hash);
    expect(await t.store.verify()).toMatchObject({ ok: false, sequence: 4, reason: expect.stringMatching(/checkpoint/) });
  });

  it('keeps verifying records written before the keyed chain, and refuses an unkeyed record after keyed ones', async () => {
    // A log from before the upgrade: version-1 (unkeyed) records, no checkpoints.
    await appendMany(t, 3);
    const legacy = await rows(t);
    let prev = '0'.repeat(64);
    for (const r of legacy) {
      Object.assign(r, { prevHash: prev, hash: chainHash(prev, r), chainVersion: 1 });
      prev = r.hash;
      await rewrite(t, r);
    }
    await setHead(t, 3, prev);
    fs.rmSync(defaultCheckpointPath(t.options.dataDir));
    expect(await t.store.verify()).toEqual({ ok: true, count: 3 });
    await appendMany(t, 2);
    expect(await t.store.verify()).toEqual({ ok: true, count: 5 });
    // Downgrading a keyed record to an unkeyed hash is refused.
    const [, , , fourth, fifth] = await rows(t);
    await rewrite(t, { ...fourth, hash: chainHash(fourth.prevHash, fourth), chainVersion: 1 });
    expect(await t.store.verify()).toMatchObject({ ok: false, sequence: 4 });
    await rewrite(t, fourth);
    await rewrite(t, { ...fifth, hash: chainHash(fifth.prevHash, fifth), chainVersion: 1 });
    expect(await t.store.verify()).toMatchObject({ ok: false, sequence: 5, reason: expect.stringMatching(/unkeyed record follows keyed/) });
  });
});
