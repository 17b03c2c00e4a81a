import { chinaToday } from '../../shared/calendar/dates';
import { loadConfig } from '../../shared/config/config';
import { createSeedPlan } from '../../shared/seed/seed-plan';
import { modelByVersion, scoreOf } from '../../subgraphs/market-regulation/rules/credit-assessment';
import { startStackForTest, StackHarness } from '../support/stack-harness';

/**
 * Issue 10 parts 3-4 through the gateway with a platform token: a consumer complaint the platform handled and upheld
 * shows in the operator's complaint statistics, in commerce's credit signal (COM_PLATFORM_COMPLAINTS_UPHELD) and, over
 * the event bus, in market regulation's comprehensive assessment; a violation lead the platform reports becomes a
 * referral case at market regulation that names the platform.
 */
jest.setTimeout(90_000);

const OPERATORS = 20;
const plan = createSeedPlan({ seed: loadConfig({}).seed, operators: OPERATORS });
const operator = plan.operators[1];
const platformId = operator.platformIds[0];
const FACTOR = 'COM_PLATFORM_COMPLAINTS_UPHELD';

const STANDING = `query ($u: UnifiedSocialCreditCode!) { operator(uscc: $u) {
  platformComplaintStats { count resolvedCount upheldCount }
  commerceCreditSignal { factors { code value evidence { kind id } } }
  creditAssessment { score grade modelVersion factors { code value contribution } } } }`;
const RECORD = `mutation ($input: RecordPlatformComplaintInput!) { recordPlatformComplaint(input: $input) { id platformId handlingDeadline overdue } }`;
const RESOLVE = `mutation ($input: ResolvePlatformComplaintInput!) { resolvePlatformComplaint(input: $input) { id outcome } }`;
const LEAD = `mutation ($input: ReportViolationLeadInput!) { reportViolationLead(input: $input) { id platformId } }`;
const REFERRALS = `query ($u: UnifiedSocialCreditCode!) { operator(uscc: $u) { referrals { fromAgency fromPlatform kind status reference { kind id } } } }`;

type Op = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('platform duties through the gateway (issue 10 parts 3-4)', () => {
  let h: StackHarness;
  let platform: Record<string, string>;
  let commerce: Record<string, string>;
  let marketRegulation: Record<string, string>;

  beforeAll(async () => {
    h = await startStackForTest({ seedOperators: OPERATORS });
    platform = await h.as({ role: 'platform', platformId });
    commerce = await h.as({ role: 'agency', agency: 'commerce' });
    marketRegulation = await h.as({ role: 'agency', agency: 'market-regulation' });
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  async function standing(): Promise<Op> {
    const res = await h.query(STANDING, { u: operator.uscc }, commerce);
    expect(res.errors).toBeUndefined();
    return res.data!.operator;
  }
  const factorOf = (op: Op) => op.commerceCreditSignal.factors.find((f: Op) => f.code === FACTOR);
  const assessedOf = (op: Op) => op.creditAssessment.factors.find((f: Op) => f.code === FACTOR) ?? { value: 0, contribution: 0 };

  /** Asks until `done` holds (events travel after the commit), then returns the last answer. */
  async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const value = await read();
      if (done(value) || Date.now() > deadline) return value;
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  it('an upheld complaint moves the statistics, the credit factor and the assessment', async () => {
    const before = await standing();
    const today = chinaToday(new Date());
    const recorded = await h.query(RECORD, {
      input: {
        platformId, operatorUscc: operator.uscc, complaintReference: 'E2E-PD-1', consumerHandle: 'z***3', category: 'AFTER_SALES',
        summary: '七日无理由退货被拒', receivedOn: today,
      },
    }, platform);
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data!.recordPlatformComplaint).toMatchObject({ platformId, overdue: false });
    const id = recorded.data!.recordPlatformComplaint.id;
    const resolved = await h.query(RESOLVE, { input: { complaintId: id, outcome: 'UPHELD', resolvedOn: today, resolution: '同意退货并赔偿运费' } }, platform);
    expect(resolved.errors).toBeUndefined();
    expect(resolved.data!.resolvePlatformComplaint).toEqual({ id, outcome: 'UPHELD' });

    const after = await until(standing, (op) => assessedOf(op).value === assessedOf(before).value + 1);
    expect(after.platformComplaintStats).toEqual({
      count: before.platformComplaintStats.count + 1,
      resolvedCount: before.platformComplaintStats.resolvedCount + 1,
      upheldCount: before.platformComplaintStats.upheldCount + 1,
    });
    expect(factorOf(after).value).toBe(factorOf(before).value + 1);
    expect(factorOf(after).evidence).toContainEqual({ kind: 'PLATFORM_COMPLAINT', id });

    // Market regulation's assessment took the new factor value and scores it with its model's weight.
    expect(assessedOf(after).value).toBe(assessedOf(before).value + 1);
    expect(assessedOf(after).contribution).toBeLessThan(assessedOf(before).contribution);
    const model = modelByVersion(after.creditAssessment.modelVersion);
    const expected = scoreOf(after.creditAssessment.factors.map((f: Op) => ({ code: f.code, value: f.value })), model);
    expect(after.creditAssessment.score).toBe(expected.score);
    expect(after.creditAssessment.score).toBeLessThan(before.creditAssessment.score);
  });

  it("a platform's violation lead arrives at market regulation as a referral case naming the platform", async () => {
    const reported = await h.query(LEAD, {
      input: { operatorUscc: operator.uscc, kind: 'COUNTERFEIT_GOODS', summary: '抽检发现仿冒注册商标商品两批次', evidenceReference: 'E2E-EV-1' },
    }, platform);
    expect(reported.errors).toBeUndefined();
    const lead = reported.data!.reportViolationLead;
    const cases = await until(
      async () => {
        const res = await h.query(REFERRALS, { u: operator.uscc }, marketRegulation);
        expect(res.errors).toBeUndefined();
        return (res.data!.operator.referrals ?? []) as Op[];
      },
      (list) => list.some((c) => c.reference.kind === 'PLATFORM_VIOLATION_LEAD' && c.reference.id === lead.id),
    );
    expect(cases.filter((c) => c.reference.kind === 'PLATFORM_VIOLATION_LEAD')).toEqual([{
      fromAgency: 'commerce', fromPlatform: platformId, kind: 'COUNTERFEIT_GOODS', status: 'RECEIVED',
      reference: { kind: 'PLATFORM_VIOLATION_LEAD', id: lead.id },
    }]);
    // The platform itself does not read market regulation's cases.
    const asPlatform = await h.query(REFERRALS, { u: operator.uscc }, platform);
    expect(asPlatform.data?.operator?.referrals ?? null).toBeNull();
  });
});
