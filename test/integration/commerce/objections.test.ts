import { chinaToday } from '../../../shared/calendar/dates';
import { CommerceListEntry } from '../../../subgraphs/commerce/entities/commerce-list-entry.entity';
import { commerceSubgraph } from '../../../subgraphs/commerce';
import { deliverObjection, objection } from '../../support/objections';
import { startSubgraphForTest, SubgraphHarness } from '../../support/subgraph-harness';

/**
 * Commerce as the owner of records named in objections (issue 10): a list entry (public) shows disputed to everyone;
 * withdrawn, it leaves the public view and the list factor, and stays for agencies with its date and reason.
 */
let h: SubgraphHarness;
let commerce: Record<string, string>;
const today = chinaToday(new Date());

beforeAll(async () => {
  h = await startSubgraphForTest(commerceSubgraph, { seedOperators: 40 });
  commerce = await h.as({ role: 'agency', agency: 'commerce' });
});
afterAll(async () => {
  await h?.stop();
});

const ENTRIES = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Operator { commerceListEntries { id disputed } } } }`;
const AGENCY_VIEW = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Operator {
  commerceListEntries { id disputed withdrawnOn withdrawalReason correction correctedOn }
  commerceCreditSignal { factors { code value evidence { kind id } } } } } }`;

describe('commerce consumes ObjectionChange', () => {
  it('marks a list entry disputed for the public, then withdraws it from the public view and the signal', async () => {
    const entries = await h.subgraph.database.dataSource.getRepository(CommerceListEntry).find({ order: { id: 'ASC' } });
    const entry = entries.find((e) => e.isListedOn(today))!;
    expect(entry).toBeDefined();
    const id = String(entry.id);
    const reps = [{ __typename: 'Operator', uscc: entry.operatorUscc }];
    const publicEntries = async () => (await h.query(ENTRIES, { reps })).data!._entities[0].commerceListEntries as { id: string; disputed: boolean }[];
    const evidence = async () => ((await h.query(AGENCY_VIEW, { reps }, commerce)).data!._entities[0].commerceCreditSignal.factors as
      { evidence: { kind: string; id: string }[] }[]).flatMap((f) => f.evidence);
    expect(await evidence()).toContainEqual({ kind: 'COMMERCE_LIST_ENTRY', id });

    const o = objection('commerce', 'COMMERCE_LIST_ENTRY', id, entry.operatorUscc);
    await deliverObjection(h, commerceSubgraph, o.filed());
    expect(await publicEntries()).toContainEqual({ id, disputed: true });

    await deliverObjection(h, commerceSubgraph, o.withdrawn(today, '名单认定依据不足'));
    expect((await publicEntries()).map((e) => e.id)).not.toContain(id);
    const agency = await h.query(AGENCY_VIEW, { reps }, commerce);
    expect(agency.data!._entities[0].commerceListEntries).toContainEqual({
      id, disputed: false, withdrawnOn: today, withdrawalReason: '名单认定依据不足', correction: null, correctedOn: null,
    });
    expect(await evidence()).not.toContainEqual({ kind: 'COMMERCE_LIST_ENTRY', id });
  });

  it('records a correction on ACCEPTED + CORRECT and leaves the entry public', async () => {
    const entries = await h.subgraph.database.dataSource.getRepository(CommerceListEntry).find({ order: { id: 'DESC' } });
    const entry = entries[0];
    const id = String(entry.id);
    const o = objection('commerce', 'COMMERCE_LIST_ENTRY', id, entry.operatorUscc);
    await deliverObjection(h, commerceSubgraph, o.filed());
    await deliverObjection(h, commerceSubgraph, o.corrected(today, '列入日期应为2026-03-01'));
    const reps = [{ __typename: 'Operator', uscc: entry.operatorUscc }];
    const res = await h.query(`query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Operator {
      commerceListEntries { id disputed correction correctedOn } } } }`, { reps });
    expect(res.data!._entities[0].commerceListEntries).toContainEqual({ id, disputed: false, correction: '列入日期应为2026-03-01', correctedOn: today });
  });
});
