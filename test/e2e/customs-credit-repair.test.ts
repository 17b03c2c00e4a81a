import { addDays, addMonths, chinaToday } from '../../shared/calendar/dates';
import { startStackForTest, StackHarness } from '../support/stack-harness';

/**
 * Issue 10 part 2 for customs: a customs dishonesty finding (CUSTOMS_DISHONEST list) is repaired on market
 * regulation's application register, judged by customs' rules and decided by customs staff; the approval travels to
 * customs as an event, customs removes the finding (CREDIT_REPAIR, REPAIRED), and every agency's measures end.
 */
jest.setTimeout(120_000);

type Op = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const CANDIDATES = `{ operators(first: 60) { nodes {
  uscc onSeriousDishonestList abnormalOperations { removedOn }
  customsRegistration { registeredOn status }
  customsCredit { current { level effectiveOn } dishonestyFindings { current } }
} } }`;
const FINDING = `mutation ($input: RecordCustomsDishonestyFindingInput!) { recordCustomsDishonestyFinding(input: $input) { id decisionNumber } }`;
const RATING = `mutation ($input: RecordCustomsCreditRatingInput!) { recordCustomsCreditRating(input: $input) { current { level } } }`;
const APPLY = `mutation ($input: ApplyForCreditRepairInput!) { applyForCreditRepair(input: $input) {
  id status rulesVersion recordDecisionNumber conditions { condition rule met metFrom } } }`;
const DECIDE = `mutation ($input: DecideCreditRepairInput!) { decideCreditRepair(input: $input) { id status removalDecisionNumber } }`;
const VIEW = `query ($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) {
  customsCredit { current { level } dishonestyFindings { id decisionNumber current removalKind removalDecisionNumber } }
  jointMeasures { agency kind basis { decisionNumber } liftedAt active }
  financingMeasures { kind active basis { reference } }
  creditAssessment { factors { agency code value } }
  creditRepairApplications { id status recordKind reason }
} }`;

const COMMITMENT = '本企业郑重承诺：已补缴全部税款并纠正失信行为，今后依法诚信经营。';

