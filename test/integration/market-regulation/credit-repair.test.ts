import { OutboxEvent } from '../../../shared/events/entities';
import { marketRegulationSubgraph } from '../../../subgraphs/market-regulation';
import { SubgraphHarness, startSubgraphForTest } from '../../support/subgraph-harness';
import { NOW, seedPlan, TODAY } from './fixtures';

type Op = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const OPERATORS = 20;
const plan = seedPlan(OPERATORS);
const [owner, other] = plan.operators.filter((o) => o.profile !== 'DISHONEST' && o.establishedOn < '2024-01-01');

const PENALTY = `mutation ($input: RecordPenaltyInput!) { recordPenalty(input: $input) { id decisionNumber } }`;
const PERFORMED = `mutation ($n: String!, $on: Date!) { markPenaltyPerformed(decisionNumber: $n, performedOn: $on) { performed } }`;
const LIST_ABNORMAL = `mutation ($input: ListOnAbnormalOperationsInput!) { listOnAbnormalOperations(input: $input) { id } }`;
const APP_FIELDS = `id recordKind recordId recordDecisionNumber appliedAt appliedBy status rulesVersion decidedAt reason removalDecisionNumber
  conditions { condition rule met metFrom detail }`;
const APPLY = `mutation ($input: ApplyForCreditRepairInput!) { applyForCreditRepair(input: $input) { ${APP_FIELDS} } }`;
const DECIDE = `mutation ($input: DecideCreditRepairInput!) { decideCreditRepair(input: $input) { ${APP_FIELDS} } }`;
const APPLICATIONS = `query ($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) { creditRepairApplications { ${APP_FIELDS} } } }`;
const PENALTIES = `query ($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) {
  penalties { decisionNumber publicUntil inPublicity repairedOn }
  abnormalOperations { decisionNumber removedOn removalReason }
} }`;
const SIGNAL = `query ($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) { marketRegulationCreditSignal { factors { code value evidence { id } } } } }`;

const COMMITMENT = '本企业郑重承诺：已纠正违法行为，今后依法诚信经营，如有违反愿承担相应法律责任。';

