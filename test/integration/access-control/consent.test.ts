import { GraphQLError } from 'graphql';
import { createConsentLoader } from '../../../shared/access-control';
import { TEST_POSTGRES } from '../../support/postgres';
import {
  adminCaller,
  agencyCaller,
  DAY,
  evaluatorCaller,
  inDays,
  openTestStore,
  operatorCaller,
  uscc,
  type TestStore,
} from './harness';

function codeOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => 'resolved',
    (err: unknown) => (err instanceof GraphQLError ? err.extensions.code : err),
  );
}

describe(`consent grants (${TEST_POSTGRES ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore('consent');
  });
  afterEach(async () => {
    await t.dispose();
  });

  const A = uscc(1);
  const B = uscc(2);

  it('lets the operator itself grant, and the grant is active until it expires', async () => {
    const expiresAt = inDays(30);
    const grant = await t.store.grantConsent(
      { operatorUscc: A, evaluatorSubject: 'bank-1', purpose: 'loan application 42', expiresAt },
      operatorCaller(A),
    );
    expect(grant).toMatchObject({ operatorUscc: A, evaluatorSubject: 'bank-1', grantedBy: `operator-${A}`, revokedAt: null });
    expect(grant.expiresAt.getTime()).toBe(expiresAt.getTime());

    const now = new Date();
    expect(await t.store.activeConsentsFor('bank-1', [A, B], now, 'loan application 42')).toEqual(new Set([A]));
    // Another evaluator has no consent from A.
    expect(await t.store.activeConsentsFor('bank-2', [A, B], now, 'loan application 42')).toEqual(new Set());
    // After expiry the same grant no longer counts.
    expect(await t.store.activeConsentsFor('bank-1', [A], new Date(expiresAt.getTime() + 1), 'loan application 42')).toEqual(new Set());
    expect(await t.store.activeConsentsFor('bank-1', [A], new Date(expiresAt.getTime() - 1), 'loan application 42')).toEqual(new Set([A]));

    const stored = await t.store.consentsOf(A);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ id: grant.id, purpose: 'loan application 42' });
    expect(stored[0].grantedAt.getTime()).toBe(grant.grantedAt.getTime());
    expect(stored[0].expiresAt.getTime()).toBe(expiresAt.getTime());
  });

  it('binds a consent to its purpose: only the same purpose (compared normalised) counts', async () => {
    await t.store.grantConsent(
      { operatorUscc: A, evaluatorSubject: 'bank-3', purpose: 'Loan  application', expiresAt: inDays(30) },
      operatorCaller(A),
    );
    const now = new Date();
    for (const same of ['Loan  application', 'loan application', '  LOAN\tAPPLICATION ', 'Ｌｏａｎ application']) {
      expect(await t.store.activeConsentsFor('bank-3', [A], now, same)).toEqual(new Set([A]));
    }
    for (const other of ['marketing resale', 'loan application 2', '', '   ']) {
      expect(await t.store.activeConsentsFor('bank-3', [A], now, other)).toEqual(new Set());
    }
  });

  it('lets an admin grant for any operator', async () => {
    const grant = await t.store.grantConsent(
      { operatorUscc: B, evaluatorSubject: 'bank-1', purpose: 'supervision', expiresAt: inDays(1) },
      adminCaller(),
    );
    expect(grant.grantedBy).toBe('admin-1');
    expect(await t.store.activeConsentsFor('bank-1', [B], new Date(), 'supervision')).toEqual(new Set([B]));
  });

  it('forbids anyone else to grant or revoke', async () => {
    const input = { operatorUscc: A, evaluatorSubject: 'bank-1', purpose: 'p', expiresAt: inDays(1) };
    expect(await codeOf(t.store.grantConsent(input, operatorCaller(B)))).toBe('FORBIDDEN');
    expect(await codeOf(t.store.grantConsent(input, evaluatorCaller('bank-1')))).toBe('FORBIDDEN');
    expect(await codeOf(t.store.grantConsent(input, agencyCaller()))).toBe('FORBIDDEN');
    // role admin without the admin scope is not an admin
    expect(await codeOf(t.store.grantConsent(input, { ...adminCaller(), scopes: new Set() }))).toBe('FORBIDDEN');
    // an operator token without operator:self does not speak for the operator
    expect(await codeOf(t.store.grantConsent(input, { ...operatorCaller(A), scopes: new Set() }))).toBe('FORBIDDEN');
    expect(
      await codeOf(t.store.grantConsent(input, { authenticated: false, role: 'public', scopes: new Set(), operators: [] })),
    ).toBe('UNAUTHENTICATED');
    expect(await t.store.consentsOf(A)).toEqual([]);

    const grant = await t.store.grantConsent(input, operatorCaller(A));
    expect(await codeOf(t.store.revokeConsent(grant.id, operatorCaller(B)))).toBe('FORBIDDEN');
    expect(await codeOf(t.store.revokeConsent(grant.id, evaluatorCaller('bank-1')))).toBe('FORBIDDEN');
    expect(await t.store.activeConsentsFor('bank-1', [A], new Date(), 'p')).toEqual(new Set([A]));
  });

  it('validates the code, the expiry (future, at most the maximum) and the texts', async () => {
    const ok = { operatorUscc: A, evaluatorSubject: 'bank-1', purpose: 'p', expiresAt: inDays(1) };
    const self = operatorCaller(A);
    await expect(t.store.grantConsent({ ...ok, operatorUscc: A.slice(0, 17) + (A[17] === '0' ? '1' : '0') }, self)).rejects.toThrow(
      /check character/,
    );
    expect(await codeOf(t.store.grantConsent({ ...ok, operatorUscc: 'short' }, self))).toBe('BAD_USER_INPUT');
    expect(await codeOf(t.store.grantConsent({ ...ok, expiresAt: new Date(Date.now() - 1000) }, self))).toBe('BAD_USER_INPUT');
    expect(await codeOf(t.store.grantConsent({ ...ok, expiresAt: new Date('nope') }, self))).toBe('BAD_USER_INPUT');
    await expect(t.store.grantConsent({ ...ok, expiresAt: inDays(366) }, self)).rejects.toThrow(/at most 365 days/);
    expect(await codeOf(t.store.grantConsent({ ...ok, evaluatorSubject: '  ' }, self))).toBe('BAD_USER_INPUT');
    expect(await codeOf(t.store.grantConsent({ ...ok, purpose: '' }, self))).toBe('BAD_USER_INPUT');
    expect(await t.store.consentsOf(A)).toEqual([]);
    // Lower-case input is normalized like the scalar does.
    const grant = await t.store.grantConsent({ ...ok, operatorUscc: A.toLowerCase(), expiresAt: inDays(365) }, self);
    expect(grant.operatorUscc).toBe(A);
  });

  it('honours a configured maximum', async () => {
    const short = await openTestStore('consent_max', { maxConsentDays: 7 });
    try {
      const input = { operatorUscc: A, evaluatorSubject: 'bank-1', purpose: 'p', expiresAt: inDays(8) };
      await expect(short.store.grantConsent(input, operatorCaller(A))).rejects.toThrow(/at most 7 days/);
      await expect(short.store.grantConsent({ ...input, expiresAt: inDays(6) }, operatorCaller(A))).resolves.toBeDefined();
    } finally {
      await short.dispose();
    }
  });

  it('revokes once (a second revocation is BAD_USER_INPUT) and never deletes', async () => {
    const grant = await t.store.grantConsent(
      { operatorUscc: A, evaluatorSubject: 'bank-1', purpose: 'p', expiresAt: inDays(10) },
      operatorCaller(A),
    );
    const before = new Date();
    const revoked = await t.store.revokeConsent(grant.id, operatorCaller(A), 'loan declined');
    expect(revoked).toMatchObject({ id: grant.id, revokedBy: `operator-${A}`, reason: 'loan declined' });
    expect(revoked.revokedAt?.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1);
    // The evaluator's next request sees no consent.
    expect(await t.store.activeConsentsFor('bank-1', [A], new Date(), 'p')).toEqual(new Set());

    expect(await codeOf(t.store.revokeConsent(grant.id, operatorCaller(A)))).toBe('BAD_USER_INPUT');
    expect(await codeOf(t.store.revokeConsent(grant.id, adminCaller()))).toBe('BAD_USER_INPUT');
    expect(await codeOf(t.store.revokeConsent('00000000-0000-0000-0000-000000000000', adminCaller()))).toBe('NOT_FOUND');

    // A new grant after revocation is a new row; the revoked one stays on record.
    await t.store.grantConsent({ operatorUscc: A, evaluatorSubject: 'bank-1', purpose: 'p2', expiresAt: inDays(5) }, adminCaller());
    const all = await t.store.consentsOf(A);
    expect(all).toHaveLength(2);
    expect(all.find((g) => g.id === grant.id)).toMatchObject({ reason: 'loan declined', revokedBy: `operator-${A}` });
    expect(await t.store.activeConsentsFor('bank-1', [A], new Date(), 'p2')).toEqual(new Set([A]));
  });

  it('has no delete path', () => {
    const api = Object.keys(Object.getPrototypeOf(t.store)).concat(Object.getOwnPropertyNames(Object.getPrototypeOf(t.store)));
    expect(api.filter((name) => /delete|remove|update|purge|truncate/i.test(name))).toEqual([]);
  });

  it('answers activeConsentsFor for many codes in one SQL statement', async () => {
    const codes = Array.from({ length: 60 }, (_, i) => uscc(100 + i));
    for (const code of codes.filter((_, i) => i % 3 === 0)) {
      await t.store.grantConsent({ operatorUscc: code, evaluatorSubject: 'bank-9', purpose: 'p', expiresAt: inDays(3) }, adminCaller());
    }
    const revokedCode = codes[3];
    const [toRevoke] = await t.store.consentsOf(revokedCode);
    await t.store.revokeConsent(toRevoke.id, adminCaller());

    t.store.sql.statements = 0;
    const active = await t.store.activeConsentsFor('bank-9', codes, new Date(), 'p');
    expect(t.store.sql.statements).toBe(1);
    expect([...active].sort()).toEqual(codes.filter((_, i) => i % 3 === 0 && i !== 3).sort());

    // The loader batches the keys of one tick into the same single statement.
    const loader = createConsentLoader(t.store, evaluatorCaller('bank-9'), new Date(), 'p');
    t.store.sql.statements = 0;
    const answers = await Promise.all(codes.map((code) => loader.load(code)));
    expect(t.store.sql.statements).toBe(1);
    expect(answers.filter(Boolean)).toHaveLength(active.size);
    expect(answers[0]).toBe(true);
    expect(answers[3]).toBe(false);

    // Callers that are not evaluators never have consent, and cost no SQL.
    t.store.sql.statements = 0;
    for (const caller of [operatorCaller(codes[0]), adminCaller(), { ...evaluatorCaller('bank-9'), scopes: new Set<string>() }]) {
      const other = createConsentLoader(t.store, caller, new Date(), 'p');
      expect(await other.loadMany(codes.slice(0, 4))).toEqual([false, false, false, false]);
    }
    expect(t.store.sql.statements).toBe(0);
  });

  it('takes a revocation into account on the next request (no caching across loaders)', async () => {
    const grant = await t.store.grantConsent(
      { operatorUscc: A, evaluatorSubject: 'bank-1', purpose: 'p', expiresAt: new Date(Date.now() + DAY) },
      operatorCaller(A),
    );
    const evaluator = evaluatorCaller('bank-1');
    expect(await createConsentLoader(t.store, evaluator, new Date(), 'p').load(A)).toBe(true);
    await t.store.revokeConsent(grant.id, operatorCaller(A));
    expect(await createConsentLoader(t.store, evaluator, new Date(), 'p').load(A)).toBe(false);
  });
});
