import { MoreThan } from 'typeorm';
import { completeUscc } from '../../../shared/credit-code/uscc';
import type { CreditSignal } from '../../../shared/credit-signal/signal';
import { OutboxEvent } from '../../../shared/events/entities';
import { customsSubgraph } from '../../../subgraphs/customs';
import { CUSTOMS_CREDIT_SIGNAL_FACTORS, customsCreditSignals } from '../../../subgraphs/customs/credit-signal';
import { SubgraphHarness, startSubgraphForTest } from '../../support/subgraph-harness';
import { NOW, representation, seedPlan } from './customs-fixtures';

/**
 * Customs' credit signal (issue 9 part 1): each factor from records written through customs' mutations, read on
 * `Operator.customsCreditSignal`; the CreditSignalChange events the writes leave in the outbox; the review sweep.
 */
const OPERATORS = 20;
const plan = seedPlan(OPERATORS);
/** An operator the seed never uses: every record of it comes from this test. */
const X = completeUscc('91', '440106', 'MA9CRED1');

const SIGNAL = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Operator {
  uscc customsCreditSignal { agency asOf reviewAt factors { code label value evidence { kind id } } }
} } }`;
const REGISTER = `mutation ($input: RegisterCustomsEnterpriseInput!) { registerCustomsEnterprise(input: $input) { customsCode } }`;
const RATE = `mutation ($input: RecordCustomsCreditRatingInput!) { recordCustomsCreditRating(input: $input) { current { id level } } }`;
const PENALISE = `mutation ($input: RecordCustomsPenaltyInput!) { recordCustomsPenalty(input: $input) { id } }`;
const FIND = `mutation ($input: RecordCustomsDishonestyFindingInput!) { recordCustomsDishonestyFinding(input: $input) { id } }`;
const UNFIND = `mutation ($input: RemoveCustomsDishonestyFindingInput!) { removeCustomsDishonestyFinding(input: $input) { id current } }`;

type Factor = { code: string; value: number; evidence: { kind: string; id: string }[] };

let h: SubgraphHarness;
let customs: Record<string, string>;

beforeAll(async () => {
  h = await startSubgraphForTest(customsSubgraph, { seedOperators: OPERATORS, now: NOW });
  customs = await h.as({ role: 'agency', agency: 'customs' });
});
afterAll(async () => {
  await h?.stop();
});

async function signalOf(uscc: string) {
  const res = await h.query(SIGNAL, { reps: [representation(uscc)] }, customs);
  expect(res.errors).toBeUndefined();
  return res.data!._entities[0].customsCreditSignal;
}
/** Factor values by code, e.g. { CUS_PENALTIES: 1, ... }. */
const values = (factors: Factor[]) => Object.fromEntries(factors.map((f) => [f.code, f.value]));
const factor = (factors: Factor[], code: string) => factors.find((f) => f.code === code)!;

async function mutate(mutation: string, input: Record<string, unknown>) {
  const res = await h.query(mutation, { input }, customs);
  expect(res.errors).toBeUndefined();
  return Object.values(res.data!)[0] as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const outbox = () => h.subgraph.database.dataSource.getRepository(OutboxEvent);
async function lastSequence(): Promise<number> {
  const [last] = await outbox().find({ order: { sequence: 'DESC' }, take: 1 });
  return last?.sequence ?? 0;
}
/** CreditSignalChange events written after `sequence`. */
async function signalEventsAfter(sequence: number): Promise<CreditSignal[]> {
  const rows = await outbox().find({ where: { type: 'CreditSignalChange', sequence: MoreThan(sequence) }, order: { sequence: 'ASC' } });
  return rows.map((r) => r.payload as CreditSignal);
}
/** Runs a write and returns the CreditSignalChange events it left in the outbox. */
async function publishedBy(write: () => Promise<unknown>): Promise<CreditSignal[]> {
  const before = await lastSequence();
  await write();
  return signalEventsAfter(before);
}

const ZERO = { CUS_ADVANCED_CERTIFIED: 0, CUS_CERTIFIED: 0, CUS_DISHONEST: 0, CUS_SERIOUSLY_DISHONEST: 0, CUS_PENALTIES: 0, CUS_DISHONESTY_FINDINGS: 0 };

describe('customs credit signal', () => {
  it('carries exactly the catalogue of the brief, in order', () => {
    expect(CUSTOMS_CREDIT_SIGNAL_FACTORS.map((f) => f.code)).toEqual([
      'CUS_ADVANCED_CERTIFIED', 'CUS_CERTIFIED', 'CUS_DISHONEST', 'CUS_SERIOUSLY_DISHONEST', 'CUS_PENALTIES', 'CUS_DISHONESTY_FINDINGS',
    ]);
  });

  it('is all zero for a newly registered enterprise, and registering publishes nothing', async () => {
    const events = await publishedBy(() => mutate(REGISTER, { uscc: X, customsCode: '4401969901', registeredOn: '2025-06-01' }));
    expect(events).toEqual([]);
    const signal = await signalOf(X);
    expect(signal).toMatchObject({ agency: 'customs', asOf: NOW.toISOString(), reviewAt: null });
    expect(values(signal.factors)).toEqual(ZERO);
    expect(signal.factors.every((f: Factor) => f.evidence.length === 0)).toBe(true);
  });

  it('follows the credit level in force, with the rating as evidence, one event per rating', async () => {
    const steps = [
      ['ADVANCED_CERTIFIED', '2026-10-01', 'CUS_ADVANCED_CERTIFIED'],
      ['CERTIFIED', '2026-10-15', 'CUS_CERTIFIED'],
      ['REGULAR', '2026-10-20', null],
      ['DISHONEST', '2026-11-01', 'CUS_DISHONEST'],
      ['SERIOUSLY_DISHONEST', '2026-11-10', 'CUS_SERIOUSLY_DISHONEST'],
    ] as const;
    for (const [level, effectiveOn, code] of steps) {
      let ratingId = '';
      const events = await publishedBy(async () => {
        ratingId = (await mutate(RATE, { uscc: X, level, effectiveOn, reason: '信用等级认定' })).current.id;
      });
      const signal = await signalOf(X);
      expect(values(signal.factors)).toEqual(code ? { ...ZERO, [code]: 1 } : ZERO);
      if (code) expect(factor(signal.factors, code).evidence).toEqual([{ kind: 'CUSTOMS_CREDIT_RATING', id: ratingId }]);
      // Every step changes a level factor (REGULAR ends CERTIFIED): exactly one event, the signal as read.
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ agency: 'customs', operatorUscc: X, asOf: NOW.toISOString() });
      expect(events[0].factors).toEqual(signal.factors);
    }
  });

  it('counts penalties within their publicity period only, and reviews when the period ends', async () => {
    // Smuggling decided 2023-12-10: publicised until 2026-12-10 (3 years). Decided 2023-11-01: publicity ended 2026-11-01.
    let publicisedId = '';
    const counted = await publishedBy(async () => {
      publicisedId = (await mutate(PENALISE, {
        uscc: X, decisionNumber: '穗关违字〔2023〕S1号', caseKind: 'SMUGGLING', facts: '走私', fine: '5000', decidedOn: '2023-12-10',
      })).id;
    });
    expect(counted).toHaveLength(1);
    const signal = await signalOf(X);
    expect(factor(signal.factors, 'CUS_PENALTIES')).toMatchObject({ value: 1, evidence: [{ kind: 'CUSTOMS_PENALTY', id: publicisedId }] });
    // Midnight China time of the day the publicity ends.
    expect(signal.reviewAt).toBe('2026-12-09T16:00:00.000Z');
    expect(counted[0].reviewAt).toBe('2026-12-09T16:00:00.000Z');

    const ended = await publishedBy(() => mutate(PENALISE, {
      uscc: X, decisionNumber: '穗关违字〔2023〕S2号', caseKind: 'SMUGGLING', facts: '走私', fine: '5000', decidedOn: '2023-11-01',
    }));
    expect(ended).toEqual([]);
    expect(factor((await signalOf(X)).factors, 'CUS_PENALTIES').value).toBe(1);
  });

  it('counts dishonesty findings while they stand; recording and removing each publish once', async () => {
    let findingId = '';
    const found = await publishedBy(async () => {
      findingId = (await mutate(FIND, {
        uscc: X, ground: 'SMUGGLING', facts: '走私', foundOn: '2026-11-05', decisionNumber: '穗关信认字〔2026〕S1号', decidingAuthority: '广州海关',
      })).id;
    });
    expect(found).toHaveLength(1);
    expect(factor(found[0].factors, 'CUS_DISHONESTY_FINDINGS')).toMatchObject({
      value: 1, evidence: [{ kind: 'CUSTOMS_DISHONESTY_FINDING', id: findingId }],
    });
    expect(factor((await signalOf(X)).factors, 'CUS_DISHONESTY_FINDINGS').value).toBe(1);

    const removed = await publishedBy(() => mutate(UNFIND, {
      findingId, kind: 'CREDIT_REPAIR', decisionNumber: '穗关信修字〔2026〕S1号', decidingAuthority: '广州海关', removedOn: '2026-11-28', reason: '已纠正',
    }));
    expect(removed).toHaveLength(1);
    expect(factor(removed[0].factors, 'CUS_DISHONESTY_FINDINGS')).toEqual(expect.objectContaining({ value: 0, evidence: [] }));
    expect(factor((await signalOf(X)).factors, 'CUS_DISHONESTY_FINDINGS').value).toBe(0);
  });

  it('writes no event when the write is refused', async () => {
    const before = await lastSequence();
    const res = await h.query(PENALISE, {
      input: { uscc: X, decisionNumber: '穗关违字〔2023〕S1号', caseKind: 'OTHER', facts: '重复', fine: '1', decidedOn: '2026-11-01' },
    }, customs);
    expect(res.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await signalEventsAfter(before)).toEqual([]);
  });

  it('anonymous callers get null and an authorization error; an agency reads it', async () => {
    const anonymous = await h.query(SIGNAL, { reps: [representation(X)] }, {});
    expect(anonymous.data!._entities[0].customsCreditSignal).toBeNull();
    expect(anonymous.errors?.map((e) => [e.extensions?.code, e.path?.join('.')])).toEqual([
      ['UNAUTHORIZED_FIELD_OR_TYPE', '_entities.0.customsCreditSignal'],
    ]);
    const market = await h.query(SIGNAL, { reps: [representation(X)] }, await h.as({ role: 'agency', agency: 'market-regulation' }));
    expect(market.errors).toBeUndefined();
    expect(market.data!._entities[0].customsCreditSignal.factors).toHaveLength(CUSTOMS_CREDIT_SIGNAL_FACTORS.length);
  });

  it('reads the signals of 1 and of every operator in the same number of statements', async () => {
    const count = async (usccs: string[]) => {
      h.resetSqlCount();
      const res = await h.query(SIGNAL, { reps: usccs.map((u) => representation(u)) }, customs);
      expect(res.errors).toBeUndefined();
      expect(res.data!._entities).toHaveLength(usccs.length);
      return h.sqlCount();
    };
    const one = await count([X]);
    const all = await count([X, ...plan.operators.map((o) => o.uscc)]);
    expect(one).toBeGreaterThan(0);
    expect(all).toBe(one);
  });

  it('the seed published the signals of seeded operators that hold something, and only those', async () => {
    const seeded = (await outbox().find({ where: { type: 'CreditSignalChange' }, order: { sequence: 'ASC' } }))
      .map((r) => r.payload as CreditSignal)
      .filter((s) => s.operatorUscc !== X);
    const dishonest = seeded.find((s) => s.operatorUscc === plan.operators[0].uscc);
    expect(dishonest).toBeDefined();
    expect(factor(dishonest!.factors, 'CUS_DISHONESTY_FINDINGS').value).toBeGreaterThan(0);
    for (const s of seeded) expect(s.factors.some((f) => f.value > 0)).toBe(true);
  });

  it('review publishes the signal once the publicity period has ended, and not before', async () => {
    const dataSource = h.subgraph.database.dataSource;
    const early = await publishedBy(() => customsCreditSignals.review(dataSource, new Date('2026-12-09T15:59:59.000Z')));
    expect(early.filter((s) => s.operatorUscc === X)).toEqual([]);
    const events = await publishedBy(() => customsCreditSignals.review(dataSource, new Date('2026-12-09T16:00:00.000Z')));
    const mine = events.filter((s) => s.operatorUscc === X);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ asOf: '2026-12-09T16:00:00.000Z', reviewAt: null });
    expect(values(mine[0].factors)).toEqual({ ...ZERO, CUS_SERIOUSLY_DISHONEST: 1 });
    // Nothing left to review for it.
    const again = await publishedBy(() => customsCreditSignals.review(dataSource, new Date('2026-12-20T00:00:00.000Z')));
    expect(again.filter((s) => s.operatorUscc === X)).toEqual([]);
  });
});
