import { loadConfig } from '../../../shared/config/config';
import { createSeedPlan, SeedPlan } from '../../../shared/seed/seed-plan';
import { FinancingBasisListKind, FinancingMeasure, FinancingMeasureKind } from '../../../subgraphs/finance/entities/financing-measure.entity';
import { financeSubgraph } from '../../../subgraphs/finance';
import { deliver, listChange } from '../../support/credit-events';
import { startSubgraphForTest, SubgraphHarness } from '../../support/subgraph-harness';

/**
 * Finance applies and lifts its joint measures from the credit list push (issue 8 part 3): the handler runs on the
 * subgraph's real database; the effect is read and tested through the subgraph's GraphQL API.
 */
const OPERATORS = 20;
/** Request time fixed at China date 2026-11-15. */
const NOW = new Date('2026-11-15T04:00:00Z');

let h: SubgraphHarness;
let finance: Record<string, string>;
// The same deterministic plan the subgraph seeds from: known at load time, so describe blocks can name operators.
const plan: SeedPlan = createSeedPlan({ seed: loadConfig().seed, operators: OPERATORS });

beforeAll(async () => {
  h = await startSubgraphForTest(financeSubgraph, { seedOperators: OPERATORS, now: NOW });
  finance = await h.as({ role: 'agency', agency: 'finance' });
});
afterAll(async () => {
  await h?.stop();
});

const uscc = (index: number) => plan.operators[index].uscc;
const send = (query: string, variables?: Record<string, unknown>) => h.query(query, variables, finance);

