import { addDays, chinaToday } from '../../shared/calendar/dates';
import { addWorkingDays } from '../../shared/calendar/working-days';
import { startStackForTest, StackHarness } from '../support/stack-harness';

/**
 * Issue 10 part 1 through the gateway: an operator objects to its penalty, the penalty shows disputed, market
 * regulation accepts with WITHDRAW and the penalty leaves the public record and the assessment; an objection to a
 * serious-dishonest listing accepted ends the listing and every agency's measures; and the refusals.
 */
jest.setTimeout(90_000);

const PENALTY = `mutation ($input: RecordPenaltyInput!) { recordPenalty(input: $input) { id } }`;
const LIST = `mutation ($input: ListOnSeriousDishonestListInput!) { listOnSeriousDishonestList(input: $input) { id } }`;
const FILE = `mutation ($input: FileObjectionInput!) { fileObjection(input: $input) {
  id status agency recordKind recordId filedBy filedOn dueOn overdue rulesVersion } }`;
const DECIDE = `mutation ($input: DecideObjectionInput!) { decideObjection(input: $input) {
  id status correction reason decidedOn decidedBy } }`;
const PENALTIES = `query ($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) { penalties { id disputed withdrawnOn } } }`;
const PUBLIC_PENALTIES = `query ($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) { penalties { id disputed } } }`;
const ASSESSMENT = `query ($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) { creditAssessment { factors { code value evidence { kind id } } } } }`;
const OBJECTIONS = `query ($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) { objections { id status recordKind recordId grounds filedBy dueOn overdue decision: status correction reason } } }`;
const MEASURES = `query ($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) {
  onSeriousDishonestList
  jointMeasures { agency kind basis { decisionNumber } liftedAt active }
  financingMeasures { kind active liftedOn basis { reference } } } }`;

interface Factor { code: string; value: number; evidence: { kind: string; id: string }[] }
interface Measure { agency: string; kind: string; basis: { decisionNumber: string }; liftedAt: string | null; active: boolean }

