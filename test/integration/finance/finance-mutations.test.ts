import { loadConfig } from '../../../shared/config/config';
import { createSeedPlan, SeedPlan } from '../../../shared/seed/seed-plan';
import { financeSubgraph } from '../../../subgraphs/finance';
import type { QualificationChange } from '../../../shared/events/contract';
import { OutboxEvent } from '../../../shared/events/entities';
import { paymentLicenceChange } from '../../../shared/qualifications/validity';
import { PaymentLicence } from '../../../subgraphs/finance/entities/payment-licence.entity';
import { deliver, listChange } from '../../support/credit-events';
import { startSubgraphForTest, SubgraphHarness } from '../../support/subgraph-harness';

/** Finance mutations: success returns the new state; bad input is BAD_USER_INPUT and changes nothing. */
const OPERATORS = 30;
/** Request time fixed at China date 2026-11-15. */
const NOW = new Date('2026-11-15T04:00:00Z');
const LENDER = '91350100M000100Y43';

let h: SubgraphHarness;
/** Bearer headers of a finance agency token (gov:shared agency:finance finance:write). */
let finance: Record<string, string>;
let plan: SeedPlan;

beforeAll(async () => {
  h = await startSubgraphForTest(financeSubgraph, { seedOperators: OPERATORS, now: NOW });
  finance = await h.as({ role: 'agency', agency: 'finance' });
  plan = createSeedPlan({ seed: loadConfig().seed, operators: OPERATORS });
});
afterAll(async () => {
  await h?.stop();
});

/** A request with the finance agency's token; `headers` `{}` sends it anonymously. */
function send(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = finance) {
  return h.query(query, variables, headers);
}

/** Every operator the tests write to is one of the seeded ones, chosen away from indices 0 and 1. */
const uscc = (index: number) => plan.operators[index].uscc;

async function expectBadInput(query: string, variables: Record<string, unknown>, message?: RegExp) {
  const res = await send(query, variables);
  expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  if (message) expect(res.errors?.[0]?.message).toMatch(message);
  expect(res.data ?? null).toBeNull();
}

/** A duplicate of a record's natural identity: CONFLICT naming it, no data. */
async function expectDuplicate(query: string, variables: Record<string, unknown>, message: RegExp, duplicate: Record<string, unknown>) {
  const res = await send(query, variables);
  expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', duplicate });
  expect(res.errors?.[0]?.message).toMatch(message);
  expect(res.data ?? null).toBeNull();
}

async function operator(index: number, fields: string) {
  const res = await send(
    `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Operator { ${fields} } } }`,
    { reps: [{ __typename: 'Operator', uscc: uscc(index) }] },
  );
  expect(res.errors).toBeUndefined();
  return res.data!._entities[0];
}

