import { marketRegulationSubgraph } from '../../../subgraphs/market-regulation';
import { DoubleRandomInspection } from '../../../subgraphs/market-regulation/entities/double-random-inspection.entity';
import { DoubleRandomInspectionResult } from '../../../subgraphs/market-regulation/enums';
import type { Referral } from '../../../shared/events/contract';
import { applyEvent, envelope } from '../../support/credit-events';
import { SubgraphHarness, startSubgraphForTest } from '../../support/subgraph-harness';
import { NOW, seedPlan } from './fixtures';

type Op = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const OPERATORS = 20;
const plan = seedPlan(OPERATORS);
const handlers = marketRegulationSubgraph.eventHandlers!;

const CASE_FIELDS = `id fromAgency kind summary referredOn receivedAt status acknowledgedAt assignedTo assignedAt closedAt outcome
  reference { kind id } inspection { id inspectedOn } penalty { decisionNumber }`;
const REFERRALS = `query ($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) { referrals { ${CASE_FIELDS} } } }`;
const ACK = `mutation ($id: ID!) { acknowledgeReferral(id: $id) { id status acknowledgedAt } }`;
const ASSIGN = `mutation ($id: ID!, $who: String!) { assignReferral(id: $id, inspector: $who) { id status assignedTo assignedAt } }`;
const CLOSE = `mutation ($id: ID!, $outcome: ReferralOutcome!, $inspection: ID, $penalty: String) {
  closeReferral(id: $id, outcome: $outcome, inspectionId: $inspection, penaltyDecisionNumber: $penalty) { ${CASE_FIELDS} } }`;
const PENALTY = `mutation ($input: RecordPenaltyInput!) { recordPenalty(input: $input) { decisionNumber } }`;

function emptyParcelReferral(operatorUscc: string, signalId: string, referredOn = '2026-10-20'): Referral {
  return {
    fromAgency: 'postal', kind: 'EMPTY_PARCEL_FRAUD', operatorUscc,
    reference: { kind: 'EMPTY_PARCEL_SIGNAL', id: signalId },
    summary: '空包刷单：2026-09 经 ZTO 寄递 1200 件，风险分 82', referredOn,
  };
}

