import { openAccessControlStore, type AccessControlStore } from '../../../shared/access-control';
import { Scope, type Caller } from '../../../shared/auth/caller';
import { readDeclarations } from '../../../shared/auth/field-guard';
import { ShareClass } from '../../../shared/auth/share-class';
import { loadConfig } from '../../../shared/config/config';
import { createSeedPlan, SeedPlan } from '../../../shared/seed/seed-plan';
import { buildFederatedSchema } from '../../../shared/subgraph/build-schema';
import { financeSubgraph } from '../../../subgraphs/finance';
import { applySeededDecisions } from '../../support/credit-events';
import { startSubgraphForTest, SubgraphHarness } from '../../support/subgraph-harness';

/**
 * Field-level access straight to the finance subgraph: who gets which of local financial regulation's
 * fields, row by row (consent, own record), and who may write. The request clock is real: consent grants
 * are dated by the access-control store's own clock.
 */
const OPERATORS = 12;
const EVALUATOR = 'evaluator:bank-of-guangzhou';
const UNAUTHORIZED = 'UNAUTHORIZED_FIELD_OR_TYPE';

type Headers = Record<string, string>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

let h: SubgraphHarness;
let plan: SeedPlan;
let store: AccessControlStore;
const as: Record<'finance' | 'customs' | 'evaluator' | 'operatorA' | 'admin', Headers> = {} as never;
const anonymous: Headers = {};
/** Operator A: the dishonest seeded operator (measures, overdue exposure); B: the trustworthy one. */
let A: string;
let B: string;
/** An operator whose exposure month was corrected by finance, so its rows carry a correction reason. */
let C: string;

const admin: Caller = {
  authenticated: true,
  role: 'admin',
  subject: 'admin:finance-access-test',
  scopes: new Set([Scope.ADMIN]),
  operators: [],
};

const OPERATOR_VIEW = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Operator {
  uscc holdsPaymentLicence paymentLicence { licenceNumber status }
  financingMeasures { id kind status basis { listKind reference } }
  creditAuthorizations { id granteeName granteeUscc status }
  financingApplications { id platformName outcome amountRequested }
  exposure { reportedMonth totalOutstanding overdue worstOverdueBand overdueOrgTypes }
} } }`;
const NON_PUBLIC = ['financingMeasures', 'creditAuthorizations', 'financingApplications', 'exposure'] as const;

const ROWS_VIEW = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Operator {
  uscc exposure { totalOutstanding rows { orgType outstanding revision correctionReason } }
} } }`;

beforeAll(async () => {
  h = await startSubgraphForTest(financeSubgraph, { seedOperators: OPERATORS });
  // Finance's measures come from the seeded listings' events, which a lone finance subgraph must be handed.
  await applySeededDecisions(h, financeSubgraph, OPERATORS);
  plan = createSeedPlan({ seed: loadConfig().seed, operators: OPERATORS });
  [A, B, C] = [plan.operators[0].uscc, plan.operators[1].uscc, plan.operators[2].uscc];
  store = await openAccessControlStore(h.config.accessControl);
  as.finance = await h.as({ role: 'agency', agency: 'finance' });
  as.customs = await h.as({ role: 'agency', agency: 'customs' });
  as.evaluator = await h.as({ role: 'evaluator', subject: EVALUATOR });
  as.operatorA = await h.as({ role: 'operator', operators: [A] });
  as.admin = await h.as({ role: 'admin' });

  // A month reported and corrected by finance: the correction reason is its internal note.
  const REPORT = `mutation ($input: ReportFinancingExposureInput!) { reportFinancingExposure(input: $input) { reportedMonth } }`;
  const rows = [{ orgType: 'FACTORING', outstanding: '5000', maxOverdueDays: 0, organizationCount: 1 }];
  const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
  for (const extra of [{}, { correctionReason: '保理公司报送口径更正' }]) {
    const res = await h.query(REPORT, { input: { uscc: C, reportedMonth: month, rows, ...extra } }, as.finance);
    expect(res.errors).toBeUndefined();
  }
});
afterAll(async () => {
  await store?.close();
  await h?.stop();
});

