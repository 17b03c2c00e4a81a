import { completeUscc } from '../../../shared/credit-code/uscc';
import { OutboxEvent } from '../../../shared/events/entities';
import { customsSubgraph } from '../../../subgraphs/customs';
import { SubgraphHarness, startSubgraphForTest } from '../../support/subgraph-harness';
import { NOW, seedPlan } from './customs-fixtures';

const OPERATORS = 8;
const plan = seedPlan(OPERATORS);
const operator = plan.operators[1];
/** A valid credit code the seed never uses: not registered with customs. */
const UNREGISTERED = completeUscc('91', '440106', 'MA9EVNT1');

const FIND = `mutation ($input: RecordCustomsDishonestyFindingInput!) { recordCustomsDishonestyFinding(input: $input) { id decisionNumber } }`;
const UNFIND = `mutation ($input: RemoveCustomsDishonestyFindingInput!) { removeCustomsDishonestyFinding(input: $input) { id removalKind } }`;

describe('customs: dishonesty findings and their removals write their CreditListChange to the outbox', () => {
  let h: SubgraphHarness;
  let auth: Record<string, string>;
  // The decisions' own events; customs' measures add their JointMeasureChange feedback beside them.
  const outbox = () =>
    h.subgraph.database.dataSource.getRepository(OutboxEvent).find({ where: { type: 'CreditListChange' }, order: { sequence: 'ASC' } });
  async function ok(mutation: string, input: Record<string, unknown>) {
    const res = await h.query(mutation, { input }, auth);
    expect(res.errors).toBeUndefined();
    return Object.values(res.data!)[0] as Record<string, string>;
  }
  async function refused(mutation: string, input: Record<string, unknown>, code: string) {
    const res = await h.query(mutation, { input }, auth);
    expect(res.errors?.[0]?.extensions?.code).toBe(code);
  }
  const finding = (decisionNumber: string, overrides: Record<string, unknown> = {}) => ({
    uscc: operator.uscc, ground: 'SMUGGLING', facts: '伪报贸易方式走私', foundOn: '2026-10-01', decisionNumber,
    decidingAuthority: '广州海关', ...overrides,
  });
  const removal = (findingId: string, kind: string, decisionNumber: string) => ({
    findingId, kind, decisionNumber, decidingAuthority: '黄埔海关', removedOn: '2026-11-10', reason: '已依法履行义务并作出信用承诺',
  });

  beforeAll(async () => {
    h = await startSubgraphForTest(customsSubgraph, { seedOperators: OPERATORS, now: NOW });
    auth = await h.as({ role: 'agency', agency: 'customs' });
  });
  afterAll(() => h?.stop());

  it('recordCustomsDishonestyFinding writes one LISTED event with the contract fields; a refused finding writes none', async () => {
    const before = (await outbox()).length;
    await ok(FIND, finding('穗关信认字〔2026〕E1号'));
    const rows = (await outbox()).slice(before);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({ type: 'CreditListChange', sourceAgency: 'customs', sequence: expect.any(Number) });
    expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(row.payload).toEqual({
      kind: 'CUSTOMS_DISHONEST', action: 'LISTED', operatorUscc: operator.uscc, decisionNumber: '穗关信认字〔2026〕E1号',
      listingDecisionNumber: '穗关信认字〔2026〕E1号', effectiveOn: '2026-10-01', ground: 'SMUGGLING', decidingAuthority: '广州海关',
    });
    // The relay publishes it (the subgraph's own in-process bus here).
    await h.subgraph.events.relay.idle();
    expect((await outbox()).slice(before).every((r) => r.publishedAt !== null)).toBe(true);

    // Refused: a number already used, an operator customs does not know, a future date. Nothing more in the outbox.
    await refused(FIND, finding('穗关信认字〔2026〕E1号'), 'CONFLICT');
    await refused(FIND, finding('穗关信认字〔2026〕E2号', { uscc: UNREGISTERED }), 'BAD_USER_INPUT');
    await refused(FIND, finding('穗关信认字〔2026〕E3号', { foundOn: '2027-01-01' }), 'BAD_USER_INPUT');
    expect(await outbox()).toHaveLength(before + 1);
  });

  it('a credit repair is REPAIRED and a correction REMOVED, each naming the finding it ends; a refused removal writes none', async () => {
    const repaired = await ok(FIND, finding('穗关信认字〔2026〕E4号'));
    const corrected = await ok(FIND, finding('穗关信认字〔2026〕E5号', { ground: 'UNPAID_TAX', foundOn: '2026-09-15' }));
    const before = (await outbox()).length;

    await ok(UNFIND, removal(repaired.id, 'CREDIT_REPAIR', '穗关信修字〔2026〕E1号'));
    await ok(UNFIND, removal(corrected.id, 'CORRECTED', '穗关信更字〔2026〕E2号'));
    const rows = (await outbox()).slice(before);
    expect(rows.map((r) => r.payload)).toEqual([
      {
        kind: 'CUSTOMS_DISHONEST', action: 'REPAIRED', operatorUscc: operator.uscc, decisionNumber: '穗关信修字〔2026〕E1号',
        listingDecisionNumber: '穗关信认字〔2026〕E4号', effectiveOn: '2026-11-10', ground: 'SMUGGLING', decidingAuthority: '黄埔海关',
      },
      {
        kind: 'CUSTOMS_DISHONEST', action: 'REMOVED', operatorUscc: operator.uscc, decisionNumber: '穗关信更字〔2026〕E2号',
        listingDecisionNumber: '穗关信认字〔2026〕E5号', effectiveOn: '2026-11-10', ground: 'UNPAID_TAX', decidingAuthority: '黄埔海关',
      },
    ]);
    // Sequences follow commit order without gaps.
    expect(rows[1].sequence).toBeGreaterThan(rows[0].sequence);

    // Refused: the finding already ended, a removal number already used. Nothing more in the outbox.
    await refused(UNFIND, removal(repaired.id, 'CORRECTED', '穗关信更字〔2026〕E3号'), 'BAD_USER_INPUT');
    const standing = await ok(FIND, finding('穗关信认字〔2026〕E6号'));
    const afterListing = (await outbox()).length;
    await refused(UNFIND, removal(standing.id, 'CREDIT_REPAIR', '穗关信修字〔2026〕E1号'), 'CONFLICT');
    expect(await outbox()).toHaveLength(afterListing);
  });
});