const MEASURES = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Operator {
  financingMeasures { id kind startsOn endsOn liftedOn liftReason status active basis { listKind reference authority } } } } }`;
async function measures(index: number) {
  const res = await send(MEASURES, { reps: [{ __typename: 'Operator', uscc: uscc(index) }] });
  expect(res.errors).toBeUndefined();
  return res.data!._entities[0].financingMeasures as Record<string, unknown>[];
}
const onBasis = async (index: number, reference: string) =>
  (await measures(index)).filter((m) => (m.basis as { reference: string }).reference === reference);

const SUBMIT = `mutation ($input: SubmitFinancingApplicationInput!) { submitFinancingApplication(input: $input) { id } }`;
const DECIDE = `mutation ($input: RecordFinancingDecisionInput!) { recordFinancingDecision(input: $input) { id outcome amountGranted } }`;
async function application(index: number, appliedOn = '2026-11-01'): Promise<string> {
  const res = await send(SUBMIT, {
    input: { uscc: uscc(index), platformName: '粤信融', lenderType: 'BANK', amountRequested: '500000.00', appliedOn },
  });
  expect(res.errors).toBeUndefined();
  return res.data!.submitFinancingApplication.id;
}
const approve = (applicationId: string, decidedOn?: string) =>
  send(DECIDE, { input: { applicationId, outcome: 'APPROVED', amountGranted: '500000.00', decidedOn } });

describe('finance consumes serious-dishonest listings', () => {
  const DECISION = '穗市监严违失〔2026〕501号';
  const listed = listChange({
    operatorUscc: uscc(3), decisionNumber: DECISION, effectiveOn: '2026-11-10', ground: 'FALSE_ADVERTISING',
    decidingAuthority: '广州市市场监督管理局',
  });

  it('applies CREDIT_FINANCING_LIMITED from the effective date and reports it with its basis', async () => {
    const emitted = await deliver(h, financeSubgraph, listed);
    expect(emitted).toEqual([{
      agency: 'finance', operatorUscc: uscc(3), kind: 'CREDIT_FINANCING_LIMITED', matters: ['CREDIT_FINANCING'],
      basis: { listKind: 'SERIOUS_DISHONEST', decisionNumber: DECISION }, action: 'APPLIED',
      at: '2026-11-09T16:00:00.000Z',
    }, {
      // The rules' 36 months bound it: its end is reported with it (a removal before then reports an earlier end).
      agency: 'finance', operatorUscc: uscc(3), kind: 'CREDIT_FINANCING_LIMITED', matters: ['CREDIT_FINANCING'],
      basis: { listKind: 'SERIOUS_DISHONEST', decisionNumber: DECISION }, action: 'LIFTED',
      at: '2029-11-09T16:00:00.000Z',
    }]);
    expect(await onBasis(3, DECISION)).toEqual([expect.objectContaining({
      kind: 'CREDIT_FINANCING_LIMITED', startsOn: '2026-11-10', endsOn: '2029-11-09', liftedOn: null, status: 'ACTIVE', active: true,
      basis: { listKind: 'SERIOUS_DISHONEST_LIST', reference: DECISION, authority: '广州市市场监督管理局' },
    })]);
  });

  it('changes nothing when the same listing arrives again, even under another event id', async () => {
    const before = await measures(3);
    expect(await deliver(h, financeSubgraph, listed)).toEqual([]);
    expect(await deliver(h, financeSubgraph, { ...listed, id: 'another-id', sequence: listed.sequence + 100 })).toEqual([]);
    expect(await measures(3)).toEqual(before);
  });

  it('refuses an APPROVED decision with RESTRICTED_BY_JOINT_MEASURE naming the measure and its basis', async () => {
    const id = await application(3);
    const res = await approve(id);
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions).toEqual({
      code: 'RESTRICTED_BY_JOINT_MEASURE',
      measure: { agency: 'finance', kind: 'CREDIT_FINANCING_LIMITED', basis: { listKind: 'SERIOUS_DISHONEST', decisionNumber: DECISION } },
    });
    expect(res.errors?.[0]?.message).toContain(DECISION);
    expect(res.errors?.[0]?.message).toContain('CREDIT_FINANCING_LIMITED');
    // Nothing changed: the application is still pending; a rejection is still possible.
    const apps = await send(`query ($f: FinancingApplicationFilter) { financingApplications(filter: $f) { nodes { id outcome } } }`, {
      f: { uscc: uscc(3) },
    });
    expect(apps.data!.financingApplications.nodes.find((a: { id: string }) => a.id === id)).toEqual({ id, outcome: 'PENDING' });
    const rejected = await send(DECIDE, { input: { applicationId: id, outcome: 'REJECTED', reason: '列入严重违法失信名单' } });
    expect(rejected.data!.recordFinancingDecision.outcome).toBe('REJECTED');
  });

  it('approves credit decided before the listing took effect', async () => {
    const id = await application(3, '2026-11-02');
    const res = await approve(id, '2026-11-09');
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordFinancingDecision).toMatchObject({ outcome: 'APPROVED', amountGranted: '500000.00' });
  });

  it('lifts the measure from the removal date, reports it, and approves again; a repeated removal changes nothing', async () => {
    const removal = listChange({
      operatorUscc: uscc(3), action: 'REMOVED', decisionNumber: '穗市监移出〔2026〕77号', listingDecisionNumber: DECISION,
      effectiveOn: '2026-11-14',
    });
    const emitted = await deliver(h, financeSubgraph, removal);
    expect(emitted).toEqual([expect.objectContaining({
      agency: 'finance', kind: 'CREDIT_FINANCING_LIMITED', action: 'LIFTED', at: '2026-11-13T16:00:00.000Z',
      basis: { listKind: 'SERIOUS_DISHONEST', decisionNumber: DECISION },
    })]);
    const [measure] = await onBasis(3, DECISION);
    expect(measure).toMatchObject({ liftedOn: '2026-11-14', status: 'LIFTED', active: false });
    expect(measure.liftReason).toContain('穗市监移出〔2026〕77号');
    expect(await deliver(h, financeSubgraph, { ...removal, id: 'again' })).toEqual([]);
    expect(await onBasis(3, DECISION)).toEqual([measure]);
    const res = await approve(await application(3));
    expect(res.errors).toBeUndefined();
    // A LISTED of the same listing arriving after its removal applies nothing.
    expect(await deliver(h, financeSubgraph, { ...listed, id: 'late' })).toEqual([]);
    expect(await onBasis(3, DECISION)).toEqual([measure]);
  });
});

describe('finance: other lists', () => {
  it('CUSTOMS_DISHONEST limits credit financing; ABNORMAL_OPERATIONS asks lenders for due diligence but refuses nothing', async () => {
    const customs = await deliver(h, financeSubgraph, listChange({
      kind: 'CUSTOMS_DISHONEST', operatorUscc: uscc(4), decisionNumber: '广州海关失信认定〔2026〕12号', effectiveOn: '2026-10-01',
    }, 'customs'));
    expect(customs.map((c) => [c.kind, c.matters, c.action])).toEqual([
      ['CREDIT_FINANCING_LIMITED', ['CREDIT_FINANCING'], 'APPLIED'], ['CREDIT_FINANCING_LIMITED', ['CREDIT_FINANCING'], 'LIFTED'],
    ]);
    expect((await approve(await application(4))).errors?.[0]?.extensions?.code).toBe('RESTRICTED_BY_JOINT_MEASURE');

    const abnormal = await deliver(h, financeSubgraph, listChange({
      kind: 'ABNORMAL_OPERATIONS', operatorUscc: uscc(5), decisionNumber: '穗天市监异〔2026〕3号', effectiveOn: '2026-07-01',
      ground: 'ANNUAL_REPORT_NOT_FILED',
    }));
    expect(abnormal.map((c) => [c.kind, c.matters, c.action, c.at])).toEqual([
      ['ENHANCED_DUE_DILIGENCE', [], 'APPLIED', '2026-06-30T16:00:00.000Z'], ['ENHANCED_DUE_DILIGENCE', [], 'LIFTED', '2027-06-30T16:00:00.000Z'],
    ]);
    expect(await onBasis(5, '穗天市监异〔2026〕3号')).toEqual([expect.objectContaining({
      kind: 'ENHANCED_DUE_DILIGENCE', startsOn: '2026-07-01', endsOn: '2027-06-30', status: 'ACTIVE',
      basis: expect.objectContaining({ listKind: 'ABNORMAL_OPERATIONS_LIST' }),
    })]);
    expect((await approve(await application(5))).errors).toBeUndefined();
  });

  it('does not refuse approvals on a measure recorded before the loop, whose basis was never received', async () => {
    // A row from before finance received listings (the seed writes none any more): no listing stands behind it.
    const index = 7;
    await h.subgraph.database.dataSource.getRepository(FinancingMeasure).insert({
      operatorUscc: uscc(index), kind: FinancingMeasureKind.CREDIT_FINANCING_LIMITED, basisListKind: FinancingBasisListKind.SERIOUS_DISHONEST_LIST,
      basisReference: '穗市监严违失〔2025〕77号', basisAuthority: '广州市市场监督管理局', startsOn: '2026-01-05', endsOn: '2029-01-04',
      endsOnFromRules: true, rulesVersion: 'GZ-FIN-MEASURE-2026', liftedOn: null, liftReason: null, imposedBy: '广州市地方金融管理局',
    });
    const recorded = await send(`{ financingMeasures(first: 50, filter: { kind: CREDIT_FINANCING_LIMITED, active: true }) { nodes { operator { uscc } } } }`);
    expect(recorded.data!.financingMeasures.nodes.map((n: { operator: { uscc: string } }) => n.operator.uscc)).toContain(uscc(index));
    expect((await approve(await application(index))).errors).toBeUndefined();
  });
});

describe('finance: imposeFinancingMeasure needs a received basis', () => {
  const IMPOSE = `mutation ($input: ImposeFinancingMeasureInput!) { imposeFinancingMeasure(input: $input) {
    id kind startsOn endsOn status basis { listKind reference } } }`;
  const input = (over: Record<string, unknown>) => ({
    uscc: uscc(6), kind: 'POLICY_GUARANTEE_EXCLUDED', basisListKind: 'CUSTOMS_DISHONEST', basisReference: '广州海关失信认定〔2026〕404号',
    startsOn: '2026-11-01', ...over,
  });
  const expectBadInput = async (over: Record<string, unknown>, message: RegExp) => {
    const res = await send(IMPOSE, { input: input(over) });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(message);
    expect(res.data ?? null).toBeNull();
  };

  it('refuses a basis it has not received, another operator’s, one not yet or no longer in force, and lists no one knows', async () => {
    const before = await measures(6);
    await expectBadInput({}, /No CUSTOMS_DISHONEST listing .* has been received: a measure whose basis is missing cannot exist/);
    await expectBadInput({ basisListKind: 'DISHONEST_JUDGMENT_DEBTOR' }, /finance receives no listings of this kind/);
    await deliver(h, financeSubgraph, listChange({
      kind: 'CUSTOMS_DISHONEST', operatorUscc: uscc(7), decisionNumber: '广州海关失信认定〔2026〕404号', effectiveOn: '2026-10-20',
    }, 'customs'));
    // Received, but for another operator.
    await expectBadInput({}, /has been received/);
    expect(await measures(6)).toEqual(before);
    await expectBadInput({ uscc: uscc(7), startsOn: '2026-10-19' }, /not in force on 2026-10-19/);
    expect((await onBasis(7, '广州海关失信认定〔2026〕404号')).map((m) => m.kind)).toEqual(['CREDIT_FINANCING_LIMITED']);
  });

  it('accepts a received basis in force, and lifts the hand-imposed measure with the listing', async () => {
    const ok = await send(IMPOSE, { input: input({ uscc: uscc(7) }) });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.imposeFinancingMeasure).toMatchObject({
      kind: 'POLICY_GUARANTEE_EXCLUDED', startsOn: '2026-11-01', status: 'ACTIVE',
      basis: { listKind: 'CUSTOMS_DISHONEST', reference: '广州海关失信认定〔2026〕404号' },
    });
    const emitted = await deliver(h, financeSubgraph, listChange({
      kind: 'CUSTOMS_DISHONEST', action: 'REPAIRED', operatorUscc: uscc(7), decisionNumber: '广州海关信用修复〔2026〕9号',
      listingDecisionNumber: '广州海关失信认定〔2026〕404号', effectiveOn: '2026-11-12',
    }, 'customs'));
    expect(emitted.map((e) => [e.kind, e.action])).toEqual(
      expect.arrayContaining([['CREDIT_FINANCING_LIMITED', 'LIFTED'], ['POLICY_GUARANTEE_EXCLUDED', 'LIFTED']]),
    );
    const after = await onBasis(7, '广州海关失信认定〔2026〕404号');
    expect(after.map((m) => [m.status, m.liftedOn])).toEqual([['LIFTED', '2026-11-12'], ['LIFTED', '2026-11-12']]);
    expect(after[0].liftReason).toMatch(/credit repaired/);
    // Once removed, the basis carries no new measure.
    await expectBadInput({ uscc: uscc(7), startsOn: '2026-11-13', kind: 'SUBSIDY_EXCLUDED' }, /not in force on 2026-11-13/);
  });

  it('ends a hand-imposed measure the day before a removal already announced for a later date', async () => {
    const reference = '穗市监严违失〔2026〕530号';
    await deliver(h, financeSubgraph, listChange({ operatorUscc: uscc(8), decisionNumber: reference, effectiveOn: '2026-11-01' }));
    await deliver(h, financeSubgraph, listChange({
      operatorUscc: uscc(8), action: 'REMOVED', decisionNumber: '穗市监移出〔2026〕90号', listingDecisionNumber: reference, effectiveOn: '2026-12-01',
    }));
    const computed = await send(IMPOSE, { input: input({ uscc: uscc(8), basisListKind: 'SERIOUS_DISHONEST_LIST', basisReference: reference }) });
    expect(computed.errors).toBeUndefined();
    expect(computed.data!.imposeFinancingMeasure).toMatchObject({ startsOn: '2026-11-01', endsOn: '2026-11-30' });
    await expectBadInput(
      { uscc: uscc(8), kind: 'SUBSIDY_EXCLUDED', basisListKind: 'SERIOUS_DISHONEST_LIST', basisReference: reference, endsOn: '2026-12-01' },
      /ends on 2026-12-01: `endsOn` must be on or before 2026-11-30/,
    );
  });
});

describe('finance: a removal that overtakes its listing', () => {
  it('records the listing as ended, so the late LISTED applies nothing and the basis carries no measure', async () => {
    const reference = '穗市监严违失〔2026〕540号';
    const removal = listChange({
      operatorUscc: uscc(9), action: 'REMOVED', decisionNumber: '穗市监移出〔2026〕91号', listingDecisionNumber: reference, effectiveOn: '2026-11-12',
    });
    expect(await deliver(h, financeSubgraph, removal)).toEqual([]);
    expect(await deliver(h, financeSubgraph, listChange({ operatorUscc: uscc(9), decisionNumber: reference, effectiveOn: '2026-11-05' }))).toEqual([]);
    expect(await onBasis(9, reference)).toEqual([]);
    const res = await send(`mutation ($input: ImposeFinancingMeasureInput!) { imposeFinancingMeasure(input: $input) { id } }`, {
      input: { uscc: uscc(9), kind: 'SUBSIDY_EXCLUDED', basisListKind: 'SERIOUS_DISHONEST_LIST', basisReference: reference, startsOn: '2026-11-13' },
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