function view(headers: Headers, ...usccs: string[]) {
  return h.query(OPERATOR_VIEW, { reps: usccs.map((uscc) => ({ __typename: 'Operator', uscc })) }, headers);
}

/** The errors of a response by path, e.g. `_entities.0.financingMeasures`. */
function errorsByPath(res: { errors?: readonly Json[] }): Map<string, string | undefined> {
  return new Map((res.errors ?? []).map((e) => [(e.path ?? []).join('.'), e.extensions?.code]));
}

function expectDenied(res: { errors?: readonly Json[] }, ...paths: string[]) {
  const errors = errorsByPath(res);
  for (const path of paths) expect([path, errors.get(path)]).toEqual([path, UNAUTHORIZED]);
  for (const e of res.errors ?? []) expect(e.message).toBe('Unauthorized field or type');
}

function expectFinanceRecord(op: Json) {
  expect(Array.isArray(op.financingMeasures)).toBe(true);
  expect(Array.isArray(op.creditAuthorizations)).toBe(true);
  expect(Array.isArray(op.financingApplications)).toBe(true);
  expect(op.exposure.totalOutstanding).toMatch(/^\d+\.\d{2}$/);
}

describe('finance: declarations', () => {
  it('declares every field of the subgraph, with the classification of local financial regulation', async () => {
    const { schema } = await buildFederatedSchema(financeSubgraph);
    const { declarations, undeclared } = readDeclarations(schema);
    expect(undeclared).toEqual([]);
    const classOf = new Map(declarations.map((d) => [d.coordinate, d.shareClass]));
    const expected: Record<string, ShareClass> = {
      'Operator.uscc': ShareClass.PUBLIC,
      'Operator.paymentLicence': ShareClass.PUBLIC,
      'Operator.holdsPaymentLicence': ShareClass.PUBLIC,
      'PaymentLicence.licenceNumber': ShareClass.PUBLIC,
      'PaymentLicence.statusReason': ShareClass.PUBLIC,
      'Query.paymentLicences': ShareClass.PUBLIC,
      'Operator.financingMeasures': ShareClass.AUTHORIZED_QUERY,
      'FinancingMeasure.liftReason': ShareClass.AUTHORIZED_QUERY,
      'FinancingMeasureBasis.reference': ShareClass.AUTHORIZED_QUERY,
      'Operator.creditAuthorizations': ShareClass.AUTHORIZED_QUERY,
      'CreditAuthorization.granteeName': ShareClass.AUTHORIZED_QUERY,
      'CreditAuthorization.granteeUscc': ShareClass.AUTHORIZED_QUERY,
      'Operator.financingApplications': ShareClass.AUTHORIZED_QUERY,
      'FinancingApplication.decisionReason': ShareClass.AUTHORIZED_QUERY,
      'Operator.exposure': ShareClass.AUTHORIZED_QUERY,
      'FinancingExposureSummary.totalOutstanding': ShareClass.AUTHORIZED_QUERY,
      'FinancingExposureSummary.overdue': ShareClass.AUTHORIZED_QUERY,
      'FinancingExposureSummary.worstOverdueBand': ShareClass.AUTHORIZED_QUERY,
      'FinancingExposureSummary.overdueOrgTypes': ShareClass.AUTHORIZED_QUERY,
      'FinancingExposureSummary.rows': ShareClass.GOV_SHARED,
      'FinancingExposure.outstanding': ShareClass.GOV_SHARED,
      'FinancingExposure.maxOverdueDays': ShareClass.GOV_SHARED,
      'FinancingExposure.correctionReason': ShareClass.AGENCY_PRIVATE,
      'Query.financingMeasures': ShareClass.GOV_SHARED,
      'Query.creditAuthorizations': ShareClass.GOV_SHARED,
      'Query.financingApplications': ShareClass.GOV_SHARED,
      'Query.financingExposures': ShareClass.GOV_SHARED,
    };
    for (const [coordinate, shareClass] of Object.entries(expected)) {
      expect([coordinate, classOf.get(coordinate)]).toEqual([coordinate, shareClass]);
    }
    const correction = declarations.find((d) => d.coordinate === 'FinancingExposure.correctionReason');
    expect(correction?.scopes).toEqual([['agency:finance'], ['admin']]);
    const mutations = declarations.filter((d) => d.coordinate.startsWith('Mutation.'));
    expect(mutations.length).toBe(8);
    for (const m of mutations) expect([m.coordinate, m.shareClass, m.scopes]).toEqual([m.coordinate, ShareClass.AGENCY_WRITE, [['finance:write']]]);
    // No personal information in local financial regulation's data: lenders and grantees are enterprises.
    expect(declarations.filter((d) => d.shareClass === ShareClass.PII)).toEqual([]);
  });
});

