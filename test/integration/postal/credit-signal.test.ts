import { chinaMidnight } from '../../../shared/calendar/dates';
import type { CreditSignal } from '../../../shared/credit-signal/signal';
import { OutboxEvent } from '../../../shared/events/entities';
import { loadConfig } from '../../../shared/config/config';
import { createSeedPlan } from '../../../shared/seed/seed-plan';
import { postalSubgraph } from '../../../subgraphs/postal';
import { POSTAL_CREDIT_SIGNAL_FACTORS, postalCreditSignals } from '../../../subgraphs/postal/credit-signal';
import {
  CONFIRMED_EMPTY_PARCEL_WINDOW, REVOKED_EXPRESS_PERMIT_WINDOW, windowEndOf,
} from '../../../subgraphs/postal/rules/credit-signal';
import { startSubgraphForTest, SubgraphHarness } from '../../support/subgraph-harness';
import { NOW, reps, TODAY, testUscc } from './helpers';

const OPERATORS = 12;
const plan = createSeedPlan({ seed: loadConfig().seed, operators: OPERATORS });

let h: SubgraphHarness;
/** The postal administration's token: its mutations need `postal:write`. */
let postal: Record<string, string>;
/** Another agency's token: the signal is shared among agencies (gov:shared). */
let marketRegulation: Record<string, string>;