describe('finance: financing measures', () => {
  const IMPOSE = `mutation ($input: ImposeFinancingMeasureInput!) { imposeFinancingMeasure(input: $input) {
    id kind status active startsOn endsOn rulesVersion endsOnFromRules basis { listKind reference authority } operator { uscc } } }`;
  const LIFT = `mutation ($id: ID!, $reason: String!, $on: Date) { liftFinancingMeasure(id: $id, reason: $reason, liftedOn: $on) {
    id status active liftedOn liftReason } }`;
  const base = (over: Record<string, unknown>) => ({
    uscc: uscc(10),
    kind: 'POLICY_GUARANTEE_EXCLUDED',
    basisListKind: 'SERIOUS_DISHONEST_LIST',
    basisReference: '穗市监严违失〔2026〕901号',
    basisAuthority: '广州市市场监督管理局',
    ...over,
  });

  /** A measure needs a received basis: the serious-list listing `reference` of operator `index`, pushed to finance. */
  const receive = (index: number, reference: string, listedOn: string) =>
    deliver(h, financeSubgraph, listChange({ operatorUscc: uscc(index), decisionNumber: reference, effectiveOn: listedOn }));

  it('computes the end date from the rules in force on the start date, by kind', async () => {
    for (const [reference, listedOn] of [['R-2025', '2025-06-10'], ['R-2026', '2026-02-01'], ['R-EDD', '2025-11-10'], ['R-TODAY', '2026-11-15'], ['R-X', '2026-03-01']]) {
      await receive(10, reference, listedOn);
    }
    const before = await send(IMPOSE, { input: base({ startsOn: '2025-06-10', basisReference: 'R-2025' }) });
    expect(before.errors).toBeUndefined();
    expect(before.data!.imposeFinancingMeasure).toMatchObject({
      startsOn: '2025-06-10', endsOn: '2028-06-09', rulesVersion: 'GZ-FIN-MEASURE-2021', endsOnFromRules: true,
      status: 'ACTIVE', active: true, operator: { uscc: uscc(10) },
      basis: { listKind: 'SERIOUS_DISHONEST_LIST', reference: 'R-2025', authority: '广州市市场监督管理局' },
    });
    const after = await send(IMPOSE, { input: base({ startsOn: '2026-02-01', basisReference: 'R-2026' }) });
    expect(after.data!.imposeFinancingMeasure).toMatchObject({
      endsOn: '2028-01-31', rulesVersion: 'GZ-FIN-MEASURE-2026', status: 'ACTIVE',
    });
    const dueDiligence = await send(IMPOSE, {
      input: base({ kind: 'ENHANCED_DUE_DILIGENCE', startsOn: '2025-11-10', basisReference: 'R-EDD' }),
    });
    // 12 months: 2025-11-10 .. 2026-11-09, already over on 2026-11-15.
    expect(dueDiligence.data!.imposeFinancingMeasure).toMatchObject({ endsOn: '2026-11-09', status: 'EXPIRED', active: false });
    const defaultStart = await send(IMPOSE, { input: base({ kind: 'SUBSIDY_EXCLUDED', basisReference: 'R-TODAY' }) });
    expect(defaultStart.data!.imposeFinancingMeasure).toMatchObject({ startsOn: '2026-11-15', endsOn: '2029-11-14' });
    const explicit = await send(IMPOSE, {
      // Not CREDIT_FINANCING_LIMITED: finance applied that one itself when the listing R-X arrived.
      input: base({ kind: 'SUBSIDY_EXCLUDED', startsOn: '2026-03-01', endsOn: '2027-02-28', basisReference: 'R-X' }),
    });
    expect(explicit.data!.imposeFinancingMeasure).toMatchObject({ endsOn: '2027-02-28', endsOnFromRules: false });

    const view = await operator(10, 'financingMeasures { basis { reference } status } active: financingMeasures(activeOnly: true) { status }');
    const references = view.financingMeasures.map((m: { basis: { reference: string } }) => m.basis.reference);
    expect(references).toEqual(expect.arrayContaining(['R-2025', 'R-2026', 'R-EDD', 'R-TODAY', 'R-X']));
    expect(view.active.every((m: { status: string }) => m.status === 'ACTIVE')).toBe(true);
    expect(view.active.length).toBe(view.financingMeasures.filter((m: { status: string }) => m.status === 'ACTIVE').length);
  });

  it('rejects bad measures and writes nothing', async () => {
    await receive(11, 'DUP', '2026-04-01');
    const count = async () => (await operator(11, 'financingMeasures { id }')).financingMeasures.length;
    const before = await count();
    await expectBadInput(IMPOSE, { input: base({ uscc: '91350203M0001QAY9B' }) }, /check character/);
    await expectBadInput(IMPOSE, { input: base({ uscc: uscc(11), startsOn: '2026-05-01', endsOn: '2026-04-30' }) }, /before/);
    await expectBadInput(IMPOSE, { input: base({ uscc: uscc(11), startsOn: '2026-05-01', endsOn: '2031-05-01' }) }, /at most 60 months/);
    await expectBadInput(IMPOSE, { input: base({ uscc: uscc(11), basisReference: '   ' }) }, /basisReference/);
    await expectBadInput(IMPOSE, { input: base({ uscc: uscc(11), kind: 'BANK_LOAN_FROZEN' }) });
    await expectBadInput(IMPOSE, { input: base({ uscc: uscc(11), startsOn: 'yesterday' }) });
    // The same measure on the same basis cannot be imposed twice over overlapping periods.
    const first = await send(IMPOSE, { input: base({ uscc: uscc(11), startsOn: '2026-04-01', basisReference: 'DUP' }) });
    expect(first.errors).toBeUndefined();
    await expectDuplicate(IMPOSE, { input: base({ uscc: uscc(11), startsOn: '2026-06-01', basisReference: 'DUP' }) }, /already covers/, {
      uscc: uscc(11), basisReference: 'DUP',
    });
    expect(await count()).toBe(before + 1);
  });

  it('lifts a measure with a reason once, and refuses a second lift or a future date', async () => {
    await receive(12, 'LIFT', '2026-01-05');
    const imposed = await send(IMPOSE, { input: base({ uscc: uscc(12), startsOn: '2026-01-05', basisReference: 'LIFT' }) });
    const id = imposed.data!.imposeFinancingMeasure.id;
    await expectBadInput(LIFT, { id, reason: '信用修复', on: '2026-12-01' }, /future/);
    await expectBadInput(LIFT, { id, reason: '信用修复', on: '2025-12-31' }, /before the start/);
    await expectBadInput(LIFT, { id, reason: '' }, /reason/);
    await expectBadInput(LIFT, { id: '999999', reason: '信用修复' }, /No financing measure/);
    const lifted = await send(LIFT, { id, reason: '已完成信用修复，移出严重失信名单', on: '2026-11-10' });
    expect(lifted.errors).toBeUndefined();
    expect(lifted.data!.liftFinancingMeasure).toMatchObject({
      id, status: 'LIFTED', active: false, liftedOn: '2026-11-10', liftReason: '已完成信用修复，移出严重失信名单',
    });
    await expectBadInput(LIFT, { id, reason: 'again' }, /already lifted/);
    const view = await operator(12, 'financingMeasures { id status liftedOn liftReason }');
    expect(view.financingMeasures.find((m: { id: string }) => m.id === id)).toMatchObject({
      status: 'LIFTED', liftedOn: '2026-11-10', liftReason: '已完成信用修复，移出严重失信名单',
    });
  });
});