describe('finance: anonymous callers', () => {
  it('get the public fields of an operator and null plus an error for each non-public field', async () => {
    const res = await view(anonymous, A, B);
    const [a, b] = res.data!._entities;
    expect(a.uscc).toBe(A);
    expect(typeof a.holdsPaymentLicence).toBe('boolean');
    expect(b.uscc).toBe(B);
    for (const op of [a, b]) for (const field of NON_PUBLIC) expect(op[field]).toBeNull();
    expectDenied(res, ...[0, 1].flatMap((i) => NON_PUBLIC.map((f) => `_entities.${i}.${f}`)));
    expect(res.errors).toHaveLength(8);
  });

  it('get public payment licences but none of the agencies-only root lists', async () => {
    const res = await h.query(`{
      paymentLicences(first: 5) { totalCount nodes { licenceNumber status operator { uscc } } }
      financingMeasures(first: 5) { totalCount }
      creditAuthorizations(first: 5) { totalCount }
      financingApplications(first: 5) { totalCount }
      financingExposures(first: 5) { totalCount }
    }`);
    expect(res.data!.paymentLicences.totalCount).toBeGreaterThan(0);
    for (const root of ['financingMeasures', 'creditAuthorizations', 'financingApplications', 'financingExposures']) {
      expect(res.data![root]).toBeNull();
    }
    expectDenied(res, 'financingMeasures', 'creditAuthorizations', 'financingApplications', 'financingExposures');
  });
});

describe('finance: agencies', () => {
  it('another agency reads financing records and exposure rows, but not finance’s correction reasons', async () => {
    const res = await view(as.customs, A);
    expect(res.errors).toBeUndefined();
    const a = res.data!._entities[0];
    expectFinanceRecord(a);
    expect(a.financingMeasures.length).toBeGreaterThan(0);
    expect(a.exposure.overdue).toBe(true);

    const rows = await h.query(ROWS_VIEW, { reps: [{ __typename: 'Operator', uscc: C }] }, as.customs);
    const exposure = rows.data!._entities[0].exposure;
    expect(exposure.rows.length).toBeGreaterThan(0);
    expect(exposure.rows.every((r: Json) => r.correctionReason === null && r.outstanding)).toBe(true);
    expectDenied(rows, ...exposure.rows.map((_: Json, i: number) => `_entities.0.exposure.rows.${i}.correctionReason`));

    const list = await h.query(
      `query ($u: UnifiedSocialCreditCode) { financingExposures(filter: { uscc: $u }) { nodes { revision correctionReason } } }`,
      { u: C },
      as.customs,
    );
    expect(list.data!.financingExposures.nodes[0]).toEqual({ revision: 2, correctionReason: null });
    expectDenied(list, 'financingExposures.nodes.0.correctionReason');
  });

  it('finance itself (and an admin) read the correction reason', async () => {
    for (const headers of [as.finance, as.admin]) {
      const res = await h.query(ROWS_VIEW, { reps: [{ __typename: 'Operator', uscc: C }] }, headers);
      expect(res.errors).toBeUndefined();
      const corrected = res.data!._entities[0].exposure.rows;
      expect(corrected).toEqual([{ orgType: 'FACTORING', outstanding: '5000.00', revision: 2, correctionReason: '保理公司报送口径更正' }]);
    }
  });
});

