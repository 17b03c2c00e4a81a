import type { CreditListChange, EventEnvelope } from '../../../shared/events/contract';
import { OutboxEvent } from '../../../shared/events/entities';
import { toEnvelope } from '../../../shared/events/outbox';
import { createLogger } from '../../../shared/logging/logger';
import { commerceSubgraph } from '../../../subgraphs/commerce';
import { marketRegulationSubgraph } from '../../../subgraphs/market-regulation';
import { emitMarketRegulationEvent, seriousListed } from '../../../subgraphs/market-regulation/credit-events';
import { SeriousDishonestListing } from '../../../subgraphs/market-regulation/entities/serious-dishonest-listing.entity';
import { SeriousDishonestGround } from '../../../subgraphs/market-regulation/enums';
import {
  automaticRemovalNumber, startListExpirySweeper, sweepExpiredListings,
} from '../../../subgraphs/market-regulation/events/list-expiry';
import { deliver } from '../../support/credit-events';
import { SubgraphHarness, startSubgraphForTest } from '../../support/subgraph-harness';
import { NOW, seedPlan, TODAY } from './fixtures';

/*
 * A serious-dishonest listing ends by itself when its three years are over (issue 8 part 2): the sweep records the
 * automatic removal as a decision, writes its REMOVED event once, and every agency lifts its measures.
 */
const OPERATORS = 10;
const plan = seedPlan(OPERATORS);
type Node = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const VIEW = `query ($uscc: UnifiedSocialCreditCode!) { operator(uscc: $uscc) {
  seriousDishonesty { decisionNumber listedOn autoRemovalOn removedOn removalKind removalDecisionNumber removalDecidingAuthority current }
  jointMeasures { agency kind basis { listKind decisionNumber } liftedAt active } } }`;
