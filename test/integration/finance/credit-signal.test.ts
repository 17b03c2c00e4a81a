import { loadConfig } from '../../../shared/config/config';
import type { CreditSignal } from '../../../shared/credit-signal/signal';
import { OutboxEvent } from '../../../shared/events/entities';
import { createSeedPlan, SeedPlan } from '../../../shared/seed/seed-plan';
import { financeSubgraph } from '../../../subgraphs/finance';
import { financeCreditSignals } from '../../../subgraphs/finance/credit-signal';
import { FinancingExposure } from '../../../subgraphs/finance/entities/financing-exposure.entity';
import { deliver, listChange } from '../../support/credit-events';
import { startSubgraphForTest, SubgraphHarness } from '../../support/subgraph-harness';

/**
 * Finance's credit signal (issue 9 part 1): derived from records written through finance's own mutations and its
 * credit-list consumer, read through Operator.financeCreditSignal, and published as CreditSignalChange through the
 * outbox in the writing transaction, or by the review sweep when time alone changes it.
 */
const OPERATORS = 24;
/** Request time fixed at China date 2026-11-15. */
const NOW = new Date('2026-11-15T04:00:00Z');

let h: SubgraphHarness;
let finance: Record<string, string>;
const plan: SeedPlan = createSeedPlan({ seed: loadConfig().seed, operators: OPERATORS });
/** Seeded operators with no exposure report and a signal holding nothing: each test writes to its own. */
let blank: string[] = [];

interface Factor { code: string; label: string; value: number; evidence: { kind: string; id: string }[] }
interface Signal { agency: string; asOf: string; reviewAt: string | null; factors: Factor[] }

