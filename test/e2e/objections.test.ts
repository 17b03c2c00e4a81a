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

  it("an objection to a finance financing measure: disputed in finance, finance withdraws it, the signal and the assessment drop", async () => {
    const uscc = usccs[4];
    const operator = await h.as({ role: 'operator', operators: [uscc] });
    await heavyPenalty(uscc, 4);
    const listing = await h.query(LIST, { input: {
      operatorUscc: uscc, ground: 'FALSE_ADVERTISING', basisDecisionNumbers: ['穗天市监处〔2026〕E2E-O4号'], facts: '情节严重',
      decisionNumber: '穗市监列严〔2026〕E2E-O4号', listingAuthority: '广州市市场监督管理局', priorNoticeOn: addDays(today, -30),
      statementOfDefenceDeadline: addDays(today, -20), listedOn: addDays(today, -10),
    } }, mr);
    expect(listing.errors).toBeUndefined();
    const FIN = `query ($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) {
      financingMeasures { id active disputed withdrawnOn withdrawalReason }
      financeCreditSignal { factors { code value evidence { kind id } } }
      creditAssessment { score factors { code value contribution evidence { kind id } } } } }`;
    type FinView = {
      financingMeasures: { id: string; active: boolean; disputed: boolean; withdrawnOn: string | null; withdrawalReason: string | null }[];
      financeCreditSignal: { factors: Factor[] };
      creditAssessment: { score: number; factors: (Factor & { contribution: number })[] };
    };
    const read = async (): Promise<FinView> => {
      const res = await h.query(FIN, { uscc }, admin);
      expect(res.errors).toBeUndefined();
      return res.data!.operator as FinView;
    };
    const finFactor = (v: FinView) => v.financeCreditSignal.factors.find((f) => f.code === 'FIN_FINANCING_MEASURES')!;
    const assessed = (v: FinView) => v.creditAssessment.factors.find((f) => f.code === 'FIN_FINANCING_MEASURES')!;
    // Finance's first signal about the operator reaches the assessment a moment after its measure (events).
    const before = await until(read, (v) => v.financingMeasures.some((m) => m.active) &&
      assessed(v)?.value === finFactor(v).value && finFactor(v).value > 0);
    const measureId = before.financingMeasures.find((m) => m.active)!.id;
    expect(finFactor(before).evidence).toContainEqual({ kind: 'FINANCING_MEASURE', id: measureId });

    const filed = await h.query(FILE, { input: {
      agency: 'finance', recordKind: 'FINANCING_MEASURE', recordId: measureId, operatorUscc: uscc, grounds: '该措施所依据的名单信息有误',
    } }, operator);
    expect(filed.errors).toBeUndefined();
    expect(filed.data!.fileObjection).toMatchObject({ status: 'FILED', agency: 'finance', recordKind: 'FINANCING_MEASURE', filedBy: 'operator' });
    const objectionId = filed.data!.fileObjection.id as string;
    const disputed = await until(read, (v) => v.financingMeasures.some((m) => m.id === measureId && m.disputed));
    expect(disputed.financingMeasures.find((m) => m.id === measureId)).toMatchObject({ disputed: true, withdrawnOn: null });

    // Market regulation does not own the measure: it cannot decide; finance staff (finance:write) does.
    const byMr = await h.query(DECIDE, { input: { objectionId, decision: 'ACCEPTED', correction: 'WITHDRAW', reason: '越权' } }, mr);
    expect(byMr.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const accepted = await h.query(DECIDE, { input: {
      objectionId, decision: 'ACCEPTED', correction: 'WITHDRAW', reason: '经核查，该融资措施依据有误，予以撤销',
    } }, finance);
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.decideObjection).toMatchObject({ status: 'ACCEPTED', decidedBy: 'finance' });

    const after = await until(read, (v) => !(assessed(v)?.evidence ?? []).some((e) => e.id === measureId)
      && v.financingMeasures.some((m) => m.id === measureId && m.withdrawnOn !== null));
    expect(after.financingMeasures.find((m) => m.id === measureId)).toMatchObject({
      active: false, disputed: false, withdrawnOn: today, withdrawalReason: '经核查，该融资措施依据有误，予以撤销',
    });
    expect(finFactor(after).value).toBe(finFactor(before).value - 1);
    expect(finFactor(after).evidence).not.toContainEqual({ kind: 'FINANCING_MEASURE', id: measureId });
    expect(assessed(after).value).toBe(assessed(before).value - 1);
    expect(assessed(after).contribution).not.toBe(assessed(before).contribution);
  });

  it('an accepted objection to a customs dishonesty finding withdraws it, ends the customs listing and lifts the measures', async () => {
    const customs = await h.as({ role: 'agency', agency: 'customs' });
    const regs = await h.query(`{ operators(first: 20) { nodes { uscc customsRegistration { registeredOn } } } }`, undefined, admin);
    const registered = (regs.data!.operators.nodes as { uscc: string; customsRegistration: { registeredOn: string } | null }[])
      .filter((o) => o.customsRegistration && o.customsRegistration.registeredOn < addDays(today, -5) && usccs.slice(5, -1).includes(o.uscc));
    const uscc = registered[0].uscc;
    const decisionNumber = '海关失信〔2026〕E2E-O5号';
    const found = await h.query(`mutation ($input: RecordCustomsDishonestyFindingInput!) { recordCustomsDishonestyFinding(input: $input) { id } }`, {
      input: { uscc, ground: 'UNPAID_TAX', facts: '拖欠应缴税款', foundOn: addDays(today, -3), decisionNumber, decidingAuthority: '广州海关' },
    }, customs);
    expect(found.errors).toBeUndefined();
    const findingId = found.data!.recordCustomsDishonestyFinding.id as string;
    const VIEW = `query ($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) {
      customsCredit { dishonestyFindings { id disputed removedOn withdrawnOn } }
      jointMeasures { agency kind basis { decisionNumber } liftedAt active } } }`;
    type View = { customsCredit: { dishonestyFindings: { id: string; disputed: boolean; removedOn: string | null; withdrawnOn: string | null }[] }; jointMeasures: Measure[] };
    const read = async (): Promise<View> => (await h.query(VIEW, { uscc }, admin)).data!.operator as View;
    const onFinding = (v: View) => v.jointMeasures.filter((m) => m.basis.decisionNumber === decisionNumber);
    const listed = await until(read, (v) => onFinding(v).some((m) => m.active));
    expect(onFinding(listed).some((m) => m.active)).toBe(true);

    const filed = await h.query(FILE, { input: {
      agency: 'customs', recordKind: 'CUSTOMS_DISHONESTY_FINDING', recordId: findingId, operatorUscc: uscc, grounds: '税款已于认定前缴清',
    } }, await h.as({ role: 'operator', operators: [uscc] }));
    expect(filed.errors).toBeUndefined();
    const objectionId = filed.data!.fileObjection.id as string;
    await until(read, (v) => v.customsCredit.dishonestyFindings.some((f) => f.id === findingId && f.disputed));
    const accepted = await h.query(DECIDE, { input: { objectionId, decision: 'ACCEPTED', correction: 'WITHDRAW', reason: '税款已缴清，撤销认定' } }, customs);
    expect(accepted.errors).toBeUndefined();

    const lifted = await until(read, (v) => onFinding(v).length > 0 && onFinding(v).every((m) => !m.active && m.liftedAt));
    expect(lifted.customsCredit.dishonestyFindings.find((f) => f.id === findingId)).toMatchObject({
      disputed: false, removedOn: today, withdrawnOn: today,
    });
    for (const m of onFinding(lifted)) expect(m).toMatchObject({ active: false, liftedAt: expect.any(String) });
  });

  it("refuses an objection to a record the owning agency does not hold for that operator", async () => {
    const uscc = usccs[usccs.length - 1];
    const missing = await h.query(FILE, { input: {
      agency: 'finance', recordKind: 'FINANCING_MEASURE', recordId: '99999999', operatorUscc: uscc, grounds: '不实',
    } }, finance);
    expect(missing.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(missing.errors?.[0].message).toMatch(/recordId.*finance holds no FINANCING_MEASURE with id 99999999/);
    const history = await h.query(OBJECTIONS, { uscc }, admin);
    expect(history.data!.operator.objections).toEqual([]);
  });
});