const RESTRICTIONS = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Operator {
  governmentRestrictions { kind liftedOn active basis { listKind decisionNumber } } } } }`;

describe('market regulation: serious-dishonest listings end at expiry as a decision with its event', () => {
  let h: SubgraphHarness;
  let commerce: SubgraphHarness;
  let auth: Record<string, string>;
  let commerceAuth: Record<string, string>;
  const db = () => h.subgraph.database.dataSource;

  beforeAll(async () => {
    // A one-second sweep interval: the periodic pass, not a test hook, records the expiries below.
    h = await startSubgraphForTest(marketRegulationSubgraph, { seedOperators: OPERATORS, now: NOW, env: { LIST_EXPIRY_SWEEP_INTERVAL_MS: '1000' } });
    commerce = await startSubgraphForTest(commerceSubgraph, { seedOperators: OPERATORS, now: NOW });
    auth = await h.as({ role: 'agency', agency: 'market-regulation' });
    commerceAuth = await commerce.as({ role: 'agency', agency: 'commerce' });
  });
  afterAll(async () => {
    await h?.stop();
    await commerce?.stop();
  });

  /** Lists an operator as the listing decision does: the row and its LISTED event in one transaction. */
  async function list(operatorIndex: number, decisionNumber: string, listedOn: string): Promise<SeriousDishonestListing> {
    return db().transaction(async (m) => {
      const repo = m.getRepository(SeriousDishonestListing);
      const listing = await repo.save(repo.create({
        operatorUscc: plan.operators[operatorIndex].uscc, ground: SeriousDishonestGround.ABNORMAL_LIST_3_YEARS, decisionNumber,
        basisDecisionNumbers: [], facts: '列入经营异常名录届满3年仍未履行相关义务', listedOn, listingAuthority: '广州市市场监督管理局',
        priorNoticeOn: null, statementOfDefenceDeadline: null, defenceHeardOn: null, removedOn: null, removalKind: null,
        removalReason: null, removalDecisionNumber: null, removalDecidingAuthority: null, harmRemoval: null,
      }));
      await emitMarketRegulationEvent(m, 'CreditListChange', seriousListed(listing));
      return listing;
    });
  }

  /** Market regulation's outbox events about one listing, in sequence order. */
  async function eventsOf(listingDecisionNumber: string): Promise<EventEnvelope<'CreditListChange'>[]> {
    const rows = await db().getRepository(OutboxEvent).find({ where: { type: 'CreditListChange' }, order: { sequence: 'ASC' } });
    return rows.map((r) => toEnvelope(r) as EventEnvelope<'CreditListChange'>)
      .filter((e) => e.payload.listingDecisionNumber === listingDecisionNumber);
  }

  async function view(operatorIndex: number): Promise<Node> {
    const res = await h.query(VIEW, { uscc: plan.operators[operatorIndex].uscc }, auth);
    expect(res.errors).toBeUndefined();
    return res.data!.operator as Node;
  }

  async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 8000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = await read();
      if (done(value) || Date.now() > deadline) return value;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const EXPIRED = '穗市监严违失〔2023〕901号';
  const STANDING = '穗市监严违失〔2023〕902号';

  it('records the removal once, when the period has ended, and emits REMOVED once; a listing within its period stays', async () => {
    // Listed 2023-11-01: its period ended on 2026-11-01, before today (2026-11-02). Listed 2023-11-03: ends tomorrow.
    const expired = await list(1, EXPIRED, '2023-11-01');
    await list(2, STANDING, '2023-11-03');
    // Market regulation's own consumer applies its measures from the LISTED event.
    const applied = await until(() => view(1), (v) => v.jointMeasures.some((j: Node) => j.basis.decisionNumber === EXPIRED));
    expect(applied.jointMeasures.filter((j: Node) => j.basis.decisionNumber === EXPIRED).length).toBeGreaterThan(0);

    const swept = await until(() => view(1), (v) => v.seriousDishonesty.some((s: Node) => s.decisionNumber === EXPIRED && s.removalDecisionNumber));
    expect(swept.seriousDishonesty.find((s: Node) => s.decisionNumber === EXPIRED)).toEqual({
      decisionNumber: EXPIRED, listedOn: '2023-11-01', autoRemovalOn: '2026-11-01', removedOn: '2026-11-01', removalKind: 'AUTOMATIC',
      removalDecisionNumber: `${EXPIRED}（期满移出）`, removalDecidingAuthority: '广州市市场监督管理局', current: false,
    });
    expect(automaticRemovalNumber(expired)).toBe(`${EXPIRED}（期满移出）`);

    // More passes (the periodic one keeps running, plus two explicit ones) change nothing.
    await h.subgraph.background!.runNow();
    expect(await sweepExpiredListings(db(), TODAY)).toEqual({ removed: 0, failed: 0 });
    const events = await eventsOf(EXPIRED);
    expect(events.map((e) => e.payload.action)).toEqual(['LISTED', 'REMOVED']);
    expect(events[1].payload).toEqual<CreditListChange>({
      kind: 'SERIOUS_DISHONEST', action: 'REMOVED', operatorUscc: plan.operators[1].uscc, decisionNumber: `${EXPIRED}（期满移出）`,
      listingDecisionNumber: EXPIRED, effectiveOn: '2026-11-01', ground: 'ABNORMAL_LIST_3_YEARS', decidingAuthority: '广州市市场监督管理局',
    });

    // The listing within its period is untouched and emitted nothing but its listing.
    const standing = (await view(2)).seriousDishonesty.find((s: Node) => s.decisionNumber === STANDING);
    expect(standing).toMatchObject({ removedOn: null, removalKind: null, removalDecisionNumber: null, current: true });
    expect((await eventsOf(STANDING)).map((e) => e.payload.action)).toEqual(['LISTED']);
  });

  it('lifts the measures: market regulation\'s own, and commerce\'s from the same REMOVED event', async () => {
    const lifted = await until(() => view(1), (v) => v.jointMeasures.every((j: Node) => j.basis.decisionNumber !== EXPIRED || !j.active));
    const own = lifted.jointMeasures.filter((j: Node) => j.basis.decisionNumber === EXPIRED);
    expect(own.length).toBeGreaterThan(0);
    for (const m of own) expect(m).toMatchObject({ agency: 'market-regulation', active: false, liftedAt: expect.any(String) });

    // Commerce receives the two events of market regulation's outbox, as the bus delivers them.
    const [listedEvent, removedEvent] = await eventsOf(EXPIRED);
    const restrictions = async () => {
      const res = await commerce.query(RESTRICTIONS, { reps: [{ __typename: 'Operator', uscc: plan.operators[1].uscc }] }, commerceAuth);
      expect(res.errors).toBeUndefined();
      return (res.data!._entities[0].governmentRestrictions as Node[]).filter((m) => m.basis.decisionNumber === EXPIRED)
        .sort((a, b) => String(a.kind).localeCompare(String(b.kind)));
    };
    await deliver(commerce, commerceSubgraph, listedEvent);
    expect((await restrictions()).map((m) => [m.kind, m.active])).toEqual([
      ['GOVERNMENT_FUNDING_RESTRICTED', true], ['GOVERNMENT_PROCUREMENT_RESTRICTED', true],
    ]);
    const feedback = await deliver(commerce, commerceSubgraph, removedEvent);
    expect((await restrictions()).map((m) => [m.kind, m.active, m.liftedOn])).toEqual([
      ['GOVERNMENT_FUNDING_RESTRICTED', false, '2026-11-01'], ['GOVERNMENT_PROCUREMENT_RESTRICTED', false, '2026-11-01'],
    ]);
    expect(feedback.filter((f) => f.kind.startsWith('GOVERNMENT_')).map((f) => [f.agency, f.action, f.basis.decisionNumber])).toEqual([
      ['commerce', 'LIFTED', EXPIRED], ['commerce', 'LIFTED', EXPIRED],
    ]);
  });

  it('emits once when sweeps race (two replicas at once)', async () => {
    const RACED = '穗市监严违失〔2023〕903号';
    await list(3, RACED, '2023-10-15');
    const results = await Promise.all([sweepExpiredListings(db(), TODAY), sweepExpiredListings(db(), TODAY), h.subgraph.background!.runNow()]);
    expect((await eventsOf(RACED)).map((e) => e.payload.action)).toEqual(['LISTED', 'REMOVED']);
    // At most one of the racing sweeps recorded it (the periodic pass may have come first).
    expect(results[0]!.removed + results[1]!.removed).toBeLessThanOrEqual(1);
    expect(results[0]!.failed + results[1]!.failed).toBe(0);
  });

  it('sweeps on start, by the service clock', async () => {
    // A sweeper whose clock says 2026-11-04: the listing of 2023-11-03 has ended by then, and the first pass is done on start.
    const sweeper = await startListExpirySweeper({
      dataSource: db(), config: h.config, log: createLogger('warn'), clock: () => new Date('2026-11-04T04:00:00.000Z'),
    });
    try {
      const listing = await db().getRepository(SeriousDishonestListing).findOneByOrFail({ decisionNumber: STANDING });
      expect(listing).toMatchObject({ removedOn: '2026-11-03', removalKind: 'AUTOMATIC', removalDecisionNumber: `${STANDING}（期满移出）` });
      expect((await eventsOf(STANDING)).map((e) => e.payload.action)).toEqual(['LISTED', 'REMOVED']);
    } finally {
      await sweeper.stop();
    }
  });

  it('keeps the automatic-removal numbers to the sweep: a removal recorded by hand may not take one', async () => {
    const listing = await list(3, '穗市监列严〔2026〕88号', '2026-06-01');
    const res = await h.query(
      `mutation ($input: RemoveFromSeriousDishonestListInput!) { removeFromSeriousDishonestList(input: $input) { id } }`,
      { input: {
        listingId: String(listing.id), kind: 'CORRECTED', removedOn: '2026-10-01', reason: '更正',
        decisionNumber: '穗市监列严〔2026〕88号（期满移出）', decidingAuthority: '广州市市场监督管理局',
      } },
      auth,
    );
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('automatic removal') });
    expect((await h.subgraph.database.dataSource.getRepository(SeriousDishonestListing).findOneByOrFail({ id: listing.id })).removedOn).toBeNull();
  });

  it('reads an interval that is out of range as a configuration error naming the variable', async () => {
    const { loadConfig } = await import('../../../shared/config/config');
    expect(() => loadConfig({ ...process.env, LIST_EXPIRY_SWEEP_INTERVAL_MS: '10' })).toThrow(/LIST_EXPIRY_SWEEP_INTERVAL_MS/);
    expect(loadConfig({ ...process.env, LIST_EXPIRY_SWEEP_INTERVAL_MS: undefined }).listExpiry.sweepIntervalMs).toBe(3_600_000);
  });
});
