import { completeUscc } from '../../../shared/credit-code/uscc';
import { commerceSubgraph } from '../../../subgraphs/commerce';
import { marketRegulationSubgraph } from '../../../subgraphs/market-regulation';
import { openStorefront } from '../../support/storefronts';
import { SubgraphHarness, startSubgraphForTest } from '../../support/subgraph-harness';
import { NOW, OPERATOR_QUERY, seedPlan } from './fixtures';
import { verifiedEntry } from '../../support/verification';

const OPERATORS = 12;
const plan = seedPlan(OPERATORS);
const clean = plan.operators[1];
const other = plan.operators.find((o, i) => i > 1 && o.profile !== 'DISHONEST')!;
/** An operator of its own for the early-removal conditions (no seeded penalties on a non-dishonest one after `other`). */
const third = plan.operators.find((o, i) => i > 7 && o.profile !== 'DISHONEST')!;
const UNREGISTERED = completeUscc('91', '440106', 'MA9YYYY9');

type Op = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const REGISTER = `mutation ($input: RegisterOperatorInput!) { registerOperator(input: $input) {
  uscc name subjectType registration { legalRepresentative { name idNumber phone } registeredCapital address districtCode status establishedOn registrationAuthority }
  penalties { decisionNumber } onAbnormalList } }`;
const PENALTY = `mutation ($input: RecordPenaltyInput!) { recordPenalty(input: $input) {
  id decisionNumber categories severity fineAmount confiscatedAmount decidedOn lawField restrictionUntil performed published publicUntil inPublicity repairableFrom rulesVersion
  operator { uscc penalties { decisionNumber } } } }`;
const PERFORMED = `mutation ($n: String!, $on: Date!) { markPenaltyPerformed(decisionNumber: $n, performedOn: $on) { decisionNumber performed performedOn } }`;
const LIST_ABNORMAL = `mutation ($input: ListOnAbnormalOperationsInput!) { listOnAbnormalOperations(input: $input) {
  id reason decisionNumber decidingAuthority decidedOn listedOn removedOn removalDecisionNumber current seriousListWarningOn seriousListEligibleOn rulesVersion operator { onAbnormalList } } }`;
const REMOVE_ABNORMAL = `mutation ($input: RemoveFromAbnormalOperationsInput!) { removeFromAbnormalOperations(input: $input) {
  id removedOn removalReason removalDecisionNumber removalDecidingAuthority current seriousListEligibleOn operator { onAbnormalList } } }`;
const LIST_SERIOUS = `mutation ($input: ListOnSeriousDishonestListInput!) { listOnSeriousDishonestList(input: $input) {
  id ground basisDecisionNumbers basisPenalties { decisionNumber severity } decisionNumber decidingAuthority decidedOn listedOn
  priorNoticeOn statementOfDefenceDeadline defenceHeardOn autoRemovalOn earlyRemovalEligibleOn removedOn removalKind current measures rulesVersion
  operator { onSeriousDishonestList } } }`;
const REMOVE_SERIOUS = `mutation ($input: RemoveFromSeriousDishonestListInput!) { removeFromSeriousDishonestList(input: $input) {
  id removedOn removalKind removalReason removalDecisionNumber removalDecidingAuthority harmRemoval current measures
  operator { onSeriousDishonestList } } }`;
const LICENSE = `mutation ($input: RecordLicenseInput!) { recordLicense(input: $input) {
  id documentNumber category licenseNumber validFrom validUntil status operator { uscc } } }`;
const REPORT = `mutation ($input: RecordPlatformVerificationReportInput!) { recordPlatformVerificationReport(input: $input) {
  operatorUscc platformId verifiedAt reportingPeriod nextVerificationDue rulesVersion } }`;

function registration(uscc: string, overrides: Record<string, unknown> = {}) {
  return {
    uscc,
    name: `广州测试${uscc.slice(-4)}电子商务有限公司`,
    subjectType: 'ENTERPRISE',
    legalRepresentative: { name: '陈伟', idNumber: '440106199001011234', phone: '13800138000' },
    registeredCapital: '1000000.00',
    address: '广州市天河区天河路1号',
    districtCode: '440106',
    establishedOn: '2020-05-06',
    registrationAuthority: '广州市天河区市场监督管理局',
    ...overrides,
  };
}

function penaltyInput(operatorUscc: string, decisionNumber: string, overrides: Record<string, unknown> = {}) {
  return {
    operatorUscc,
    decisionNumber,
    violationType: '发布虚假广告',
    facts: '在网店商品详情页作虚假宣传',
    legalBasis: '《中华人民共和国广告法》第五十五条第一款',
    categories: ['FINE'],
    fineAmount: '200000',
    decidedOn: '2025-05-10',
    decidingAuthority: '广州市天河区市场监督管理局',
    severity: 'ORDINARY',
    ...overrides,
  };
}

let decisionCounter = 0;
/** A fresh decision number for each decision a test records without naming one. */
const nextNumber = (prefix: string) => `${prefix}-${++decisionCounter}`;

function abnormalInput(overrides: Record<string, unknown> = {}) {
  return {
    operatorUscc: other.uscc, reason: 'ANNUAL_REPORT_NOT_FILED', decisionNumber: nextNumber('ABN'), listedOn: '2026-07-01',
    listingAuthority: '广州市天河区市场监督管理局', ...overrides,
  };
}

function abnormalRemoval(listingId: string, overrides: Record<string, unknown> = {}) {
  return {
    listingId, decisionNumber: nextNumber('ABN-OUT'), decidingAuthority: '广州市天河区市场监督管理局', removedOn: '2026-09-15',
    removalReason: '已补报年度报告', ...overrides,
  };
}