describe('market regulation: credit repair (信用修复, issue 10 part 2)', () => {
  let h: SubgraphHarness;
  let staff: Record<string, string>;
  let self: Record<string, string>;
  let stranger: Record<string, string>;

  beforeAll(async () => {
    expect(other).toBeDefined();
    h = await startSubgraphForTest(marketRegulationSubgraph, { seedOperators: OPERATORS, now: NOW });
    staff = await h.as({ role: 'agency', agency: 'market-regulation' });
    self = await h.as({ role: 'operator', operators: [owner.uscc] });
    stranger = await h.as({ role: 'operator', operators: [other.uscc] });
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function ok(query: string, variables: Record<string, unknown>, headers = staff): Promise<Op> {
    const res = await h.query(query, variables, headers);
    expect(res.errors).toBeUndefined();
    return Object.values(res.data!)[0] as Op;
  }

  async function penalty(n: string, over: Record<string, unknown> = {}, performedOn: string | null = '2026-04-01'): Promise<string> {
    const p = await ok(PENALTY, { input: {
      operatorUscc: owner.uscc, decisionNumber: n, violationType: '虚假宣传', facts: '在网店页面作虚假宣传',
      legalBasis: '《反不正当竞争法》第二十条', categories: ['FINE'], severity: 'ORDINARY', fineAmount: '50000.00',
      decidedOn: '2026-03-01', decidingAuthority: '广州市天河区市场监督管理局', ...over,
    } });
    if (performedOn) await ok(PERFORMED, { n, on: performedOn });
    return p.id;
  }

  const apply = (recordId: string, over: Record<string, unknown> = {}, headers = self) => h.query(APPLY, { input: {
    operatorUscc: owner.uscc, recordKind: 'ADMINISTRATIVE_PENALTY', recordId, commitment: COMMITMENT,
    performanceEvidence: '罚款已于2026-04-01缴清', ...over,
  } }, headers);

  it('approves an eligible penalty repair: publicity ends today, the public no longer sees it, agencies see repairedOn, the signal drops it', async () => {
    const id = await penalty('穗天市监处〔2026〕R1号');
    const publicBefore = (await ok(PENALTIES, { uscc: owner.uscc }, {})).penalties.map((p: Op) => p.decisionNumber);
    expect(publicBefore).toContain('穗天市监处〔2026〕R1号');
    const signalBefore = await ok(SIGNAL, { uscc: owner.uscc });
    const general = (s: Op) => s.marketRegulationCreditSignal.factors.find((f: Op) => f.code === 'MR_PENALTIES_GENERAL');
    expect(general(signalBefore).evidence).toContainEqual({ id });

    const res = await apply(id);
    expect(res.errors).toBeUndefined();
    const app = res.data!.applyForCreditRepair;
    expect(app).toMatchObject({ recordKind: 'ADMINISTRATIVE_PENALTY', recordId: id, appliedBy: 'OPERATOR', status: 'APPLIED', decidedAt: null, reason: null });
    expect(app.conditions).toEqual([
      { condition: 'PUBLICITY_PERIOD_SERVED', rule: 'SAMR-PENALTY-PUBLICITY-2021.1: 6 months after the decision for GENERAL', met: true, metFrom: '2026-09-01', detail: null },
      { condition: 'PENALTY_PERFORMED', rule: expect.stringMatching(/^SAMR-CREDIT-REPAIR-2021\.1: /), met: true, metFrom: '2026-04-01', detail: null },
      { condition: 'NO_REPEAT_VIOLATION', rule: expect.any(String), met: true, metFrom: '2026-03-01', detail: null },
      { condition: 'WRITTEN_COMMITMENT', rule: expect.any(String), met: true, metFrom: TODAY, detail: null },
    ]);

    const decided = await ok(DECIDE, { input: { applicationId: app.id, decision: 'APPROVED', reason: '符合信用修复条件，准予提前停止公示' } });
    expect(decided).toMatchObject({ status: 'APPROVED', decidedAt: NOW.toISOString(), reason: '符合信用修复条件，准予提前停止公示' });

    const publicAfter = (await ok(PENALTIES, { uscc: owner.uscc }, {})).penalties.map((p: Op) => p.decisionNumber);
    expect(publicAfter).not.toContain('穗天市监处〔2026〕R1号');
    const agencyView = (await ok(PENALTIES, { uscc: owner.uscc })).penalties.find((p: Op) => p.decisionNumber === '穗天市监处〔2026〕R1号');
    expect(agencyView).toEqual({ decisionNumber: '穗天市监处〔2026〕R1号', publicUntil: TODAY, inPublicity: false, repairedOn: TODAY });
    expect(general(await ok(SIGNAL, { uscc: owner.uscc })).evidence).not.toContainEqual({ id });
  });

  it('refuses an ineligible application with the rule and the date, and keeps it with its reason for the operator', async () => {
    const id = await penalty('穗天市监处〔2026〕R2号', { lawField: 'FOOD', decidedOn: '2026-05-10', violationType: '经营超过保质期食品' }, '2026-06-01');
    const res = await apply(id);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toContain('repairable from 2027-05-10 (SAMR-PENALTY-PUBLICITY-2021.1: 12 months after the decision for FOOD)');
    const apps = await ok(APPLICATIONS, { uscc: owner.uscc }, self);
    const kept = apps.creditRepairApplications.find((a: Op) => a.recordId === id);
    expect(kept).toMatchObject({
      status: 'INELIGIBLE', reason: 'repairable from 2027-05-10 (SAMR-PENALTY-PUBLICITY-2021.1: 12 months after the decision for FOOD)',
    });
    expect(kept.conditions.find((c: Op) => !c.met)).toMatchObject({ condition: 'PUBLICITY_PERIOD_SERVED', metFrom: '2027-05-10' });
    // The public does not see applications; another operator does not see this one's.
    expect((await h.query(APPLICATIONS, { uscc: owner.uscc }, {})).data?.operator?.creditRepairApplications ?? null).toBeNull();
    expect((await h.query(APPLICATIONS, { uscc: owner.uscc }, stranger)).data?.operator?.creditRepairApplications ?? null).toBeNull();
  });

  it("refuses an operator's application for a record that is not its own: FORBIDDEN", async () => {
    const id = await penalty('穗天市监处〔2026〕R3号');
    const forOther = await apply(id, { operatorUscc: other.uscc }, self);
    expect(forOther.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const asOwner = await apply(id, { operatorUscc: other.uscc }, stranger);
    expect(asOwner.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const agency = await apply(id, {}, await h.as({ role: 'agency', agency: 'finance' }));
    expect(agency.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await ok(APPLICATIONS, { uscc: owner.uscc })).creditRepairApplications.filter((a: Op) => a.recordId === id)).toEqual([]);
  });

  it('refuses an application without a written commitment: BAD_USER_INPUT naming it', async () => {
    const id = await penalty('穗天市监处〔2026〕R4号');
    const res = await apply(id, { commitment: '   ' });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toContain('commitment');
  });

  it('decides once (a second decision is a CONFLICT) and lets one application per record await a decision', async () => {
    const id = await penalty('穗天市监处〔2026〕R5号');
    const first = await apply(id, {}, staff);
    expect(first.errors).toBeUndefined();
    expect(first.data!.applyForCreditRepair.appliedBy).toBe('MARKET_REGULATION');
    const again = await apply(id);
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
    const appId = first.data!.applyForCreditRepair.id;
    await ok(DECIDE, { input: { applicationId: appId, decision: 'REFUSED', reason: '危害后果尚未消除' } });
    const twice = await h.query(DECIDE, { input: { applicationId: appId, decision: 'APPROVED', reason: '改判' } }, staff);
    expect(twice.errors?.[0].extensions?.code).toBe('CONFLICT');
    const shown = (await ok(APPLICATIONS, { uscc: owner.uscc }, self)).creditRepairApplications.find((a: Op) => a.id === appId);
    expect(shown).toMatchObject({ status: 'REFUSED', reason: '危害后果尚未消除' });
    // The operator cannot decide its own application (the field needs market-regulation:write).
    const byOperator = await h.query(DECIDE, { input: { applicationId: appId, decision: 'APPROVED', reason: 'x' } }, self);
    expect(byOperator.errors?.[0].extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
  });

  it('an approved abnormal-list repair removes the listing and emits a REPAIRED credit-list change', async () => {
    const listing = await ok(LIST_ABNORMAL, { input: {
      operatorUscc: owner.uscc, reason: 'UNREACHABLE', listedOn: '2026-06-01', decisionNumber: '穗天市监异〔2026〕R1号',
      listingAuthority: '广州市天河区市场监督管理局',
    } });
    const app = (await apply(listing.id, { recordKind: 'ABNORMAL_OPERATION_LISTING', performanceEvidence: '已变更登记住所并可通过该住所联系' })).data!.applyForCreditRepair;
    expect(app.status).toBe('APPLIED');
    const missingNumber = await h.query(DECIDE, { input: { applicationId: app.id, decision: 'APPROVED', reason: '已纠正' } }, staff);
    expect(missingNumber.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    await ok(DECIDE, { input: { applicationId: app.id, decision: 'APPROVED', reason: '已纠正', decisionNumber: '穗天市监移异〔2026〕R1号' } });
    const shown = (await ok(PENALTIES, { uscc: owner.uscc }, {})).abnormalOperations.find((a: Op) => a.decisionNumber === '穗天市监异〔2026〕R1号');
    expect(shown).toMatchObject({ removedOn: TODAY, removalReason: '信用修复: 已纠正' });
    const events = await h.subgraph.database.dataSource.getRepository(OutboxEvent).find({ where: { type: 'CreditListChange' } });
    expect(events.map((e) => e.payload)).toContainEqual(expect.objectContaining({
      kind: 'ABNORMAL_OPERATIONS', action: 'REPAIRED', decisionNumber: '穗天市监移异〔2026〕R1号', listingDecisionNumber: '穗天市监异〔2026〕R1号',
    }));
  });
});
