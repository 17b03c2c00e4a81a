import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { addDays, chinaToday } from '../../shared/calendar/dates';
import { startStackForTest, StackHarness } from '../support/stack-harness';
import { describeWhen } from '../support/describe-when';
import { loadTestServiceSettings } from '../support/services';

/**
 * Issue 8's acceptance, through the gateway: a serious-dishonest listing moves every agency, their measures come
 * back to market regulation, a restricted operator's loan is refused, and the removal lifts everything. Once on the
 * embedded stack's in-process bus, once over NATS JetStream (127.0.0.1:4222, which .ci/run starts), each run on a
 * stream of its own that is deleted afterwards.
 */
jest.setTimeout(60_000);

const CANDIDATES = `{ operators(first: 60) { nodes { uscc onSeriousDishonestList storefronts { platformId } customsRegistration { customsCode } } } }`;
const PENALTY = `mutation ($input: RecordPenaltyInput!) { recordPenalty(input: $input) { decisionNumber severity } }`;
const LIST = `mutation ($input: ListOnSeriousDishonestListInput!) { listOnSeriousDishonestList(input: $input) { id decisionNumber } }`;
const REMOVE = `mutation ($input: RemoveFromSeriousDishonestListInput!) { removeFromSeriousDishonestList(input: $input) { removedOn } }`;
const SUBMIT = `mutation ($input: SubmitFinancingApplicationInput!) { submitFinancingApplication(input: $input) { id } }`;
const DECIDE = `mutation ($input: RecordFinancingDecisionInput!) { recordFinancingDecision(input: $input) { outcome } }`;
const LOOP = `query ($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) {
  jointMeasures { agency kind basis { listKind decisionNumber } appliedAt liftedAt active }
  restrictions(matter: CREDIT_FINANCING) { restricted measures { agency kind basis { decisionNumber } } }
  financingMeasures { kind active basis { reference } }
  riskAlerts(activeOnly: true) { kind }
  clearanceMeasure { jointMeasureBasis { decisionNumber } }
  creditAssessment { grade caps { factor } } transactionRiskWarning { level }
} }`;

interface JointMeasureView {
  agency: string;
  kind: string;
  basis: { listKind: string; decisionNumber: string };
  appliedAt: string;
  liftedAt: string | null;
  active: boolean;
}

const NATS_URL = loadTestServiceSettings().natsUrl;
const jetStreamRun = `E2E_${randomBytes(4).toString('hex')}`;
type Bus = [string, Record<string, string>];
const IN_PROCESS: Bus = ['the in-process bus', {}];
const JETSTREAM: Bus = [
  'NATS JetStream',
  { NATS_URL, EVENTS_STREAM: jetStreamRun, EVENTS_SUBJECT_PREFIX: jetStreamRun.toLowerCase(), EVENTS_CONSUMER_PREFIX: jetStreamRun },
];

describe.each([IN_PROCESS])('the credit loop through the gateway, over %s', creditLoop);
describeWhen('nats').each([JETSTREAM])('the credit loop through the gateway, over %s', creditLoop);