describe('finance: evaluators and consent', () => {
  it('see AUTHORIZED_QUERY fields only of operators whose consent is active, never the exposure rows', async () => {
    const without = await view(as.evaluator, A, B);
    for (const op of without.data!._entities) for (const field of NON_PUBLIC) expect(op[field]).toBeNull();
    expect(without.data!._entities.map((o: Json) => o.uscc)).toEqual([A, B]);
    expectDenied(without, ...[0, 1].flatMap((i) => NON_PUBLIC.map((f) => `_entities.${i}.${f}`)));

    const grant = await store.grantConsent(
      { operatorUscc: A, evaluatorSubject: EVALUATOR, purpose: 'loan application', expiresAt: new Date(Date.now() + 30 * 86_400_000) },
      admin,
    );
    const withConsent = await view({ ...as.evaluator, 'x-purpose': 'loan application' }, A, B);
    const [a, b] = withConsent.data!._entities;
    expectFinanceRecord(a);
    expect(a.financingMeasures.length).toBeGreaterThan(0);
    expect(a.financingMeasures[0].basis.reference).toBeTruthy();
    expect(a.exposure.overdue).toBe(true);
    // B gave no consent: still withheld, in the same request.
    for (const field of NON_PUBLIC) expect(b[field]).toBeNull();
    expectDenied(withConsent, ...NON_PUBLIC.map((f) => `_entities.1.${f}`));
    expect(withConsent.errors).toHaveLength(NON_PUBLIC.length);

    // The summary is AUTHORIZED_QUERY; the per-type rows are for agencies and the operator itself.
    // (The purpose matches the consent however it is cased; the audit keeps it as declared.)
    const rows = await h.query(ROWS_VIEW, { reps: [{ __typename: 'Operator', uscc: A }] }, { ...as.evaluator, 'x-purpose': 'Loan Application' });
    expect(rows.data!._entities[0].exposure.totalOutstanding).toMatch(/^\d+\.\d{2}$/);
    expect(rows.data!._entities[0].exposure.rows).toBeNull();
    expectDenied(rows, '_entities.0.exposure.rows');
    // Root lists span operators: agencies only, consent or not.
    const root = await h.query(`query ($u: UnifiedSocialCreditCode) { financingMeasures(filter: { uscc: $u }) { totalCount } }`, { u: A }, as.evaluator);
    expect(root.data!.financingMeasures).toBeNull();
    expectDenied(root, 'financingMeasures');

    // The consented read is in A's access log, with the purpose the evaluator gave.
    const log = await store.accessLogOf(A, { first: 50 });
    const reads = log.nodes.filter((r) => r.subject === EVALUATOR);
    expect(reads.length).toBe(2); // the consented view and the summary read; nothing while denied
    const read = reads.find((r) => r.purpose === 'loan application');
    expect(reads.find((r) => r.purpose === 'Loan Application')?.fields).toEqual(['FinancingExposureSummary.totalOutstanding', 'Operator.exposure']);
    expect(read).toMatchObject({ role: 'evaluator', subgraph: 'finance', operatorUscc: A });
    expect(read!.fields).toEqual(expect.arrayContaining(['Operator.financingMeasures', 'Operator.exposure']));
    expect(read!.fields).not.toContain('FinancingExposureSummary.rows');

    await store.revokeConsent(grant.id, admin, 'application withdrawn');
    const revoked = await view({ ...as.evaluator, 'x-purpose': 'loan application' }, A);
    for (const field of NON_PUBLIC) expect(revoked.data!._entities[0][field]).toBeNull();
    expectDenied(revoked, ...NON_PUBLIC.map((f) => `_entities.0.${f}`));
  });
});

