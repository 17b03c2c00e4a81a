import { createAccessControlStore } from '../../shared/access-control';
import type { AuditEntry } from '../../shared/access-control';
import { openTestStore, uscc, type TestStore } from '../integration/access-control/harness';

function entry(i: number): AuditEntry {
  return {
    requestId: `req-${i}`,
    subject: 'bank-1',
    role: 'evaluator',
    agency: null,
    operatorUscc: uscc(i % 5),
    subgraph: 'market-regulation',
    fields: ['Operator.reviewStats'],
    purpose: '',
  };
}

/** Several processes (separate pools) appending to one PostgreSQL audit log keep one chain (advisory lock). */
describe('audit log with several writers on PostgreSQL', () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore('writers');
  });
  afterEach(async () => {
    await t.dispose();
  });

  it('keeps one chain when several processes append (separate pools, advisory lock)', async () => {
    const others = await Promise.all([createAccessControlStore(t.options), createAccessControlStore(t.options)]);
    try {
      const writers = [t.store, ...others];
      await Promise.all(
        Array.from({ length: 36 }, (_, i) => writers[i % writers.length].append([entry(i), entry(i + 100)])),
      );
      expect(await t.store.verify()).toEqual({ ok: true, count: 72 });
    } finally {
      await Promise.all(others.map((s) => s.close()));
    }
  });

});
