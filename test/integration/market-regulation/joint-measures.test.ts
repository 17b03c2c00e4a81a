import { PlatformRegistration } from '../../../subgraphs/market-regulation/entities/platform-registration.entity';
import { marketRegulationSubgraph } from '../../../subgraphs/market-regulation';
import type { JointMeasureChange } from '../../../shared/events/contract';
import { applyEvent, envelope, jointMeasureChanges, listed, removed } from '../../support/credit-events';
import { SubgraphHarness, startSubgraphForTest } from '../../support/subgraph-harness';
import { NOW, seedPlan } from './fixtures';

type Op = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const OPERATORS = 20;
const plan = seedPlan(OPERATORS);
const handlers = marketRegulationSubgraph.eventHandlers!;

const LICENSE = `mutation ($input: RecordLicenseInput!) { recordLicense(input: $input) { documentNumber approvalRoute status } }`;
const STATE = `query ($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) {
  licenses { documentNumber approvalRoute }
  inspectionRegime { riskClass samplingClass samplingRatio { minPercent maxPercent } raisedByJointMeasure onSiteInspectionRequired
    basis { listKind decisionNumber } samplingRulesVersion measureRulesVersions }
  jointMeasures { agency kind matters basis { listKind decisionNumber } appliedAt liftedAt active }
  financing: restrictions(matter: CREDIT_FINANCING) { matter restricted measures { agency kind basis { listKind decisionNumber } } }
  commitment: restrictions(matter: NOTIFICATION_COMMITMENT) { restricted measures { agency kind basis { decisionNumber } } }
  procurement: restrictions(matter: GOVERNMENT_PROCUREMENT) { restricted measures { agency } }
} }`;

function licenseInput(operatorUscc: string, documentNumber: string, approvalRoute?: string) {
  return {
    input: {
      operatorUscc, documentNumber, category: 'GENERAL', certificateName: '食品经营许可证', licenseNumber: `JY${documentNumber.length}${Date.now()}`,
      content: '预包装食品销售，网络经营', validFrom: '2026-11-02', authority: '广州市天河区市场监督管理局',
      ...(approvalRoute ? { approvalRoute } : {}),
    },
  };
}

/** Another agency's feedback, as its consumer would report it. */
function feedback(
  agency: JointMeasureChange['agency'], uscc: string, kind: string, matters: JointMeasureChange['matters'],
  basis: JointMeasureChange['basis'], action: JointMeasureChange['action'], at: string,
): JointMeasureChange {
  return { agency, operatorUscc: uscc, kind, matters, basis, action, at };
}

