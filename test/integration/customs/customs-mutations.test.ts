import { completeUscc } from '../../../shared/credit-code/uscc';
import { customsSubgraph } from '../../../subgraphs/customs';
import { SubgraphHarness, startSubgraphForTest } from '../../support/subgraph-harness';
import { ENTITIES_QUERY, NOW, representation, seedPlan } from './customs-fixtures';
import { deliverQualification, qualification } from '../../support/qualifications';

const OPERATORS = 20;
const plan = seedPlan(OPERATORS);
const bad = plan.operators[0];

/** Valid credit codes that the seed never uses. */
const fresh = (body: string) => completeUscc('91', '440106', body);
const A = fresh('MA9TEXT1');
const B = fresh('MA9TEXT2');
const C = fresh('MA9TEXT3');
const D = fresh('MA9TEXT4');

const REGISTER = `mutation ($input: RegisterCustomsEnterpriseInput!) {
  registerCustomsEnterprise(input: $input) { customsCode region economicZone enterpriseType registeredOn registeringOffice status creditLevel operator { uscc } } }`;
const RATE = `mutation ($input: RecordCustomsCreditRatingInput!) {
  recordCustomsCreditRating(input: $input) { operator { uscc } current { level effectiveOn rulesVersion } history { level effectiveOn rulesVersion } } }`;
const FIND = `mutation ($input: RecordCustomsDishonestyFindingInput!) {
  recordCustomsDishonestyFinding(input: $input) { id ground facts foundOn decidedOn decisionNumber decidingAuthority current removedOn operator { uscc } } }`;
const UNFIND = `mutation ($input: RemoveCustomsDishonestyFindingInput!) {
  removeCustomsDishonestyFinding(input: $input) { id current removedOn removalKind removalDecisionNumber removalDecidingAuthority removalReason } }`;

/** A finding decision against the seeded dishonest operator; each call a fresh decision number unless given. */
let findingNumber = 0;
const finding = (overrides: Record<string, unknown> = {}) => ({
  uscc: plan.operators[0].uscc, ground: 'SMUGGLING', facts: '走私', foundOn: '2026-10-01', decisionNumber: `穗关信认字〔2026〕T${++findingNumber}号`,
  decidingAuthority: '广州海关', ...overrides,
});
const ROLE = `mutation ($input: RegisterCrossBorderRoleInput!) {
  registerCrossBorderRole(input: $input) { id kind regimes registeredOn qualificationRequired qualificationHeld } }`;
const PENALISE = `mutation ($input: RecordCustomsPenaltyInput!) {
  recordCustomsPenalty(input: $input) { id decisionNumber caseKind facts fine decidedOn decidingOffice operator { uscc } } }`;