describe('finance: operators', () => {
  it('an operator reads its own full finance record, exposure rows included, and nothing of another operator', async () => {
    const res = await view(as.operatorA, A, B);
    const [a, b] = res.data!._entities;
    expectFinanceRecord(a);
    expect(a.financingMeasures.length).toBeGreaterThan(0);
    for (const field of NON_PUBLIC) expect(b[field]).toBeNull();
    expect(b.uscc).toBe(B);
    expectDenied(res, ...NON_PUBLIC.map((f) => `_entities.1.${f}`));
    expect(res.errors).toHaveLength(NON_PUBLIC.length);

    const rows = await h.query(
      `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Operator { exposure { rows { orgType outstanding } } } } }`,
      { reps: [{ __typename: 'Operator', uscc: A }] },
      as.operatorA,
    );
    expect(rows.errors).toBeUndefined();
    expect(rows.data!._entities[0].exposure.rows.length).toBeGreaterThan(0);

    // Finance's internal note stays finance's, even on the operator's own rows.
    const own = await h.query(
      `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Operator { exposure { rows { revision correctionReason } } } } }`,
      { reps: [{ __typename: 'Operator', uscc: C }] },
      await h.as({ role: 'operator', operators: [C] }),
    );
    expect(own.data!._entities[0].exposure.rows[0]).toEqual({ revision: 2, correctionReason: null });
    expectDenied(own, '_entities.0.exposure.rows.0.correctionReason');

    // Root lists are for agencies, even filtered to the operator's own code.
    const root = await h.query(`query ($u: UnifiedSocialCreditCode) { creditAuthorizations(filter: { uscc: $u }) { totalCount } }`, { u: A }, as.operatorA);
    expect(root.data!.creditAuthorizations).toBeNull();
    expectDenied(root, 'creditAuthorizations');
  });
});

describe('finance: writes', () => {
  const IMPOSE = `mutation ($input: ImposeFinancingMeasureInput!) { imposeFinancingMeasure(input: $input) { id } }`;
  const GRANT = `mutation ($input: GrantCreditAuthorizationInput!) { grantCreditAuthorization(input: $input) { id } }`;
  const REVOKE = `mutation ($id: ID!) { revokeCreditAuthorization(id: $id) { id status } }`;
  const LICENCE = `mutation ($input: RecordPaymentLicenceInput!) { recordPaymentLicence(input: $input) { licenceNumber } }`;
  const RECORD = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Operator {
    financingMeasures { id } creditAuthorizations { id status } paymentLicence { licenceNumber } } } }`;

  it('refuses every finance mutation without finance:write and changes nothing', async () => {
    const record = async () => {
      const res = await h.query(RECORD, { reps: [{ __typename: 'Operator', uscc: B }] }, as.finance);
      expect(res.errors).toBeUndefined();
      return res.data!._entities[0];
    };
    const before = await record();
    const active = before.creditAuthorizations.find((a: Json) => a.status === 'ACTIVE');
    expect(active).toBeDefined();
    const attempts: [string, Record<string, unknown>, string][] = [
      [IMPOSE, { input: { uscc: B, kind: 'CREDIT_FINANCING_LIMITED', basisListKind: 'SERIOUS_DISHONEST_LIST', basisReference: 'X-1' } }, 'imposeFinancingMeasure'],
      [GRANT, {
        input: {
          uscc: B, granteeName: '广州银行股份有限公司', granteeUscc: '91350100M000100Y43', purpose: 'LOAN_APPLICATION',
          scope: ['REGISTRATION'], expiresOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
        },
      }, 'grantCreditAuthorization'],
      [REVOKE, { id: active.id }, 'revokeCreditAuthorization'],
      [LICENCE, { input: { uscc: B, licenceNumber: 'Z2026440000999', kinds: ['STORED_VALUE'], issuedOn: '2026-01-05' } }, 'recordPaymentLicence'],
    ];
    const operatorB = await h.as({ role: 'operator', operators: [B] });
    for (const headers of [anonymous, as.customs, as.evaluator, operatorB]) {
      for (const [mutation, variables, field] of attempts) {
        const res = await h.query(mutation, variables, headers);
        expect([field, res.data ?? null]).toEqual([field, null]);
        expectDenied(res, field);
      }
    }
    expect(await record()).toEqual(before);

    // The same write with finance's token goes through.
    const granted = await h.query(attempts[1][0], attempts[1][1], as.finance);
    expect(granted.errors).toBeUndefined();
    expect(granted.data!.grantCreditAuthorization.id).toBeTruthy();
  });
});