describe('market regulation: its own joint measures and the feedback views (issue 8 parts 3-5)', () => {
  let h: SubgraphHarness;
  let auth: Record<string, string>;
  const db = () => h.subgraph.database.dataSource;

  beforeAll(async () => {
    h = await startSubgraphForTest(marketRegulationSubgraph, { seedOperators: OPERATORS, now: NOW });
    auth = await h.as({ role: 'agency', agency: 'market-regulation' });
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function state(uscc: string, headers = auth): Promise<Op> {
    const res = await h.query(STATE, { uscc }, headers);
    expect(res.errors).toBeUndefined();
    return res.data!.operator;
  }

  /** Applies an event, then feeds market regulation's own feedback back to its JointMeasureChange consumer (one code path). */
  async function deliver(event: Parameters<typeof applyEvent>[2]) {
    const emitted = jointMeasureChanges(await applyEvent(db(), handlers.CreditListChange as never, event));
    for (const change of emitted) {
      await applyEvent(db(), handlers.JointMeasureChange, envelope('JointMeasureChange', 'market-regulation', change));
    }
    return emitted;
  }

  async function operatorNotInClassD(exclude: string[] = []): Promise<string> {
    for (const op of plan.operators) {
      if (exclude.includes(op.uscc)) continue;
      const s = await state(op.uscc);
      if (s.inspectionRegime.riskClass !== 'D') return op.uscc;
    }
    throw new Error('no operator outside class D in the seed');
  }

  describe('a serious-dishonest listing', () => {
    let uscc: string;
    const DECISION = '穗市监失信〔2026〕101号';
    let before: Op;

    beforeAll(async () => {
      uscc = await operatorNotInClassD();
      before = await state(uscc);
    });

    it('applies market regulation\'s three measures with the listing as basis, each reported back as APPLIED', async () => {
      expect(before.inspectionRegime).toMatchObject({ raisedByJointMeasure: false, onSiteInspectionRequired: false, basis: [] });
      expect(before.jointMeasures).toEqual([]);
      const emitted = await deliver(envelope('CreditListChange', 'market-regulation', listed('SERIOUS_DISHONEST', uscc, DECISION, '2026-10-20')));
      expect(emitted.map((e) => [e.kind, e.matters, e.action, e.at]).sort()).toEqual([
        ['HIGHER_SAMPLING_RATIO', [], 'APPLIED', '2026-10-19T16:00:00.000Z'],
        ['NOTIFICATION_COMMITMENT_EXCLUDED', ['NOTIFICATION_COMMITMENT'], 'APPLIED', '2026-10-19T16:00:00.000Z'],
        ['ON_SITE_INSPECTION_REQUIRED', [], 'APPLIED', '2026-10-19T16:00:00.000Z'],
      ]);
      expect(emitted.every((e) => e.agency === 'market-regulation' && e.operatorUscc === uscc)).toBe(true);
      expect(emitted.every((e) => e.basis.listKind === 'SERIOUS_DISHONEST' && e.basis.decisionNumber === DECISION)).toBe(true);
    });

    it('raises the sampling band to class D and requires on-site inspection', async () => {
      const s = await state(uscc);
      expect(s.inspectionRegime).toEqual({
        riskClass: before.inspectionRegime.riskClass,
        samplingClass: 'D',
        samplingRatio: { minPercent: 60, maxPercent: 100 },
        raisedByJointMeasure: true,
        onSiteInspectionRequired: true,
        basis: [{ listKind: 'SERIOUS_DISHONEST', decisionNumber: DECISION }],
        samplingRulesVersion: 'GZ-RISK-SAMPLING-2022.1',
        measureRulesVersions: ['GZ-MR-JOINT-MEASURES-2022.1'],
      });
      expect(before.inspectionRegime.samplingRatio?.minPercent ?? 0).toBeLessThan(60);
    });

    it('refuses a notification-commitment licence with RESTRICTED_BY_JOINT_MEASURE naming the basis, and records nothing', async () => {
      const res = await h.query(LICENSE, licenseInput(uscc, '穗市监许〔2026〕9001号', 'NOTIFICATION_COMMITMENT'), auth);
      expect(res.data?.recordLicense ?? null).toBeNull();
      expect(res.errors?.[0]?.extensions).toMatchObject({
        code: 'RESTRICTED_BY_JOINT_MEASURE',
        measure: {
          agency: 'market-regulation', kind: 'NOTIFICATION_COMMITMENT_EXCLUDED', basis: { listKind: 'SERIOUS_DISHONEST', decisionNumber: DECISION },
        },
      });
      expect(res.errors?.[0]?.message).toContain(DECISION);
      expect((await state(uscc)).licenses).toEqual(before.licenses);
    });

    it('still licenses the listed operator through the standard route, and the route is recorded', async () => {
      const res = await h.query(LICENSE, licenseInput(uscc, '穗市监许〔2026〕9002号'), auth);
      expect(res.errors).toBeUndefined();
      expect(res.data!.recordLicense).toMatchObject({ approvalRoute: 'STANDARD', status: 'VALID' });
    });

    it('licenses an operator without measures through the notification-commitment route', async () => {
      // A trustworthy operator: the seed lists none of them (the dishonest ones now carry their seeded listings' measures).
      const clean = plan.operators.find((o) => o.uscc !== uscc && o.profile === 'TRUSTWORTHY')!.uscc;
      const res = await h.query(LICENSE, licenseInput(clean, '穗市监许〔2026〕9003号', 'NOTIFICATION_COMMITMENT'), auth);
      expect(res.errors).toBeUndefined();
      expect(res.data!.recordLicense.approvalRoute).toBe('NOTIFICATION_COMMITMENT');
    });

    it('a repeated listing event with the same decision applies and reports nothing more', async () => {
      const again = await deliver(envelope('CreditListChange', 'market-regulation', listed('SERIOUS_DISHONEST', uscc, DECISION, '2026-10-20')));
      expect(again).toEqual([]);
      expect((await state(uscc)).jointMeasures).toHaveLength(3);
    });

    it('collects other agencies\' feedback: jointMeasures and restrictions(matter:) answer from every agency', async () => {
      const basis = { listKind: 'SERIOUS_DISHONEST' as const, decisionNumber: DECISION };
      const at = '2026-10-19T16:00:00.000Z';
      await applyEvent(db(), handlers.JointMeasureChange, envelope('JointMeasureChange', 'finance',
        feedback('finance', uscc, 'CREDIT_FINANCING_LIMITED', ['CREDIT_FINANCING'], basis, 'APPLIED', at)));
      await applyEvent(db(), handlers.JointMeasureChange, envelope('JointMeasureChange', 'commerce',
        feedback('commerce', uscc, 'GOVERNMENT_PROCUREMENT_RESTRICTED', ['GOVERNMENT_PROCUREMENT'], basis, 'APPLIED', at)));
      await applyEvent(db(), handlers.JointMeasureChange, envelope('JointMeasureChange', 'customs',
        feedback('customs', uscc, 'STRICT_CLEARANCE_REVIEW', ['CUSTOMS_FACILITATION'], basis, 'APPLIED', at)));
      const s = await state(uscc);
      expect(s.jointMeasures.map((m: Op) => `${m.agency}/${m.kind}`).sort()).toEqual([
        'commerce/GOVERNMENT_PROCUREMENT_RESTRICTED', 'customs/STRICT_CLEARANCE_REVIEW', 'finance/CREDIT_FINANCING_LIMITED',
        'market-regulation/HIGHER_SAMPLING_RATIO', 'market-regulation/NOTIFICATION_COMMITMENT_EXCLUDED',
        'market-regulation/ON_SITE_INSPECTION_REQUIRED',
      ]);
      expect(s.jointMeasures.every((m: Op) => m.active && m.liftedAt === null && m.appliedAt === at)).toBe(true);
      expect(s.jointMeasures.every((m: Op) => m.basis.decisionNumber === DECISION && m.basis.listKind === 'SERIOUS_DISHONEST')).toBe(true);
      expect(s.financing).toEqual({
        matter: 'CREDIT_FINANCING', restricted: true,
        measures: [{ agency: 'finance', kind: 'CREDIT_FINANCING_LIMITED', basis: { listKind: 'SERIOUS_DISHONEST', decisionNumber: DECISION } }],
      });
      expect(s.commitment).toEqual({
        restricted: true, measures: [{ agency: 'market-regulation', kind: 'NOTIFICATION_COMMITMENT_EXCLUDED', basis: { decisionNumber: DECISION } }],
      });
      expect(s.procurement).toEqual({ restricted: true, measures: [{ agency: 'commerce' }] });
    });

    it('a redelivered feedback event adds no row; an agency cannot report another agency\'s measure', async () => {
      const basis = { listKind: 'SERIOUS_DISHONEST' as const, decisionNumber: DECISION };
      await applyEvent(db(), handlers.JointMeasureChange, envelope('JointMeasureChange', 'finance',
        feedback('finance', uscc, 'CREDIT_FINANCING_LIMITED', ['CREDIT_FINANCING'], basis, 'APPLIED', '2026-10-25T00:00:00.000Z')));
      await expect(applyEvent(db(), handlers.JointMeasureChange, envelope('JointMeasureChange', 'postal',
        feedback('finance', uscc, 'POLICY_GUARANTEE_EXCLUDED', ['CREDIT_FINANCING'], basis, 'APPLIED', '2026-10-25T00:00:00.000Z'))))
        .rejects.toThrow(/postal reports a measure of finance/);
      const s = await state(uscc);
      expect(s.jointMeasures).toHaveLength(6);
      expect(s.financing.measures).toHaveLength(1);
    });

    it('removal lifts every measure: active false with liftedAt, nothing restricted, the commitment route open again', async () => {
      const lifted = await deliver(envelope('CreditListChange', 'market-regulation',
        removed('SERIOUS_DISHONEST', uscc, DECISION, '穗市监移〔2026〕7号', '2026-11-01')));
      expect(lifted.map((e) => `${e.kind}:${e.action}`).sort()).toEqual([
        'HIGHER_SAMPLING_RATIO:LIFTED', 'NOTIFICATION_COMMITMENT_EXCLUDED:LIFTED', 'ON_SITE_INSPECTION_REQUIRED:LIFTED',
      ]);
      const basis = { listKind: 'SERIOUS_DISHONEST' as const, decisionNumber: DECISION };
      const at = '2026-10-31T16:00:00.000Z';
      for (const [agency, kind, matter] of [
        ['finance', 'CREDIT_FINANCING_LIMITED', 'CREDIT_FINANCING'], ['commerce', 'GOVERNMENT_PROCUREMENT_RESTRICTED', 'GOVERNMENT_PROCUREMENT'],
        ['customs', 'STRICT_CLEARANCE_REVIEW', 'CUSTOMS_FACILITATION'],
      ] as const) {
        await applyEvent(db(), handlers.JointMeasureChange, envelope('JointMeasureChange', agency,
          feedback(agency, uscc, kind, [matter], basis, 'LIFTED', at)));
      }
      const s = await state(uscc);
      expect(s.jointMeasures).toHaveLength(6);
      expect(s.jointMeasures.every((m: Op) => m.active === false && m.liftedAt === at)).toBe(true);
      expect(s.financing).toEqual({ matter: 'CREDIT_FINANCING', restricted: false, measures: [] });
      expect(s.commitment.restricted).toBe(false);
      expect(s.inspectionRegime).toMatchObject({ raisedByJointMeasure: false, onSiteInspectionRequired: false, basis: [] });
      const res = await h.query(LICENSE, licenseInput(uscc, '穗市监许〔2026〕9004号', 'NOTIFICATION_COMMITMENT'), auth);
      expect(res.errors).toBeUndefined();
      // A second removal event finds nothing standing.
      expect(await deliver(envelope('CreditListChange', 'market-regulation',
        removed('SERIOUS_DISHONEST', uscc, DECISION, '穗市监移〔2026〕7号', '2026-11-01')))).toEqual([]);
    });
  });

  it('customs dishonesty arrives only as an event and gets the same treatment; an abnormal listing only raises the band', async () => {
    const customsListed = plan.operators[3].uscc;
    const emitted = await deliver(envelope('CreditListChange', 'customs', listed('CUSTOMS_DISHONEST', customsListed, '广州海关信〔2026〕5号', '2026-10-10')));
    expect(emitted.map((e) => e.kind).sort()).toEqual(['HIGHER_SAMPLING_RATIO', 'NOTIFICATION_COMMITMENT_EXCLUDED', 'ON_SITE_INSPECTION_REQUIRED']);
    const refused = await h.query(LICENSE, licenseInput(customsListed, '穗市监许〔2026〕9101号', 'NOTIFICATION_COMMITMENT'), auth);
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'RESTRICTED_BY_JOINT_MEASURE', measure: { basis: { listKind: 'CUSTOMS_DISHONEST', decisionNumber: '广州海关信〔2026〕5号' } },
    });
    const s = await state(customsListed);
    expect(s.inspectionRegime.onSiteInspectionRequired).toBe(true);
    expect(['C', 'D']).toContain(s.inspectionRegime.samplingClass);

    const abnormal = await operatorNotInClassD([customsListed, ...plan.operators.slice(0, 3).map((o) => o.uscc)]);
    const abnormalEmitted = await deliver(envelope('CreditListChange', 'market-regulation', listed('ABNORMAL_OPERATIONS', abnormal, '穗天市监异〔2026〕88号', '2026-10-15')));
    expect(abnormalEmitted.map((e) => e.kind)).toEqual(['HIGHER_SAMPLING_RATIO']);
    const a = await state(abnormal);
    expect(['C', 'D']).toContain(a.inspectionRegime.samplingClass);
    expect(a.inspectionRegime.samplingRatio.minPercent).toBeGreaterThanOrEqual(20);
    expect(a.inspectionRegime.onSiteInspectionRequired).toBe(false);
    expect(a.commitment).toEqual({ restricted: false, measures: [] });
    const allowed = await h.query(LICENSE, licenseInput(abnormal, '穗市监许〔2026〕9102号', 'NOTIFICATION_COMMITMENT'), auth);
    expect(allowed.errors).toBeUndefined();
  });

  it('a listing effective in the future restricts nothing yet', async () => {
    const later = plan.operators[5].uscc;
    await deliver(envelope('CreditListChange', 'market-regulation', listed('SERIOUS_DISHONEST', later, '穗市监失信〔2026〕300号', '2026-12-01')));
    const s = await state(later);
    expect(s.jointMeasures.map((m: Op) => m.active)).toEqual([false, false, false]);
    expect(s.commitment.restricted).toBe(false);
    const res = await h.query(LICENSE, licenseInput(later, '穗市监许〔2026〕9201号', 'NOTIFICATION_COMMITMENT'), auth);
    expect(res.errors).toBeUndefined();
  });

  it('a platform asks restrictions about its own in-platform operators only; jointMeasures stays with agencies', async () => {
    const member = plan.operators[7].uscc;
    const outsider = plan.operators[8].uscc;
    const platformId = 'jointtestmall';
    // The registry row stands for an accepted verification report (that path is tested in the mutations suite).
    await db().getRepository(PlatformRegistration).insert({
      operatorUscc: member, platformId, verifiedAt: new Date('2026-10-01T02:00:00Z'), reportingPeriod: '2026-H2', reportedAt: new Date('2026-10-02T02:00:00Z'),
    });
    for (const uscc of [member, outsider]) {
      const basis = { listKind: 'SERIOUS_DISHONEST' as const, decisionNumber: `穗市监失信〔2026〕4${uscc.slice(-2)}号` };
      await applyEvent(db(), handlers.JointMeasureChange, envelope('JointMeasureChange', 'finance',
        feedback('finance', uscc, 'CREDIT_FINANCING_LIMITED', ['CREDIT_FINANCING'], basis, 'APPLIED', '2026-10-01T00:00:00.000Z')));
    }
    const platform = await h.as({ role: 'platform', platformId });
    const q = `query ($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) { uscc restrictions(matter: CREDIT_FINANCING) { restricted measures { agency basis { listKind } } } jointMeasures { kind } } }`;
    const on = await h.query(q, { uscc: member }, platform);
    expect(on.data!.operator.restrictions).toEqual({ restricted: true, measures: [{ agency: 'finance', basis: { listKind: 'SERIOUS_DISHONEST' } }] });
    expect(on.data!.operator.jointMeasures).toBeNull();
    expect(on.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([['operator.jointMeasures', 'UNAUTHORIZED_FIELD_OR_TYPE']]);
    const off = await h.query(q, { uscc: outsider }, platform);
    expect(off.data!.operator).toEqual({ uscc: outsider, restrictions: null, jointMeasures: null });
    const anonymous = await h.query(q, { uscc: member });
    expect(anonymous.data!.operator).toEqual({ uscc: member, restrictions: null, jointMeasures: null });
    const self = await h.query(q, { uscc: member }, await h.as({ role: 'operator', operators: [member] }));
    expect(self.data!.operator.jointMeasures).toEqual([{ kind: 'CREDIT_FINANCING_LIMITED' }]);
  });

  it('reads jointMeasures and restrictions of 20 operators with as many SQL statements as of 2', async () => {
    const q = (n: number) => `{ operators(first: ${n}) { nodes { uscc jointMeasures { kind active } restrictions(matter: CREDIT_FINANCING) { restricted }
      inspectionRegime { samplingClass } } } }`;
    const count = async (n: number) => {
      h.resetSqlCount();
      const res = await h.query(q(n), {}, auth);
      expect(res.errors).toBeUndefined();
      expect(res.data!.operators.nodes).toHaveLength(n);
      return h.sqlCount();
    };
    const two = await count(2);
    const twenty = await count(20);
    expect(twenty).toBe(two);
  });
});