/** A valid serious-list decision for `other` on its aggravated fine: notice 10 May, statements until 20 May, decided 1 June 2025. */
function seriousInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    operatorUscc: other.uscc, ground: 'FALSE_ADVERTISING', basisDecisionNumbers: ['SERIOUS-BASIS-1'], facts: '情节严重',
    decisionNumber: nextNumber('SER'), listedOn: '2025-06-01', listingAuthority: '广州市市场监督管理局', priorNoticeOn: '2025-05-10',
    statementOfDefenceDeadline: '2025-05-20', ...overrides,
  };
}

function seriousRemoval(listingId: string, overrides: Record<string, unknown> = {}) {
  return {
    listingId, kind: 'EARLY_REPAIR', decisionNumber: nextNumber('SER-OUT'), decidingAuthority: '广州市市场监督管理局', removedOn: '2026-10-01',
    reason: '已完成信用修复', harmRemoval: '已下架虚假宣传内容并向消费者赔偿', ...overrides,
  };
}

describe('market-regulation subgraph: mutations', () => {
  let h: SubgraphHarness;
  /** Commerce, whose storefront registry platform verification reports are checked against. */
  let commerce: SubgraphHarness;
  let auth: Record<string, string>;
  const query: SubgraphHarness['query'] = (q, variables, headers) => h.query(q, variables, { ...auth, ...headers });

  beforeAll(async () => {
    commerce = await startSubgraphForTest(commerceSubgraph, { seedOperators: OPERATORS, now: NOW });
    for (const op of plan.operators.slice(2, 6)) await openStorefront(commerce.subgraph.database.dataSource, op.uscc, 'testmall');
    h = await startSubgraphForTest(marketRegulationSubgraph, {
      seedOperators: OPERATORS,
      now: NOW,
      peerUrls: { commerce: commerce.subgraph.url },
    });
    // Market regulation's own staff with pii:read: every field of the subgraph, unmasked.
    auth = await h.as({ role: 'agency', agency: 'market-regulation', scopes: ['pii:read'] });
  });
  afterAll(async () => {
    await h?.stop();
    await commerce?.stop();
  });

  /**
   * The operator's records. The assessment and the risk class derived from it are left out: they follow each write
   * through the credit events, after the write's response, so a snapshot could catch the previous write's result.
   */
  async function state(uscc: string): Promise<Op | null> {
    const res = await query(OPERATOR_QUERY, { uscc });
    expect(res.errors).toBeUndefined();
    const operator = res.data!.operator;
    if (!operator) return operator;
    const { creditAssessment: _assessment, riskClass: _riskClass, riskClassHistory: _history, ...records } = operator;
    return records;
  }

  async function ok(mutation: string, variables: Record<string, unknown>) {
    const res = await query(mutation, variables);
    expect(res.errors).toBeUndefined();
    return Object.values(res.data!)[0] as Op;
  }

  /** Sends a mutation that must fail with BAD_USER_INPUT naming the fault, and checks nothing changed. */
  async function rejected(
    mutation: string, variables: Record<string, unknown>, message: RegExp, readBack: string[],
    expected: Record<string, unknown> = { code: 'BAD_USER_INPUT' },
  ) {
    const before = await Promise.all(readBack.map(state));
    const res = await query(mutation, variables);
    expect(res.errors?.[0]?.extensions).toMatchObject(expected);
    expect(res.errors?.[0]?.message).toMatch(message);
    expect(res.data ? Object.values(res.data)[0] : null).toBeNull();
    expect(await Promise.all(readBack.map(state))).toEqual(before);
  }

  /** A duplicate of a record's natural identity: CONFLICT naming it, nothing changed. */
  const duplicate = (mutation: string, variables: Record<string, unknown>, message: RegExp, readBack: string[], key: Record<string, unknown>) =>
    rejected(mutation, variables, message, readBack, { code: 'CONFLICT', duplicate: key });

  describe('registerOperator', () => {
    const ID = '44010619900101123X';
    const validId = (() => {
      // Find the check character for the 17-digit prefix.
      const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
      const first = ID.slice(0, 17);
      const sum = [...first].reduce((s, c, i) => s + Number(c) * w[i], 0);
      return first + '10X98765432'[sum % 11];
    })();

    it.each(['91440101MA5CJQ4N59', '91350100M000100Y43'])('registers %s and reads it back', async (code) => {
      const created = await ok(REGISTER, { input: registration(code, { legalRepresentative: { name: '陈伟', idNumber: validId, phone: '020-87654321' } }) });
      expect(created).toMatchObject({
        uscc: code,
        subjectType: 'ENTERPRISE',
        registration: { registeredCapital: '1000000.00', status: 'EXISTING', establishedOn: '2020-05-06', legalRepresentative: { idNumber: validId } },
        penalties: [],
        onAbnormalList: false,
      });
      expect(await state(code)).toMatchObject({ uscc: code, name: created.name });
    });

    it('registers through a literal input too', async () => {
      const code = completeUscc('92', '440105', 'MA9LT001');
      const res = await query(`mutation { registerOperator(input: { uscc: "${code}", name: "广州市海珠区测试网店", subjectType: INDIVIDUAL_BUSINESS,
        legalRepresentative: { name: "李敏", idNumber: "${validId}", phone: "13912345678" }, registeredCapital: "50000",
        address: "广州市海珠区江南大道1号", districtCode: "440105", establishedOn: "2024-01-02", registrationAuthority: "广州市海珠区市场监督管理局" }) { uscc subjectType } }`);
      expect(res.errors).toBeUndefined();
      expect(res.data!.registerOperator).toEqual({ uscc: code, subjectType: 'INDIVIDUAL_BUSINESS' });
    });

    const INVALID: [string, RegExp][] = [
      ['91350203M0001QAY9B', /check character \(position 18\) should be "9", found "B"/],
      ['91440101MA5CJQ4N5', /must be 18 characters, got 17/],
      ['914401O1MA5CJQ4N59', /character "O" at position 7/],
    ];

    it.each(INVALID)('rejects the invalid code %s as a variable', async (code, message) => {
      const res = await query(REGISTER, { input: registration(code, { legalRepresentative: { name: '陈伟', idNumber: validId, phone: '13800138000' } }) });
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message).toMatch(message);
      expect(res.data ?? null).toBeNull();
    });

    it.each(INVALID)('rejects the invalid code %s as a literal', async (code, message) => {
      const res = await query(`mutation { registerOperator(input: { uscc: "${code}", name: "x", subjectType: ENTERPRISE,
        legalRepresentative: { name: "x", idNumber: "${validId}", phone: "13800138000" }, registeredCapital: "1",
        address: "x", districtCode: "440106", establishedOn: "2020-01-01", registrationAuthority: "x" }) { uscc } }`);
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message).toMatch(message);
    });

    it.each([
      ['an ID number failing GB 11643', { legalRepresentative: { name: '陈伟', idNumber: '440106199001011234', phone: '13800138000' } }, /not a valid citizen ID/],
      ['a bad phone number', { legalRepresentative: { name: '陈伟', idNumber: validId, phone: '12345' } }, /phone/],
      ['a negative capital', { registeredCapital: '-5' }, /registeredCapital/],
      ['a malformed capital', { registeredCapital: '1,000' }, /registeredCapital/],
      ['a future establishment date', { establishedOn: '2027-01-01' }, /must not be in the future/],
      ['a bad district code', { districtCode: '4401' }, /districtCode/],
      ['an empty name', { name: '  ' }, /`name` must not be empty/],
      ['a subject type contradicting the code', { subjectType: 'INDIVIDUAL_BUSINESS' }, /starts with 91/],
    ])('rejects %s', async (_name, overrides, message) => {
      const code = (overrides as Op).uscc ?? UNREGISTERED;
      const input = registration(code, { legalRepresentative: { name: '陈伟', idNumber: validId, phone: '13800138000' }, ...overrides });
      await rejected(REGISTER, { input }, message, [code]);
      if (code === UNREGISTERED) expect(await state(UNREGISTERED)).toBeNull();
    });

    it('refuses a duplicate code as CONFLICT naming it', async () => {
      const input = registration(clean.uscc, { legalRepresentative: { name: '陈伟', idNumber: validId, phone: '13800138000' } });
      await duplicate(REGISTER, { input }, /already registered/, [clean.uscc], { uscc: clean.uscc });
    });
  });

  describe('penalties', () => {
    it.each([
      ['a revocation', ['LICENCE_REVOKED'], 'LICENCE_REVOCATION'],
      ['a revocation with a fine', ['FINE', 'LICENCE_REVOKED'], 'LICENCE_REVOCATION'],
      ['an order to close', ['CLOSURE'], 'SUSPENSION_OR_CLOSURE'],
      ['a warning alone', ['WARNING'], 'ORDINARY'],
    ])('derives the severity of %s from its categories', async (_name, categories, severity) => {
      const withFine = categories.includes('FINE');
      const p = await ok(PENALTY, {
        input: penaltyInput(clean.uscc, nextNumber('SEVERITY'), { categories, fineAmount: withFine ? '100000' : null, severity: null }),
      });
      expect(p.severity).toBe(severity);
    });


    it('records a penalty with its publicity dates and marks it performed', async () => {
      const p = await ok(PENALTY, { input: penaltyInput(clean.uscc, '穗天市监处罚〔2025〕9001号', { lawField: 'FOOD', categories: ['FINE', 'CONFISCATION_OF_ILLEGAL_GAINS'], confiscatedAmount: '1234.5' }) });
      expect(p).toMatchObject({
        decisionNumber: '穗天市监处罚〔2025〕9001号', fineAmount: '200000.00', confiscatedAmount: '1234.50', published: true,
        publicUntil: '2028-05-10', repairableFrom: '2026-05-10', inPublicity: true, performed: false,
        rulesVersion: 'SAMR-PENALTY-PUBLICITY-2021.1',
      });
      expect(p.operator.penalties.map((x: Op) => x.decisionNumber)).toContain('穗天市监处罚〔2025〕9001号');
      const done = await ok(PERFORMED, { n: '穗天市监处罚〔2025〕9001号', on: '2025-06-01' });
      expect(done).toEqual({ decisionNumber: '穗天市监处罚〔2025〕9001号', performed: true, performedOn: '2025-06-01' });
    });

    it('publishes a small fine for 3 months, a warning not at all, and a long restriction for its duration', async () => {
      const small = await ok(PENALTY, { input: penaltyInput(clean.uscc, 'SMALL-1', { categories: ['WARNING', 'FINE'], fineAmount: '3000', decidedOn: '2026-08-31' }) });
      expect(small).toMatchObject({ publicUntil: '2026-11-30', repairableFrom: null, inPublicity: true });
      const warning = await ok(PENALTY, { input: penaltyInput(clean.uscc, 'WARN-1', { categories: ['WARNING'], fineAmount: null }) });
      expect(warning).toMatchObject({ published: false, publicUntil: null, inPublicity: false });
      const restricted = await ok(PENALTY, {
        input: penaltyInput(clean.uscc, 'RESTRICT-1', { categories: ['FINE', 'EMPLOYMENT_RESTRICTION'], restrictionUntil: '2030-05-10', severity: 'BUSINESS_RESTRICTION' }),
      });
      expect(restricted).toMatchObject({ publicUntil: '2030-05-10', restrictionUntil: '2030-05-10' });
    });

    it.each([
      ['an unregistered operator', { operatorUscc: UNREGISTERED }, /No operator is registered/],
      ['FINE without an amount', { fineAmount: null }, /positive `fineAmount`/],
      ['a negative fine', { fineAmount: '-100' }, /fineAmount/],
      ['a malformed fine', { fineAmount: '12.345' }, /fineAmount/],
      ['a fine without FINE', { categories: ['WARNING'], fineAmount: '100' }, /only allowed with the FINE/],
      ['no category', { categories: [] }, /at least one/],
      ['a future decision', { decidedOn: '2026-12-01' }, /must not be in the future/],
      ['a restriction without a restriction category', { restrictionUntil: '2030-01-01' }, /restrictionUntil/],
      ['confiscation without its category', { confiscatedAmount: '10' }, /confiscatedAmount/],
      ['an empty decision number', { decisionNumber: ' ' }, /decisionNumber/],
      ['an invalid operator code', { operatorUscc: '91350203M0001QAY9B' }, /should be "9"/],
      ['a fine without severity', { severity: null }, /^`severity` is required for categories FINE: one of AGGRAVATED_FINE, ORDINARY$/],
      ['a revocation called ordinary', { categories: ['LICENCE_REVOKED'], fineAmount: null }, /^`severity` ORDINARY does not fit categories LICENCE_REVOKED: one of LICENCE_REVOCATION$/],
      ['an aggravated fine without a fine', { categories: ['WARNING'], fineAmount: null, severity: 'AGGRAVATED_FINE' }, /does not fit categories WARNING: one of ORDINARY/],
    ])('rejects %s', async (_name, overrides, message) => {
      await rejected(PENALTY, { input: penaltyInput(clean.uscc, 'REJECTED-1', overrides) }, message, [clean.uscc]);
    });

    it('refuses a duplicate decision number as CONFLICT naming it', async () => {
      const decisionNumber = '穗天市监处罚〔2025〕9001号';
      await duplicate(PENALTY, { input: penaltyInput(clean.uscc, decisionNumber) }, /^A penalty with decision number 穗天市监处罚〔2025〕9001号 already exists$/, [clean.uscc], { decisionNumber });
    });

    it.each([
      ['an unknown decision number', { n: 'NOPE', on: '2026-01-01' }, /No penalty/],
      ['a penalty already performed', { n: '穗天市监处罚〔2025〕9001号', on: '2026-01-01' }, /already marked performed/],
      ['a date before the decision', { n: 'SMALL-1', on: '2026-08-01' }, /before the decision/],
    ])('markPenaltyPerformed rejects %s', async (_name, variables, message) => {
      await rejected(PERFORMED, variables, message, [clean.uscc]);
    });
  });

  describe('abnormal operations list', () => {
    let listingId: string;

    it('lists and removes an operator, each by a numbered decision', async () => {
      const listed = await ok(LIST_ABNORMAL, { input: abnormalInput({ decisionNumber: '穗天市监列异〔2026〕1号' }) });
      expect(listed).toMatchObject({
        reason: 'ANNUAL_REPORT_NOT_FILED', decisionNumber: '穗天市监列异〔2026〕1号', decidingAuthority: '广州市天河区市场监督管理局',
        decidedOn: '2026-07-01', removedOn: null, removalDecisionNumber: null, current: true, seriousListEligibleOn: '2029-07-01',
        seriousListWarningOn: '2029-05-02', operator: { onAbnormalList: true },
      });
      listingId = listed.id;
      const removed = await ok(REMOVE_ABNORMAL, { input: abnormalRemoval(listingId, { decisionNumber: '穗天市监移异〔2026〕1号' }) });
      expect(removed).toMatchObject({
        removedOn: '2026-09-15', current: false, seriousListEligibleOn: null, removalDecisionNumber: '穗天市监移异〔2026〕1号',
        removalDecidingAuthority: '广州市天河区市场监督管理局',
      });
    });

    it.each([
      ['an unregistered operator', { operatorUscc: UNREGISTERED }, /No operator is registered/],
      ['a future listing date', { listedOn: '2027-01-01' }, /must not be in the future/],
      ['an empty authority', { listingAuthority: '' }, /listingAuthority/],
      ['an empty decision number', { decisionNumber: ' ' }, /decisionNumber/],
    ])('listing rejects %s', async (_name, overrides, message) => {
      await rejected(LIST_ABNORMAL, { input: abnormalInput({ reason: 'UNREACHABLE', ...overrides }) }, message, [other.uscc]);
    });

    it('rejects a second current listing for the same reason, and a decision number used before', async () => {
      await ok(LIST_ABNORMAL, { input: abnormalInput({ reason: 'UNREACHABLE', listedOn: '2026-08-01' }) });
      await duplicate(LIST_ABNORMAL, { input: abnormalInput({ reason: 'UNREACHABLE', listedOn: '2026-09-01' }) }, /already listed/, [other.uscc], { operatorUscc: other.uscc, reason: 'UNREACHABLE' });
      await duplicate(
        LIST_ABNORMAL, { input: abnormalInput({ reason: 'FALSE_INFO', decisionNumber: '穗天市监移异〔2026〕1号' }) },
        /^An abnormal operations list decision with number 穗天市监移异〔2026〕1号 already exists$/, [other.uscc], { decisionNumber: '穗天市监移异〔2026〕1号' },
      );
    });

    it('removal rejects a date before listing, a removed listing, an unknown id, a missing or used decision number', async () => {
      const current = (await state(other.uscc))!.abnormalOperations.find((a: Op) => a.current);
      await rejected(REMOVE_ABNORMAL, { input: abnormalRemoval(current.id, { removedOn: '2026-07-31' }) }, /must not be before/, [other.uscc]);
      await rejected(REMOVE_ABNORMAL, { input: abnormalRemoval(listingId, { removedOn: '2026-10-01' }) }, /already removed/, [other.uscc]);
      await rejected(REMOVE_ABNORMAL, { input: abnormalRemoval('999999', { removedOn: '2026-10-01' }) }, /No abnormal operations listing/, [other.uscc]);
      await rejected(REMOVE_ABNORMAL, { input: abnormalRemoval(current.id, { decidingAuthority: '' }) }, /decidingAuthority/, [other.uscc]);
      await rejected(
        REMOVE_ABNORMAL, { input: { listingId: current.id, removedOn: '2026-10-01', removalReason: 'x', decidingAuthority: 'x' } },
        /"decisionNumber" of required type "String!" was not provided/, [other.uscc],
      );
      await duplicate(
        REMOVE_ABNORMAL, { input: abnormalRemoval(current.id, { decisionNumber: '穗天市监列异〔2026〕1号' }) },
        /decision with number 穗天市监列异〔2026〕1号 already exists/, [other.uscc], { decisionNumber: '穗天市监列异〔2026〕1号' },
      );
    });
  });

  describe('serious illegal and dishonest list', () => {
    const BASIS = 'SERIOUS-BASIS-1';
    let listingId: string;

    beforeAll(async () => {
      await ok(PENALTY, { input: penaltyInput(other.uscc, BASIS, { decidedOn: '2025-05-01', fineAmount: '500000', severity: 'AGGRAVATED_FINE' }) });
      await ok(PENALTY, { input: penaltyInput(other.uscc, 'SERIOUS-LIGHT', { categories: ['CIRCULATED_CRITICISM'], fineAmount: null, decidedOn: '2025-05-01' }) });
      await ok(PENALTY, { input: penaltyInput(other.uscc, 'SERIOUS-ORDINARY-FINE', { decidedOn: '2025-05-01', fineAmount: '500000' }) });
    });

    it.each([
      ['a ground without basis penalty', { basisDecisionNumbers: [] }, /needs at least one basis penalty/],
      ['an unknown basis penalty', { basisDecisionNumbers: ['NOPE'] }, /not a recorded penalty of operator/],
      ["another operator's penalty", { basisDecisionNumbers: ['穗天市监处罚〔2025〕9001号'] }, /not a recorded penalty of operator/],
      ['a light penalty as basis', { basisDecisionNumbers: ['SERIOUS-LIGHT'] }, /SERIOUS-LIGHT is ORDINARY, not a heavier penalty/],
      [
        'an ordinary fine as basis, however large',
        { basisDecisionNumbers: ['SERIOUS-ORDINARY-FINE'] },
        /^Basis penalty SERIOUS-ORDINARY-FINE is ORDINARY, not a heavier penalty \(较重行政处罚: AGGRAVATED_FINE, .*SAMR order 44 art\. 2\)$/,
      ],
      ['a listing before the basis decision', { listedOn: '2025-04-01', priorNoticeOn: '2025-03-10', statementOfDefenceDeadline: '2025-03-15' }, /decided after/],
      ['an unregistered operator', { operatorUscc: UNREGISTERED }, /No operator is registered/],
      ['ABNORMAL_LIST_3_YEARS without a 3-year listing', { ground: 'ABNORMAL_LIST_3_YEARS', basisDecisionNumbers: [] }, /still standing 3 years/],
      ['ABNORMAL_LIST_3_YEARS with penalties', { ground: 'ABNORMAL_LIST_3_YEARS' }, /not on penalties/],
      ['an empty decision number', { decisionNumber: '' }, /decisionNumber/],
      ['a decision in the future', { listedOn: '2026-11-03' }, /must not be in the future/],
      ['a decision on the day of the prior notice', { priorNoticeOn: '2025-06-01' }, /`listedOn` \(2025-06-01\) must be after the prior notice/],
      ['a deadline before the notice', { statementOfDefenceDeadline: '2025-05-09' }, /`statementOfDefenceDeadline` \(2025-05-09\) must be after `priorNoticeOn` \(2025-05-10\)/],
      ['a decision within the statement period', { statementOfDefenceDeadline: '2025-06-01' }, /must be after the statement period ended .*unless the defence was heard/],
      ['a defence heard after the decision', { defenceHeardOn: '2025-06-02' }, /must not be before the defence was heard \(`defenceHeardOn` 2025-06-02\)/],
      ['a defence heard before the notice', { defenceHeardOn: '2025-05-09' }, /`defenceHeardOn` \(2025-05-09\) must not be before `priorNoticeOn`/],
    ])('rejects %s', async (_name, overrides, message) => {
      await rejected(LIST_SERIOUS, { input: seriousInput(overrides) }, message, [other.uscc]);
    });

    it.each(['priorNoticeOn', 'statementOfDefenceDeadline', 'decisionNumber'])('rejects a listing without %s', async (field) => {
      const input: Op = seriousInput();
      delete input[field];
      await rejected(LIST_SERIOUS, { input }, new RegExp(`"${field}" of required type "(Date|String)!" was not provided`), [other.uscc]);
    });

    it('lists by a numbered decision with its procedure, computed removal dates and measures', async () => {
      const listed = await ok(LIST_SERIOUS, { input: seriousInput({ decisionNumber: '穗市监列严〔2025〕1号', listingAuthority: '广州市市场监督管理局' }) });
      expect(listed).toMatchObject({
        ground: 'FALSE_ADVERTISING', basisDecisionNumbers: [BASIS], basisPenalties: [{ decisionNumber: BASIS, severity: 'AGGRAVATED_FINE' }],
        decisionNumber: '穗市监列严〔2025〕1号', decidingAuthority: '广州市市场监督管理局', decidedOn: '2025-06-01', listedOn: '2025-06-01',
        priorNoticeOn: '2025-05-10', statementOfDefenceDeadline: '2025-05-20', defenceHeardOn: null,
        autoRemovalOn: '2028-06-01', earlyRemovalEligibleOn: '2026-06-01', removedOn: null, current: true,
        rulesVersion: 'SAMR-SERIOUS-LIST-2021.1', operator: { onSeriousDishonestList: true },
      });
      expect(listed.measures).toContain('GOVERNMENT_PROCUREMENT_RESTRICTED');
      listingId = listed.id;
      await duplicate(LIST_SERIOUS, { input: seriousInput({ listedOn: '2025-07-01' }) },
        /already on the serious illegal and dishonest list/, [other.uscc], { operatorUscc: other.uscc, ground: 'FALSE_ADVERTISING' });
    });

    it('accepts a decision on the day the defence was heard, within the statement period; refuses a used decision number', async () => {
      const input = seriousInput({
        ground: 'CONSUMER_RIGHTS', decisionNumber: '穗市监列严〔2025〕2号', priorNoticeOn: '2025-05-10', statementOfDefenceDeadline: '2025-05-30',
        defenceHeardOn: '2025-05-20', listedOn: '2025-05-20',
      });
      await duplicate(LIST_SERIOUS, { input: { ...input, decisionNumber: '穗市监列严〔2025〕1号' } },
        /^A serious illegal and dishonest list decision with number 穗市监列严〔2025〕1号 already exists$/, [other.uscc], { decisionNumber: '穗市监列严〔2025〕1号' });
      const listed = await ok(LIST_SERIOUS, { input });
      expect(listed).toMatchObject({ decisionNumber: '穗市监列严〔2025〕2号', defenceHeardOn: '2025-05-20', listedOn: '2025-05-20', current: true });
      await ok(REMOVE_SERIOUS, { input: seriousRemoval(listed.id, { kind: 'CORRECTED', decisionNumber: '穗市监移严〔2026〕2号', harmRemoval: null }) });
    });

    it('removal rejects AUTOMATIC, unknown ids, a date before listing and a missing decision number', async () => {
      await rejected(REMOVE_SERIOUS, { input: seriousRemoval(listingId, { kind: 'AUTOMATIC' }) }, /ends by itself on 2028-06-01/, [other.uscc]);
      await rejected(REMOVE_SERIOUS, { input: seriousRemoval('424242') }, /No serious illegal and dishonest listing/, [other.uscc]);
      await rejected(REMOVE_SERIOUS, { input: seriousRemoval(listingId, { removedOn: '2025-05-01', kind: 'CORRECTED' }) }, /must not be before/, [other.uscc]);
      await rejected(REMOVE_SERIOUS, { input: seriousRemoval(listingId, { kind: 'CORRECTED', decisionNumber: ' ' }) }, /decisionNumber/, [other.uscc]);
      await rejected(REMOVE_SERIOUS, { input: seriousRemoval(listingId, { kind: 'CORRECTED', decidingAuthority: '' }) }, /decidingAuthority/, [other.uscc]);
    });

    it.each([
      ['before one year on the list, basis unperformed', { removedOn: '2026-05-31' }, ['ONE_YEAR_ON_LIST', 'BASIS_PENALTY_PERFORMED'], /ONE_YEAR_ON_LIST \(early removal is possible from 2026-06-01.*BASIS_PENALTY_PERFORMED \(.*not performed: SERIOUS-BASIS-1\)/],
      ['without the harm removed', { harmRemoval: null }, ['BASIS_PENALTY_PERFORMED', 'HARM_REMOVED'], /HARM_REMOVED \(`harmRemoval` must state/],
    ])('early removal names each unmet condition: %s', async (_name, overrides, conditions, message) => {
      await rejected(REMOVE_SERIOUS, { input: seriousRemoval(listingId, overrides) }, message, [other.uscc], { code: 'BAD_USER_INPUT', unmetConditions: conditions });
    });

    it('removes early by a numbered decision once every condition holds', async () => {
      await ok(PERFORMED, { n: BASIS, on: '2025-08-01' });
      const removed = await ok(REMOVE_SERIOUS, { input: seriousRemoval(listingId, { decisionNumber: '穗市监移严〔2026〕1号' }) });
      expect(removed).toMatchObject({
        removedOn: '2026-10-01', removalKind: 'EARLY_REPAIR', current: false, measures: [], operator: { onSeriousDishonestList: false },
        removalDecisionNumber: '穗市监移严〔2026〕1号', removalDecidingAuthority: '广州市市场监督管理局', harmRemoval: '已下架虚假宣传内容并向消费者赔偿',
      });
      await rejected(REMOVE_SERIOUS, { input: seriousRemoval(listingId, { kind: 'CORRECTED', removedOn: '2026-10-02' }) }, /no longer current/, [other.uscc]);
    });

    it('refuses early removal while a restriction runs or after a new heavier penalty, not after an ordinary one', async () => {
      const op = third.uscc;
      // Employment restriction: heavier by its category alone (severity derived), its period runs until 2030.
      const basis = await ok(PENALTY, { input: penaltyInput(op, 'T-BASIS', { categories: ['FINE', 'EMPLOYMENT_RESTRICTION'], restrictionUntil: '2030-01-01', decidedOn: '2025-01-10', severity: null }) });
      expect(basis.severity).toBe('BUSINESS_RESTRICTION');
      await ok(PERFORMED, { n: 'T-BASIS', on: '2025-02-01' });
      await ok(PENALTY, { input: penaltyInput(op, 'T-LATER-ORDINARY', { decidedOn: '2026-01-05' }) });
      await ok(PENALTY, { input: penaltyInput(op, 'T-LATER-HEAVIER', { decidedOn: '2026-02-01', severity: 'AGGRAVATED_FINE' }) });
      const listed = await ok(LIST_SERIOUS, {
        input: seriousInput({ operatorUscc: op, ground: 'CONSUMER_RIGHTS', basisDecisionNumbers: ['T-BASIS'], decisionNumber: 'T-LIST', listedOn: '2025-03-01', priorNoticeOn: '2025-02-10', statementOfDefenceDeadline: '2025-02-15' }),
      });
      await rejected(
        REMOVE_SERIOUS, { input: seriousRemoval(listed.id) },
        /RESTRICTION_PERIOD_ENDED \(restriction period still running: T-BASIS until 2030-01-01\); NO_NEW_HEAVIER_PENALTY \(heavier penalty since listing: T-LATER-HEAVIER \(AGGRAVATED_FINE, 2026-02-01\)\)$/,
        [op], { code: 'BAD_USER_INPUT', unmetConditions: ['RESTRICTION_PERIOD_ENDED', 'NO_NEW_HEAVIER_PENALTY'] },
      );
    });

    it('lists on the ground of an abnormal listing standing for 3 years', async () => {
      const abnormal = await ok(LIST_ABNORMAL, { input: abnormalInput({ operatorUscc: clean.uscc, reason: 'FALSE_INFO', listedOn: '2023-06-15' }) });
      expect(abnormal.seriousListEligibleOn).toBe('2026-06-15');
      const input = seriousInput({
        operatorUscc: clean.uscc, ground: 'ABNORMAL_LIST_3_YEARS', basisDecisionNumbers: [], facts: '列入经营异常名录满三年', listedOn: '2026-06-14',
        priorNoticeOn: '2026-05-20', statementOfDefenceDeadline: '2026-05-30',
      });
      await rejected(LIST_SERIOUS, { input }, /still standing 3 years/, [clean.uscc]);
      const listed = await ok(LIST_SERIOUS, { input: { ...input, listedOn: '2026-06-15' } });
      expect(listed).toMatchObject({ ground: 'ABNORMAL_LIST_3_YEARS', basisDecisionNumbers: [], autoRemovalOn: '2029-06-15', current: true });
      const corrected = await ok(REMOVE_SERIOUS, { input: seriousRemoval(listed.id, { kind: 'CORRECTED', removedOn: '2026-07-01', reason: '列入依据错误，予以更正', harmRemoval: null }) });
      expect(corrected).toMatchObject({ removalKind: 'CORRECTED', current: false, harmRemoval: null });
    });

    it('removes an ABNORMAL_LIST_3_YEARS entry early only once the abnormal listings are cured', async () => {
      // An operator old enough to have stood 3 years on the abnormal list more than a year ago.
      const uscc = completeUscc('91', '440106', 'MA9ABN01');
      await ok(REGISTER, { input: registration(uscc, { legalRepresentative: clean.legalRepresentative }) });
      await ok(LIST_ABNORMAL, { input: abnormalInput({ operatorUscc: uscc, reason: 'UNREACHABLE', listedOn: '2021-01-10' }) });
      await ok(LIST_ABNORMAL, { input: abnormalInput({ operatorUscc: uscc, reason: 'FALSE_INFO', listedOn: '2025-06-10' }) });
      const listed = await ok(LIST_SERIOUS, {
        input: seriousInput({
          operatorUscc: uscc, ground: 'ABNORMAL_LIST_3_YEARS', basisDecisionNumbers: [], listedOn: '2025-02-01',
          priorNoticeOn: '2025-01-10', statementOfDefenceDeadline: '2025-01-20',
        }),
      });
      await rejected(
        REMOVE_SERIOUS, { input: seriousRemoval(listed.id) }, /ABNORMAL_LISTINGS_CURED \(abnormal operations listings still standing on 2026-10-01: /,
        [uscc], { code: 'BAD_USER_INPUT', unmetConditions: ['ABNORMAL_LISTINGS_CURED'] },
      );
      const standing = (await state(uscc))!.abnormalOperations.filter((x: Op) => x.current);
      expect(standing).toHaveLength(2);
      // One cured is not enough: every abnormal listing must be.
      await ok(REMOVE_ABNORMAL, { input: abnormalRemoval(standing[0].id, { removedOn: '2026-09-01' }) });
      await rejected(REMOVE_SERIOUS, { input: seriousRemoval(listed.id) }, /ABNORMAL_LISTINGS_CURED/, [uscc], { code: 'BAD_USER_INPUT', unmetConditions: ['ABNORMAL_LISTINGS_CURED'] });
      await ok(REMOVE_ABNORMAL, { input: abnormalRemoval(standing[1].id, { removedOn: '2026-09-01' }) });
      const removed = await ok(REMOVE_SERIOUS, { input: seriousRemoval(listed.id) });
      expect(removed).toMatchObject({ removalKind: 'EARLY_REPAIR', current: false });
    });
  });

  describe('licences', () => {
    const input = {
      operatorUscc: clean.uscc, documentNumber: '穗天市监许〔2026〕77号', category: 'GENERAL', certificateName: '食品经营许可证',
      licenseNumber: 'JY14401060000077', content: '预包装食品销售', validFrom: '2026-01-01', validUntil: '2031-01-01', authority: '广州市天河区市场监督管理局',
    };

    it('records a licence; a lapsed one shows as EXPIRED', async () => {
      expect(await ok(LICENSE, { input })).toMatchObject({ documentNumber: input.documentNumber, status: 'VALID', validUntil: '2031-01-01', operator: { uscc: clean.uscc } });
      const lapsed = await ok(LICENSE, { input: { ...input, documentNumber: 'OLD-1', validFrom: '2020-01-01', validUntil: '2025-01-01' } });
      expect(lapsed.status).toBe('EXPIRED');
      const open = await ok(LICENSE, { input: { ...input, documentNumber: 'OPEN-1', validUntil: null, category: 'REGISTRATION' } });
      expect(open).toMatchObject({ validUntil: null, status: 'VALID' });
    });

    it.each([
      ['validUntil before validFrom', { documentNumber: 'X-1', validUntil: '2025-12-31' }, /must not be before `validFrom`/],
      ['a recorded EXPIRED status', { documentNumber: 'X-2', status: 'EXPIRED' }, /computed/],
      ['an unregistered operator', { documentNumber: 'X-3', operatorUscc: UNREGISTERED }, /No operator is registered/],
      ['an empty licence number', { documentNumber: 'X-4', licenseNumber: '' }, /licenseNumber/],
    ])('rejects %s', async (_name, overrides, message) => {
      await rejected(LICENSE, { input: { ...input, ...overrides } }, message, [clean.uscc]);
    });

    it('refuses a duplicate document number as CONFLICT naming it', async () => {
      await duplicate(LICENSE, { input }, /already exists/, [clean.uscc], { operatorUscc: clean.uscc, documentNumber: input.documentNumber });
    });
  });

  describe('platform verification reports', () => {
    const a = plan.operators[2];
    const b = plan.operators[3];

    it('records every entry of a report with the next verification date', async () => {
      const rows = await ok(REPORT, {
        input: {
          platformId: 'testmall', reportingPeriod: '2026-H2',
          entries: [verifiedEntry(a.uscc, '2026-08-31T02:00:00Z'), verifiedEntry(b.uscc, '2026-10-10T02:00:00Z')],
        },
      });
      expect(rows).toHaveLength(2);
      expect(rows.find((r: Op) => r.operatorUscc === a.uscc)).toMatchObject({
        platformId: 'testmall', reportingPeriod: '2026-H2', nextVerificationDue: '2027-02-28', rulesVersion: 'ECL-PLATFORM-VERIFY-2019.1',
      });
      expect((await state(b.uscc))!.platformRegistrations.some((r: Op) => r.platformId === 'testmall')).toBe(true);
    });

    const entries = (extra: Op[]) => [verifiedEntry(plan.operators[4].uscc, '2026-08-01T00:00:00Z'), ...extra];
    it.each([
      ['an unregistered operator (nothing recorded)', { entries: entries([verifiedEntry(UNREGISTERED, '2026-08-01T00:00:00Z')]) }, new RegExp(`No operator is registered with code\\(s\\) ${UNREGISTERED}`)],
      ['an invalid code', { entries: entries([verifiedEntry('91440101MA5CJQ4N5', '2026-08-01T00:00:00Z')]) }, /must be 18 characters/],
      ['an operator twice', { entries: entries([verifiedEntry(plan.operators[4].uscc, '2026-08-02T00:00:00Z')]) }, /appears twice/],
      ['a verification outside the period', { entries: entries([verifiedEntry(plan.operators[5].uscc, '2026-06-30T00:00:00Z')]) }, /outside reporting period/],
      ['a malformed period', { reportingPeriod: '2026-Q3' }, /half-year/],
      ['a future period', { reportingPeriod: '2027-H1' }, /not started/],
      ['a malformed platform id', { platformId: 'Tmall Global' }, /platformId/],
      ['an empty report', { entries: [] }, /at least one/],
      [
        'an operator with no storefront on the platform',
        { entries: entries([verifiedEntry(plan.operators[7].uscc, '2026-08-01T00:00:00Z')]) },
        new RegExp(`No storefront on platform testmall is registered with commerce for operator\\(s\\) ${plan.operators[7].uscc};`),
      ],
      // What the platform verified (E-Commerce Law art. 27) is required on every entry, and each missing one is named.
      [
        'an entry without its shop address',
        { entries: entries([(({ shopAddress: _, ...rest }) => rest)(verifiedEntry(a.uscc, '2026-08-01T00:00:00Z'))]) },
        /entries\[1\].*"shopAddress" of required type "String!" was not provided/,
      ],
      [
        'an entry with a blank name and contact phone',
        { entries: entries([verifiedEntry(a.uscc, '2026-08-01T00:00:00Z', { operatorName: ' ', contactPhone: '' })]) },
        /entries\[1\]: `operatorName`, `contactPhone` missing; .*E-Commerce Law art\. 27/,
      ],
      [
        'a masked contact phone',
        { entries: entries([verifiedEntry(a.uscc, '2026-08-01T00:00:00Z', { contactPhone: '138****8000' })]) },
        /entries\[1\]: `contactPhone` "138\*\*\*\*8000" must be the full telephone number/,
      ],
    ])('rejects %s, all or nothing', async (_name, overrides, message) => {
      const input = { platformId: 'testmall', reportingPeriod: '2026-H2', entries: entries([]), ...overrides };
      await rejected(REPORT, { input }, message, [plan.operators[4].uscc, a.uscc]);
    });

    it('refuses an operator already reported for the period as CONFLICT naming it, all or nothing', async () => {
      const input = { platformId: 'testmall', reportingPeriod: '2026-H2', entries: entries([verifiedEntry(a.uscc, '2026-08-01T00:00:00Z')]) };
      await duplicate(REPORT, { input }, /Already reported/, [plan.operators[4].uscc, a.uscc], {
        platformId: 'testmall', reportingPeriod: '2026-H2', operatorUscc: [a.uscc],
      });
    });
  });
});