describe('credit repair of a customs dishonesty finding through the gateway (issue 10 part 2)', () => {
  let h: StackHarness;
  let admin: Record<string, string>;
  let customs: Record<string, string>;
  let marketRegulation: Record<string, string>;
  const today = chinaToday(new Date());
  let candidates: Op[];

  beforeAll(async () => {
    h = await startStackForTest({ seedOperators: 60 });
    admin = await h.as({ role: 'admin' });
    customs = await h.as({ role: 'agency', agency: 'customs' });
    marketRegulation = await h.as({ role: 'agency', agency: 'market-regulation' });
    const res = await h.query(CANDIDATES, undefined, admin);
    expect(res.errors).toBeUndefined();
    // Registered with customs long ago, rated no later than today, nothing on any list: only this test's finding counts.
    candidates = (res.data!.operators.nodes as Op[]).filter((o) =>
      !o.onSeriousDishonestList && o.abnormalOperations.every((a: Op) => a.removedOn) &&
      o.customsRegistration?.status === 'ACTIVE' && o.customsRegistration.registeredOn < addDays(today, -400) &&
      !['DISHONEST', 'SERIOUSLY_DISHONEST'].includes(o.customsCredit.current?.level) &&
      o.customsCredit.dishonestyFindings.every((f: Op) => !f.current));
    expect(candidates.length).toBeGreaterThanOrEqual(2);
  }, 180_000);
  afterAll(async () => {
    await h?.stop();
  });

  async function ok(query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<Op> {
    const res = await h.query(query, variables, headers);
    expect(res.errors).toBeUndefined();
    return res.data!;
  }

  async function until(uscc: string, done: (o: Op) => boolean): Promise<Op> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const o = (await ok(VIEW, { uscc }, admin)).operator;
      if (done(o) || Date.now() > deadline) return o;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  const factor = (o: Op, code: string) => o.creditAssessment?.factors.find((f: Op) => f.agency === 'customs' && f.code === code)?.value;

  async function finding(uscc: string, ground: string, foundOn: string, decisionNumber: string): Promise<Op> {
    return (await ok(FINDING, { input: {
      uscc, ground, foundOn, decisionNumber, facts: '经稽查认定存在失信情形', decidingAuthority: '广州海关',
    } }, customs)).recordCustomsDishonestyFinding;
  }

  it("an approved repair removes the finding, lifts finance's measures and the CUS_DISHONEST* factors", async () => {
    const uscc = candidates[0].uscc;
    const operator = await h.as({ role: 'operator', operators: [uscc] });
    const foundOn = addDays(today, -120);
    const number = '穗关信认字〔2026〕E2E-C1号';
    const listed = await finding(uscc, 'UNPAID_TAX', foundOn, number);
    await ok(RATING, { input: { uscc, level: 'DISHONEST', effectiveOn: today, reason: '拖欠税款认定为失信企业' } }, customs);
    const measured = await until(uscc, (o) =>
      o.financingMeasures.some((m: Op) => m.active && m.basis.reference === number) &&
      factor(o, 'CUS_DISHONEST') === 1 && factor(o, 'CUS_DISHONESTY_FINDINGS') === 1);
    expect(measured.financingMeasures).toContainEqual({ kind: 'CREDIT_FINANCING_LIMITED', active: true, basis: { reference: number } });
    expect([factor(measured, 'CUS_DISHONEST'), factor(measured, 'CUS_DISHONESTY_FINDINGS')]).toEqual([1, 1]);

    const { applyForCreditRepair: app } = await ok(APPLY, { input: {
      operatorUscc: uscc, recordKind: 'CUSTOMS_DISHONESTY_FINDING', recordId: listed.id, commitment: COMMITMENT,
      performanceEvidence: '已补缴全部欠缴税款及滞纳金',
    } }, operator);
    expect(app).toMatchObject({ status: 'APPLIED', rulesVersion: 'GACC-ORDER-282-REPAIR', recordDecisionNumber: number });
    expect(app.conditions).toContainEqual({
      condition: 'MINIMUM_PERIOD_SERVED', met: true, metFrom: addMonths(foundOn, 3), rule: expect.stringContaining('3 months after the finding for UNPAID_TAX'),
    });
    expect(app.conditions.every((c: Op) => c.met)).toBe(true);

    // Market regulation hosts the register but does not decide on customs' record.
    const byMarketRegulation = await h.query(DECIDE, { input: {
      applicationId: app.id, decision: 'APPROVED', reason: '符合条件', decisionNumber: '穗市监修〔2026〕E2E-C1号',
    } }, marketRegulation);
    expect(byMarketRegulation.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(byMarketRegulation.errors?.[0].message).toContain('customs:write');

    const removalNumber = '穗关信修字〔2026〕E2E-C1号';
    const decided = (await ok(DECIDE, { input: {
      applicationId: app.id, decision: 'APPROVED', reason: '已纠正失信行为，准予信用修复', decisionNumber: removalNumber,
    } }, customs)).decideCreditRepair;
    expect(decided).toEqual({ id: app.id, status: 'APPROVED', removalDecisionNumber: removalNumber });

    const repaired = await until(uscc, (o) =>
      o.jointMeasures.some((m: Op) => m.basis.decisionNumber === number) &&
      o.jointMeasures.filter((m: Op) => m.basis.decisionNumber === number).every((m: Op) => !m.active) &&
      factor(o, 'CUS_DISHONEST') === 0 && factor(o, 'CUS_DISHONESTY_FINDINGS') === 0);
    expect(repaired.customsCredit.dishonestyFindings.find((f: Op) => f.decisionNumber === number)).toEqual({
      id: listed.id, decisionNumber: number, current: false, removalKind: 'CREDIT_REPAIR', removalDecisionNumber: removalNumber,
    });
    expect(repaired.customsCredit.current.level).toBe('REGULAR');
    const finance = repaired.jointMeasures.filter((m: Op) => m.agency === 'finance' && m.basis.decisionNumber === number);
    expect(finance.length).toBeGreaterThan(0);
    for (const m of finance) expect(m).toMatchObject({ active: false, liftedAt: expect.any(String) });
    expect(repaired.financingMeasures.filter((m: Op) => m.active)).toEqual([]);
    expect([factor(repaired, 'CUS_DISHONEST'), factor(repaired, 'CUS_DISHONESTY_FINDINGS')]).toEqual([0, 0]);
    expect(repaired.creditRepairApplications).toContainEqual({
      id: app.id, status: 'APPROVED', recordKind: 'CUSTOMS_DISHONESTY_FINDING', reason: '已纠正失信行为，准予信用修复',
    });
  });

  it("an ineligible application is refused naming customs' rule and the date it would be eligible", async () => {
    const uscc = candidates[1].uscc;
    const operator = await h.as({ role: 'operator', operators: [uscc] });
    const foundOn = addDays(today, -30);
    const listed = await finding(uscc, 'SMUGGLING', foundOn, '穗关信认字〔2026〕E2E-C2号');
    const res = await h.query(APPLY, { input: {
      operatorUscc: uscc, recordKind: 'CUSTOMS_DISHONESTY_FINDING', recordId: listed.id, commitment: COMMITMENT,
      performanceEvidence: '已接受处罚并整改',
    } }, operator);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toContain(
      `repairable from ${addMonths(foundOn, 12)} (GACC-ORDER-282-REPAIR: 12 months after the finding for SMUGGLING`,
    );
    const own = (await ok(`query ($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) { creditRepairApplications { status reason } } }`, { uscc }, operator)).operator;
    expect(own.creditRepairApplications[0]).toMatchObject({ status: 'INELIGIBLE', reason: expect.stringContaining(addMonths(foundOn, 12)) });
  });

  it('customs unreachable: SUBGRAPH_UNAVAILABLE and no application is recorded', async () => {
    const uscc = candidates[1].uscc;
    const operator = await h.as({ role: 'operator', operators: [uscc] });
    const before = (await ok(VIEW, { uscc }, admin)).operator.creditRepairApplications.length;
    const findingId = (await ok(VIEW, { uscc }, admin)).operator.customsCredit.dishonestyFindings[0].id;
    await h.stack.subgraphs.find((s) => s.agency === 'customs')!.stop();
    const res = await h.query(APPLY, { input: {
      operatorUscc: uscc, recordKind: 'CUSTOMS_DISHONESTY_FINDING', recordId: findingId, commitment: COMMITMENT,
      performanceEvidence: '已接受处罚并整改',
    } }, operator);
    expect(res.errors?.[0].extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
    const after = await h.query(`query ($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) { creditRepairApplications { id } } }`, { uscc }, admin);
    expect(after.data!.operator.creditRepairApplications).toHaveLength(before);
  });
});