describe('objections (异议) through the gateway', () => {
  let h: StackHarness;
  let admin: Record<string, string>;
  let mr: Record<string, string>;
  let finance: Record<string, string>;
  let usccs: string[];
  const today = chinaToday(new Date());

  beforeAll(async () => {
    h = await startStackForTest({ seedOperators: 20 });
    admin = await h.as({ role: 'admin' });
    mr = await h.as({ role: 'agency', agency: 'market-regulation' });
    finance = await h.as({ role: 'agency', agency: 'finance' });
    const ops = await h.query(`{ operators(first: 20) { nodes { uscc onSeriousDishonestList } } }`, undefined, admin);
    usccs = (ops.data!.operators.nodes as { uscc: string; onSeriousDishonestList: boolean }[])
      .filter((o) => !o.onSeriousDishonestList).map((o) => o.uscc);
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const value = await read();
      if (done(value) || Date.now() > deadline) return value;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async function heavyPenalty(uscc: string, n: number): Promise<string> {
    const res = await h.query(PENALTY, { input: {
      operatorUscc: uscc, decisionNumber: `穗天市监处〔2026〕E2E-O${n}号`, violationType: '虚假宣传', facts: '情节严重的虚假宣传',
      legalBasis: '《广告法》第五十五条', categories: ['FINE'], severity: 'AGGRAVATED_FINE', fineAmount: '800000.00',
      decidedOn: addDays(today, -60), decidingAuthority: '广州市天河区市场监督管理局',
    } }, mr);
    expect(res.errors).toBeUndefined();
    return res.data!.recordPenalty.id as string;
  }

  const heavyFactor = async (uscc: string): Promise<Factor> => {
    const res = await h.query(ASSESSMENT, { uscc }, admin);
    return (res.data!.operator.creditAssessment.factors as Factor[]).find((f) => f.code === 'MR_PENALTIES_HEAVY')!;
  };

  it("an operator objects to its penalty: disputed, accepted with WITHDRAW, withdrawn, its assessment's factor drops", async () => {
    const uscc = usccs[0];
    const operator = await h.as({ role: 'operator', operators: [uscc] });
    const penaltyId = await heavyPenalty(uscc, 1);
    const before = await until(() => heavyFactor(uscc), (f) => f.evidence.some((e) => e.id === penaltyId));
    expect(before.evidence).toContainEqual({ kind: 'ADMINISTRATIVE_PENALTY', id: penaltyId });

    const filed = await h.query(FILE, { input: {
      agency: 'market-regulation', recordKind: 'ADMINISTRATIVE_PENALTY', recordId: penaltyId, operatorUscc: uscc,
      grounds: '处罚所认定的宣传内容系第三方店铺发布，非本公司所为', requestedCorrection: '撤销该处罚信息的公示',
    } }, operator);
    expect(filed.errors).toBeUndefined();
    expect(filed.data!.fileObjection).toMatchObject({
      status: 'FILED', filedBy: 'operator', filedOn: today, dueOn: addWorkingDays(today, 10), overdue: false,
      rulesVersion: 'GZ-OBJECTION-2026.1',
    });
    const objectionId = filed.data!.fileObjection.id as string;

    // The public sees the penalty marked disputed.
    const publicView = await h.query(PUBLIC_PENALTIES, { uscc });
    expect(publicView.errors).toBeUndefined();
    expect(publicView.data!.operator.penalties).toContainEqual({ id: penaltyId, disputed: true });

    // Filed twice while open: CONFLICT.
    const again = await h.query(FILE, { input: {
      agency: 'market-regulation', recordKind: 'ADMINISTRATIVE_PENALTY', recordId: penaltyId, operatorUscc: uscc, grounds: '同上',
    } }, mr);
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');

    const accepted = await h.query(DECIDE, { input: {
      objectionId, decision: 'ACCEPTED', correction: 'WITHDRAW', reason: '经核查，违法行为主体认定错误，撤销该处罚信息',
    } }, mr);
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.decideObjection).toMatchObject({ status: 'ACCEPTED', correction: 'WITHDRAW', decidedOn: today, decidedBy: 'market-regulation' });

    const after = await until(() => heavyFactor(uscc), (f) => !f.evidence.some((e) => e.id === penaltyId));
    expect(after.value).toBe(before.value - 1);
    expect(after.evidence).not.toContainEqual({ kind: 'ADMINISTRATIVE_PENALTY', id: penaltyId });

    // Withdrawn, never deleted: agencies see it with the date; the public no longer sees it.
    const agencyView = await h.query(PENALTIES, { uscc }, mr);
    expect(agencyView.data!.operator.penalties).toContainEqual({ id: penaltyId, disputed: false, withdrawnOn: today });
    const publicAfter = await h.query(PUBLIC_PENALTIES, { uscc });
    expect(publicAfter.data!.operator.penalties.map((p: { id: string }) => p.id)).not.toContain(penaltyId);

    // The operator sees the history.
    const history = await h.query(OBJECTIONS, { uscc }, operator);
    expect(history.errors).toBeUndefined();
    expect(history.data!.operator.objections).toContainEqual(expect.objectContaining({
      id: objectionId, status: 'ACCEPTED', recordKind: 'ADMINISTRATIVE_PENALTY', recordId: penaltyId, filedBy: 'operator',
      correction: 'WITHDRAW', overdue: false,
    }));

    // Decided twice: CONFLICT.
    const twice = await h.query(DECIDE, { input: { objectionId, decision: 'REJECTED', reason: '再次处理' } }, mr);
    expect(twice.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it("an accepted objection to a serious-dishonest listing ends the listing and finance's financing measures", async () => {
    const uscc = usccs[1];
    await heavyPenalty(uscc, 2);
    const decisionNumber = '穗市监列严〔2026〕E2E-O2号';
    const listing = await h.query(LIST, { input: {
      operatorUscc: uscc, ground: 'FALSE_ADVERTISING', basisDecisionNumbers: ['穗天市监处〔2026〕E2E-O2号'], facts: '情节严重',
      decisionNumber, listingAuthority: '广州市市场监督管理局', priorNoticeOn: addDays(today, -30),
      statementOfDefenceDeadline: addDays(today, -20), listedOn: addDays(today, -10),
    } }, mr);
    expect(listing.errors).toBeUndefined();
    const listingId = listing.data!.listOnSeriousDishonestList.id as string;
    const read = async () => (await h.query(MEASURES, { uscc }, admin)).data!.operator;
    const listed = await until(read, (op) => op.financingMeasures.some((m: { active: boolean }) => m.active));
    expect(listed.financingMeasures).toContainEqual(expect.objectContaining({ kind: 'CREDIT_FINANCING_LIMITED', active: true }));

    const filed = await h.query(FILE, { input: {
      agency: 'market-regulation', recordKind: 'SERIOUS_DISHONEST_LISTING', recordId: listingId, operatorUscc: uscc,
      grounds: '列入所依据的处罚正在复议中，且情节不属严重',
    } }, finance);
    expect(filed.errors).toBeUndefined();
    expect(filed.data!.fileObjection.filedBy).toBe('finance');
    const objectionId = filed.data!.fileObjection.id as string;

    // Finance does not own the listing: it cannot decide.
    const wrongAgency = await h.query(DECIDE, { input: { objectionId, decision: 'ACCEPTED', correction: 'WITHDRAW', reason: '越权' } }, finance);
    expect(wrongAgency.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const accepted = await h.query(DECIDE, { input: {
      objectionId, decision: 'ACCEPTED', correction: 'WITHDRAW', reason: '列入依据不足，撤销列入决定',
    } }, mr);
    expect(accepted.errors).toBeUndefined();

    const lifted = await until(read, (op) => op.financingMeasures.length > 0 && op.financingMeasures.every((m: { active: boolean }) => !m.active)
      && op.jointMeasures.filter((m: Measure) => m.basis.decisionNumber === decisionNumber).every((m: Measure) => m.liftedAt));
    expect(lifted.onSeriousDishonestList).toBe(false);
    expect(lifted.financingMeasures.filter((m: { active: boolean }) => m.active)).toEqual([]);
    const financeMeasures = (lifted.jointMeasures as Measure[]).filter((m) => m.agency === 'finance' && m.basis.decisionNumber === decisionNumber);
    expect(financeMeasures.length).toBeGreaterThan(0);
    for (const m of financeMeasures) expect(m).toMatchObject({ active: false, liftedAt: expect.any(String) });

    // The withdrawn listing is no longer public.
    const publicView = await h.query(`query ($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) { seriousDishonesty { id } } }`, { uscc });
    expect(publicView.data!.operator.seriousDishonesty.map((s: { id: string }) => s.id)).not.toContain(listingId);
  });

  it("refuses an operator's objection to another operator's record, an unknown record kind, and a decision by an operator", async () => {
    const [own, other] = [usccs[2], usccs[3]];
    const otherPenalty = await heavyPenalty(other, 3);
    const operator = await h.as({ role: 'operator', operators: [own] });
    const asOther = await h.query(FILE, { input: {
      agency: 'market-regulation', recordKind: 'ADMINISTRATIVE_PENALTY', recordId: otherPenalty, operatorUscc: other, grounds: '不实',
    } }, operator);
    expect(asOther.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const disguised = await h.query(FILE, { input: {
      agency: 'market-regulation', recordKind: 'ADMINISTRATIVE_PENALTY', recordId: otherPenalty, operatorUscc: own, grounds: '不实',
    } }, operator);
    expect(disguised.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const unknownKind = await h.query(FILE, { input: {
      agency: 'market-regulation', recordKind: 'CUSTOMS_PENALTY', recordId: otherPenalty, operatorUscc: other, grounds: '不实',
    } }, mr);
    expect(unknownKind.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(unknownKind.errors?.[0].message).toMatch(/recordKind.*not a record kind of market-regulation/);

    const filed = await h.query(FILE, { input: {
      agency: 'market-regulation', recordKind: 'ADMINISTRATIVE_PENALTY', recordId: otherPenalty, operatorUscc: other, grounds: '不实',
    } }, mr);
    expect(filed.errors).toBeUndefined();
    const byOperator = await h.query(DECIDE, { input: {
      objectionId: filed.data!.fileObjection.id, decision: 'REJECTED', reason: '自行处理',
    } }, await h.as({ role: 'operator', operators: [other] }));
    expect(byOperator.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const rejected = await h.query(DECIDE, { input: { objectionId: filed.data!.fileObjection.id, decision: 'REJECTED', reason: '处罚事实清楚' } }, mr);
    expect(rejected.data!.decideObjection.status).toBe('REJECTED');
    const view = await h.query(PENALTIES, { uscc: other }, mr);
    expect(view.data!.operator.penalties).toContainEqual({ id: otherPenalty, disputed: false, withdrawnOn: null });
  });
});
