import { OutboxEvent } from '../../../shared/events/entities';
import type { Referral } from '../../../shared/events/contract';
import { addWorkingDays, isWorkingDay } from '../../../shared/calendar/working-days';
import { Storefront } from '../../../subgraphs/commerce/entities/storefront.entity';
import type { SubgraphHarness } from '../../support/subgraph-harness';
import { errorCode, Query, startCommerce } from './support';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Issue 10 parts 3 and 4 in commerce: complaints platforms handle (deadline across a holiday, overdue state,
 * statistics, the credit factor), platform tokens recording reviews and claims on their own platform only, and
 * violation leads leaving as Referral events. The clock is fixed at 2026-11-01 (China day).
 */
let h: SubgraphHarness;
let q: Query;
let uscc: string;
let platformId: string;
let otherPlatform: string;
let asPlatform: Query;
let asOther: Query;

beforeAll(async () => {
  ({ h, q } = await startCommerce(20));
  const res = await q(`{ platforms(first: 100) { nodes { id } } }`);
  const platforms = (res.data?.platforms?.nodes ?? []) as { id: string }[];
  // An operator with a storefront, and a platform it does not trade on.
  const stores = await h.subgraph.database.dataSource.getRepository(Storefront).find({ order: { id: 'ASC' } });
  uscc = stores[0].operatorUscc;
  platformId = stores[0].platformId;
  const theirs = new Set(stores.filter((s) => s.operatorUscc === uscc).map((s) => s.platformId));
  otherPlatform = platforms.map((p) => p.id).find((p) => !theirs.has(p))!;
  const platformHeaders = await h.as({ role: 'platform', platformId });
  const otherHeaders = await h.as({ role: 'platform', platformId: otherPlatform });
  asPlatform = (query, variables) => h.query(query, variables, platformHeaders);
  asOther = (query, variables) => h.query(query, variables, otherHeaders);
});
afterAll(async () => {
  await h?.stop();
});

const RECORD = `mutation($input: RecordPlatformComplaintInput!) { recordPlatformComplaint(input: $input) {
  id platformId receivedOn handlingDeadline rulesVersion deadlineSource overdue outcome consumerHandle } }`;