const MEASURE = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Operator {
  clearanceMeasure { level ratingEffectiveOn rulesVersion inspectionRateTarget inspectionRateBound guaranteeRequirement auditFrequency } } } }`;

describe('customs subgraph: mutations', () => {
  let h: SubgraphHarness;
  /** Customs' own token: these tests read non-public fields (findings, measures) and write. */
  let customs: Record<string, string>;
  const query = (q: string, variables?: Record<string, unknown>) => h.query(q, variables, customs);

  beforeAll(async () => {
    h = await startSubgraphForTest(customsSubgraph, { seedOperators: OPERATORS, now: NOW });
    customs = await h.as({ role: 'agency', agency: 'customs' });
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function state(uscc: string) {
    const res = await query(ENTITIES_QUERY, { representations: [representation(uscc)] });
    expect(res.errors).toBeUndefined();
    return res.data!._entities[0];
  }

  async function expectBadInput(
    mutation: string, input: Record<string, unknown>, message: RegExp, readBack: string[],
    expected: Record<string, unknown> = { code: 'BAD_USER_INPUT' },
  ) {
    const before = await Promise.all(readBack.map(state));
    const res = await query(mutation, { input });
    expect(res.errors?.[0]?.extensions).toMatchObject(expected);
    expect(res.errors?.[0]?.message).toMatch(message);
    expect(res.data?.[Object.keys(res.data ?? {})[0]] ?? null).toBeNull();
    expect(await Promise.all(readBack.map(state))).toEqual(before);
  }

  /** A duplicate of a record's natural identity: CONFLICT naming it, nothing changed. */
  const expectDuplicate = (mutation: string, input: Record<string, unknown>, message: RegExp, readBack: string[], key: Record<string, unknown>) =>
    expectBadInput(mutation, input, message, readBack, { code: 'CONFLICT', duplicate: key });

  describe('registerCustomsEnterprise', () => {
    it('registers an enterprise and derives zone and type from the customs code', async () => {
      const res = await query(REGISTER, { input: { uscc: A, customsCode: '4401969001', registeredOn: '2025-06-01' } });
      expect(res.errors).toBeUndefined();
      expect(res.data!.registerCustomsEnterprise).toEqual({
        customsCode: '4401969001',
        region: '4401',
        economicZone: 'OTHER',
        enterpriseType: 'PRIVATE',
        registeredOn: '2025-06-01',
        registeringOffice: '广州海关',
        status: 'ACTIVE',
        creditLevel: 'REGULAR',
        operator: { uscc: A },
      });
      const read = await state(A);
      expect(read.customsRegistration.customsCode).toBe('4401969001');
      // Never rated: the default level of the rules in force applies.
      expect(read.customsCredit.current).toBeNull();
      expect(read.clearanceMeasure).toMatchObject({ level: 'REGULAR', ratingEffectiveOn: null, rulesVersion: 'GACC-ORDER-282' });
      const byCode = await query(`{ customsRegistration(customsCode: "4401969001") { operator { uscc } } }`);
      expect(byCode.data!.customsRegistration.operator.uscc).toBe(A);
    });

    it.each([
      ['4401X69001', /character "X" at position 5 is not a digit/],
      ['44019690', /must be 10 digits, got 8/],
      ['440196900123', /must be 10 digits, got 12/],
      ['9901969001', /positions 1-4 \(region\) "9901"/],
      ['4400969001', /positions 1-4 \(region\) "4400"/],
      ['4401069001', /position 5 \(economic zone\) "0"/],
      ['4401869001', /position 5 \(economic zone\) "8"/],
      ['4401909001', /position 6 \(enterprise type\) "0"/],
      ['4401960000', /positions 7-10 \(sequence\) must not be 0000/],
    ])('refuses the customs code %s naming the fault', async (customsCode, message) => {
      await expectBadInput(REGISTER, { uscc: B, customsCode, registeredOn: '2025-06-01' }, message, [B]);
      expect((await state(B)).customsRegistration).toBeNull();
    });

    it('refuses a bad credit code, a future date, a second registration and a taken customs code', async () => {
      await expectBadInput(REGISTER, { uscc: '91440101MA5CJQ4N5X', customsCode: '4401969002', registeredOn: '2025-06-01' },
        /check character/, [B]);
      await expectBadInput(REGISTER, { uscc: B, customsCode: '4401969002', registeredOn: '2027-01-01' }, /in the future/, [B]);
      await expectDuplicate(REGISTER, { uscc: A, customsCode: '4401969002', registeredOn: '2025-06-01' },
        /already registered/, [A], { uscc: A });
      await expectDuplicate(REGISTER, { uscc: B, customsCode: '4401969001', registeredOn: '2025-06-01' },
        /already assigned/, [A, B], { customsCode: '4401969001' });
    });
  });

  describe('recordCustomsCreditRating: the order 251 / order 282 switch', () => {
    beforeAll(async () => {
      const res = await query(REGISTER, { input: { uscc: C, customsCode: '4401969003', registeredOn: '2024-01-15' } });
      expect(res.errors).toBeUndefined();
    });

    it('refuses levels that order 251 does not know before 2026-04-01', async () => {
      for (const level of ['CERTIFIED', 'SERIOUSLY_DISHONEST']) {
        await expectBadInput(RATE, { uscc: C, level, effectiveOn: '2026-03-31', reason: '认定' },
          new RegExp(`${level} does not exist under GACC-ORDER-251 in force on 2026-03-31`), [C]);
      }
    });

    it('accepts order 251 levels before the switch and order 282 levels from 2026-04-01, keeping the rules version', async () => {
      const r251 = await query(RATE, { input: { uscc: C, level: 'ADVANCED_CERTIFIED', effectiveOn: '2025-02-01', reason: '高级认证' } });
      expect(r251.errors).toBeUndefined();
      expect(r251.data!.recordCustomsCreditRating.current).toEqual({
        level: 'ADVANCED_CERTIFIED', effectiveOn: '2025-02-01', rulesVersion: 'GACC-ORDER-251',
      });
      const lastDay = await query(RATE, { input: { uscc: C, level: 'REGULAR', effectiveOn: '2026-03-31', reason: '复核' } });
      expect(lastDay.errors).toBeUndefined();
      const r282 = await query(RATE, { input: { uscc: C, level: 'CERTIFIED', effectiveOn: '2026-04-01', reason: '认证企业' } });
      expect(r282.errors).toBeUndefined();
      expect(r282.data!.recordCustomsCreditRating).toEqual({
        operator: { uscc: C },
        current: { level: 'CERTIFIED', effectiveOn: '2026-04-01', rulesVersion: 'GACC-ORDER-282' },
        history: [
          { level: 'ADVANCED_CERTIFIED', effectiveOn: '2025-02-01', rulesVersion: 'GACC-ORDER-251' },
          { level: 'REGULAR', effectiveOn: '2026-03-31', rulesVersion: 'GACC-ORDER-251' },
          { level: 'CERTIFIED', effectiveOn: '2026-04-01', rulesVersion: 'GACC-ORDER-282' },
        ],
      });
      expect((await state(C)).customsCredit.history).toHaveLength(3);
    });

    it('refuses ratings out of date order, in the future, before any rules, of unregistered operators, without reason', async () => {
      await expectBadInput(RATE, { uscc: C, level: 'REGULAR', effectiveOn: '2026-03-01', reason: 'x' }, /before the latest rating/, [C]);
      await expectBadInput(RATE, { uscc: C, level: 'REGULAR', effectiveOn: '2026-12-30', reason: 'x' }, /in the future/, [C]);
      await expectBadInput(RATE, { uscc: D, level: 'REGULAR', effectiveOn: '2026-05-01', reason: 'x' }, /not registered with customs/, [D]);
      await expectBadInput(RATE, { uscc: C, level: 'REGULAR', effectiveOn: '2026-05-01', reason: '   ' }, /`reason` must not be empty/, [C]);
      await expectBadInput(RATE, { uscc: A, level: 'REGULAR', effectiveOn: '2021-10-31', reason: 'x' }, /No customs credit rules are in force/, [A]);
      await expectBadInput(RATE, { uscc: A, level: 'REGULAR', effectiveOn: '2025-01-01', reason: 'x' }, /before the registration/, [A]);
      const unknownLevel = await query(RATE, { input: { uscc: C, level: 'EXCELLENT', effectiveOn: '2026-05-01', reason: 'x' } });
      expect(unknownLevel.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('derives the clearance measure from each level under the rules in force today', async () => {
      // Only what the credit orders state: no rate or guarantee measure for routine management, the advanced rate
      // relative to the routine average, 80% or more for dishonest enterprises (and as a floor for seriously dishonest).
      const expected: Record<string, [string | null, string | null, string | null, string]> = {
        REGULAR: [null, null, null, 'ROUTINE'],
        CERTIFIED: [null, null, null, 'REDUCED'],
        ADVANCED_CERTIFIED: ['20.00% of the routine average', 'AT_MOST', 'NONE', 'REDUCED'],
        DISHONEST: ['80.00%', 'AT_LEAST', 'FULL', 'INCREASED'],
        SERIOUSLY_DISHONEST: ['80.00%', 'AT_LEAST', 'FULL', 'INCREASED'],
      };
      let day = 10;
      for (const [level, [rate, bound, guarantee, audit]] of Object.entries(expected)) {
        const effectiveOn = `2026-05-${String(day++).padStart(2, '0')}`;
        const res = await query(RATE, { input: { uscc: C, level, effectiveOn, reason: '测试' } });
        expect(res.errors).toBeUndefined();
        const m = await query(MEASURE, { r: [representation(C)] });
        expect(m.data!._entities[0].clearanceMeasure).toEqual({
          level,
          ratingEffectiveOn: effectiveOn,
          rulesVersion: 'GACC-ORDER-282',
          inspectionRateTarget: rate,
          inspectionRateBound: bound,
          guaranteeRequirement: guarantee,
          auditFrequency: audit,
        });
      }
    });
  });

  describe('recordCustomsDishonestyFinding', () => {
    it('records a finding and shows it in the credit record', async () => {
      const before = (await state(bad.uscc)).customsCredit.dishonestyFindings.length;
      const res = await query(FIND, {
        input: finding({ ground: 'UNPAID_TAX', facts: '拖欠税款超过3个月', foundOn: '2026-11-20', decisionNumber: '穗关信认字〔2026〕9号' }),
      });
      expect(res.errors).toBeUndefined();
      expect(res.data!.recordCustomsDishonestyFinding).toMatchObject({
        ground: 'UNPAID_TAX', foundOn: '2026-11-20', decidedOn: '2026-11-20', decisionNumber: '穗关信认字〔2026〕9号',
        decidingAuthority: '广州海关', current: true, removedOn: null, operator: { uscc: bad.uscc },
      });
      const after = (await state(bad.uscc)).customsCredit.dishonestyFindings;
      expect(after).toHaveLength(before + 1);
      expect(after[0]).toMatchObject({ ground: 'UNPAID_TAX', foundOn: '2026-11-20' });
    });

    it('refuses empty facts, future dates, unknown grounds, unregistered operators and a finding without its decision', async () => {
      await expectBadInput(FIND, finding({ facts: '' }), /`facts` must not be empty/, [bad.uscc]);
      await expectBadInput(FIND, finding({ facts: 'x'.repeat(1001) }), /at most 1000/, [bad.uscc]);
      await expectBadInput(FIND, finding({ foundOn: '2027-10-01' }), /in the future/, [bad.uscc]);
      await expectBadInput(FIND, finding({ uscc: D }), /not registered/, [D]);
      await expectBadInput(FIND, finding({ decisionNumber: ' ' }), /`decisionNumber` must not be empty/, [bad.uscc]);
      await expectBadInput(FIND, finding({ decidingAuthority: '' }), /`decidingAuthority` must not be empty/, [bad.uscc]);
      await expectBadInput(FIND, finding({ decidingAuthority: undefined }), /"decidingAuthority" of required type "String!" was not provided/, [bad.uscc]);
      const badGround = await query(FIND, { input: finding({ ground: 'LATE' }) });
      expect(badGround.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('refuses a decision number already used, as CONFLICT naming it', async () => {
      await expectBadInput(FIND, finding({ decisionNumber: '穗关信认字〔2026〕9号' }), /^A customs dishonesty decision with number 穗关信认字〔2026〕9号 already exists$/,
        [bad.uscc], { code: 'CONFLICT', duplicate: { decisionNumber: '穗关信认字〔2026〕9号' } });
    });
  });

  describe('removeCustomsDishonestyFinding', () => {
    const removal = (findingId: string, overrides: Record<string, unknown> = {}) => ({
      findingId, kind: 'CREDIT_REPAIR', decisionNumber: '穗关信修字〔2026〕1号', decidingAuthority: '广州海关', removedOn: '2026-10-20',
      reason: '已缴清税款并作出信用承诺', ...overrides,
    });

    it('ends a finding by a numbered decision; the finding stays as history', async () => {
      const created = await query(FIND, { input: finding({ foundOn: '2026-10-01' }) });
      expect(created.errors).toBeUndefined();
      const id = created.data!.recordCustomsDishonestyFinding.id;
      await expectBadInput(UNFIND, removal(id, { removedOn: '2026-09-30' }), /`removedOn` 2026-09-30 is before the finding on 2026-10-01/, [bad.uscc]);
      await expectBadInput(UNFIND, removal(id, { removedOn: '2027-01-01' }), /in the future/, [bad.uscc]);
      await expectBadInput(UNFIND, removal(id, { decisionNumber: '' }), /`decisionNumber` must not be empty/, [bad.uscc]);
      await expectBadInput(UNFIND, removal(id, { decisionNumber: '穗关信认字〔2026〕9号' }), /decision with number 穗关信认字〔2026〕9号 already exists/,
        [bad.uscc], { code: 'CONFLICT', duplicate: { decisionNumber: '穗关信认字〔2026〕9号' } });
      await expectBadInput(UNFIND, removal('999999'), /No customs dishonesty finding with id 999999/, [bad.uscc]);
      const res = await query(UNFIND, { input: removal(id) });
      expect(res.errors).toBeUndefined();
      expect(res.data!.removeCustomsDishonestyFinding).toEqual({
        id, current: false, removedOn: '2026-10-20', removalKind: 'CREDIT_REPAIR', removalDecisionNumber: '穗关信修字〔2026〕1号',
        removalDecidingAuthority: '广州海关', removalReason: '已缴清税款并作出信用承诺',
      });
      const history = (await state(bad.uscc)).customsCredit.dishonestyFindings;
      const number = created.data!.recordCustomsDishonestyFinding.decisionNumber;
      expect(history.filter((f: { decisionNumber: string }) => f.decisionNumber === number)).toHaveLength(1);
      await expectBadInput(UNFIND, removal(id, { decisionNumber: '穗关信修字〔2026〕2号' }), /already removed on 2026-10-20/, [bad.uscc]);
    });
  });

  describe('registerCrossBorderRole and the qualification check', () => {
    it('registers roles and judges each against the permits and licences postal and finance published', async () => {
      for (const [kind, regimes] of [
        ['LOGISTICS', ['REGIME_9610', 'REGIME_9810']],
        ['PAYMENT', ['REGIME_1210']],
        ['E_COMMERCE_ENTERPRISE', ['REGIME_9610', 'REGIME_9710']],
      ] as const) {
        const res = await query(ROLE, { input: { uscc: A, kind, regimes, registeredOn: '2025-07-01' } });
        expect(res.errors).toBeUndefined();
        expect(res.data!.registerCrossBorderRole).toMatchObject({ kind, regimes, registeredOn: '2025-07-01', qualificationHeld: null });
      }
      const q = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Operator {
        crossBorderRoles { kind qualificationRequired qualificationHeld } } } }`;
      await deliverQualification(h, qualification(A, 'PAYMENT_LICENCE'));
      const res = await query(q, { r: [representation(A)] });
      expect(res.errors).toBeUndefined();
      expect(res.data!._entities[0].crossBorderRoles).toEqual([
        { kind: 'LOGISTICS', qualificationRequired: 'EXPRESS_PERMIT', qualificationHeld: false },
        { kind: 'PAYMENT', qualificationRequired: 'PAYMENT_LICENCE', qualificationHeld: true },
        { kind: 'E_COMMERCE_ENTERPRISE', qualificationRequired: null, qualificationHeld: null },
      ]);
      await deliverQualification(h, qualification(A, 'EXPRESS_PERMIT'));
      await deliverQualification(h, qualification(A, 'PAYMENT_LICENCE', { status: 'SUSPENDED' }));
      const flipped = await query(q, { r: [representation(A)] });
      expect(flipped.data!._entities[0].crossBorderRoles.map((r: { qualificationHeld: boolean | null }) => r.qualificationHeld))
        .toEqual([true, false, null]);
    });

    it('refuses duplicate roles, empty or repeated regimes, dates before the registration and unregistered operators', async () => {
      await expectDuplicate(ROLE, { uscc: A, kind: 'LOGISTICS', regimes: ['REGIME_9610'], registeredOn: '2025-08-01' }, /already registered in the role LOGISTICS/, [A], { uscc: A, kind: 'LOGISTICS' });
      await expectBadInput(ROLE, { uscc: A, kind: 'PLATFORM', regimes: [], registeredOn: '2025-08-01' }, /at least one regime/, [A]);
      await expectBadInput(ROLE, { uscc: A, kind: 'PLATFORM', regimes: ['REGIME_1239', 'REGIME_1239'], registeredOn: '2025-08-01' }, /must not repeat/, [A]);
      await expectBadInput(ROLE, { uscc: A, kind: 'PLATFORM', regimes: ['REGIME_1239'], registeredOn: '2025-05-01' }, /before the customs registration/, [A]);
      await expectBadInput(ROLE, { uscc: D, kind: 'PLATFORM', regimes: ['REGIME_1239'], registeredOn: '2025-08-01' }, /not registered/, [D]);
      const badRegime = await query(ROLE, { input: { uscc: A, kind: 'PLATFORM', regimes: ['REGIME_0110'], registeredOn: '2025-08-01' } });
      expect(badRegime.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('recordCustomsPenalty', () => {
    it('records a penalty with its fine in yuan', async () => {
      const res = await query(PENALISE, {
        input: { uscc: D, decisionNumber: '穗关缉违字〔2026〕900号', caseKind: 'SMUGGLING', facts: '低报价格', fine: '125000.5', decidedOn: '2026-09-09' },
      });
      expect(res.errors).toBeUndefined();
      expect(res.data!.recordCustomsPenalty).toMatchObject({
        decisionNumber: '穗关缉违字〔2026〕900号', caseKind: 'SMUGGLING', fine: '125000.50', decidedOn: '2026-09-09',
        decidingOffice: '广州海关', operator: { uscc: D },
      });
      expect((await state(D)).customsPenalties).toEqual([
        expect.objectContaining({ decisionNumber: '穗关缉违字〔2026〕900号', fine: '125000.50' }),
      ]);
    });

    it('refuses negative or malformed fines, duplicate decision numbers (CONFLICT), future dates and bad credit codes', async () => {
      const input = { uscc: D, decisionNumber: '穗关缉违字〔2026〕901号', caseKind: 'FALSE_DECLARATION', facts: '申报不实', fine: '100.00', decidedOn: '2026-09-10' };
      await expectBadInput(PENALISE, { ...input, fine: '-100.00' }, /non-negative amount of yuan/, [D]);
      await expectBadInput(PENALISE, { ...input, fine: '12.345' }, /non-negative amount of yuan/, [D]);
      await expectDuplicate(PENALISE, { ...input, decisionNumber: '穗关缉违字〔2026〕900号' }, /already exists/, [D], { decisionNumber: '穗关缉违字〔2026〕900号' });
      await expectBadInput(PENALISE, { ...input, decidedOn: '2026-12-10' }, /in the future/, [D]);
      await expectBadInput(PENALISE, { ...input, uscc: '91440101MA5CJQ4N5' }, /18 characters/, [D]);
    });
  });
});
