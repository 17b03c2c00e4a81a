import { OutboxEvent } from '../../../shared/events/entities';
import { marketRegulationSubgraph } from '../../../subgraphs/market-regulation';
import { SubgraphHarness, startSubgraphForTest } from '../../support/subgraph-harness';
import { NOW, seedPlan } from './fixtures';

const plan = seedPlan(8);
const operator = plan.operators.find((o, i) => i > 1 && o.profile !== 'DISHONEST')!;

const PENALTY = `mutation ($input: RecordPenaltyInput!) { recordPenalty(input: $input) { decisionNumber } }`;
const LIST = `mutation ($input: ListOnSeriousDishonestListInput!) { listOnSeriousDishonestList(input: $input) { id listedOn } }`;
const REMOVE = `mutation ($input: RemoveFromSeriousDishonestListInput!) { removeFromSeriousDishonestList(input: $input) { id removalKind } }`;
const LIST_ABNORMAL = `mutation ($input: ListOnAbnormalOperationsInput!) { listOnAbnormalOperations(input: $input) { id } }`;
const REMOVE_ABNORMAL = `mutation ($input: RemoveFromAbnormalOperationsInput!) { removeFromAbnormalOperations(input: $input) { id } }`;

describe('market regulation: listing decisions write their CreditListChange to the outbox', () => {
  let h: SubgraphHarness;
  let auth: Record<string, string>;
  // The decisions' own events; market regulation's measures add their JointMeasureChange feedback beside them.
  const outbox = () =>
    h.subgraph.database.dataSource.getRepository(OutboxEvent).find({ where: { type: 'CreditListChange' }, order: { sequence: 'ASC' } });
  async function ok(mutation: string, input: Record<string, unknown>) {
    const res = await h.query(mutation, { input }, auth);
    expect(res.errors).toBeUndefined();
    return Object.values(res.data!)[0] as Record<string, string>;
  }

  beforeAll(async () => {
    h = await startSubgraphForTest(marketRegulationSubgraph, { seedOperators: 8, now: NOW });
    auth = await h.as({ role: 'agency', agency: 'market-regulation' });
    await ok(PENALTY, {
      operatorUscc: operator.uscc, decisionNumber: 'EVENTS-BASIS-1', violationType: '发布虚假广告', facts: '虚假宣传',
      legalBasis: '《广告法》第五十五条', categories: ['FINE'], severity: 'AGGRAVATED_FINE', fineAmount: '500000', decidedOn: '2025-05-01',
      decidingAuthority: '广州市天河区市场监督管理局',
    });
  });
  afterAll(() => h?.stop());

  it('listOnSeriousDishonestList writes one event with the contract fields; a refused listing writes none', async () => {
    const before = (await outbox()).length;
    const input = {
      operatorUscc: operator.uscc, ground: 'FALSE_ADVERTISING', basisDecisionNumbers: ['EVENTS-BASIS-1'], facts: '情节严重',
      listedOn: '2025-06-01', listingAuthority: '广州市市场监督管理局', decisionNumber: '穗市监列严〔2025〕1号',
      priorNoticeOn: '2025-05-10', statementOfDefenceDeadline: '2025-05-20',
    };
    const listing = await ok(LIST, input);
    const rows = (await outbox()).slice(before);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({ type: 'CreditListChange', sourceAgency: 'market-regulation' });
    expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(Date.parse(row.occurredAt)).not.toBeNaN();
    const number = '穗市监列严〔2025〕1号';
    expect(row.payload).toEqual({
      kind: 'SERIOUS_DISHONEST', action: 'LISTED', operatorUscc: operator.uscc, decisionNumber: number, listingDecisionNumber: number,
      effectiveOn: '2025-06-01', ground: 'FALSE_ADVERTISING', decidingAuthority: '广州市市场监督管理局',
    });
    // The relay publishes it (the subgraph's own in-process bus here).
    await h.subgraph.events.relay.idle();
    expect((await outbox()).slice(before).every((r) => r.publishedAt !== null)).toBe(true);

    // A duplicate listing is refused and leaves the outbox as it was.
    const duplicate = await h.query(LIST, { input: { ...input, listedOn: '2025-07-01', decisionNumber: '穗市监列严〔2025〕2号' } }, auth);
    expect(duplicate.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await outbox()).toHaveLength(before + 1);

    // The removal names the listing it ends.
    await ok(REMOVE, {
      listingId: listing.id, kind: 'CORRECTED', removedOn: '2025-08-01', reason: '列入依据错误，予以更正',
      decisionNumber: '穗市监移严〔2025〕1号', decidingAuthority: '广州市市场监督管理局',
    });
    const [removal] = (await outbox()).slice(before + 1);
    expect(removal.payload).toMatchObject({
      kind: 'SERIOUS_DISHONEST', action: 'REMOVED', decisionNumber: '穗市监移严〔2025〕1号', listingDecisionNumber: number,
      effectiveOn: '2025-08-01', operatorUscc: operator.uscc, decidingAuthority: '广州市市场监督管理局',
    });
  });

  it('abnormal operations listings and removals are events too', async () => {
    const before = (await outbox()).length;
    const listing = await ok(LIST_ABNORMAL, {
      operatorUscc: operator.uscc, reason: 'UNREACHABLE', listedOn: '2026-01-05', listingAuthority: '天河区市场监管局',
      decisionNumber: '穗天市监列异〔2026〕1号',
    });
    await ok(REMOVE_ABNORMAL, {
      listingId: listing.id, removedOn: '2026-03-01', removalReason: '已恢复联系', decisionNumber: '穗天市监移异〔2026〕1号',
      decidingAuthority: '天河区市场监管局',
    });
    const rows = (await outbox()).slice(before);
    expect(rows.map((r) => r.payload)).toMatchObject([
      { kind: 'ABNORMAL_OPERATIONS', action: 'LISTED', decisionNumber: '穗天市监列异〔2026〕1号', effectiveOn: '2026-01-05', ground: 'UNREACHABLE' },
      {
        kind: 'ABNORMAL_OPERATIONS', action: 'REMOVED', decisionNumber: '穗天市监移异〔2026〕1号', listingDecisionNumber: '穗天市监列异〔2026〕1号',
        effectiveOn: '2026-03-01', ground: 'UNREACHABLE',
      },
    ]);
    // In decision order (the measures' feedback events take the sequence numbers between them).
    expect(rows[1].sequence).toBeGreaterThan(rows[0].sequence);
  });
});