const RESOLVE = `mutation($input: ResolvePlatformComplaintInput!) { resolvePlatformComplaint(input: $input) { id outcome resolvedOn overdue } }`;
const STATS = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Operator {
  platformComplaintStats { from to count resolvedCount upheldCount upheldPercent overdueCount overduePercent }
  commerceCreditSignal { factors { code value evidence { kind id } } } } } }`;

let ref = 0;
function complaint(overrides: Record<string, unknown> = {}) {
  ref += 1;
  return {
    platformId, operatorUscc: uscc, complaintReference: `TS-${ref}`, consumerHandle: 't***8', category: 'PRODUCT_QUALITY',
    summary: '收到的商品与描述不符', receivedOn: '2026-10-27', ...overrides,
  };
}

async function stats() {
  const res = await q(STATS, { reps: [{ __typename: 'Operator', uscc }] });
  expect(res.errors).toBeUndefined();
  return res.data!._entities[0];
}

describe('the working-day calendar', () => {
  it('skips the 2026 National Day holiday and counts its make-up Saturday', () => {
    expect(isWorkingDay('2026-10-01')).toBe(false);
    expect(isWorkingDay('2026-10-10')).toBe(true); // Saturday worked (调休)
    // Received the last working day before the holiday: 7 working days run 8, 9, 10 (Saturday worked), 12-15 October.
    expect(addWorkingDays('2026-09-30', 7)).toBe('2026-10-15');
  });
});

describe('platform complaints', () => {
  it('a platform records a complaint with a deadline in working days across the holiday, and it becomes overdue', async () => {
    const res = await asPlatform(RECORD, { input: complaint({ receivedOn: '2026-09-30' }) });
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordPlatformComplaint).toMatchObject({
      platformId, handlingDeadline: '2026-10-15', rulesVersion: 'PLATFORM-COMPLAINT-2026.1', overdue: true, outcome: null,
    });
    expect(res.data!.recordPlatformComplaint.deadlineSource).toMatch(/E-Commerce Law art\. 59.*awaiting confirmation/);
    const open = await q(RECORD, { input: complaint({ receivedOn: '2026-10-30' }) });
    expect(open.data!.recordPlatformComplaint).toMatchObject({ handlingDeadline: '2026-11-10', overdue: false });
  });

  it('refuses another platform, an operator not on the platform and an unmasked consumer', async () => {
    const other = await asOther(RECORD, { input: complaint() });
    expect(errorCode(other)).toBe('FORBIDDEN');
    const notIn = await q(RECORD, { input: complaint({ platformId: otherPlatform }) });
    expect(errorCode(notIn)).toBe('BAD_USER_INPUT');
    expect(notIn.errors![0].message).toMatch(/no storefront on platform/);
    const phone = await asPlatform(RECORD, { input: complaint({ consumerHandle: '13812345678' }) });
    expect(errorCode(phone)).toBe('BAD_USER_INPUT');
    expect(phone.errors![0].message).toMatch(/consumerHandle/);
  });

  it('an upheld resolution counts in the statistics and in the credit factor; a resolution is final', async () => {
    const before = await stats();
    const factorBefore = before.commerceCreditSignal.factors.find((f: any) => f.code === 'COM_PLATFORM_COMPLAINTS_UPHELD');
    expect(factorBefore.value).toBe(0);
    const recorded = await asPlatform(RECORD, { input: complaint() });
    const id = recorded.data!.recordPlatformComplaint.id;
    const resolved = await asPlatform(RESOLVE, { input: { complaintId: id, outcome: 'UPHELD', resolvedOn: '2026-10-29', resolution: '退款并赔偿' } });
    expect(resolved.errors).toBeUndefined();
    expect(resolved.data!.resolvePlatformComplaint).toMatchObject({ outcome: 'UPHELD', resolvedOn: '2026-10-29', overdue: false });
    const again = await asPlatform(RESOLVE, { input: { complaintId: id, outcome: 'NOT_UPHELD', resolvedOn: '2026-10-30', resolution: 'x' } });
    expect(errorCode(again)).toBe('BAD_USER_INPUT');
    const byOther = await asOther(RESOLVE, { input: { complaintId: id, outcome: 'NOT_UPHELD', resolvedOn: '2026-10-30', resolution: 'x' } });
    expect(errorCode(byOther)).toBe('FORBIDDEN');

    const after = await stats();
    expect(after.platformComplaintStats.count).toBe(before.platformComplaintStats.count + 1);
    expect(after.platformComplaintStats.upheldCount).toBe(before.platformComplaintStats.upheldCount + 1);
    expect(after.platformComplaintStats).toMatchObject({ to: '2026-11-01', from: '2025-11-02', upheldPercent: 100 });
    // The complaint received 30 September is still open after its 15 October deadline.
    expect(after.platformComplaintStats.overdueCount).toBeGreaterThanOrEqual(1);
    const factor = after.commerceCreditSignal.factors.find((f: any) => f.code === 'COM_PLATFORM_COMPLAINTS_UPHELD');
    expect(factor).toMatchObject({ value: 1, evidence: [{ kind: 'PLATFORM_COMPLAINT', id }] });
  });
});

describe('platform duties', () => {
  const REVIEW = `mutation($input: RecordConsumerReviewInput!) { recordConsumerReview(input: $input) { id platformId operator { uscc } } }`;
  const CLAIM = `mutation($input: FileAdvanceCompensationClaimInput!) { fileAdvanceCompensationClaim(input: $input) { id status platformId } }`;
  const PAY = `mutation($input: RecordAdvanceCompensationPaymentInput!) { recordAdvanceCompensationPayment(input: $input) { id status } }`;
  const LEAD = `mutation($input: ReportViolationLeadInput!) { reportViolationLead(input: $input) { id platformId kind operatorUscc } }`;

  it('a platform records reviews and claims on its own platform only', async () => {
    const review = await asPlatform(REVIEW, { input: { platformId, operatorUscc: uscc, rating: 4 } });
    expect(review.errors).toBeUndefined();
    expect(review.data!.recordConsumerReview).toMatchObject({ platformId, operator: { uscc } });
    expect(errorCode(await asOther(REVIEW, { input: { platformId, operatorUscc: uscc, rating: 4 } }))).toBe('FORBIDDEN');
    const notIn = await asOther(REVIEW, { input: { platformId: otherPlatform, operatorUscc: uscc, rating: 4 } });
    expect(errorCode(notIn)).toBe('BAD_USER_INPUT');

    const claim = await asPlatform(CLAIM, {
      input: { platformId, operatorUscc: uscc, claimReference: 'PD-1', reason: '质量问题', claimedAmount: '99.00', claimedOn: '2026-10-20' },
    });
    expect(claim.errors).toBeUndefined();
    const id = claim.data!.fileAdvanceCompensationClaim.id;
    expect(errorCode(await asOther(PAY, { input: { claimId: id, paidAmount: '99.00', paidOn: '2026-10-21' } }))).toBe('FORBIDDEN');
    const paid = await asPlatform(PAY, { input: { claimId: id, paidAmount: '99.00', paidOn: '2026-10-21' } });
    expect(paid.data!.recordAdvanceCompensationPayment.status).toBe('PAID_BY_PLATFORM');
  });

  it('a violation lead about an in-platform operator leaves as one Referral event naming the platform', async () => {
    const input = { operatorUscc: uscc, kind: 'COUNTERFEIT_GOODS', summary: '售假：抽检三批次均为仿冒商标', evidenceReference: 'EV-2026-001' };
    const res = await asPlatform(LEAD, { input });
    expect(res.errors).toBeUndefined();
    const lead = res.data!.reportViolationLead;
    expect(lead).toMatchObject({ platformId, kind: 'COUNTERFEIT_GOODS', operatorUscc: uscc });
    const rows = await h.subgraph.database.dataSource.getRepository(OutboxEvent).find({ where: { type: 'Referral' } });
    const referrals = rows.map((r) => r.payload as Referral);
    expect(referrals).toEqual([
      expect.objectContaining({
        fromAgency: 'commerce', fromPlatform: platformId, kind: 'COUNTERFEIT_GOODS', operatorUscc: uscc,
        reference: { kind: 'PLATFORM_VIOLATION_LEAD', id: lead.id }, referredOn: '2026-11-01',
      }),
    ]);
    expect(errorCode(await asPlatform(LEAD, { input }))).toBe('CONFLICT');
    expect(errorCode(await asOther(LEAD, { input: { ...input, evidenceReference: 'EV-X' } }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await q(LEAD, { input: { ...input, evidenceReference: 'EV-Y' } }))).toBe('FORBIDDEN');
  });
});

describe("a platform reads its own platform's records only", () => {
  const CLAIMS = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Operator {
    advanceCompensations { platformId claimReference status platform { id } operator { uscc } } } } }`;
  const FILE = `mutation($input: FileAdvanceCompensationClaimInput!) { fileAdvanceCompensationClaim(input: $input) { id } }`;
  const claim = (platform: string, claimReference: string) => ({
    input: { platformId: platform, operatorUscc: uscc, claimReference, reason: '货不对板', claimedAmount: '59.00', claimedOn: '2026-10-25' },
  });
  const read = async (query: Query) => {
    const res = await query(CLAIMS, { reps: [{ __typename: 'Operator', uscc }] });
    return { claims: res.data?._entities[0]?.advanceCompensations as any[] | null, errors: res.errors };
  };

  it('a platform reads no claims about an operator that does not trade on it', async () => {
    const { claims, errors } = await read(asOther);
    expect(claims).toBeNull();
    expect(errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHORIZED_FIELD_OR_TYPE']);
  });

  it('with the operator on both platforms, each reads the claims filed with it; commerce reads all', async () => {
    await h.subgraph.database.dataSource.getRepository(Storefront).insert({
      operatorUscc: uscc, platformId: otherPlatform, shopId: `BOTH-${otherPlatform}`, shopName: '两平台店', url: `https://shop.${otherPlatform}.example/both`,
      openedOn: '2026-01-05',
    });
    expect((await q(FILE, claim(platformId, 'BOTH-1'))).errors).toBeUndefined();
    expect((await q(FILE, claim(otherPlatform, 'BOTH-2'))).errors).toBeUndefined();

    const all = (await read(q)).claims!;
    // Seeded claims of the operator's other platforms are there too.
    expect(all.map((c) => c.platformId)).toEqual(expect.arrayContaining([platformId, otherPlatform]));
    for (const [query, platform] of [[asPlatform, platformId], [asOther, otherPlatform]] as const) {
      const { claims, errors } = await read(query);
      expect(errors).toBeUndefined();
      expect(claims!.length).toBeGreaterThan(0);
      expect(claims!.every((c) => c.platformId === platform && c.platform.id === platform && c.operator.uscc === uscc)).toBe(true);
      expect(claims).toEqual(all.filter((c) => c.platformId === platform));
    }
  });
});