beforeAll(async () => {
  h = await startSubgraphForTest(postalSubgraph, { seedOperators: OPERATORS, now: NOW });
  postal = await h.as({ role: 'agency', agency: 'postal' });
  marketRegulation = await h.as({ role: 'agency', agency: 'market-regulation' });
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

const q = (query: string, variables?: Record<string, unknown>) => h.query(query, variables, postal);

const SIGNAL = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Operator { uscc postalCreditSignal { agency asOf reviewAt factors { code label value evidence { kind id } } } }
  }
}`;

type Factor = { code: string; label: string; value: number; evidence: { kind: string; id: string }[] };

async function signalOf(uscc: string, headers = postal) {
  const res = await h.query(SIGNAL, reps([uscc]), headers);
  expect(res.errors).toBeUndefined();
  return res.data!._entities[0].postalCreditSignal as { agency: string; asOf: string; reviewAt: string | null; factors: Factor[] };
}

/** The factor values of a signal, by code. */
const valuesOf = (factors: Pick<Factor, 'code' | 'value'>[]) => Object.fromEntries(factors.map((f) => [f.code, f.value]));
const factor = (factors: Factor[], code: string) => factors.find((f) => f.code === code)!;

async function signalEvents(): Promise<OutboxEvent[]> {
  return h.subgraph.database.dataSource.getRepository(OutboxEvent).find({ where: { type: 'CreditSignalChange' }, order: { sequence: 'ASC' } });
}

/** The CreditSignalChange rows `write` adds to postal's outbox. */
async function publishedBy(write: () => Promise<unknown>): Promise<CreditSignal[]> {
  const before = (await signalEvents()).length;
  await write();
  return (await signalEvents()).slice(before).map((e) => e.payload as CreditSignal);
}

async function ok<T = Record<string, any>>(res: Promise<{ errors?: unknown; data?: T | null }>): Promise<T> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const r = await res;
  expect(r.errors).toBeUndefined();
  return r.data!;
}

/** Statistics that score well above the empty-parcel threshold. */
const SHADY_COUNTS = { parcels: 400, noPickupScanCount: 300, lowWeightCount: 120, bulkWaybillCount: 200, reusedRecipientCount: 90, instantSignOffCount: 150 };

const report = (operatorUscc: string, period: string, counts = SHADY_COUNTS) =>
  q(`mutation ($input: ReportParcelStatisticsInput!) { reportParcelStatistics(input: $input) { id } }`, {
    input: { carrierCode: 'ZTO', operatorUscc, period, ...counts },
  });
const compute = (period: string) =>
  q(`mutation ($p: String!) { computeEmptyParcelSignals(period: $p) { raised { id operator { uscc } } } }`, { p: period });
const issue = (input: Record<string, unknown>) =>
  q(`mutation ($input: IssueExpressPermitInput!) { issueExpressPermit(input: $input) { id } }`, { input });
const revoke = (n: string, d: string) =>
  q(`mutation ($n: String!, $d: Date) { revokeExpressPermit(permitNumber: $n, reason: "违规收寄禁寄物品", revokedOn: $d) { id } }`, { n, d });

describe('the seed', () => {
  it("publishes the seeded operators' non-empty signals through the outbox, as derived", async () => {
    const seeded = (await signalEvents()).filter((e) => plan.operators.some((o) => o.uscc === (e.payload as CreditSignal).operatorUscc));
    expect(seeded.length).toBeGreaterThan(0);
    const dishonest = seeded.find((e) => (e.payload as CreditSignal).operatorUscc === plan.operators[0].uscc);
    expect(dishonest).toBeDefined();
    expect(valuesOf((dishonest!.payload as CreditSignal).factors).POS_EMPTY_PARCEL_CONFIRMED).toBeGreaterThan(0);
    for (const e of seeded) expect((e.payload as CreditSignal).factors.some((f) => f.value > 0)).toBe(true);
  });
});

describe("postal's credit signal (issue 9 part 1)", () => {
  const shipper = testUscc(701);
  const cleared = testUscc(702);
  const holder = testUscc(703);
  const oldHolder = testUscc(704);
  let suspectedId: string;
  let permitId: string;

  it('carries every postal factor, 0 for an operator postal knows nothing about', async () => {
    const signal = await signalOf(testUscc(799));
    expect(signal).toMatchObject({ agency: 'postal', asOf: NOW.toISOString(), reviewAt: null });
    expect(signal.factors.map((f) => f.code)).toEqual([
      'POS_EMPTY_PARCEL_CONFIRMED', 'POS_EMPTY_PARCEL_SUSPECTED', 'POS_EXPRESS_PERMIT_REVOKED',
    ]);
    expect(signal.factors.every((f) => f.value === 0 && f.evidence.length === 0)).toBe(true);
    expect(signal.factors.map((f) => f.label)).toEqual(POSTAL_CREDIT_SIGNAL_FACTORS.map((f) => f.label));
  });

  it('publishes nothing for statistics alone: a report raises no signal', async () => {
    const published = await publishedBy(async () => {
      await ok(report(shipper, '2026-10'));
      await ok(report(cleared, '2026-10'));
    });
    expect(published).toEqual([]);
    expect(valuesOf((await signalOf(shipper)).factors)).toEqual({
      POS_EMPTY_PARCEL_CONFIRMED: 0, POS_EMPTY_PARCEL_SUSPECTED: 0, POS_EXPRESS_PERMIT_REVOKED: 0,
    });
  });

  it('counts raised suspicions as POS_EMPTY_PARCEL_SUSPECTED and publishes each changed operator once', async () => {
    let raised: { id: string; operator: { uscc: string } }[] = [];
    const published = await publishedBy(async () => {
      raised = (await ok(compute('2026-10'))).computeEmptyParcelSignals.raised;
    });
    const ids = Object.fromEntries(raised.map((r) => [r.operator.uscc, r.id]));
    expect(Object.keys(ids).sort()).toEqual([shipper, cleared].sort());
    expect(published.map((s) => s.operatorUscc).sort()).toEqual([shipper, cleared].sort());
    suspectedId = ids[shipper];

    const signal = await signalOf(shipper);
    expect(valuesOf(signal.factors)).toEqual({
      POS_EMPTY_PARCEL_CONFIRMED: 0, POS_EMPTY_PARCEL_SUSPECTED: 1, POS_EXPRESS_PERMIT_REVOKED: 0,
    });
    expect(factor(signal.factors, 'POS_EMPTY_PARCEL_SUSPECTED').evidence).toEqual([{ kind: 'EMPTY_PARCEL_SIGNAL', id: suspectedId }]);
    // A suspicion stays until it is decided: time alone does not change it.
    expect(signal.reviewAt).toBeNull();

    // Computing the period again raises nothing and publishes nothing.
    expect(await publishedBy(() => ok(compute('2026-10')))).toEqual([]);
  });

  it('a dismissal takes the suspicion away, in one CreditSignalChange', async () => {
    const clearedId = (await ok(q(
      `query ($f: EmptyParcelSignalFilter) { emptyParcelSignals(first: 5, filter: $f) { nodes { id } } }`,
      { f: { operatorUscc: cleared } },
    ))).emptyParcelSignals.nodes[0].id;
    const published = await publishedBy(() =>
      ok(q(`mutation ($id: ID!) { dismissEmptyParcelSignal(id: $id, reason: "真实赠品寄递") { status } }`, { id: clearedId })));
    expect(published).toHaveLength(1);
    expect(published[0].operatorUscc).toBe(cleared);
    expect(valuesOf(published[0].factors)).toEqual({
      POS_EMPTY_PARCEL_CONFIRMED: 0, POS_EMPTY_PARCEL_SUSPECTED: 0, POS_EXPRESS_PERMIT_REVOKED: 0,
    });
  });

  it('a confirmation counts as POS_EMPTY_PARCEL_CONFIRMED for 24 months, in one CreditSignalChange', async () => {
    const published = await publishedBy(() =>
      ok(q(`mutation ($id: ID!) { confirmEmptyParcelSignal(id: $id, reason: "回访收件人均称未收到实物") { status } }`, { id: suspectedId })));
    expect(published).toHaveLength(1);
    const windowEnd = windowEndOf(TODAY, CONFIRMED_EMPTY_PARCEL_WINDOW);
    expect(windowEnd).toBe('2028-11-15');
    expect(published[0]).toMatchObject({ agency: 'postal', operatorUscc: shipper, asOf: NOW.toISOString(), reviewAt: chinaMidnight(windowEnd) });
    const signal = await signalOf(shipper);
    expect(valuesOf(signal.factors)).toEqual({
      POS_EMPTY_PARCEL_CONFIRMED: 1, POS_EMPTY_PARCEL_SUSPECTED: 0, POS_EXPRESS_PERMIT_REVOKED: 0,
    });
    expect(factor(signal.factors, 'POS_EMPTY_PARCEL_CONFIRMED').evidence).toEqual([{ kind: 'EMPTY_PARCEL_SIGNAL', id: suspectedId }]);
    expect(signal.reviewAt).toBe('2028-11-14T16:00:00.000Z');
  });

  it('issuing a permit changes no factor and publishes nothing', async () => {
    let id = '';
    const published = await publishedBy(async () => {
      id = (await ok(issue({ permitNumber: '粤快许SIGNAL0001', holderUscc: holder, scope: ['INTRA_PROVINCE'], issuedOn: '2023-06-01' }))).issueExpressPermit.id;
      await ok(issue({ permitNumber: '粤快许SIGNAL0002', holderUscc: oldHolder, scope: ['INTRA_PROVINCE'], issuedOn: '2020-01-10' }));
    });
    expect(published).toEqual([]);
    permitId = id;
  });

  it('a revocation within 36 months sets POS_EXPRESS_PERMIT_REVOKED to 1, in one CreditSignalChange', async () => {
    const published = await publishedBy(() => ok(revoke('粤快许SIGNAL0001', '2024-03-01')));
    expect(published).toHaveLength(1);
    expect(published[0].operatorUscc).toBe(holder);
    expect(windowEndOf('2024-03-01', REVOKED_EXPRESS_PERMIT_WINDOW)).toBe('2027-03-01');
    expect(published[0].reviewAt).toBe('2027-02-28T16:00:00.000Z');
    const signal = await signalOf(holder);
    expect(valuesOf(signal.factors)).toEqual({
      POS_EMPTY_PARCEL_CONFIRMED: 0, POS_EMPTY_PARCEL_SUSPECTED: 0, POS_EXPRESS_PERMIT_REVOKED: 1,
    });
    expect(factor(signal.factors, 'POS_EXPRESS_PERMIT_REVOKED').evidence).toEqual([{ kind: 'EXPRESS_PERMIT', id: permitId }]);
  });

  it('a revocation older than 36 months counts for nothing and publishes nothing', async () => {
    expect(await publishedBy(() => ok(revoke('粤快许SIGNAL0002', '2022-06-01')))).toEqual([]);
    expect(valuesOf((await signalOf(oldHolder)).factors)).toEqual({
      POS_EMPTY_PARCEL_CONFIRMED: 0, POS_EMPTY_PARCEL_SUSPECTED: 0, POS_EXPRESS_PERMIT_REVOKED: 0,
    });
  });

  it('the review sweep publishes the signal when the revocation window ends, not before', async () => {
    const db = h.subgraph.database.dataSource;
    const justBefore = new Date('2027-02-28T15:59:59Z');
    const atEnd = new Date('2027-02-28T16:00:00Z'); // 2027-03-01 00:00 China time
    const before = await publishedBy(() => postalCreditSignals.review(db, justBefore));
    expect(before.filter((s) => s.operatorUscc === holder)).toEqual([]);
    const after = (await publishedBy(() => postalCreditSignals.review(db, atEnd))).filter((s) => s.operatorUscc === holder);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ asOf: atEnd.toISOString(), reviewAt: null });
    expect(valuesOf(after[0].factors)).toEqual({
      POS_EMPTY_PARCEL_CONFIRMED: 0, POS_EMPTY_PARCEL_SUSPECTED: 0, POS_EXPRESS_PERMIT_REVOKED: 0,
    });
    // Nothing is due any more for this operator.
    const again = await publishedBy(() => postalCreditSignals.review(db, new Date('2027-03-02T00:00:00Z')));
    expect(again.filter((s) => s.operatorUscc === holder)).toEqual([]);
  });
});

describe('who reads postalCreditSignal', () => {
  it('is null with an authorization error for anonymous callers, and readable with another agency token', async () => {
    const uscc = plan.operators[0].uscc;
    const anonymous = await h.query(SIGNAL, reps([uscc]), {});
    expect(anonymous.data!._entities[0]).toEqual({ uscc, postalCreditSignal: null });
    expect(anonymous.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([
      ['_entities.0.postalCreditSignal', 'UNAUTHORIZED_FIELD_OR_TYPE'],
    ]);
    const signal = await signalOf(uscc, marketRegulation);
    expect(signal.agency).toBe('postal');
    expect(valuesOf(signal.factors).POS_EMPTY_PARCEL_CONFIRMED).toBeGreaterThan(0);
  });

  it('reads the signals of many operators with as many SQL statements as of one', async () => {
    const count = async (n: number) => {
      h.resetSqlCount();
      const res = await h.query(SIGNAL, reps(plan.operators.slice(0, n).map((o) => o.uscc)), postal);
      expect(res.errors).toBeUndefined();
      expect(res.data!._entities).toHaveLength(n);
      return h.sqlCount();
    };
    await count(1); // warm-up
    const one = await count(1);
    expect(one).toBeGreaterThan(0);
    expect(await count(OPERATORS)).toBe(one);
  });
});