describe('finance: credit authorizations', () => {
  const GRANT = `mutation ($input: GrantCreditAuthorizationInput!) { grantCreditAuthorization(input: $input) {
    id granteeName granteeUscc purpose scope grantedOn expiresOn rulesVersion revokedOn status } }`;
  const REVOKE = `mutation ($id: ID!, $reason: String, $on: Date) { revokeCreditAuthorization(id: $id, reason: $reason, revokedOn: $on) {
    id status revokedOn revokeReason } }`;
  const input = (over: Record<string, unknown>) => ({
    uscc: uscc(13),
    granteeName: '广州银行股份有限公司',
    granteeUscc: LENDER,
    purpose: 'LOAN_APPLICATION',
    scope: ['REGISTRATION', 'FINANCING_MEASURES'],
    grantedOn: '2026-11-01',
    expiresOn: '2027-05-01',
    ...over,
  });

  it('grants an active authorization, reports expiry and revocation as status', async () => {
    const granted = await send(GRANT, { input: input({}) });
    expect(granted.errors).toBeUndefined();
    expect(granted.data!.grantCreditAuthorization).toMatchObject({
      granteeUscc: LENDER, purpose: 'LOAN_APPLICATION', scope: ['REGISTRATION', 'FINANCING_MEASURES'],
      grantedOn: '2026-11-01', expiresOn: '2027-05-01', rulesVersion: 'GZ-FIN-AUTH-2026', revokedOn: null, status: 'ACTIVE',
    });
    // Expires on the request day: no longer covered.
    const expired = await send(GRANT, { input: input({ grantedOn: '2026-06-01', expiresOn: '2026-11-15' }) });
    expect(expired.data!.grantCreditAuthorization.status).toBe('EXPIRED');
    const lastDay = await send(GRANT, { input: input({ grantedOn: '2026-06-01', expiresOn: '2026-11-16' }) });
    expect(lastDay.data!.grantCreditAuthorization.status).toBe('ACTIVE');

    const id = granted.data!.grantCreditAuthorization.id;
    const revoked = await send(REVOKE, { id, reason: '贷款申请已撤回' });
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data!.revokeCreditAuthorization).toMatchObject({ status: 'REVOKED', revokedOn: '2026-11-15', revokeReason: '贷款申请已撤回' });
    await expectBadInput(REVOKE, { id, reason: 'twice' }, /already revoked/);
    await expectBadInput(REVOKE, { id: expired.data!.grantCreditAuthorization.id }, /already expired/);

    const view = await operator(13, 'creditAuthorizations { id status revokedOn } active: creditAuthorizations(activeOnly: true) { id }');
    const byId = new Map(view.creditAuthorizations.map((a: { id: string }) => [a.id, a]));
    expect(byId.get(id)).toMatchObject({ status: 'REVOKED', revokedOn: '2026-11-15' });
    expect(view.active.map((a: { id: string }) => a.id)).toContain(lastDay.data!.grantCreditAuthorization.id);
    expect(view.active.map((a: { id: string }) => a.id)).not.toContain(id);

    const listed = await send(
      `query ($f: CreditAuthorizationFilter) { creditAuthorizations(filter: $f) { totalCount nodes { id status } } }`,
      { f: { uscc: uscc(13), granteeUscc: LENDER, status: 'REVOKED' } },
    );
    expect(listed.data!.creditAuthorizations.nodes).toEqual([{ id, status: 'REVOKED' }]);
  });

  it('rejects bad authorizations and writes nothing', async () => {
    const count = async () => (await operator(14, 'creditAuthorizations { id }')).creditAuthorizations.length;
    const before = await count();
    const u = uscc(14);
    await expectBadInput(GRANT, { input: input({ uscc: u, granteeUscc: '91350203M0001QAY9B' }) }, /check character/);
    await expectBadInput(GRANT, { input: input({ uscc: u, granteeUscc: 'ABC' }) });
    await expectBadInput(GRANT, { input: input({ uscc: u, granteeUscc: u }) }, /itself/);
    await expectBadInput(GRANT, { input: input({ uscc: u, expiresOn: '2026-11-01' }) }, /must be after/);
    await expectBadInput(GRANT, { input: input({ uscc: u, expiresOn: '2026-10-01' }) }, /must be after/);
    // LOAN_APPLICATION: at most 6 months under the 2026 rules; 12 under the 2021 rules.
    await expectBadInput(GRANT, { input: input({ uscc: u, expiresOn: '2027-05-02' }) }, /at most 6 months/);
    await expectBadInput(GRANT, { input: input({ uscc: u, grantedOn: '2026-12-01', expiresOn: '2027-01-01' }) }, /future/);
    await expectBadInput(GRANT, { input: input({ uscc: u, scope: [] }) }, /scope/);
    await expectBadInput(GRANT, { input: input({ uscc: u, scope: ['REGISTRATION', 'REGISTRATION'] }) }, /twice/);
    await expectBadInput(GRANT, { input: input({ uscc: u, purpose: 'MARKETING' }) });
    expect(await count()).toBe(before);
    const older = await send(GRANT, { input: input({ uscc: u, grantedOn: '2025-06-01', expiresOn: '2026-06-01' }) });
    expect(older.data!.grantCreditAuthorization).toMatchObject({ rulesVersion: 'GZ-FIN-AUTH-2021', status: 'EXPIRED' });
    expect(await count()).toBe(before + 1);
  });
});

