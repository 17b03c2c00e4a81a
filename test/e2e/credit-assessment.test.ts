import { openAccessControlStore } from '../../shared/access-control';
import { ANONYMOUS, Caller } from '../../shared/auth/caller';
import { addDays, chinaToday } from '../../shared/calendar/dates';
import { completeUscc } from '../../shared/credit-code/uscc';
import { citizenIdCheck } from '../../shared/seed/citizen-id';
import { reassessOutdated } from '../../subgraphs/market-regulation/credit-assessment';
import { CREDIT_ASSESSMENT_MODELS, modelByVersion, scoreOf } from '../../subgraphs/market-regulation/rules/credit-assessment';
import { manifestWith } from '../support/manifest';
import { startStackForTest, StackHarness } from '../support/stack-harness';

/**
 * Issue 9's acceptance for the comprehensive assessment, through the gateway over the seeded five-agency stack: every
 * assessment recomputes from its factors, a new model version moves only the operators its change touches, a listed
 * operator is capped, and a new registrant's penalty and failed spot check change its assessment, class and warning
 * and put it in a draw at its class's ratio.
 */
jest.setTimeout(90_000);

const OPERATORS = 80;
const ASSESSED = `{ operators(first: ${OPERATORS}) { nodes { uscc onSeriousDishonestList
  creditAssessment { score grade modelVersion assessedAt
    factors { agency code label weight value contribution evidence { kind id } asOf } caps { factor grade } signals { agency asOf } }
  riskClass { class score modelVersion classificationVersion }
  transactionRiskWarning { level message basis { kind reference } rulesVersion } } } }`;
const SIGNALS = `query ($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) {
  marketRegulationCreditSignal { factors { code value } } commerceCreditSignal { factors { code value } }
  customsCreditSignal { factors { code value } } financeCreditSignal { factors { code value } } postalCreditSignal { factors { code value } } } }`;
const ONE = `query ($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) {
  creditAssessment { score grade factors { code value contribution evidence { kind id } } }
  riskClass { class } riskClassHistory { month class } transactionRiskWarning { level basis { kind reference } } } }`;
const PUBLIC_VIEW = `query ($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) { creditAssessment { score grade modelVersion assessedAt factors { code } } } }`;

interface Factor { agency: string; code: string; label: string; weight: number; value: number; contribution: number; evidence: { kind: string; id: string }[] }
interface Assessed {
  uscc: string;
  onSeriousDishonestList: boolean;
  creditAssessment: { score: number; grade: string; modelVersion: string; assessedAt: string; factors: Factor[]; caps: { factor: string; grade: string }[]; signals: { agency: string }[] };
  riskClass: { class: string; score: number; modelVersion: string; classificationVersion: string };
  transactionRiskWarning: { level: string; message: string; basis: { kind: string; reference: string }[] } | null;
}