function creditLoop(_bus: string, env: Record<string, string>): void {
  let h: StackHarness;
  let admin: Record<string, string>;
  let marketRegulation: Record<string, string>;
  let finance: Record<string, string>;

  beforeAll(async () => {
    h = await startStackForTest({ seedOperators: 60, env });
    admin = await h.as({ role: 'admin' });
    marketRegulation = await h.as({ role: 'agency', agency: 'market-regulation' });
    finance = await h.as({ role: 'agency', agency: 'finance' });
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
    if (env.EVENTS_STREAM) {
      const nc = await connect({ servers: NATS_URL });
      await (await jetstreamManager(nc)).streams.delete(env.EVENTS_STREAM).catch(() => undefined);
      await nc.close();
    }
  });

  /** Asks until `done` holds (events travel after the commit) or the time is up; returns the last answer. */
  async function until(uscc: string, done: (measures: JointMeasureView[], capped: boolean) => boolean) {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const res = await h.query(LOOP, { uscc }, admin);
      expect(res.errors).toBeUndefined();
      const measures = (res.data!.operator.jointMeasures ?? []) as JointMeasureView[];
      // The assessment follows the same events (market regulation's signal), possibly a moment later.
      const capped = (res.data!.operator.creditAssessment?.caps ?? []).some((c: { factor: string }) => c.factor === 'MR_SERIOUS_DISHONEST_LIST');
      if (done(measures, capped) || Date.now() > deadline) return res.data!.operator;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it('a listing moves every agency and its removal lifts every measure', async () => {
    const candidates = await h.query(CANDIDATES, undefined, admin);
    const target = (candidates.data!.operators.nodes as { uscc: string; onSeriousDishonestList: boolean; storefronts: unknown[]; customsRegistration: unknown }[])
      .find((o) => !o.onSeriousDishonestList && o.storefronts.length > 0 && o.customsRegistration);
    expect(target).toBeDefined();
    const uscc = target!.uscc;
    const today = chinaToday(new Date());

    const penalty = await h.query(PENALTY, { input: {
      operatorUscc: uscc, decisionNumber: '穗天市监处〔2026〕9001号', violationType: '虚假宣传', facts: '情节严重的虚假宣传',
      legalBasis: '《广告法》第五十五条', categories: ['FINE'], severity: 'AGGRAVATED_FINE', fineAmount: '800000.00',
      decidedOn: addDays(today, -60), decidingAuthority: '广州市天河区市场监督管理局',
    } }, marketRegulation);
    expect(penalty.errors).toBeUndefined();

    const decisionNumber = '穗市监列严〔2026〕9001号';
    const listing = await h.query(LIST, { input: {
      operatorUscc: uscc, ground: 'FALSE_ADVERTISING', basisDecisionNumbers: ['穗天市监处〔2026〕9001号'], facts: '情节严重',
      decisionNumber, listingAuthority: '广州市市场监督管理局', priorNoticeOn: addDays(today, -30),
      statementOfDefenceDeadline: addDays(today, -20), listedOn: addDays(today, -10),
    } }, marketRegulation);
    expect(listing.errors).toBeUndefined();

    // Market regulation, commerce, customs and finance each apply their measures and report them back.
    const agencies = ['commerce', 'customs', 'finance', 'market-regulation'];
    const listed = await until(uscc, (ms, capped) => capped && agencies.every((a) => ms.some((m) => m.agency === a && m.active)));
    const measures = listed.jointMeasures as JointMeasureView[];
    expect([...new Set(measures.filter((m) => m.active).map((m) => m.agency))].sort()).toEqual(expect.arrayContaining(agencies));
    for (const m of measures) expect(m.basis).toEqual({ listKind: 'SERIOUS_DISHONEST', decisionNumber });
    expect(listed.financingMeasures).toContainEqual({ kind: 'CREDIT_FINANCING_LIMITED', active: true, basis: { reference: decisionNumber } });
    expect(listed.riskAlerts.map((a: { kind: string }) => a.kind)).toContain('DISHONEST_LIST');
    expect(listed.clearanceMeasure.jointMeasureBasis).toEqual({ decisionNumber });
    expect(listed.restrictions.restricted).toBe(true);
    expect(listed.restrictions.measures).toContainEqual({ agency: 'finance', kind: 'CREDIT_FINANCING_LIMITED', basis: { decisionNumber } });
    // The credit signals travelled the same bus: the assessment is capped at D and consumers are warned (issue 9).
    expect(listed.creditAssessment).toMatchObject({ grade: 'D', caps: expect.arrayContaining([{ factor: 'MR_SERIOUS_DISHONEST_LIST' }]) });
    expect(listed.transactionRiskWarning).toEqual({ level: 'HIGH' });

    // A ¥500,000 loan for the listed, restricted operator is refused, naming the measure and its basis.
    const application = await h.query(SUBMIT, { input: {
      uscc, platformName: '粤信融', lenderType: 'BANK', amountRequested: '500000.00', appliedOn: today,
    } }, finance);
    expect(application.errors).toBeUndefined();
    const approval = await h.query(DECIDE, { input: {
      applicationId: application.data!.submitFinancingApplication.id, outcome: 'APPROVED', amountGranted: '500000.00',
    } }, finance);
    expect(approval.errors?.[0].extensions).toMatchObject({
      code: 'RESTRICTED_BY_JOINT_MEASURE',
      measure: { agency: 'finance', kind: 'CREDIT_FINANCING_LIMITED', basis: { listKind: 'SERIOUS_DISHONEST', decisionNumber } },
    });

    // The listing is removed (corrected): every measure ends.
    const removal = await h.query(REMOVE, { input: {
      listingId: listing.data!.listOnSeriousDishonestList.id, kind: 'CORRECTED', removedOn: today, reason: '列入依据有误，予以更正',
      decisionNumber: '穗市监移严〔2026〕9001号', decidingAuthority: '广州市市场监督管理局',
    } }, marketRegulation);
    expect(removal.errors).toBeUndefined();
    const lifted = await until(uscc, (ms, capped) => !capped && ms.length > 0 && ms.every((m) => !m.active && m.liftedAt));
    const after = lifted.jointMeasures as JointMeasureView[];
    // Every measure seen while listed has ended. The snapshot above was taken once each agency had applied one; an
    // agency applying several over a slow bus may have added more since, and those must have ended too (checked below).
    const measureKey = (m: JointMeasureView) => `${m.agency}:${m.kind}`;
    expect(after.map(measureKey)).toEqual(expect.arrayContaining(measures.map(measureKey)));
    for (const m of after) expect(m).toMatchObject({ active: false, liftedAt: expect.any(String) });
    expect(lifted.restrictions.restricted).toBe(false);
    expect(lifted.financingMeasures.filter((m: { active: boolean }) => m.active)).toEqual([]);
    expect(lifted.riskAlerts.map((a: { kind: string }) => a.kind)).not.toContain('DISHONEST_LIST');
    expect(lifted.clearanceMeasure.jointMeasureBasis).toBeNull();
    expect(lifted.creditAssessment.caps).not.toContainEqual({ factor: 'MR_SERIOUS_DISHONEST_LIST' });

    if (env.EVENTS_STREAM) {
      // The events really travelled through JetStream: the listing, the removal and every feedback event.
      const nc = await connect({ servers: NATS_URL });
      const info = await (await jetstreamManager(nc)).streams.info(env.EVENTS_STREAM);
      await nc.close();
      expect(info.state.messages).toBeGreaterThanOrEqual(2 + 2 * measures.length);
    }
  });
}