describe('finance: financing applications', () => {
  const SUBMIT = `mutation ($input: SubmitFinancingApplicationInput!) { submitFinancingApplication(input: $input) {
    id platformName lenderType lenderName amountRequested amountGranted appliedOn decidedOn outcome } }`;
  const DECIDE = `mutation ($input: RecordFinancingDecisionInput!) { recordFinancingDecision(input: $input) {
    id outcome amountRequested amountGranted appliedOn decidedOn decisionReason } }`;
  const submit = (over: Record<string, unknown>) => ({
    uscc: uscc(15), platformName: '粤信融', lenderType: 'BANK', lenderName: '广州银行股份有限公司',
    amountRequested: '500000', appliedOn: '2026-11-03', ...over,
  });

  it('submits a pending application and records an approval within the amount requested', async () => {
    const res = await send(SUBMIT, { input: submit({}) });
    expect(res.errors).toBeUndefined();
    const app = res.data!.submitFinancingApplication;
    expect(app).toMatchObject({ amountRequested: '500000.00', amountGranted: null, outcome: 'PENDING', decidedOn: null, appliedOn: '2026-11-03' });
    const decided = await send(DECIDE, {
      input: { applicationId: app.id, outcome: 'APPROVED', amountGranted: '450000.5', decidedOn: '2026-11-10' },
    });
    expect(decided.errors).toBeUndefined();
    expect(decided.data!.recordFinancingDecision).toMatchObject({ outcome: 'APPROVED', amountGranted: '450000.50', decidedOn: '2026-11-10' });
    await expectBadInput(DECIDE, { input: { applicationId: app.id, outcome: 'REJECTED', decidedOn: '2026-11-12' } }, /already decided/);
    const view = await operator(15, 'financingApplications { id outcome amountGranted decidedOn }');
    expect(view.financingApplications.find((a: { id: string }) => a.id === app.id)).toEqual({
      id: app.id, outcome: 'APPROVED', amountGranted: '450000.50', decidedOn: '2026-11-10',
    });
    const listed = await send(
      `query ($f: FinancingApplicationFilter) { financingApplications(filter: $f) { nodes { id } } }`,
      { f: { uscc: uscc(15), outcome: 'APPROVED', platformName: '粤信融' } },
    );
    expect(listed.data!.financingApplications.nodes.map((n: { id: string }) => n.id)).toContain(app.id);
  });

  it('rejects negative, malformed and zero amounts on submission and writes nothing', async () => {
    const count = async () => (await operator(16, 'financingApplications { id }')).financingApplications.length;
    const before = await count();
    const u = uscc(16);
    for (const amount of ['-5', '12,000', '1e6', '100.123', 'abc', '', '0', '0.00']) {
      await expectBadInput(SUBMIT, { input: submit({ uscc: u, amountRequested: amount }) }, /amountRequested/);
    }
    await expectBadInput(SUBMIT, { input: submit({ uscc: u, appliedOn: '2026-11-20' }) }, /future/);
    await expectBadInput(SUBMIT, { input: submit({ uscc: u, platformName: ' ' }) }, /platformName/);
    await expectBadInput(SUBMIT, { input: submit({ uscc: '91440101MA5CJQ4N5X' }) }, /check character/);
    expect(await count()).toBe(before);
  });

  it('orders decisions after the application and refuses bad decisions without changing the application', async () => {
    const res = await send(SUBMIT, { input: submit({ uscc: uscc(17), amountRequested: '100000.00', appliedOn: '2026-11-05' }) });
    const id = res.data!.submitFinancingApplication.id;
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ outcome: 'REJECTED', decidedOn: '2026-11-04' }, /must not be before `appliedOn`/],
      [{ outcome: 'REJECTED', decidedOn: '2026-11-16' }, /future/],
      [{ outcome: 'APPROVED', amountGranted: '100000.01', decidedOn: '2026-11-06' }, /must not exceed/],
      [{ outcome: 'APPROVED', amountGranted: '-1', decidedOn: '2026-11-06' }, /amountGranted/],
      [{ outcome: 'APPROVED', amountGranted: '0', decidedOn: '2026-11-06' }, /amountGranted/],
      [{ outcome: 'APPROVED', decidedOn: '2026-11-06' }, /required/],
      [{ outcome: 'REJECTED', amountGranted: '10', decidedOn: '2026-11-06' }, /only given/],
      [{ outcome: 'PENDING', decidedOn: '2026-11-06' }, /APPROVED, REJECTED or WITHDRAWN/],
    ];
    for (const [over, message] of bad) await expectBadInput(DECIDE, { input: { applicationId: id, ...over } }, message);
    await expectBadInput(DECIDE, { input: { applicationId: '424242', outcome: 'REJECTED' } }, /No financing application/);
    const view = await operator(17, 'financingApplications { id outcome amountGranted decidedOn }');
    expect(view.financingApplications.find((a: { id: string }) => a.id === id)).toEqual({ id, outcome: 'PENDING', amountGranted: null, decidedOn: null });
    const sameDay = await send(DECIDE, { input: { applicationId: id, outcome: 'WITHDRAWN', decidedOn: '2026-11-05', reason: '申请人撤回' } });
    expect(sameDay.data!.recordFinancingDecision).toMatchObject({ outcome: 'WITHDRAWN', amountGranted: null, decisionReason: '申请人撤回' });
  });
});