describe('the comprehensive credit assessment through the gateway (issue 9)', () => {
  let h: StackHarness;
  let admin: Record<string, string>;
  let mr: Record<string, string>;
  let assessed: Assessed[];

  beforeAll(async () => {
    // Evaluators may run registered operations only: the public view is registered for this run.
    const manifest = manifestWith([PUBLIC_VIEW], 'Assessment');
    h = await startStackForTest({ seedOperators: OPERATORS, env: { PERSISTED_OPERATIONS_MANIFEST: manifest.file } });
    manifest.remove();
    admin = await h.as({ role: 'admin' });
    mr = await h.as({ role: 'agency', agency: 'market-regulation' });
    const res = await h.query(ASSESSED, undefined, admin);
    expect(res.errors).toBeUndefined();
    assessed = res.data!.operators.nodes;
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('assesses every seeded operator, and each assessment recomputes from its own factors', () => {
    expect(assessed).toHaveLength(OPERATORS);
    for (const op of assessed) {
      const a = op.creditAssessment;
      const model = modelByVersion(a.modelVersion);
      const again = scoreOf(a.factors.map((f) => ({ code: f.code, value: f.value })), model);
      expect([op.uscc, again.score, again.grade]).toEqual([op.uscc, a.score, a.grade]);
      expect(again.factors.map((f) => f.contribution)).toEqual(a.factors.map((f) => f.contribution));
      expect(again.caps).toEqual(a.caps);
      // The class is derived from it, not seeded.
      expect(op.riskClass).toMatchObject({ class: a.grade, score: a.score, modelVersion: a.modelVersion, classificationVersion: 'GZ-RISK-CLASS-2026.1' });
    }
    // Signals of several agencies feed it: seeded operators carry records in every agency.
    const agencies = new Set(assessed.flatMap((op) => op.creditAssessment.signals.map((s) => s.agency)));
    expect([...agencies].sort()).toEqual(['commerce', 'customs', 'finance', 'market-regulation', 'postal']);
  });

  it('weighs what each agency derives now: the factors held equal every agency\'s live signal', async () => {
    for (const op of assessed.slice(0, 15)) {
      const res = await h.query(SIGNALS, { uscc: op.uscc }, admin);
      expect(res.errors).toBeUndefined();
      const live = Object.values(res.data!.operator as Record<string, { factors: { code: string; value: number }[] }>)
        .flatMap((s) => s.factors)
        .filter((f) => f.value !== 0)
        .map((f) => `${f.code}=${f.value}`)
        .sort();
      const held = op.creditAssessment.factors.filter((f) => f.value !== 0).map((f) => `${f.code}=${f.value}`).sort();
      expect([op.uscc, held]).toEqual([op.uscc, live]);
    }
  });

  it('caps a listed operator at grade D and warns consumers, with the listing as the basis', () => {
    const listed = assessed.filter((op) => op.onSeriousDishonestList);
    expect(listed.length).toBeGreaterThan(0);
    for (const op of listed) {
      expect(op.creditAssessment.grade).toBe('D');
      expect(op.creditAssessment.caps).toContainEqual({ factor: 'MR_SERIOUS_DISHONEST_LIST', grade: 'D' });
      expect(op.transactionRiskWarning?.level).toBe('HIGH');
      expect(op.transactionRiskWarning?.basis.map((b) => b.kind)).toContain('SERIOUS_DISHONEST_LISTING');
    }
    for (const op of assessed.filter((o) => !o.onSeriousDishonestList && ['A', 'B'].includes(o.creditAssessment.grade))) {
      expect(op.transactionRiskWarning?.basis.map((b) => b.kind) ?? []).not.toContain('CREDIT_ASSESSMENT_GRADE');
    }
  });

  it('shows score and grade to the public, and the factors only to callers the rules allow', async () => {
    const op = assessed[1];
    const anonymous = await h.query(PUBLIC_VIEW, { uscc: op.uscc });
    expect(anonymous.data!.operator.creditAssessment).toMatchObject({ score: op.creditAssessment.score, grade: op.creditAssessment.grade, factors: null });
    expect(anonymous.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHORIZED_FIELD_OR_TYPE']);
    const store = await openAccessControlStore(h.config.accessControl);
    const adminCaller: Caller = { ...ANONYMOUS, authenticated: true, role: 'admin', subject: 'admin:assessment', scopes: new Set(['admin']) };
    await store.grantConsent(
      { operatorUscc: op.uscc, evaluatorSubject: 'evaluator:consented', purpose: 'credit check', expiresAt: new Date(Date.now() + 86_400_000) },
      adminCaller,
    );
    await store.close();
    const purpose = { 'x-purpose': 'credit check' };
    const stranger = await h.query(PUBLIC_VIEW, { uscc: op.uscc }, { ...(await h.as({ role: 'evaluator', subject: 'evaluator:stranger' })), ...purpose });
    expect(stranger.data!.operator.creditAssessment).toMatchObject({ grade: op.creditAssessment.grade, factors: null });
    const consented = await h.query(PUBLIC_VIEW, { uscc: op.uscc }, { ...(await h.as({ role: 'evaluator', subject: 'evaluator:consented' })), ...purpose });
    expect(consented.errors).toBeUndefined();
    expect(consented.data!.operator.creditAssessment.factors.length).toBeGreaterThan(0);
    const agency = await h.query(PUBLIC_VIEW, { uscc: op.uscc }, await h.as({ role: 'agency', agency: 'postal' }));
    expect(agency.errors).toBeUndefined();
    expect(agency.data!.operator.creditAssessment.factors.length).toBeGreaterThan(0);
  });

  it('moves to a new model version only the scores its change touches', async () => {
    // A version effective today that weighs customs' advanced certification (AEO) at 90 instead of 60.
    const v1 = CREDIT_ASSESSMENT_MODELS.at(-1)!;
    const today = chinaToday(new Date());
    const v2 = {
      ...v1, version: 'TEST-CCA-2', effectiveFrom: today,
      weights: { ...v1.weights, CUS_ADVANCED_CERTIFIED: { ...v1.weights.CUS_ADVANCED_CERTIFIED, weight: 90 } },
    };
    const marketRegulation = h.stack.subgraphs.find((s) => s.agency === 'market-regulation')!;
    const moved = await reassessOutdated(marketRegulation.database.dataSource, new Date(), [v1, v2]);
    expect(moved).toBe(OPERATORS);
    const res = await h.query(ASSESSED, undefined, admin);
    const after = new Map((res.data!.operators.nodes as Assessed[]).map((op) => [op.uscc, op]));
    let touched = 0;
    for (const before of assessed) {
      const now = after.get(before.uscc)!.creditAssessment;
      expect(now.modelVersion).toBe('TEST-CCA-2');
      const aeo = before.creditAssessment.factors.find((f) => f.code === 'CUS_ADVANCED_CERTIFIED')?.value ?? 0;
      const expected = scoreOf(before.creditAssessment.factors.map((f) => ({ code: f.code, value: f.value })), v2).score;
      expect([before.uscc, now.score]).toEqual([before.uscc, expected]);
      if (aeo === 0) expect([before.uscc, now.score]).toEqual([before.uscc, before.creditAssessment.score]);
      else if (now.score !== before.creditAssessment.score) touched++;
    }
    expect(touched).toBeGreaterThan(0);
    // Back to the model in force, for the tests that follow.
    await reassessOutdated(marketRegulation.database.dataSource, new Date());
  });

  it('a new registrant: penalty and failed spot check change its assessment, class and warning; it is drawn at its class ratio', async () => {
    const today = chinaToday(new Date());
    const uscc = completeUscc('91', '440106', 'MA9E2E01');
    const id17 = '44010619880808123';
    const registered = await h.query(
      `mutation ($input: RegisterOperatorInput!) { registerOperator(input: $input) { uscc } }`,
      {
        input: {
          uscc, name: '广州评价测试电子商务有限公司', subjectType: 'ENTERPRISE',
          legalRepresentative: { name: '周敏', idNumber: id17 + citizenIdCheck(id17), phone: '13800138000' },
          registeredCapital: '500000.00', address: '广州市天河区体育西路1号', districtCode: '440106',
          establishedOn: addDays(today, -30), registrationAuthority: '广州市天河区市场监督管理局',
        },
      },
      mr,
    );
    expect(registered.errors).toBeUndefined();
    const state = async () => (await h.query(ONE, { uscc }, admin)).data!.operator;
    const until = async (done: (op: Record<string, any>) => boolean) => { // eslint-disable-line @typescript-eslint/no-explicit-any
      const deadline = Date.now() + 15_000;
      for (;;) {
        const op = await state();
        if (done(op) || Date.now() > deadline) return op;
        await new Promise((r) => setTimeout(r, 100));
      }
    };

    // Registered through the API, it is assessed and classified like any other: nothing on record, base score, B.
    const fresh = await until((op) => op.creditAssessment !== null);
    expect(fresh.creditAssessment).toMatchObject({ score: 750, grade: 'B' });
    expect(fresh.riskClass).toEqual({ class: 'B' });
    expect(fresh.transactionRiskWarning).toBeNull();

    const penalty = await h.query(
      `mutation ($input: RecordPenaltyInput!) { recordPenalty(input: $input) { id } }`,
      {
        input: {
          operatorUscc: uscc, decisionNumber: `穗天市监处罚〔${today.slice(0, 4)}〕E2E1号`, violationType: '发布虚假广告',
          facts: '网店商品详情页虚构销量', legalBasis: '《中华人民共和国广告法》第五十五条第一款', categories: ['FINE'],
          fineAmount: '50000', decidedOn: today, decidingAuthority: '广州市天河区市场监督管理局', severity: 'ORDINARY',
        },
      },
      mr,
    );
    expect(penalty.errors).toBeUndefined();
    const spot = await h.query(
      `mutation ($input: RecordQualitySpotCheckInput!) { recordQualitySpotCheck(input: $input) { id } }`,
      {
        input: {
          operatorUscc: uscc, sampleNumber: 'SJ-E2E-0001', product: '儿童水杯（网购样品）', batch: '20261101', result: 'UNQUALIFIED',
          unqualifiedItems: '迁移量超标', checkedOn: today, authority: '广州市市场监督管理局',
        },
      },
      mr,
    );
    expect(spot.errors).toBeUndefined();

    // 750 − 40 (a general penalty in publicity) − 60 (a failed spot check) = 650: grade and class C, consumers warned.
    const after = await until((op) => op.creditAssessment.score !== 750 && op.creditAssessment.factors.some((f: Factor) => f.code === 'MR_QUALITY_SPOT_CHECKS_FAILED' && f.value === 1));
    expect(after.creditAssessment).toMatchObject({ score: 650, grade: 'C' });
    const contributions = Object.fromEntries(after.creditAssessment.factors.filter((f: Factor) => f.value).map((f: Factor) => [f.code, f.contribution]));
    expect(contributions).toEqual({ MR_PENALTIES_GENERAL: -40, MR_QUALITY_SPOT_CHECKS_FAILED: -60 });
    expect(after.creditAssessment.factors.find((f: Factor) => f.code === 'MR_PENALTIES_GENERAL').evidence).toEqual([{ kind: 'ADMINISTRATIVE_PENALTY', id: penalty.data!.recordPenalty.id }]);
    expect(after.riskClass).toEqual({ class: 'C' });
    expect(after.riskClassHistory).toEqual([{ month: today.slice(0, 7), class: 'C' }]);
    expect(after.transactionRiskWarning).toMatchObject({ level: 'CAUTION', basis: [{ kind: 'CREDIT_ASSESSMENT_GRADE', reference: expect.stringMatching(/^C /) }] });

    // Its district's draw puts it in class C at C's configured ratio; draws are reproducible from their seed, so the
    // test tries seeds until one selects it (each has a 60 % chance).
    const DRAW = `mutation ($input: DrawInspectionSampleInput!) { drawInspectionSample(input: $input) {
      id classCounts { riskClass population drawn percent } selections { operatorUscc samplingClass } } }`;
    let selected = false;
    for (let attempt = 1; attempt <= 12 && !selected; attempt++) {
      const res = await h.query(DRAW, { input: { population: { districtCode: '440106' }, seed: `e2e-assessment-${attempt}`, roster: ['张检', '李检', '王检'] } }, mr);
      expect(res.errors).toBeUndefined();
      const draw = res.data!.drawInspectionSample;
      const c = draw.classCounts.find((x: { riskClass: string }) => x.riskClass === 'C');
      expect(c).toMatchObject({ percent: 60, drawn: Math.ceil((c.population * 60) / 100) });
      const mine = draw.selections.find((s: { operatorUscc: string }) => s.operatorUscc === uscc);
      if (mine) {
        expect(mine.samplingClass).toBe('C');
        selected = true;
      }
    }
    expect(selected).toBe(true);
  });

  it('still answers while an agency is down: the assessment rests on the signals market regulation holds', async () => {
    const op = assessed.find((o) => o.creditAssessment.signals.some((s) => s.agency === 'postal')) ?? assessed[0];
    await h.stack.subgraphs.find((s) => s.agency === 'postal')!.stop();
    const res = await h.query(`query ($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) { creditAssessment { score grade } postalCreditSignal { asOf } } }`, { uscc: op.uscc }, admin);
    expect(res.data!.operator.creditAssessment).toEqual({ score: op.creditAssessment.score, grade: op.creditAssessment.grade });
    expect(res.data!.operator.postalCreditSignal).toBeNull();
    expect(res.errors?.map((e) => e.extensions?.code)).toContain('SUBGRAPH_UNAVAILABLE');
  });
});
