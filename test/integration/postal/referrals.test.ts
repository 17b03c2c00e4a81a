import { IsNull, Not } from 'typeorm';
import type { Referral } from '../../../shared/events/contract';
import { OutboxEvent } from '../../../shared/events/entities';
import { postalSubgraph } from '../../../subgraphs/postal';
import { EmptyParcelSignal } from '../../../subgraphs/postal/entities/empty-parcel-signal.entity';
import { startSubgraphForTest, SubgraphHarness } from '../../support/subgraph-harness';
import { NOW, TODAY, testUscc } from './helpers';

let h: SubgraphHarness;
let postal: Record<string, string>;
const q = (query: string, variables?: Record<string, unknown>) => h.query(query, variables, postal);
const db = () => h.subgraph.database.dataSource;

async function referralEvents(): Promise<OutboxEvent[]> {
  return db().getRepository(OutboxEvent).find({ where: { type: 'Referral' }, order: { sequence: 'ASC' } });
}

beforeAll(async () => {
  h = await startSubgraphForTest(postalSubgraph, { seedOperators: 20, now: NOW });
  postal = await h.as({ role: 'agency', agency: 'postal' });
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

describe('postal refers confirmed empty-parcel signals to market regulation (issue 9 part 7)', () => {
  it("writes one Referral into postal's outbox for each of the seed's confirmed referrals, in order of referral", async () => {
    const referred = await db().getRepository(EmptyParcelSignal).find({ where: { referredToMarketRegulationOn: Not(IsNull()) } });
    expect(referred.length).toBeGreaterThan(0);
    const events = await referralEvents();
    const payloads = events.map((e) => e.payload as Referral);
    expect(payloads.map((p) => p.reference.id).sort()).toEqual(referred.map((s) => String(s.id)).sort());
    expect(payloads.map((p) => p.referredOn)).toEqual([...payloads.map((p) => p.referredOn)].sort());
    const bySignal = new Map(referred.map((s) => [String(s.id), s]));
    for (const p of payloads) {
      const signal = bySignal.get(p.reference.id)!;
      expect(p).toMatchObject({
        fromAgency: 'postal', kind: 'EMPTY_PARCEL_FRAUD', operatorUscc: signal.operatorUscc,
        reference: { kind: 'EMPTY_PARCEL_SIGNAL' }, referredOn: signal.referredToMarketRegulationOn,
      });
      expect(p.summary).toContain(signal.period);
    }
    // Sequences run without gaps across postal's whole outbox.
    const all = await db().getRepository(OutboxEvent).find({ order: { sequence: 'ASC' } });
    expect(all.map((e) => e.sequence)).toEqual(all.map((_, i) => i + 1));
  });

  it('emits a Referral with the confirmation in the same commit, and none for a refused confirmation or a dismissal', async () => {
    const shady = testUscc(901);
    const other = testUscc(902);
    const counts = { parcels: 400, noPickupScanCount: 300, lowWeightCount: 120, bulkWaybillCount: 200, reusedRecipientCount: 90, instantSignOffCount: 150 };
    for (const operatorUscc of [shady, other]) {
      const reported = await q(`mutation ($input: ReportParcelStatisticsInput!) { reportParcelStatistics(input: $input) { id } }`, {
        input: { carrierCode: 'YTO', operatorUscc, period: '2026-11', ...counts },
      });
      expect(reported.errors).toBeUndefined();
    }
    const computed = await q(`mutation { computeEmptyParcelSignals(period: "2026-11") { raised { id score operator { uscc } } } }`);
    expect(computed.errors).toBeUndefined();
    const raised: { id: string; score: number; operator: { uscc: string } }[] = computed.data!.computeEmptyParcelSignals.raised;
    const signalOf = (uscc: string) => raised.find((r) => r.operator.uscc === uscc)!;
    const before = (await referralEvents()).length;

    const confirm = `mutation ($id: ID!, $c: Date, $r: Date, $why: String) {
      confirmEmptyParcelSignal(id: $id, confirmedOn: $c, referredOn: $r, reason: $why) { id status referredToMarketRegulationOn } }`;
    const refused = await q(confirm, { id: signalOf(shady).id, c: TODAY, r: '2026-11-14' }); // referral before confirmation
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const dismissed = await q(`mutation ($id: ID!) { dismissEmptyParcelSignal(id: $id, reason: "真实赠品寄递") { status } }`, { id: signalOf(other).id });
    expect(dismissed.errors).toBeUndefined();
    expect(await referralEvents()).toHaveLength(before);

    const ok = await q(confirm, { id: signalOf(shady).id, why: '回访收件人均称未收到实物' });
    expect(ok.errors).toBeUndefined();
    const events = await referralEvents();
    expect(events).toHaveLength(before + 1);
    const last = events[events.length - 1];
    expect(last.sourceAgency).toBe('postal');
    expect(last.payload).toEqual({
      fromAgency: 'postal', kind: 'EMPTY_PARCEL_FRAUD', operatorUscc: shady,
      reference: { kind: 'EMPTY_PARCEL_SIGNAL', id: signalOf(shady).id },
      summary: expect.stringContaining('2026-11 经 YTO 寄递 400 件'),
      referredOn: TODAY,
    });
    expect((last.payload as Referral).summary).toContain('回访收件人均称未收到实物');
  });
});