describe('market regulation: referrals from other agencies become cases (issue 9 part 7)', () => {
  let h: SubgraphHarness;
  let auth: Record<string, string>;
  const db = () => h.subgraph.database.dataSource;
  const [first, second] = plan.operators;

  beforeAll(async () => {
    h = await startSubgraphForTest(marketRegulationSubgraph, { seedOperators: OPERATORS, now: NOW });
    auth = await h.as({ role: 'agency', agency: 'market-regulation' });
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function cases(uscc: string, headers = auth): Promise<Op[]> {
    const res = await h.query(REFERRALS, { uscc }, headers);
    expect(res.errors).toBeUndefined();
    return res.data!.operator.referrals;
  }

  async function receive(referral: Referral, occurredAt = '2026-10-20T07:00:00.000Z'): Promise<void> {
    const event = { ...envelope('Referral', referral.fromAgency, referral), occurredAt };
    await applyEvent(db(), handlers.Referral, event);
  }

  async function mutate(query: string, variables: Record<string, unknown>) {
    return h.query(query, variables, auth);
  }

  function codes(res: { errors?: readonly { extensions?: Record<string, unknown> }[] }) {
    return res.errors?.map((e) => e.extensions?.code);
  }

  it('opens a RECEIVED case for a postal referral, received at the time postal committed it', async () => {
    expect(await cases(first.uscc)).toEqual([]);
    await receive(emptyParcelReferral(first.uscc, '901'));
    expect(await cases(first.uscc)).toEqual([{
      id: expect.any(String), fromAgency: 'postal', kind: 'EMPTY_PARCEL_FRAUD', summary: '空包刷单：2026-09 经 ZTO 寄递 1200 件，风险分 82',
      referredOn: '2026-10-20', receivedAt: '2026-10-20T07:00:00.000Z', status: 'RECEIVED', acknowledgedAt: null,
      assignedTo: null, assignedAt: null, closedAt: null, outcome: null, reference: { kind: 'EMPTY_PARCEL_SIGNAL', id: '901' },
      inspection: null, penalty: null,
    }]);
  });

  it('keeps one case when the same referral arrives again (another event id), and a second record opens a second case', async () => {
    await receive(emptyParcelReferral(first.uscc, '901'), '2026-10-21T07:00:00.000Z');
    expect((await cases(first.uscc)).map((c) => c.reference.id)).toEqual(['901']);
    await receive(emptyParcelReferral(first.uscc, '902', '2026-10-25'), '2026-10-25T07:00:00.000Z');
    expect((await cases(first.uscc)).map((c) => [c.reference.id, c.status])).toEqual([['902', 'RECEIVED'], ['901', 'RECEIVED']]);
  });

  it('refuses a referral whose claimed sender is not the event source, and opens nothing', async () => {
    const forged = { ...envelope('Referral', 'commerce', emptyParcelReferral(second.uscc, '903')) };
    await expect(applyEvent(db(), handlers.Referral, forged)).rejects.toThrow(/claims to come from postal/);
    expect(await cases(second.uscc)).toEqual([]);
  });

  it('agencies read referrals; the public and other operators get UNAUTHORIZED_FIELD_OR_TYPE, the operator itself its own (GOV_SHARED)', async () => {
    for (const headers of [{}, await h.as({ role: 'operator', operators: [second.uscc] })]) {
      const res = await h.query(REFERRALS, { uscc: first.uscc }, headers);
      expect(res.data?.operator?.referrals ?? null).toBeNull();
      expect(codes(res)).toEqual(['UNAUTHORIZED_FIELD_OR_TYPE']);
    }
    const postal = await h.as({ role: 'agency', agency: 'postal' });
    expect(await cases(first.uscc, postal)).toHaveLength(2);
    expect(await cases(first.uscc, await h.as({ role: 'operator', operators: [first.uscc] }))).toHaveLength(2);
  });

  describe('handling a case', () => {
    let id: string;
    const PENALTY_NUMBER = '穗天市监处罚〔2026〕7001号';

    beforeAll(async () => {
      id = (await cases(first.uscc)).find((c) => c.reference.id === '901')!.id;
    });

    it('refuses another agency\'s token: handling is market regulation\'s', async () => {
      const res = await h.query(ACK, { id }, await h.as({ role: 'agency', agency: 'postal' }));
      expect(res.data?.acknowledgeReferral ?? null).toBeNull();
      expect(codes(res)).toEqual(['UNAUTHORIZED_FIELD_OR_TYPE']);
      expect((await cases(first.uscc)).find((c) => c.id === id)!.status).toBe('RECEIVED');
    });

    it('refuses to skip a step (assign or close a RECEIVED case) with CONFLICT naming the status, changing nothing', async () => {
      const assign = await mutate(ASSIGN, { id, who: '王检查' });
      expect(codes(assign)).toEqual(['CONFLICT']);
      expect(assign.errors![0].message).toMatch(/is RECEIVED; it can become ASSIGNED only from ACKNOWLEDGED/);
      const close = await mutate(CLOSE, { id, outcome: 'NO_VIOLATION_FOUND', inspection: '1' });
      expect(codes(close)).toEqual(['CONFLICT']);
      expect((await cases(first.uscc)).find((c) => c.id === id)).toMatchObject({ status: 'RECEIVED', assignedTo: null });
    });

    it('acknowledges once; acknowledging again is a CONFLICT', async () => {
      const ack = await mutate(ACK, { id });
      expect(ack.errors).toBeUndefined();
      expect(ack.data!.acknowledgeReferral).toEqual({ id, status: 'ACKNOWLEDGED', acknowledgedAt: NOW.toISOString() });
      expect(codes(await mutate(ACK, { id }))).toEqual(['CONFLICT']);
    });

    it('assigns an inspector (a blank name is BAD_USER_INPUT), then refuses a reassignment', async () => {
      expect(codes(await mutate(ASSIGN, { id, who: '  ' }))).toEqual(['BAD_USER_INPUT']);
      const assign = await mutate(ASSIGN, { id, who: '王检查' });
      expect(assign.errors).toBeUndefined();
      expect(assign.data!.assignReferral).toEqual({ id, status: 'ASSIGNED', assignedTo: '王检查', assignedAt: NOW.toISOString() });
      expect(codes(await mutate(ASSIGN, { id, who: '李检查' }))).toEqual(['CONFLICT']);
    });

    it('refuses outcomes without a real resulting record of this operator (BAD_USER_INPUT) and leaves the case ASSIGNED', async () => {
      // The operator's own penalty, but decided before the referral: not its result.
      const early = await mutate(PENALTY, { input: penaltyInput(first.uscc, '穗天市监处罚〔2026〕7000号', '2026-10-01') });
      expect(early.errors).toBeUndefined();
      // Another operator's penalty after the referral.
      const other = await mutate(PENALTY, { input: penaltyInput(second.uscc, '穗天市监处罚〔2026〕7002号', '2026-10-30') });
      expect(other.errors).toBeUndefined();
      const inspections = db().getRepository(DoubleRandomInspection);
      const otherInspection = await inspections.save(inspection(second.uscc, '2026-10-28'));

      const attempts: [Record<string, unknown>, RegExp][] = [
        [{ outcome: 'PENALIZED' }, /penaltyDecisionNumber` is required when the outcome is PENALIZED/],
        [{ outcome: 'NO_VIOLATION_FOUND' }, /inspectionId` is required when the outcome is NO_VIOLATION_FOUND/],
        [{ outcome: 'PENALIZED', penalty: '穗天市监处罚〔2026〕7002号' }, /No penalty decision .* of operator/],
        [{ outcome: 'PENALIZED', penalty: '穗天市监处罚〔2026〕7000号' }, /decided on 2026-10-01, before the referral of 2026-10-20/],
        [{ outcome: 'PENALIZED', penalty: '不存在的文号' }, /No penalty decision/],
        [{ outcome: 'VIOLATION_RECTIFIED', inspection: String(otherInspection.id) }, /No inspection \d+ of operator/],
        [{ outcome: 'VIOLATION_RECTIFIED', inspection: 'abc' }, /`inspectionId` must be a record id/],
        [{ outcome: 'NO_VIOLATION_FOUND', inspection: '1', penalty: '穗天市监处罚〔2026〕7000号' }, /only for the outcome PENALIZED/],
      ];
      for (const [variables, message] of attempts) {
        const res = await mutate(CLOSE, { id, ...variables });
        expect(codes(res)).toEqual(['BAD_USER_INPUT']);
        expect(res.errors![0].message).toMatch(message);
      }
      expect((await cases(first.uscc)).find((c) => c.id === id)).toMatchObject({ status: 'ASSIGNED', outcome: null, closedAt: null });
    });

    it('closes with the penalty that resulted and links it; a closed case cannot be closed again', async () => {
      const recorded = await mutate(PENALTY, { input: penaltyInput(first.uscc, PENALTY_NUMBER, '2026-10-30') });
      expect(recorded.errors).toBeUndefined();
      const closed = await mutate(CLOSE, { id, outcome: 'PENALIZED', penalty: PENALTY_NUMBER });
      expect(closed.errors).toBeUndefined();
      expect(closed.data!.closeReferral).toMatchObject({
        id, status: 'CLOSED', outcome: 'PENALIZED', closedAt: NOW.toISOString(), penalty: { decisionNumber: PENALTY_NUMBER }, inspection: null,
        acknowledgedAt: NOW.toISOString(), assignedTo: '王检查',
      });
      const again = await mutate(CLOSE, { id, outcome: 'PENALIZED', penalty: PENALTY_NUMBER });
      expect(codes(again)).toEqual(['CONFLICT']);
      expect(again.errors![0].message).toMatch(/is CLOSED/);
    });

    it('closes another case with the inspection that resulted', async () => {
      const other = (await cases(first.uscc)).find((c) => c.reference.id === '902')!.id;
      const done = await db().getRepository(DoubleRandomInspection).save(inspection(first.uscc, '2026-10-31'));
      expect((await mutate(ACK, { id: other })).errors).toBeUndefined();
      expect((await mutate(ASSIGN, { id: other, who: '赵检查' })).errors).toBeUndefined();
      const closed = await mutate(CLOSE, { id: other, outcome: 'NO_VIOLATION_FOUND', inspection: String(done.id) });
      expect(closed.errors).toBeUndefined();
      expect(closed.data!.closeReferral).toMatchObject({
        status: 'CLOSED', outcome: 'NO_VIOLATION_FOUND', inspection: { id: String(done.id), inspectedOn: '2026-10-31' }, penalty: null,
      });
    });

    it('refuses an unknown or malformed case id with BAD_USER_INPUT', async () => {
      expect(codes(await mutate(ACK, { id: '999999' }))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await mutate(ACK, { id: 'x1' }))).toEqual(['BAD_USER_INPUT']);
    });
  });

  it('reads referrals of 20 operators with as many SQL statements as of 2 (one DataLoader)', async () => {
    for (const [i, op] of plan.operators.slice(2, 12).entries()) await receive(emptyParcelReferral(op.uscc, `95${i}`));
    const q = (n: number) => `{ operators(first: ${n}) { nodes { uscc referrals { id status reference { id } } } } }`;
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

function penaltyInput(operatorUscc: string, decisionNumber: string, decidedOn: string) {
  return {
    operatorUscc, decisionNumber, violationType: '虚构交易（刷单）', facts: '通过空包寄递虚构交易，提升网店销量',
    legalBasis: '《中华人民共和国电子商务法》第十七条', categories: ['FINE'], fineAmount: '50000', decidedOn,
    decidingAuthority: '广州市天河区市场监督管理局', severity: 'ORDINARY',
  };
}

/** An inspection record (recording inspections through the API is another part of issue 9). */
function inspection(operatorUscc: string, inspectedOn: string): Partial<DoubleRandomInspection> {
  return {
    operatorUscc, task: '电子商务经营者虚构交易专项抽查', inspectedOn, onSite: true,
    result: Object.values(DoubleRandomInspectionResult)[0], findings: null, authority: '广州市天河区市场监督管理局',
  };
}
