import { Scope, type Caller } from '../../../shared/auth/caller';
import { createAuditCollector, createConsentLoader, type AccessControlStore, type AuditEntry } from '../../../shared/access-control';
import { WriteQueue } from '../../../shared/access-control/write-queue';

function fakeStore(overrides: Partial<AccessControlStore> = {}) {
  const appended: AuditEntry[][] = [];
  const consentCalls: { subject: string; usccs: readonly string[]; now: Date; purpose: string }[] = [];
  const store = {
    append: async (records: readonly AuditEntry[]) => {
      appended.push([...records]);
      return [];
    },
    activeConsentsFor: async (subject: string, usccs: readonly string[], now: Date, purpose: string) => {
      consentCalls.push({ subject, usccs, now, purpose });
      return new Set(usccs.filter((u) => u.endsWith('1')));
    },
    ...overrides,
  } as unknown as AccessControlStore;
  return { store, appended, consentCalls };
}

const evaluator: Caller = { authenticated: true, role: 'evaluator', subject: 'bank-1', scopes: new Set([Scope.CREDIT_READ]), operators: [] };
const anonymous: Caller = { authenticated: false, role: 'public', scopes: new Set(), operators: [] };

describe('audit collector', () => {
  it('dedupes in memory and writes one entry per operator, fields sorted, in one append', async () => {
    const { store, appended } = fakeStore();
    const c = createAuditCollector({ caller: evaluator, requestId: 'r1', purpose: 'loan', subgraph: 'finance' });
    c.record('B', 'Operator.z');
    c.record('A', 'Operator.y');
    c.record('A', 'Operator.x');
    c.record('A', 'Operator.y');
    expect(c.pendingOperators).toBe(2);
    expect(await c.flush(store)).toBe(2);
    expect(appended).toHaveLength(1);
    expect(appended[0].map((e) => [e.operatorUscc, e.fields])).toEqual([
      ['A', ['Operator.x', 'Operator.y']],
      ['B', ['Operator.z']],
    ]);
    expect(appended[0][0]).toMatchObject({ requestId: 'r1', subject: 'bank-1', role: 'evaluator', agency: null, subgraph: 'finance', purpose: 'loan' });
    expect(await c.flush(store)).toBe(0);
    expect(appended).toHaveLength(1);
  });

  it('skips anonymous callers', async () => {
    const { store, appended } = fakeStore();
    const c = createAuditCollector({ caller: anonymous, requestId: 'r', purpose: '', subgraph: 'postal' });
    c.record('A', 'Operator.x');
    expect(await c.flush(store)).toBe(0);
    expect(appended).toEqual([]);
  });

  it('records a public-role token carrying extra scopes like any other caller', async () => {
    const { store, appended } = fakeStore();
    const c = createAuditCollector({ caller: { ...evaluator, role: 'public' as const }, requestId: 'r', purpose: '', subgraph: 'postal' });
    c.record('A', 'Operator.x');
    expect(await c.flush(store)).toBe(1);
    expect(appended[0][0]).toMatchObject({ role: 'public', subject: 'bank-1', fields: ['Operator.x'] });
  });

  it('keeps the reads when the append fails, so a retry writes them', async () => {
    let fail = true;
    const written: AuditEntry[] = [];
    const { store } = fakeStore({
      append: async (records: readonly AuditEntry[]) => {
        if (fail) throw new Error('database down');
        written.push(...records);
        return [];
      },
    });
    const c = createAuditCollector({ caller: evaluator, requestId: 'r', purpose: null, subgraph: 'finance' });
    c.record('A', 'Operator.x');
    await expect(c.flush(store)).rejects.toThrow('database down');
    fail = false;
    expect(await c.flush(store)).toBe(1);
    expect(written[0]).toMatchObject({ operatorUscc: 'A', fields: ['Operator.x'], purpose: '' });
  });
});

describe('consent loader', () => {
  it('asks the store once per tick with all keys for an evaluator', async () => {
    const { store, consentCalls } = fakeStore();
    const now = new Date('2026-05-01T00:00:00Z');
    const loader = createConsentLoader(store, evaluator, now, 'loan');
    expect(await Promise.all(['X1', 'X2', 'Y1', 'X1'].map((k) => loader.load(k)))).toEqual([true, false, true, true]);
    expect(consentCalls).toEqual([{ subject: 'bank-1', usccs: ['X1', 'X2', 'Y1'], now, purpose: 'loan' }]);
  });

  it('answers false without asking for anyone but an evaluator with credit:read', async () => {
    const { store, consentCalls } = fakeStore();
    const others: Caller[] = [
      anonymous,
      { ...evaluator, scopes: new Set() },
      { ...evaluator, subject: undefined },
      { ...evaluator, role: 'admin', scopes: new Set([Scope.ADMIN, Scope.CREDIT_READ]) },
    ];
    for (const caller of others) expect(await createConsentLoader(store, caller, new Date(), 'loan').load('X1')).toBe(false);
    expect(consentCalls).toEqual([]);
  });
});

describe('write queue', () => {
  it('runs tasks one after another and carries on after a failure', async () => {
    const q = new WriteQueue();
    const log: string[] = [];
    const task = (name: string, ms: number, fail = false) => () =>
      new Promise<string>((resolve, reject) =>
        setTimeout(() => {
          log.push(name);
          if (fail) reject(new Error(name));
          else resolve(name);
        }, ms),
      );
    const results = await Promise.allSettled([q.run(task('a', 30)), q.run(task('b', 1, true)), q.run(task('c', 1))]);
    expect(log).toEqual(['a', 'b', 'c']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
