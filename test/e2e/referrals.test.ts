import { chinaToday } from '../../shared/calendar/dates';
import { E2EClient, startOrTargetStack } from '../support/stack-harness';

/**
 * Issue 9 part 7 through the gateway: postal's confirmed empty-parcel signals (the seed's and a live one) reach market
 * regulation as cases on Operator.referrals over the event bus, and market regulation handles them.
 */
jest.setTimeout(60_000);

const SIGNALS = `query ($f: EmptyParcelSignalFilter) { emptyParcelSignals(first: 100, filter: $f) {
  nodes { id status referredToMarketRegulationOn operator { uscc } } } }`;
const REFERRALS = `query ($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) { referrals { id fromAgency kind status referredOn reference { kind id } } } }`;

interface Case { id: string; fromAgency: string; kind: string; status: string; referredOn: string; reference: { kind: string; id: string } }

describe('referrals from postal to market regulation through the gateway', () => {
  let h: E2EClient;
  let postal: Record<string, string>;
  let marketRegulation: Record<string, string>;

  beforeAll(async () => {
    h = await startOrTargetStack({ seedOperators: 20 });
    postal = await h.as({ role: 'agency', agency: 'postal' });
    marketRegulation = await h.as({ role: 'agency', agency: 'market-regulation' });
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  /** Asks until the operator's cases include every given source record (events travel after the commit). */
  async function casesOf(uscc: string, signalIds: string[]): Promise<Case[]> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const res = await h.query(REFERRALS, { uscc }, marketRegulation);
      expect(res.errors).toBeUndefined();
      const cases = (res.data!.operator.referrals ?? []) as Case[];
      const ids = new Set(cases.map((c) => c.reference.id));
      if (signalIds.every((id) => ids.has(id)) || Date.now() > deadline) return cases;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it("the seed's confirmed referrals arrive as RECEIVED cases of their operators", async () => {
    const res = await h.query(SIGNALS, { f: { status: 'CONFIRMED' } }, postal);
    expect(res.errors).toBeUndefined();
    const confirmed = res.data!.emptyParcelSignals.nodes as { id: string; referredToMarketRegulationOn: string; operator: { uscc: string } }[];
    expect(confirmed.length).toBeGreaterThan(0);
    const byOperator = new Map<string, typeof confirmed>();
    for (const s of confirmed) byOperator.set(s.operator.uscc, [...(byOperator.get(s.operator.uscc) ?? []), s]);
    for (const [uscc, signals] of byOperator) {
      const cases = await casesOf(uscc, signals.map((s) => s.id));
      expect(cases.map((c) => c.reference.id).sort()).toEqual(signals.map((s) => s.id).sort());
      for (const s of signals) {
        expect(cases.find((c) => c.reference.id === s.id)).toMatchObject({
          fromAgency: 'postal', kind: 'EMPTY_PARCEL_FRAUD', status: 'RECEIVED', referredOn: s.referredToMarketRegulationOn,
          reference: { kind: 'EMPTY_PARCEL_SIGNAL' },
        });
      }
    }
  });

  it('a live confirmation by postal opens a case that market regulation acknowledges and assigns', async () => {
    const ops = await h.query(`{ operators(first: 20) { nodes { uscc } } }`, undefined, marketRegulation);
    const uscc = (ops.data!.operators.nodes as { uscc: string }[])[3].uscc;
    const period = chinaToday(new Date()).slice(0, 7);
    const reported = await h.query(`mutation ($input: ReportParcelStatisticsInput!) { reportParcelStatistics(input: $input) { id } }`, {
      input: {
        carrierCode: 'EMS', operatorUscc: uscc, period,
        parcels: 400, noPickupScanCount: 300, lowWeightCount: 120, bulkWaybillCount: 200, reusedRecipientCount: 90, instantSignOffCount: 150,
      },
    }, postal);
    expect(reported.errors).toBeUndefined();
    expect((await h.query(`mutation ($p: String!) { computeEmptyParcelSignals(period: $p) { period } }`, { p: period }, postal)).errors).toBeUndefined();
    const suspected = await h.query(SIGNALS, { f: { status: 'SUSPECTED', operatorUscc: uscc, period, carrierCode: 'EMS' } }, postal);
    const [signal] = suspected.data!.emptyParcelSignals.nodes as { id: string }[];
    expect(signal).toBeDefined();
    const confirmed = await h.query(`mutation ($id: ID!) { confirmEmptyParcelSignal(id: $id, reason: "回访收件人均称未收到实物") { status } }`, { id: signal.id }, postal);
    expect(confirmed.errors).toBeUndefined();

    const cases = await casesOf(uscc, [signal.id]);
    const opened = cases.find((c) => c.reference.id === signal.id);
    expect(opened).toMatchObject({ fromAgency: 'postal', kind: 'EMPTY_PARCEL_FRAUD', status: 'RECEIVED' });
    const ack = await h.query(`mutation ($id: ID!) { acknowledgeReferral(id: $id) { status } }`, { id: opened!.id }, marketRegulation);
    expect(ack.data).toEqual({ acknowledgeReferral: { status: 'ACKNOWLEDGED' } });
    const assign = await h.query(`mutation ($id: ID!) { assignReferral(id: $id, inspector: "王检查") { status assignedTo } }`, { id: opened!.id }, marketRegulation);
    expect(assign.data).toEqual({ assignReferral: { status: 'ASSIGNED', assignedTo: '王检查' } });
    // Postal may read the case it referred, but handling it is market regulation's.
    const refused = await h.query(`mutation ($id: ID!) { closeReferral(id: $id, outcome: NO_VIOLATION_FOUND, inspectionId: "1") { status } }`, { id: opened!.id }, postal);
    expect(refused.errors?.[0].extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
  });
});
