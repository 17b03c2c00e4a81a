import { addDays, addMonths, chinaToday } from '../../shared/calendar/dates';
import { startStackForTest, StackHarness } from '../support/stack-harness';

/**
 * Issue 10 part 2's acceptance through the gateway: an eligible penalty repair is approved and the public stops
 * seeing the penalty while the assessment moves; an ineligible one is refused with the rule and the date; an
 * approved serious-list repair lifts finance's measures through the event path.
 */
jest.setTimeout(90_000);

type Op = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const CANDIDATES = `{ operators(first: 60) { nodes {
  uscc onSeriousDishonestList registration { establishedOn } penalties { decidedOn } abnormalOperations { removedOn }
} } }`;
const PENALTY = `mutation ($input: RecordPenaltyInput!) { recordPenalty(input: $input) { id decisionNumber } }`;
const PERFORMED = `mutation ($n: String!, $on: Date!) { markPenaltyPerformed(decisionNumber: $n, performedOn: $on) { performed } }`;
const LIST = `mutation ($input: ListOnSeriousDishonestListInput!) { listOnSeriousDishonestList(input: $input) { id decisionNumber } }`;
const APPLY = `mutation ($input: ApplyForCreditRepairInput!) { applyForCreditRepair(input: $input) {
  id status conditions { condition met metFrom } } }`;
const DECIDE = `mutation ($input: DecideCreditRepairInput!) { decideCreditRepair(input: $input) { id status } }`;
const PUBLIC_VIEW = `query ($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) { penalties { decisionNumber } creditAssessment { score } } }`;
const AGENCY_VIEW = `query ($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) {
  penalties { decisionNumber publicUntil inPublicity repairedOn }
  creditAssessment { score assessedAt factors { agency code value } }
  creditRepairApplications { id status reason }
  seriousDishonesty { decisionNumber removalKind current }
  jointMeasures { agency kind basis { decisionNumber } liftedAt active }
  financingMeasures { kind active basis { reference } }
} }`;

const COMMITMENT = '本企业郑重承诺：已纠正违法行为并消除不良影响，今后依法诚信经营。';