const SIGNAL = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Operator { uscc
  financeCreditSignal { agency asOf reviewAt factors { code label value evidence { kind id } } } } } }`;

async function signals(usccs: string[], headers: Record<string, string> = finance) {
  return h.query(SIGNAL, { reps: usccs.map((uscc) => ({ __typename: 'Operator', uscc })) }, headers);
}

async function signal(uscc: string): Promise<Signal> {
  const res = await signals([uscc]);
  expect(res.errors).toBeUndefined();
  return res.data!._entities[0].financeCreditSignal;
}

const valuesOf = (s: Pick<Signal, 'factors'>) => Object.fromEntries(s.factors.map((f) => [f.code, f.value]));
const factor = (s: Pick<Signal, 'factors'>, code: string) => s.factors.find((f) => f.code === code)!;

/** The CreditSignalChange events finance's outbox holds for `uscc`, oldest first. */
async function published(uscc: string): Promise<CreditSignal[]> {
  const rows = await h.subgraph.database.dataSource.getRepository(OutboxEvent).find({
    where: { type: 'CreditSignalChange' },
    order: { sequence: 'ASC' },
  });
  return rows.map((r) => r.payload as CreditSignal).filter((p) => p.operatorUscc === uscc);
}

const REPORT = `mutation ($input: ReportFinancingExposureInput!) { reportFinancingExposure(input: $input) {
  reportedMonth rows { id orgType } } }`;
async function report(uscc: string, reportedMonth: string, rows: [string, number][], correctionReason?: string) {
  const res = await h.query(REPORT, {
    input: {
      uscc, reportedMonth, correctionReason,
      rows: rows.map(([orgType, maxOverdueDays]) => ({ orgType, maxOverdueDays, outstanding: '100000.00', organizationCount: 1 })),
    },
  }, finance);
  expect(res.errors).toBeUndefined();
  const ids = res.data!.reportFinancingExposure.rows as { id: string; orgType: string }[];
  return Object.fromEntries(ids.map((r) => [r.orgType, r.id]));
}

beforeAll(async () => {
  h = await startSubgraphForTest(financeSubgraph, { seedOperators: OPERATORS, now: NOW });
  finance = await h.as({ role: 'agency', agency: 'finance' });
  const res = await signals(plan.operators.map((o) => o.uscc));
  expect(res.errors).toBeUndefined();
  blank = (res.data!._entities as { uscc: string; financeCreditSignal: Signal }[])
    .filter((o) => o.financeCreditSignal.factors.every((f) => f.value === 0))
    .map((o) => o.uscc)
    .filter((uscc) => uscc !== plan.operators[0].uscc && uscc !== plan.operators[1].uscc);
  const reported = new Set(
    (await h.subgraph.database.dataSource.getRepository(FinancingExposure).find({ select: { operatorUscc: true } })).map((e) => e.operatorUscc),
  );
  blank = blank.filter((uscc) => !reported.has(uscc));
  expect(blank.length).toBeGreaterThanOrEqual(5);
});
afterAll(async () => {
  await h?.stop();
});

describe('finance credit signal: the factors', () => {
  it('carries every factor, 0 when nothing applies, with labels naming the Chinese term', async () => {
    const s = await signal(blank[0]);
    expect(s).toMatchObject({ agency: 'finance', asOf: NOW.toISOString(), reviewAt: null });
    expect(s.factors.map((f) => [f.code, f.value, f.evidence])).toEqual([
      ['FIN_FINANCING_MEASURES', 0, []],
      ['FIN_OVERDUE_90_DAYS', 0, []],
      ['FIN_OVERDUE_30_DAYS', 0, []],
    ]);
    expect(factor(s, 'FIN_OVERDUE_90_DAYS').label).toMatch(/逾期90天以上/);
  });

  it('counts organization types by the overdue band of their latest report; one event per change, none otherwise', async () => {
    const uscc = blank[0];
    const ids = await report(uscc, '2026-10', [['MICRO_LOAN', 120], ['FACTORING', 91], ['GUARANTEE', 90], ['PAWN', 30], ['FINANCIAL_LEASING', 0]]);
    const s = await signal(uscc);
    expect(valuesOf(s)).toEqual({ FIN_FINANCING_MEASURES: 0, FIN_OVERDUE_90_DAYS: 2, FIN_OVERDUE_30_DAYS: 1 });
    expect(factor(s, 'FIN_OVERDUE_90_DAYS').evidence).toEqual(expect.arrayContaining([
      { kind: 'FINANCING_EXPOSURE', id: ids.MICRO_LOAN }, { kind: 'FINANCING_EXPOSURE', id: ids.FACTORING },
    ]));
    expect(factor(s, 'FIN_OVERDUE_90_DAYS').evidence).toHaveLength(2);
    expect(factor(s, 'FIN_OVERDUE_30_DAYS').evidence).toEqual([{ kind: 'FINANCING_EXPOSURE', id: ids.GUARANTEE }]);
    // A report of 2026-10 counts through April 2027 (six months after it): 1 May 2027, 00:00 China time, ends it.
    expect(s.reviewAt).toBe('2027-04-30T16:00:00.000Z');

    const events = await published(uscc);
    expect(events).toHaveLength(1);
    expect(valuesOf(events[0])).toEqual(valuesOf(s));
    expect(events[0].reviewAt).toBe('2027-04-30T16:00:00.000Z');

    // An older month changes no type's latest report: no factor moves, nothing is published.
    const september = await report(uscc, '2026-09', [['MICRO_LOAN', 0], ['PAWN', 200]]);
    expect(valuesOf(await signal(uscc))).toEqual(valuesOf(s));
    expect(await published(uscc)).toHaveLength(1);

    // A correction supersedes the month: the micro-loan type's latest report is now on time.
    // A correction supersedes the whole month: micro-loans are now on time, and pawnshops, left out of it, fall back
    // to their latest report still standing (2026-09, 200 days).
    const corrected = await report(uscc, '2026-10', [['MICRO_LOAN', 0], ['FACTORING', 91], ['GUARANTEE', 90]], '小贷公司报送口径更正');
    const after = await signal(uscc);
    expect(valuesOf(after)).toEqual({ FIN_FINANCING_MEASURES: 0, FIN_OVERDUE_90_DAYS: 2, FIN_OVERDUE_30_DAYS: 1 });
    expect(factor(after, 'FIN_OVERDUE_90_DAYS').evidence).toEqual([
      { kind: 'FINANCING_EXPOSURE', id: corrected.FACTORING }, { kind: 'FINANCING_EXPOSURE', id: september.PAWN },
    ]);
    // The same counts on other records: the evidence changed, so the signal is published again.
    expect(await published(uscc)).toHaveLength(2);
  });

  it('counts only reports within the six-month look-back', async () => {
    const uscc = blank[1];
    await report(uscc, '2026-04', [['MICRO_LOAN', 150]]);
    expect(valuesOf(await signal(uscc))).toEqual({ FIN_FINANCING_MEASURES: 0, FIN_OVERDUE_90_DAYS: 0, FIN_OVERDUE_30_DAYS: 0 });
    expect(await published(uscc)).toHaveLength(0);
    await report(uscc, '2026-05', [['MICRO_LOAN', 150]]);
    expect(valuesOf(await signal(uscc))).toEqual({ FIN_FINANCING_MEASURES: 0, FIN_OVERDUE_90_DAYS: 1, FIN_OVERDUE_30_DAYS: 0 });
    expect(await published(uscc)).toHaveLength(1);
  });
});

describe('finance credit signal: financing measures', () => {
  const DECISION = '穗市监严违失〔2026〕777号';
  let uscc: string;
  beforeAll(() => {
    uscc = blank[2];
  });

  it('counts the measure the credit-list consumer applies, and publishes it in the delivery', async () => {
    await deliver(h, financeSubgraph, listChange({ operatorUscc: uscc, decisionNumber: DECISION, effectiveOn: '2026-11-10' }));
    const measures = await h.query(
      `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Operator { financingMeasures { id kind status } } } }`,
      { reps: [{ __typename: 'Operator', uscc }] }, finance,
    );
    const [applied] = measures.data!._entities[0].financingMeasures;
    expect(applied).toMatchObject({ kind: 'CREDIT_FINANCING_LIMITED', status: 'ACTIVE' });
    const s = await signal(uscc);
    expect(valuesOf(s)).toEqual({ FIN_FINANCING_MEASURES: 1, FIN_OVERDUE_90_DAYS: 0, FIN_OVERDUE_30_DAYS: 0 });
    expect(factor(s, 'FIN_FINANCING_MEASURES').evidence).toEqual([{ kind: 'FINANCING_MEASURE', id: applied.id }]);
    // 36 months from 2026-11-10: the last day is 2029-11-09, so 10 November 2029 00:00 China time ends it.
    expect(s.reviewAt).toBe('2029-11-09T16:00:00.000Z');
    const events = await published(uscc);
    expect(events).toHaveLength(1);
    expect(factor(events[0], 'FIN_FINANCING_MEASURES').evidence).toEqual([{ kind: 'FINANCING_MEASURE', id: applied.id }]);
  });

  it('publishes nothing for a measure that starts later, then publishes its lift and, by review, the start', async () => {
    const impose = await h.query(
      `mutation ($input: ImposeFinancingMeasureInput!) { imposeFinancingMeasure(input: $input) { id status } }`,
      { input: { uscc, kind: 'SUBSIDY_EXCLUDED', basisListKind: 'SERIOUS_DISHONEST_LIST', basisReference: DECISION, startsOn: '2026-12-01' } },
      finance,
    );
    expect(impose.errors).toBeUndefined();
    const pending = impose.data!.imposeFinancingMeasure;
    expect(pending.status).toBe('PENDING');
    const s = await signal(uscc);
    expect(valuesOf(s).FIN_FINANCING_MEASURES).toBe(1);
    expect(s.reviewAt).toBe('2026-11-30T16:00:00.000Z');
    expect(await published(uscc)).toHaveLength(1);

    const [active] = factor(s, 'FIN_FINANCING_MEASURES').evidence;
    const lift = await h.query(
      `mutation ($id: ID!) { liftFinancingMeasure(id: $id, reason: "信用修复完成") { status } }`, { id: active.id }, finance,
    );
    expect(lift.errors).toBeUndefined();
    expect(valuesOf(await signal(uscc)).FIN_FINANCING_MEASURES).toBe(0);
    const lifted = await published(uscc);
    expect(lifted).toHaveLength(2);
    expect(valuesOf(lifted[1]).FIN_FINANCING_MEASURES).toBe(0);

    // Nothing is due before the pending measure starts; on 1 December the sweep publishes it.
    expect(await financeCreditSignals.review(h.subgraph.database.dataSource, new Date('2026-11-30T15:59:00Z'))).toBe(0);
    expect(await published(uscc)).toHaveLength(2);
    expect(await financeCreditSignals.review(h.subgraph.database.dataSource, new Date('2026-11-30T16:00:00Z'))).toBeGreaterThanOrEqual(1);
    const started = await published(uscc);
    expect(started).toHaveLength(3);
    expect(factor(started[2], 'FIN_FINANCING_MEASURES')).toMatchObject({ value: 1, evidence: [{ kind: 'FINANCING_MEASURE', id: pending.id }] });
  });
});

describe('finance credit signal: review sweep', () => {
  it('publishes when a report leaves the look-back window', async () => {
    const uscc = blank[3];
    await report(uscc, '2026-06', [['PAWN', 60]]);
    const s = await signal(uscc);
    expect(valuesOf(s)).toEqual({ FIN_FINANCING_MEASURES: 0, FIN_OVERDUE_90_DAYS: 0, FIN_OVERDUE_30_DAYS: 1 });
    expect(s.reviewAt).toBe('2026-12-31T16:00:00.000Z');
    expect(await published(uscc)).toHaveLength(1);
    await financeCreditSignals.review(h.subgraph.database.dataSource, new Date('2026-12-31T16:00:00Z'));
    const events = await published(uscc);
    expect(events).toHaveLength(2);
    expect(valuesOf(events[1])).toEqual({ FIN_FINANCING_MEASURES: 0, FIN_OVERDUE_90_DAYS: 0, FIN_OVERDUE_30_DAYS: 0 });
    expect(events[1].reviewAt).toBeNull();
    // Reviewed once: a second pass finds nothing due.
    await financeCreditSignals.review(h.subgraph.database.dataSource, new Date('2026-12-31T16:00:00Z'));
    expect(await published(uscc)).toHaveLength(2);
  });
});

describe('finance credit signal: access and batching', () => {
  it('is null with an authorization error for anonymous callers; agency tokens read it', async () => {
    const anonymous = await signals([blank[0]], {});
    expect(anonymous.data!._entities[0].financeCreditSignal).toBeNull();
    expect(anonymous.errors?.map((e) => [(e.path ?? []).join('.'), e.extensions?.code])).toEqual([
      ['_entities.0.financeCreditSignal', 'UNAUTHORIZED_FIELD_OR_TYPE'],
    ]);
    const customs = await signals([blank[0]], await h.as({ role: 'agency', agency: 'customs' }));
    expect(customs.errors).toBeUndefined();
    expect(customs.data!._entities[0].financeCreditSignal.agency).toBe('finance');
  });

  it('issues the same number of SQL statements for 1 and all operators', async () => {
    const count = async (usccs: string[]) => {
      h.resetSqlCount();
      const res = await signals(usccs);
      expect(res.errors).toBeUndefined();
      expect(res.data!._entities.every((o: { financeCreditSignal: Signal | null }) => o.financeCreditSignal)).toBe(true);
      return h.sqlCount();
    };
    const one = await count([plan.operators[0].uscc]);
    const all = await count(plan.operators.map((o) => o.uscc));
    expect(one).toBeGreaterThan(0);
    expect(all).toBe(one);
  });
});
