import { completeUscc } from '../../../shared/credit-code/uscc';
import type { CreditSignal } from '../../../shared/credit-signal/signal';
import { OutboxEvent } from '../../../shared/events/entities';
import type { SeedPlan } from '../../../shared/seed/seed-plan';
import { organizationBody } from '../../../shared/seed/seed-plan';
import { commerceCreditSignals } from '../../../subgraphs/commerce/credit-signal';
import type { SubgraphHarness } from '../../support/subgraph-harness';
import { errorCode, Query, startCommerce } from './support';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Commerce's credit signal (issue 9 part 1): each factor from records written through commerce's mutations, read
 * through the graph; a write that changes the signal publishes exactly one CreditSignalChange, others none; the review
 * sweep publishes when a window ends. The subgraph's clock is fixed at 2026-11-01 (China day).
 */
let h: SubgraphHarness;
let plan: SeedPlan;
let q: Query;

beforeAll(async () => {
  ({ h, plan, q } = await startCommerce(20));
});
afterAll(async () => {
  await h?.stop();
});

let fresh = 0;
/** An operator the seed does not know, so every record of it is the test's own. */
function freshOperator(): string {
  fresh += 1;
  return completeUscc('91', '440106', organizationBody(700_000 + fresh, 7));
}

const SIGNAL = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Operator {
  uscc commerceCreditSignal { agency asOf reviewAt factors { code label value evidence { kind id } } }
} } }`;

async function signalOf(uscc: string): Promise<{ reviewAt: string | null; factors: Record<string, { value: number; evidence: { kind: string; id: string }[] }> }> {
  const res = await q(SIGNAL, { reps: [{ __typename: 'Operator', uscc }] });
  expect(res.errors).toBeUndefined();
  const signal = res.data!._entities[0].commerceCreditSignal;
  expect(signal.agency).toBe('commerce');
  return { reviewAt: signal.reviewAt, factors: Object.fromEntries(signal.factors.map((f: any) => [f.code, f])) };
}

/** The CreditSignalChange events in commerce's outbox about `uscc`, oldest first. */
async function published(uscc: string): Promise<CreditSignal[]> {
  const rows = await h.subgraph.database.dataSource.getRepository(OutboxEvent).find({
    where: { type: 'CreditSignalChange' },
    order: { sequence: 'ASC' },
  });
  return rows.map((r) => r.payload as CreditSignal).filter((p) => p.operatorUscc === uscc);
}

const valueIn = (signal: CreditSignal, code: string) => signal.factors.find((f) => f.code === code)!.value;

/** Runs a mutation and returns its data and the CreditSignalChange events it added for `uscc`. */
async function write(uscc: string, query: string, input: Record<string, unknown>) {
  const before = (await published(uscc)).length;
  const res = await q(query, { input });
  expect(res.errors).toBeUndefined();
  const data = Object.values(res.data!)[0] as any;
  return { data, events: (await published(uscc)).slice(before) };
}

const REVIEW = `mutation($input: RecordConsumerReviewInput!) { recordConsumerReview(input: $input) { id } }`;
const REVIEW_STATUS = `mutation($input: ChangeConsumerReviewStatusInput!) { changeConsumerReviewStatus(input: $input) { id status } }`;
const EVALUATION = `mutation($input: RecordOperatorCreditEvaluationInput!) { recordOperatorCreditEvaluation(input: $input) { id grade } }`;
const FILE_CLAIM = `mutation($input: FileAdvanceCompensationClaimInput!) { fileAdvanceCompensationClaim(input: $input) { id } }`;
const PAY_CLAIM = `mutation($input: RecordAdvanceCompensationPaymentInput!) { recordAdvanceCompensationPayment(input: $input) { id status } }`;
const RECOVER_CLAIM = `mutation($input: RecordAdvanceCompensationRecoveryInput!) { recordAdvanceCompensationRecovery(input: $input) { id status } }`;
const REJECT_CLAIM = `mutation($input: RejectAdvanceCompensationClaimInput!) { rejectAdvanceCompensationClaim(input: $input) { id status } }`;
const LIST = `mutation($input: RecordCommerceListEntryInput!) { recordCommerceListEntry(input: $input) { id expiresOn } }`;

it('carries exactly the commerce factors, 0 for an operator commerce holds nothing about', async () => {
  const { reviewAt, factors } = await signalOf(freshOperator());
  expect(Object.keys(factors)).toEqual([
    'COM_NEGATIVE_REVIEW_PERCENT', 'COM_PLATFORM_EVALUATION_LOW', 'COM_PLATFORM_EVALUATION_HIGH',
    'COM_ADVANCE_COMPENSATION_PAID', 'COM_JOINT_PUNISHMENT_LIST', 'COM_KEY_ATTENTION_LIST', 'COM_PLATFORM_COMPLAINTS_UPHELD',
  ]);
  for (const f of Object.values(factors)) expect(f).toMatchObject({ value: 0, evidence: [] });
  expect(reviewAt).toBeNull();
});

it("publishes the seeded operators' signals with the seed, as the writes would", async () => {
  const dishonest = plan.operators[0];
  // Read first: the review sweeps below may publish it again.
  const seeded = await published(dishonest.uscc);
    expect(valueIn(seeded[0], 'COM_JOINT_PUNISHMENT_LIST')).toBe(1);
});

describe('COM_NEGATIVE_REVIEW_PERCENT', () => {
  const uscc = freshOperator();
  const review = (rating: number, postedAt: string) => write(uscc, REVIEW, { platformId: plan.platforms[0].id, operatorUscc: uscc, rating, text: '', postedAt });
  const low: string[] = [];
  let oldestLow = '';
  let highId = '';

  it('is 0 with fewer than 20 reviews in 12 months, and nothing is published', async () => {
    // Outside the 12 months (it stopped counting on 2026-10-20).
    expect((await review(1, '2025-10-20T02:00:00Z')).events).toEqual([]);
    for (let n = 0; n < 19; n++) {
      const rating = n < 4 ? 1 + (n % 2) : 5;
      const { data, events } = await review(rating, `2026-0${1 + (n % 9)}-1${n % 10}T03:00:00Z`);
      expect(events).toEqual([]);
      if (rating <= 2) low.push(data.id);
      else highId = data.id;
    }
    expect((await signalOf(uscc)).factors.COM_NEGATIVE_REVIEW_PERCENT.value).toBe(0);
  });

  it('is the share of ratings 1-2 from the 20th review on, with the low reviews as evidence; one event per change', async () => {
    const { data, events } = await review(2, '2025-11-20T02:00:00Z');
    oldestLow = data.id;
    expect(events).toHaveLength(1);
    expect(valueIn(events[0], 'COM_NEGATIVE_REVIEW_PERCENT')).toBe(25); // 5 of 20
    const { factors, reviewAt } = await signalOf(uscc);
    expect(factors.COM_NEGATIVE_REVIEW_PERCENT.value).toBe(25);
    expect(factors.COM_NEGATIVE_REVIEW_PERCENT.evidence.map((e) => e.kind)).toEqual(Array(5).fill('CONSUMER_REVIEW'));
    expect(factors.COM_NEGATIVE_REVIEW_PERCENT.evidence.map((e) => e.id).sort()).toEqual([...low, oldestLow].sort());
    // Newest first: the review of 2025-11-20 is the oldest low one.
    expect(factors.COM_NEGATIVE_REVIEW_PERCENT.evidence.at(-1)!.id).toBe(oldestLow);
    // It leaves the 12 months on 2026-11-20 (China day).
    expect(reviewAt).toBe('2026-11-19T16:00:00.000Z');

    expect((await review(5, '2026-10-30T03:00:00Z')).events.map((e) => valueIn(e, 'COM_NEGATIVE_REVIEW_PERCENT'))).toEqual([23.8]); // 5 of 21
  });

  it('counts reviews hidden by the platform, not those flagged malicious', async () => {
    const hide = await write(uscc, REVIEW_STATUS, { reviewId: low[0], status: 'HIDDEN_BY_PLATFORM', reason: '商家申诉，平台屏蔽', actor: '平台商家服务部' });
    expect(hide.events).toEqual([]);
    expect((await signalOf(uscc)).factors.COM_NEGATIVE_REVIEW_PERCENT.value).toBe(23.8);

    const flag = await write(uscc, REVIEW_STATUS, { reviewId: low[1], status: 'FLAGGED_MALICIOUS', reason: '恶意差评，勒索商家', actor: '平台风控团队' });
    expect(flag.events.map((e) => valueIn(e, 'COM_NEGATIVE_REVIEW_PERCENT'))).toEqual([20]); // 4 of 20
    const { factors } = await signalOf(uscc);
    expect(factors.COM_NEGATIVE_REVIEW_PERCENT.evidence.map((e) => e.id)).not.toContain(low[1]);
    expect(factors.COM_NEGATIVE_REVIEW_PERCENT.evidence.map((e) => e.id)).toContain(low[0]);
    expect(factors.COM_NEGATIVE_REVIEW_PERCENT.evidence.map((e) => e.id)).not.toContain(highId);
  });

  it('is published again by the review sweep when a review leaves the 12 months', async () => {
    const before = (await published(uscc)).length;
    await commerceCreditSignals.review(h.subgraph.database.dataSource, new Date('2026-11-19T15:59:00Z'));
    expect(await published(uscc)).toHaveLength(before);
    await commerceCreditSignals.review(h.subgraph.database.dataSource, new Date('2026-11-19T16:00:00Z'));
    const after = (await published(uscc)).slice(before);
    // 19 reviews are left: too few, so the share is 0 again.
    expect(after.map((e) => valueIn(e, 'COM_NEGATIVE_REVIEW_PERCENT'))).toEqual([0]);
    expect(after[0].asOf).toBe('2026-11-19T16:00:00.000Z');
  });
});

describe('COM_PLATFORM_EVALUATION_LOW / _HIGH', () => {
  const uscc = freshOperator();
  const evaluation = (evaluatorKind: string, platformId: string | null, evaluatedOn: string, score: number) =>
    write(uscc, EVALUATION, {
      operatorUscc: uscc, evaluatorKind, evaluatorName: platformId ?? '粤信评信用服务有限公司', platformId,
      standard: evaluatorKind === 'PLATFORM' ? 'GB_T_36312_2018' : 'GB_T_26842_2011', evaluatedOn,
      overallSatisfaction: score, productQuality: score, brandReputation: score, afterSalesService: score,
    });

  it("counts each platform's latest evaluation of the last 24 months by its grade, not third parties'", async () => {
    const [p0, p1, p2] = plan.platforms.map((p) => p.id);
    // Older than 24 months (it stopped counting on 2026-09-01), and a third party's: neither counts.
    expect((await evaluation('PLATFORM', p1, '2024-09-01', 20)).events).toEqual([]);
    expect((await evaluation('THIRD_PARTY', null, '2026-10-01', 20)).events).toEqual([]);

    const first = await evaluation('PLATFORM', p0, '2025-06-01', 20);
    expect(first.data.grade).toBe('CC');
    expect(first.events.map((e) => [valueIn(e, 'COM_PLATFORM_EVALUATION_LOW'), valueIn(e, 'COM_PLATFORM_EVALUATION_HIGH')])).toEqual([[1, 0]]);
    // The platform's later AAA replaces its CC.
    const later = await evaluation('PLATFORM', p0, '2026-06-01', 95);
    expect(later.data.grade).toBe('AAA');
    expect(later.events.map((e) => [valueIn(e, 'COM_PLATFORM_EVALUATION_LOW'), valueIn(e, 'COM_PLATFORM_EVALUATION_HIGH')])).toEqual([[0, 1]]);
    const bb = await evaluation('PLATFORM', p2, '2025-12-01', 55);
    expect(bb.data.grade).toBe('BB');
    // A BBB is neither low nor high.
    expect((await evaluation('PLATFORM', p1, '2026-07-01', 65)).events).toEqual([]);

    const { factors } = await signalOf(uscc);
    expect(factors.COM_PLATFORM_EVALUATION_LOW).toMatchObject({ value: 1, evidence: [{ kind: 'OPERATOR_CREDIT_EVALUATION', id: bb.data.id }] });
    expect(factors.COM_PLATFORM_EVALUATION_HIGH).toMatchObject({ value: 1, evidence: [{ kind: 'OPERATOR_CREDIT_EVALUATION', id: later.data.id }] });
  });

  it("grades by the platform's own published rules: low there counts as low, whatever the city table says", async () => {
    const other = freshOperator();
    const platformId = plan.platforms[3].id;
    const docs = await q(`query($id: ID!) { platform(id: $id) { ruleDocuments(kind: CREDIT_EVALUATION_RULES) { effectiveOn } } }`, { id: platformId });
    expect(docs.data!.platform.ruleDocuments[0].effectiveOn < '2026-10-20').toBe(true);
    const published = await q(`mutation($input: PublishPlatformRuleDocumentInput!) { publishPlatformRuleDocument(input: $input) { version } }`, {
      input: {
        platformId, kind: 'CREDIT_EVALUATION_RULES', title: '信用评价规则（修订）', consultationStartsOn: '2026-10-01', publishedOn: '2026-10-13',
        effectiveOn: '2026-10-20', summary: '仅以综合满意度评价',
        evaluationRules: {
          weightsPercent: { overallSatisfaction: 100, productQuality: 0, brandReputation: 0, afterSalesService: 0 },
          gradeThresholds: ['AAA', 'AA', 'A', 'BBB', 'BB', 'B', 'CCC', 'CC', 'C'].map((grade, i) => ({ grade, minimumScore: i === 8 ? 0 : 96 - i * 6 })),
        },
      },
    });
    expect(published.errors).toBeUndefined();
    // Satisfaction 55, the rest 100: the city table would give 88.8 (AA, high); the platform's bounds (96, 90, ... 54) give 55 → CC (low).
    const graded = await write(other, EVALUATION, {
      operatorUscc: other, evaluatorKind: 'PLATFORM', evaluatorName: platformId, platformId, standard: 'GB_T_36312_2018', evaluatedOn: '2026-10-21',
      overallSatisfaction: 55, productQuality: 100, brandReputation: 100, afterSalesService: 100,
    });
    expect(graded.data.grade).toBe('CC');
    expect(graded.events.map((e) => [valueIn(e, 'COM_PLATFORM_EVALUATION_LOW'), valueIn(e, 'COM_PLATFORM_EVALUATION_HIGH')])).toEqual([[1, 0]]);
  });
});

describe('COM_ADVANCE_COMPENSATION_PAID', () => {
  const uscc = freshOperator();
  const platformId = () => plan.platforms[0].id;
  let reference = 0;
  const file = (claimedOn: string) => {
    reference += 1;
    return write(uscc, FILE_CLAIM, { platformId: platformId(), operatorUscc: uscc, claimReference: `SIG-${uscc}-${reference}`, reason: '收到假冒商品', claimedAmount: '299.00', claimedOn });
  };

  it('counts claims the platform paid in the last 24 months, recovered or not; filing and rejecting publish nothing', async () => {
    const filed = await file('2026-09-01');
    expect(filed.events).toEqual([]);
    const paid = await write(uscc, PAY_CLAIM, { claimId: filed.data.id, paidAmount: '299.00', paidOn: '2026-09-05' });
    expect(paid.events.map((e) => valueIn(e, 'COM_ADVANCE_COMPENSATION_PAID'))).toEqual([1]);
    // Recovering from the seller changes the claim, not the factor.
    expect((await write(uscc, RECOVER_CLAIM, { claimId: filed.data.id, recoveredAmount: '299.00', recoveredOn: '2026-10-01' })).events).toEqual([]);

    const rejected = await file('2026-10-01');
    expect(rejected.events).toEqual([]);
    expect((await write(uscc, REJECT_CLAIM, { claimId: rejected.data.id, rejectedOn: '2026-10-02', reason: '不属于先行赔付范围' })).events).toEqual([]);
    // Paid more than 24 months ago (it stopped counting on 2026-10-01).
    const old = await file('2024-09-20');
    expect((await write(uscc, PAY_CLAIM, { claimId: old.data.id, paidAmount: '100.00', paidOn: '2024-10-01' })).events).toEqual([]);

    const { factors, reviewAt } = await signalOf(uscc);
    expect(factors.COM_ADVANCE_COMPENSATION_PAID).toMatchObject({ value: 1, evidence: [{ kind: 'ADVANCE_COMPENSATION_CLAIM', id: filed.data.id }] });
    expect(reviewAt).toBe('2028-09-04T16:00:00.000Z');
  });
});

describe('COM_JOINT_PUNISHMENT_LIST / COM_KEY_ATTENTION_LIST', () => {
  const uscc = freshOperator();
  const list = (kind: string, decisionNumber: string, listedOn: string, periodMonths: number | null) =>
    write(uscc, LIST, { operatorUscc: uscc, list: kind, reason: '组织刷单炒信', decisionNumber, decidingAuthority: '广州市商务局', listedOn, periodMonths });

  it('is 1 while a listing is in force by the ministry list rules, and the sweep publishes its end', async () => {
    // A one-month listing that ended on 2026-10-31.
    expect((await list('JOINT_PUNISHMENT', '穗商信〔2026〕901号', '2026-10-01', 1)).events).toEqual([]);
    const key = await list('KEY_ATTENTION', '穗商信〔2026〕902号', '2026-10-15', null);
    expect(key.events.map((e) => [valueIn(e, 'COM_JOINT_PUNISHMENT_LIST'), valueIn(e, 'COM_KEY_ATTENTION_LIST')])).toEqual([[0, 1]]);
    const joint = await list('JOINT_PUNISHMENT', '穗商信〔2026〕903号', '2026-05-01', 12);
    expect(joint.data.expiresOn).toBe('2027-04-30');
    expect(joint.events.map((e) => [valueIn(e, 'COM_JOINT_PUNISHMENT_LIST'), valueIn(e, 'COM_KEY_ATTENTION_LIST')])).toEqual([[1, 1]]);

    const { factors, reviewAt } = await signalOf(uscc);
    expect(factors.COM_JOINT_PUNISHMENT_LIST).toMatchObject({ value: 1, evidence: [{ kind: 'COMMERCE_LIST_ENTRY', id: joint.data.id }] });
    expect(factors.COM_KEY_ATTENTION_LIST).toMatchObject({ value: 1, evidence: [{ kind: 'COMMERCE_LIST_ENTRY', id: key.data.id }] });
    expect(reviewAt).toBe('2027-04-30T16:00:00.000Z');

    const before = (await published(uscc)).length;
    await commerceCreditSignals.review(h.subgraph.database.dataSource, new Date('2027-05-01T00:00:00Z'));
    const after = (await published(uscc)).slice(before);
    expect(after.map((e) => [valueIn(e, 'COM_JOINT_PUNISHMENT_LIST'), valueIn(e, 'COM_KEY_ATTENTION_LIST')])).toEqual([[0, 1]]);
    expect(after[0].reviewAt).toBe('2028-10-14T16:00:00.000Z');
  });
});

it('publishes nothing for a refused write', async () => {
  const uscc = freshOperator();
  const res = await q(LIST, { input: { operatorUscc: uscc, list: 'KEY_ATTENTION', reason: 'x', decisionNumber: 'x', decidingAuthority: '广州市商务局', listedOn: '2026-12-01' } });
  expect(errorCode(res)).toBe('BAD_USER_INPUT');
  expect(await published(uscc)).toEqual([]);
});

it('serves the signal to agencies only: anonymous callers get null and an authorization error', async () => {
  const uscc = plan.operators[0].uscc;
  const reps = { reps: [{ __typename: 'Operator', uscc }] };
  const anonymous = await h.query(SIGNAL, reps);
  expect(errorCode(anonymous)).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
  expect(anonymous.errors![0].path).toEqual(['_entities', 0, 'commerceCreditSignal']);
  expect(anonymous.data!._entities[0]).toEqual({ uscc, commerceCreditSignal: null });
  const agency = await q(SIGNAL, reps);
  expect(agency.errors).toBeUndefined();
  expect(agency.data!._entities[0].commerceCreditSignal.factors).toHaveLength(7);
});

it('derives the signals of 1 and of 20 operators in the same number of SQL statements', async () => {
  const reps = plan.operators.map((o) => ({ __typename: 'Operator', uscc: o.uscc }));
  h.resetSqlCount();
  const one = await q(SIGNAL, { reps: reps.slice(0, 1) });
  const oneCount = h.sqlCount();
  h.resetSqlCount();
  const twenty = await q(SIGNAL, { reps: reps.slice(0, 20) });
  const twentyCount = h.sqlCount();
  expect(one.errors).toBeUndefined();
  expect(twenty.errors).toBeUndefined();
  expect(twenty.data!._entities).toHaveLength(20);
  expect(oneCount).toBeGreaterThan(0);
  expect(twentyCount).toBe(oneCount);
});