describe('credit repair through the gateway (issue 10 part 2)', () => {
  let h: StackHarness;
  let admin: Record<string, string>;
  let marketRegulation: Record<string, string>;
  const today = chinaToday(new Date());
  let candidates: Op[];

  beforeAll(async () => {
    h = await startStackForTest({ seedOperators: 60 });
    admin = await h.as({ role: 'admin' });
    marketRegulation = await h.as({ role: 'agency', agency: 'market-regulation' });
    const res = await h.query(CANDIDATES, undefined, admin);
    expect(res.errors).toBeUndefined();
    // Long-established operators with no penalty and no listing: nothing else on record decides a condition.
    candidates = (res.data!.operators.nodes as Op[]).filter((o) =>
      !o.onSeriousDishonestList && o.registration.establishedOn < addDays(today, -800) && o.penalties.length === 0 &&
      o.abnormalOperations.every((a: Op) => a.removedOn));
    expect(candidates.length).toBeGreaterThanOrEqual(2);
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  async function ok(query: string, variables: Record<string, unknown>, headers = marketRegulation): Promise<Op> {
    const res = await h.query(query, variables, headers);
    expect(res.errors).toBeUndefined();
    return res.data!;
  }

  /** Asks until `done` holds (events travel after the commit) or the time is up; returns the last answer. */
  async function until(uscc: string, done: (o: Op) => boolean): Promise<Op> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const o = (await ok(AGENCY_VIEW, { uscc }, admin)).operator;
      if (done(o) || Date.now() > deadline) return o;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  const generalPenalties = (o: Op) => o.creditAssessment?.factors.find((f: Op) => f.code === 'MR_PENALTIES_GENERAL')?.value;

  it('an eligible penalty repair is approved: the public stops seeing the penalty and the assessment changes', async () => {
    const uscc = candidates[0].uscc;
    const operator = await h.as({ role: 'operator', operators: [uscc] });
    const number = '穗天市监处〔2026〕E2E-R1号';
    const { recordPenalty } = await ok(PENALTY, { input: {
      operatorUscc: uscc, decisionNumber: number, violationType: '虚假宣传', facts: '网店商品详情页虚假宣传',
      legalBasis: '《反不正当竞争法》第二十条', categories: ['FINE'], severity: 'ORDINARY', fineAmount: '60000.00',
      decidedOn: addDays(today, -200), decidingAuthority: '广州市天河区市场监督管理局',
    } });
    await ok(PERFORMED, { n: number, on: addDays(today, -150) });
    const listed = await until(uscc, (o) => generalPenalties(o) === 1);
    expect(generalPenalties(listed)).toBe(1);
    const anonymousBefore = (await ok(PUBLIC_VIEW, { uscc }, {})).operator;
    expect(anonymousBefore.penalties.map((p: Op) => p.decisionNumber)).toContain(number);

    const { applyForCreditRepair: app } = await ok(APPLY, { input: {
      operatorUscc: uscc, recordKind: 'ADMINISTRATIVE_PENALTY', recordId: recordPenalty.id, commitment: COMMITMENT,
      performanceEvidence: '罚款已缴清',
    } }, operator);
    expect(app.status).toBe('APPLIED');
    expect(app.conditions.every((c: Op) => c.met)).toBe(true);
    await ok(DECIDE, { input: { applicationId: app.id, decision: 'APPROVED', reason: '符合条件，准予提前停止公示' } });

    const anonymousAfter = (await ok(PUBLIC_VIEW, { uscc }, {})).operator;
    expect(anonymousAfter.penalties.map((p: Op) => p.decisionNumber)).not.toContain(number);
    const repaired = await until(uscc, (o) => generalPenalties(o) === 0);
    expect(generalPenalties(repaired)).toBe(0);
    expect(repaired.creditAssessment.score).not.toBe(listed.creditAssessment.score);
    expect(repaired.penalties.find((p: Op) => p.decisionNumber === number)).toEqual({
      decisionNumber: number, publicUntil: today, inPublicity: false, repairedOn: today,
    });
    expect(repaired.creditRepairApplications).toContainEqual({ id: app.id, status: 'APPROVED', reason: '符合条件，准予提前停止公示' });
  });

  it('an ineligible application is refused with the rule and the date that make it ineligible', async () => {
    const uscc = candidates[0].uscc;
    const operator = await h.as({ role: 'operator', operators: [uscc] });
    const decidedOn = addDays(today, -30);
    const { recordPenalty } = await ok(PENALTY, { input: {
      operatorUscc: uscc, decisionNumber: '穗天市监处〔2026〕E2E-R2号', violationType: '经营超过保质期的食品', facts: '销售过期食品',
      legalBasis: '《食品安全法》第一百二十四条', categories: ['FINE'], severity: 'ORDINARY', fineAmount: '50000.00',
      decidedOn, decidingAuthority: '广州市天河区市场监督管理局', lawField: 'FOOD',
    } });
    const res = await h.query(APPLY, { input: {
      operatorUscc: uscc, recordKind: 'ADMINISTRATIVE_PENALTY', recordId: recordPenalty.id, commitment: COMMITMENT,
    } }, operator);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toContain(
      `repairable from ${addMonths(decidedOn, 12)} (SAMR-PENALTY-PUBLICITY-2021.1: 12 months after the decision for FOOD)`,
    );
    const own = (await ok(`query ($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) { creditRepairApplications { status reason } } }`, { uscc }, operator)).operator;
    expect(own.creditRepairApplications[0]).toMatchObject({ status: 'INELIGIBLE', reason: expect.stringContaining(addMonths(decidedOn, 12)) });
  });

  it("an approved serious-list repair removes the listing early and lifts finance's financing measures", async () => {
    const uscc = candidates[1].uscc;
    const operator = await h.as({ role: 'operator', operators: [uscc] });
    const basis = '穗天市监处〔2025〕E2E-R3号';
    await ok(PENALTY, { input: {
      operatorUscc: uscc, decisionNumber: basis, violationType: '虚假广告', facts: '情节严重的虚假广告', legalBasis: '《广告法》第五十五条',
      categories: ['FINE'], severity: 'AGGRAVATED_FINE', fineAmount: '800000.00', decidedOn: addDays(today, -500),
      decidingAuthority: '广州市天河区市场监督管理局',
    } });
    await ok(PERFORMED, { n: basis, on: addDays(today, -450) });
    const decisionNumber = '穗市监列严〔2025〕E2E-R3号';
    const { listOnSeriousDishonestList: listing } = await ok(LIST, { input: {
      operatorUscc: uscc, ground: 'FALSE_ADVERTISING', basisDecisionNumbers: [basis], facts: '情节严重', decisionNumber,
      listingAuthority: '广州市市场监督管理局', priorNoticeOn: addDays(today, -430), statementOfDefenceDeadline: addDays(today, -420),
      listedOn: addDays(today, -400),
    } });
    const financeActive = (o: Op) => o.jointMeasures.some((m: Op) => m.agency === 'finance' && m.active);
    const measured = await until(uscc, financeActive);
    expect(measured.financingMeasures).toContainEqual({ kind: 'CREDIT_FINANCING_LIMITED', active: true, basis: { reference: decisionNumber } });

    const { applyForCreditRepair: app } = await ok(APPLY, { input: {
      operatorUscc: uscc, recordKind: 'SERIOUS_DISHONEST_LISTING', recordId: listing.id, commitment: COMMITMENT,
      performanceEvidence: '已更正全部广告并向消费者公开致歉',
    } }, operator);
    expect(app.status).toBe('APPLIED');
    expect(app.conditions.find((c: Op) => c.condition === 'ONE_YEAR_ON_LIST')).toEqual({
      condition: 'ONE_YEAR_ON_LIST', met: true, metFrom: expect.any(String),
    });
    await ok(DECIDE, { input: {
      applicationId: app.id, decision: 'APPROVED', reason: '满足提前移出条件', decisionNumber: '穗市监移严〔2026〕E2E-R3号',
    } });

    const lifted = await until(uscc, (o) => o.jointMeasures.length > 0 && o.jointMeasures.every((m: Op) => !m.active && m.liftedAt));
    const finance = lifted.jointMeasures.filter((m: Op) => m.agency === 'finance');
    expect(finance.length).toBeGreaterThan(0);
    for (const m of finance) expect(m).toMatchObject({ active: false, liftedAt: expect.any(String), basis: { decisionNumber } });
    expect(lifted.financingMeasures.filter((m: Op) => m.active)).toEqual([]);
    expect(lifted.seriousDishonesty.find((s: Op) => s.decisionNumber === decisionNumber)).toEqual({
      decisionNumber, removalKind: 'EARLY_REPAIR', current: false,
    });
  });
});
