import { chainHash, chainMac, createAuditCollector, GENESIS_HASH, openAccessControlStore, resolveAuditKey } from '../../../shared/access-control';
import { defaultAuditSettings } from '../../../shared/config/audit';
import type { AuditEntry } from '../../../shared/access-control';
import { decodeCursor } from '../../../shared/pagination/connection';
import { TEST_POSTGRES } from '../../support/postgres';
import { agencyCaller, evaluatorCaller, openTestStore, uscc, type TestStore } from './harness';

function entry(i: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    requestId: `req-${i}`,
    subject: 'bank-1',
    role: 'evaluator',
    agency: null,
    operatorUscc: uscc(i % 5),
    subgraph: 'market-regulation',
    fields: ['Operator.complaintStats', 'Operator.assessment'],
    purpose: i % 2 ? 'loan application' : '',
    ...overrides,
  };
}

async function appendMany(t: TestStore, n: number): Promise<void> {
  for (let i = 1; i <= n; i++) await t.store.append([entry(i)]);
}

describe(`audit log (${TEST_POSTGRES ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore('audit');
  });
  afterEach(async () => {
    await t.dispose();
  });

  it('appends a keyed hash chain with gap-free sequence numbers and verifies it', async () => {
    expect(await t.store.verify()).toEqual({ ok: true, count: 0 });
    const first = await t.store.append([entry(1, { fields: ['Operator.b', 'Operator.a', 'Operator.b'] }), entry(2)]);
    const second = await t.store.append([entry(3)]);
    expect([...first, ...second].map((r) => r.sequence)).toEqual([1, 2, 3]);
    expect(first[0].fields).toEqual(['Operator.a', 'Operator.b']);
    expect(first[0].prevHash).toBe(GENESIS_HASH);
    expect(first[1].prevHash).toBe(first[0].hash);
    expect(second[0].prevHash).toBe(first[1].hash);
    const key = resolveAuditKey(defaultAuditSettings(t.options.dataDir).key);
    expect(second[0].hash).toBe(chainMac(key, first[1].hash, { ...second[0], fields: JSON.stringify(second[0].fields) }));
    expect(second[0].chainVersion).toBe(2);
    expect(await t.store.append([])).toEqual([]);
    expect(await t.store.verify()).toEqual({ ok: true, count: 3 });
  });

  it('verifies a log larger than one page', async () => {
    await t.store.append(Array.from({ length: 230 }, (_, i) => entry(i)));
    expect(await t.store.verify({ pageSize: 50 })).toEqual({ ok: true, count: 230 });
    await t.store.dataSource.query(`UPDATE "audit_record" SET "purpose" = 'x' WHERE "sequence" = 171`);
    expect(await t.store.verify({ pageSize: 50 })).toMatchObject({ ok: false, sequence: 171 });
  });

  it.each([
    ['fields', `"fields" = '["Operator.name"]'`],
    ['operatorUscc', `"operatorUscc" = '${uscc(9)}'`],
    ['subject', `"subject" = 'someone-else'`],
    ['purpose', `"purpose" = 'marketing'`],
    ['requestId', `"requestId" = 'req-x'`],
  ])('detects a row whose %s was changed by raw SQL and names it', async (_column, assignment) => {
    await appendMany(t, 6);
    await t.store.dataSource.query(`UPDATE "audit_record" SET ${assignment} WHERE "sequence" = 4`);
    const result = await t.store.verify();
    expect(result).toMatchObject({ ok: false, sequence: 4 });
    expect(result.ok === false && result.reason).toMatch(/altered/);
  });

  it('detects a changed timestamp', async () => {
    await appendMany(t, 3);
    const shifted = TEST_POSTGRES ? `"at" + interval '1 second'` : `datetime("at", '+1 second')`;
    await t.store.dataSource.query(`UPDATE "audit_record" SET "at" = ${shifted} WHERE "sequence" = 2`);
    expect(await t.store.verify()).toMatchObject({ ok: false, sequence: 2 });
  });

  // With the keyed chain an unkeyed recomputation fails at the rewritten record itself (it used to pass there
  // and fail only at the next link); test/security/audit-tamper.test.ts covers the recomputed chain in full.
  it('detects a row rewritten together with an unkeyed hash, at that row', async () => {
    await appendMany(t, 5);
    const [row] = await t.store.accessLogOf(uscc(3), { first: 1 }).then((c) => c.nodes);
    expect(row.sequence).toBe(3);
    const forged = { ...row, operatorUscc: uscc(8), fields: JSON.stringify(row.fields) };
    const hash = chainHash(row.prevHash, forged);
    await t.store.dataSource.query(
      `UPDATE "audit_record" SET "operatorUscc" = '${uscc(8)}', "hash" = '${hash}' WHERE "sequence" = 3`,
    );
    const result = await t.store.verify();
    expect(result).toMatchObject({ ok: false, sequence: 3 });
    expect(result.ok === false && result.reason).toMatch(/altered/);
  });

  it('detects a deleted row in the middle and names it', async () => {
    await appendMany(t, 6);
    await t.store.dataSource.query(`DELETE FROM "audit_record" WHERE "sequence" = 3`);
    const result = await t.store.verify();
    expect(result).toMatchObject({ ok: false, sequence: 3 });
    expect(result.ok === false && result.reason).toMatch(/missing/);
  });

  it('detects deletion of the newest rows', async () => {
    await appendMany(t, 4);
    await t.store.dataSource.query(`DELETE FROM "audit_record" WHERE "sequence" >= 3`);
    expect(await t.store.verify()).toMatchObject({ ok: false, sequence: 3 });
  });

  it('detects a row inserted outside the log', async () => {
    await appendMany(t, 2);
    await t.store.dataSource.query(
      `INSERT INTO "audit_record" ("sequence", "at", "requestId", "subject", "role", "agency", "operatorUscc", "subgraph", "fields", "purpose", "prevHash", "hash") ` +
        `SELECT 3, "at", "requestId", "subject", "role", "agency", "operatorUscc", "subgraph", "fields", "purpose", "hash", "hash" FROM "audit_record" WHERE "sequence" = 2`,
    );
    expect(await t.store.verify()).toMatchObject({ ok: false, sequence: 3 });
  });

  it('keeps one valid chain under concurrent appends', async () => {
    const batches = Array.from({ length: 30 }, (_, i) => Array.from({ length: (i % 3) + 1 }, (__, j) => entry(i * 10 + j)));
    const results = await Promise.all(batches.map((b) => t.store.append(b)));
    const total = batches.reduce((n, b) => n + b.length, 0);
    const sequences = results.flat().map((r) => r.sequence).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    // Each batch got consecutive numbers.
    for (const r of results) expect(r.map((x) => x.sequence)).toEqual(r.map((_, k) => r[0].sequence + k));
    expect(await t.store.verify({ pageSize: 7 })).toEqual({ ok: true, count: total });
  });

  it('group-commits concurrent appends: one transaction for all of them, each caller gets its own records', async () => {
    await t.store.append([entry(0)]);
    const before = t.store.sql.statements;
    await t.store.append([entry(1)]);
    const perAppend = t.store.sql.statements - before;
    const start = t.store.sql.statements;
    // Twenty requests finishing at once, as under load: their reads are written by one transaction.
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => t.store.append([entry(100 + i), entry(200 + i)])));
    expect(t.store.sql.statements - start).toBe(perAppend);
    results.forEach((records, i) => {
      expect(records.map((r) => r.requestId)).toEqual([`req-${100 + i}`, `req-${200 + i}`]);
      // In arrival order, consecutive within each caller's batch.
      expect(records.map((r) => r.sequence)).toEqual([3 + 2 * i, 4 + 2 * i]);
    });
    expect(await t.store.verify()).toEqual({ ok: true, count: 42 });
  });

  it('fails every caller of a group whose transaction fails, keeps nothing of it, and goes on', async () => {
    await t.store.append([entry(1)]);
    // A database fault during the group's insert (a trigger refusing one request's row).
    if (TEST_POSTGRES) {
      await t.store.dataSource.query(
        `CREATE FUNCTION refuse_boom() RETURNS trigger AS $$ BEGIN IF NEW."requestId" = 'boom' THEN RAISE EXCEPTION 'injected fault'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
      );
      await t.store.dataSource.query(`CREATE TRIGGER refuse_boom BEFORE INSERT ON "audit_record" FOR EACH ROW EXECUTE FUNCTION refuse_boom()`);
    } else {
      await t.store.dataSource.query(
        `CREATE TRIGGER refuse_boom BEFORE INSERT ON "audit_record" WHEN NEW."requestId" = 'boom' BEGIN SELECT RAISE(ABORT, 'injected fault'); END`,
      );
    }
    const outcomes = await Promise.allSettled([
      t.store.append([entry(2)]),
      t.store.append([entry(3, { requestId: 'boom' })]),
      t.store.append([entry(4)]),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await t.store.verify()).toEqual({ ok: true, count: 1 });
    await t.store.dataSource.query('DROP TRIGGER refuse_boom' + (TEST_POSTGRES ? ' ON "audit_record"' : ''));
    const [next] = await t.store.append([entry(5)]);
    expect(next.sequence).toBe(2);
    expect(await t.store.verify()).toEqual({ ok: true, count: 2 });
  });

  it('refuses a malformed entry to its caller alone', async () => {
    const outcomes = await Promise.allSettled([
      t.store.append([entry(1)]),
      t.store.append([entry(2, { operatorUscc: '' })]),
      t.store.append([entry(3)]),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await t.store.verify()).toEqual({ ok: true, count: 2 });
  });

  it('lists an operator access log newest first, in cursor pages', async () => {
    const A = uscc(1);
    for (let i = 0; i < 7; i++) await t.store.append([entry(i, { operatorUscc: i % 2 ? A : uscc(2), requestId: `r${i}` })]);
    const page1 = await t.store.accessLogOf(A, { first: 2 });
    expect(page1.totalCount).toBe(3);
    expect(page1.nodes.map((r) => r.requestId)).toEqual(['r5', 'r3']);
    expect(page1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(decodeCursor(page1.pageInfo.endCursor as string)).toBe(String(page1.nodes[1].sequence));
    const page2 = await t.store.accessLogOf(A, { first: 2, after: page1.pageInfo.endCursor });
    expect(page2.nodes.map((r) => r.requestId)).toEqual(['r1']);
    expect(page2.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(page2.nodes[0]).toMatchObject({ subject: 'bank-1', role: 'evaluator', subgraph: 'market-regulation', purpose: 'loan application' });
    expect(page2.nodes[0].at).toBeInstanceOf(Date);
    await expect(t.store.accessLogOf(A, { first: 101 })).rejects.toThrow(/must not exceed 100/);
    await expect(t.store.accessLogOf(A, { after: 'bogus' })).rejects.toThrow(/Invalid cursor/);
    expect((await t.store.accessLogOf(uscc(4))).totalCount).toBe(0);
  });

  it('writes one record per operator per request from the collector', async () => {
    const A = uscc(1);
    const B = uscc(2);
    const collector = createAuditCollector({ caller: agencyCaller(), requestId: 'req-77', purpose: 'inspection', subgraph: 'customs' });
    collector.record(A, 'Operator.customsDeclarations');
    collector.record(B, 'Operator.customsDeclarations');
    collector.record(A, 'CustomsDeclaration.value');
    collector.record(A, 'Operator.customsDeclarations');
    expect(await collector.flush(t.store)).toBe(2);
    expect(await collector.flush(t.store)).toBe(0);
    const [record] = (await t.store.accessLogOf(A)).nodes;
    expect(record).toMatchObject({
      requestId: 'req-77',
      subject: 'clerk-7',
      role: 'agency',
      agency: 'market-regulation',
      subgraph: 'customs',
      purpose: 'inspection',
      fields: ['CustomsDeclaration.value', 'Operator.customsDeclarations'],
    });
    const anonymous = createAuditCollector({
      caller: { authenticated: false, role: 'public', scopes: new Set(), operators: [] },
      requestId: 'req-78',
      purpose: '',
      subgraph: 'customs',
    });
    anonymous.record(A, 'Operator.name');
    expect(await anonymous.flush(t.store)).toBe(0);
    const evaluator = createAuditCollector({ caller: evaluatorCaller('bank-1'), requestId: 'req-79', purpose: undefined, subgraph: 'finance' });
    evaluator.record(B, 'Operator.financingRestrictions');
    await evaluator.flush(t.store);
    expect((await t.store.accessLogOf(B)).nodes[0]).toMatchObject({ requestId: 'req-79', purpose: '', agency: null });
    expect(await t.store.verify()).toEqual({ ok: true, count: 3 });
  });
});

describe('store sharing', () => {
  it('opens one store per location and closes it with the last handle', async () => {
    const t = await openTestStore('sharing');
    try {
      const again = await openAccessControlStore(t.options);
      expect(again.dataSource).toBe(t.store.dataSource);
      await again.close();
      await again.close(); // idempotent: does not release the other handle
      expect(t.store.dataSource.isInitialized).toBe(true);
      await t.store.append([entry(1)]);
      expect(await t.store.verify()).toEqual({ ok: true, count: 1 });
    } finally {
      await t.dispose();
    }
    expect(t.store.dataSource.isInitialized).toBe(false);
  });
});