describe('finance: exposure reports', () => {
  const REPORT = `mutation ($input: ReportFinancingExposureInput!) { reportFinancingExposure(input: $input) {
    reportedMonth totalOutstanding overdue worstOverdueBand overdueOrgTypes
    rows { orgType outstanding overdue overdueDaysBand maxOverdueDays revision correctionReason superseded } } }`;
  const EXPOSURE = 'exposure { reportedMonth totalOutstanding overdue worstOverdueBand rows { orgType outstanding overdueDaysBand revision } }';

  it('records a monthly report; the operator shows the latest month with totals and bands from the rules', async () => {
    const res = await send(REPORT, {
      input: {
        uscc: uscc(18), reportedMonth: '2026-11',
        rows: [
          { orgType: 'PAWN', outstanding: '1200.50', maxOverdueDays: 0, organizationCount: 1 },
          { orgType: 'MICRO_LOAN', outstanding: '80000', maxOverdueDays: 45, organizationCount: 2 },
        ],
      },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.reportFinancingExposure).toMatchObject({
      reportedMonth: '2026-11', totalOutstanding: '81200.50', overdue: true, worstOverdueBand: 'DAYS_31_90', overdueOrgTypes: ['MICRO_LOAN'],
    });
    const view = await operator(18, EXPOSURE);
    expect(view.exposure).toEqual({
      reportedMonth: '2026-11', totalOutstanding: '81200.50', overdue: true, worstOverdueBand: 'DAYS_31_90',
      rows: [
        { orgType: 'MICRO_LOAN', outstanding: '80000.00', overdueDaysBand: 'DAYS_31_90', revision: 1 },
        { orgType: 'PAWN', outstanding: '1200.50', overdueDaysBand: 'NONE', revision: 1 },
      ],
    });
  });

  it('supersedes a reported month only with a correction reason', async () => {
    const input = {
      uscc: uscc(18), reportedMonth: '2026-11',
      rows: [{ orgType: 'MICRO_LOAN', outstanding: '79000', maxOverdueDays: 200, organizationCount: 2 }],
    };
    await expectDuplicate(REPORT, { input }, /correctionReason/, { uscc: uscc(18), reportedMonth: '2026-11' });
    const corrected = await send(REPORT, { input: { ...input, correctionReason: '小贷公司更正月末余额' } });
    expect(corrected.errors).toBeUndefined();
    expect(corrected.data!.reportFinancingExposure).toMatchObject({
      totalOutstanding: '79000.00', worstOverdueBand: 'OVER_180',
      rows: [{ orgType: 'MICRO_LOAN', revision: 2, correctionReason: '小贷公司更正月末余额', superseded: false }],
    });
    const view = await operator(18, EXPOSURE);
    expect(view.exposure.rows).toEqual([{ orgType: 'MICRO_LOAN', outstanding: '79000.00', overdueDaysBand: 'OVER_180', revision: 2 }]);
    const history = await send(
      `query ($f: FinancingExposureFilter) { financingExposures(filter: $f) { totalCount nodes { revision superseded } } }`,
      { f: { uscc: uscc(18), reportedMonth: '2026-11', includeSuperseded: true } },
    );
    expect(history.data!.financingExposures.totalCount).toBe(3);
    expect(history.data!.financingExposures.nodes.filter((n: { superseded: boolean }) => n.superseded)).toHaveLength(2);
  });

  it('rejects negative, malformed and inconsistent reports and writes nothing', async () => {
    const before = await operator(19, EXPOSURE);
    const row = { orgType: 'FACTORING', outstanding: '1000', maxOverdueDays: 0, organizationCount: 1 };
    const report = (over: Record<string, unknown>, rowOver: Record<string, unknown> = {}) => ({
      input: { uscc: uscc(19), reportedMonth: '2026-11', rows: [{ ...row, ...rowOver }], ...over },
    });
    await expectBadInput(REPORT, report({}, { outstanding: '-1' }), /outstanding/);
    await expectBadInput(REPORT, report({}, { outstanding: '1.234' }), /outstanding/);
    await expectBadInput(REPORT, report({}, { outstanding: 'lots' }), /outstanding/);
    await expectBadInput(REPORT, report({}, { maxOverdueDays: -3 }), /maxOverdueDays/);
    await expectBadInput(REPORT, report({}, { outstanding: '0', maxOverdueDays: 10 }), /outstanding amount above zero/);
    await expectBadInput(REPORT, report({}, { organizationCount: 0 }), /at least one organization/);
    await expectBadInput(REPORT, report({ reportedMonth: '2026-13' }), /YYYY-MM/);
    await expectBadInput(REPORT, report({ reportedMonth: '2026-12' }), /future/);
    await expectBadInput(REPORT, report({ rows: [] }), /at least one/);
    await expectBadInput(REPORT, report({ rows: [row, row] }), /twice/);
    await expectBadInput(REPORT, report({ correctionReason: 'nothing to correct', reportedMonth: '2020-01' }), /not reported yet/);
    await expectBadInput(REPORT, report({ uscc: 'NOT-A-CODE' }));
    expect(await operator(19, EXPOSURE)).toEqual(before);
  });
});

describe('finance: payment licences', () => {
  const RECORD = `mutation ($input: RecordPaymentLicenceInput!) { recordPaymentLicence(input: $input) {
    licenceNumber kinds issuedOn validUntil administrativeStatus statusReason status rulesVersion operator { uscc } } }`;
  const HOLDS = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Operator {
    uscc holdsPaymentLicence paymentLicence { licenceNumber status } } } }`;
  const holds = async (index: number) => {
    // Public: read without a token.
    const res = await send(HOLDS, { reps: [{ __typename: 'Operator', uscc: uscc(index) }] }, {});
    expect(res.errors).toBeUndefined();
    return res.data!._entities[0];
  };
  const licence = (over: Record<string, unknown>) => ({
    licenceNumber: 'Z2026440000001', kinds: ['TRANSACTION_PROCESSING'], issuedOn: '2026-03-01', ...over,
  });

  /** A seeded operator (index 20 and up) without any payment licence, not used before. */
  const used = new Set<number>();
  const unlicensed = async () => {
    for (let i = 20; i < OPERATORS; i++) {
      if (used.has(i)) continue;
      const res = await send(`query ($u: UnifiedSocialCreditCode) { paymentLicences(filter: { uscc: $u }) { totalCount } }`, { u: uscc(i) }, {});
      if (res.data!.paymentLicences.totalCount === 0) {
        used.add(i);
        return i;
      }
    }
    throw new Error('no unlicensed operator left');
  };

  it('records a licence valid for the rules’ five years; holdsPaymentLicence follows it through _entities', async () => {
    const i = await unlicensed();
    expect(await holds(i)).toEqual({ uscc: uscc(i), holdsPaymentLicence: false, paymentLicence: null });
    const res = await send(RECORD, { input: licence({ uscc: uscc(i) }) });
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordPaymentLicence).toMatchObject({
      licenceNumber: 'Z2026440000001', validUntil: '2031-02-28', status: 'VALID', administrativeStatus: 'IN_FORCE',
      rulesVersion: 'PBOC-PAY-2010', operator: { uscc: uscc(i) },
    });
    expect(await holds(i)).toEqual({
      uscc: uscc(i), holdsPaymentLicence: true, paymentLicence: { licenceNumber: 'Z2026440000001', status: 'VALID' },
    });

    await expectBadInput(RECORD, { input: licence({ uscc: uscc(i), administrativeStatus: 'REVOKED' }) }, /statusReason/);
    await expectBadInput(RECORD, { input: licence({ uscc: uscc(i), issuedOn: '2026-03-02', statusReason: '换证' }) }, /issued on 2026-03-01/);
    const revoked = await send(RECORD, {
      input: licence({ uscc: uscc(i), administrativeStatus: 'REVOKED', statusReason: '违规挪用备付金' }),
    });
    expect(revoked.data!.recordPaymentLicence).toMatchObject({ status: 'REVOKED', statusReason: '违规挪用备付金' });
    expect(await holds(i)).toEqual({
      uscc: uscc(i), holdsPaymentLicence: false, paymentLicence: { licenceNumber: 'Z2026440000001', status: 'REVOKED' },
    });
  });

  it('shows an expired licence as not held', async () => {
    const i = await unlicensed();
    const res = await send(RECORD, {
      input: licence({ uscc: uscc(i), licenceNumber: 'Z2018440000021', issuedOn: '2018-01-10' }),
    });
    expect(res.data!.recordPaymentLicence).toMatchObject({ validUntil: '2023-01-09', status: 'EXPIRED' });
    expect(await holds(i)).toEqual({
      uscc: uscc(i), holdsPaymentLicence: false, paymentLicence: { licenceNumber: 'Z2018440000021', status: 'EXPIRED' },
    });
  });

  it('rejects bad licences and writes nothing', async () => {
    const i = await unlicensed();
    const before = await holds(i);
    const u = uscc(i);
    await expectBadInput(RECORD, { input: licence({ uscc: u, licenceNumber: 'Z123' }) }, /licenceNumber/);
    await expectBadInput(RECORD, { input: licence({ uscc: u, licenceNumber: 'Z2026440000022', kinds: [] }) }, /kinds/);
    await expectBadInput(RECORD, { input: licence({ uscc: u, licenceNumber: 'Z2026440000022', validUntil: '2026-03-01' }) }, /validUntil/);
    await expectBadInput(RECORD, { input: licence({ uscc: u, licenceNumber: 'Z2026440000022', issuedOn: '2026-12-01' }) }, /future/);
    await expectDuplicate(RECORD, { input: licence({ uscc: u, statusReason: '换证' }) }, /another operator \(/, { licenceNumber: 'Z2026440000001' });
    await expectBadInput(RECORD, { input: licence({ uscc: '91350203M0001QAY9B', licenceNumber: 'Z2026440000022' }) }, /check character/);
    expect(await holds(i)).toEqual(before);
  });

  it('publishes the seeded licences and each recorded licence or change as it stands (QualificationChange) for customs', async () => {
    const db = h.subgraph.database.dataSource;
    const events = await db.getRepository(OutboxEvent).find({ where: { type: 'QualificationChange' }, order: { sequence: 'ASC' } });
    const payloads = events.map((e) => e.payload as QualificationChange);
    const rows = await db.getRepository(PaymentLicence).find();
    // Every licence's latest event states it as it now stands.
    for (const row of rows) {
      expect(payloads.filter((p) => p.number === row.licenceNumber).at(-1)).toEqual(paymentLicenceChange(row));
    }
    // The first test's licence: recorded, then revoked; the refused writes published nothing.
    expect(payloads.filter((p) => p.number === 'Z2026440000001').map((p) => p.status)).toEqual(['IN_FORCE', 'REVOKED']);
    expect(events.every((e) => e.sourceAgency === 'finance')).toBe(true);
  });
});
