import { IsNull } from 'typeorm';
import { chinaToday } from '../../../shared/calendar/dates';
import type { CreditListChange } from '../../../shared/events/contract';
import { CustomsDishonestyFinding } from '../../../subgraphs/customs/entities/customs-dishonesty-finding.entity';
import { CustomsPenalty } from '../../../subgraphs/customs/entities/customs-penalty.entity';
import { customsSubgraph } from '../../../subgraphs/customs';
import { deliverObjection, objection } from '../../support/objections';
import { startSubgraphForTest, SubgraphHarness } from '../../support/subgraph-harness';

/**
 * Customs as the owner of records named in objections (issue 10): a dishonesty finding withdrawn on an accepted
 * objection ends that day with a REMOVED CreditListChange (every agency lifts its measures) and leaves the signal;
 * a withdrawn penalty leaves the public view.
 */
let h: SubgraphHarness;
let customs: Record<string, string>;
const today = chinaToday(new Date());

beforeAll(async () => {
  h = await startSubgraphForTest(customsSubgraph, { seedOperators: 40 });
  customs = await h.as({ role: 'agency', agency: 'customs' });
});
afterAll(async () => {
  await h?.stop();
});

const CREDIT = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Operator {
  customsCredit { dishonestyFindings { id disputed removedOn removalKind withdrawnOn withdrawalReason } }
  customsCreditSignal { factors { code value evidence { kind id } } } } } }`;
type Finding = { id: string; disputed: boolean; removedOn: string | null; removalKind: string | null; withdrawnOn: string | null; withdrawalReason: string | null };
type Factor = { code: string; value: number; evidence: { kind: string; id: string }[] };

async function credit(uscc: string) {
  const res = await h.query(CREDIT, { reps: [{ __typename: 'Operator', uscc }] }, customs);
  expect(res.errors).toBeUndefined();
  const op = res.data!._entities[0];
  return {
    findings: op.customsCredit.dishonestyFindings as Finding[],
    factor: (op.customsCreditSignal.factors as Factor[]).find((f) => f.code === 'CUS_DISHONESTY_FINDINGS')!,
  };
}

describe('customs consumes ObjectionChange', () => {
  it('withdraws a standing dishonesty finding: disputed while open, then ended with a REMOVED event and out of the signal', async () => {
    const finding = await h.subgraph.database.dataSource.getRepository(CustomsDishonestyFinding)
      .findOneOrFail({ where: { removedOn: IsNull() }, order: { id: 'ASC' } });
    const id = String(finding.id);
    const uscc = finding.operatorUscc;
    const before = await credit(uscc);
    expect(before.factor.evidence).toContainEqual({ kind: 'CUSTOMS_DISHONESTY_FINDING', id });

    const o = objection('customs', 'CUSTOMS_DISHONESTY_FINDING', id, uscc);
    expect(await deliverObjection(h, customsSubgraph, o.filed())).toEqual([]);
    expect((await credit(uscc)).findings.find((f) => f.id === id)).toMatchObject({ disputed: true, withdrawnOn: null });

    const emitted = await deliverObjection(h, customsSubgraph, o.withdrawn(today, '认定事实错误'));
    const listChanges = emitted.filter((e) => e.type === 'CreditListChange').map((e) => e.payload as CreditListChange);
    expect(listChanges).toEqual([expect.objectContaining({
      kind: 'CUSTOMS_DISHONEST', action: 'REMOVED', operatorUscc: uscc, effectiveOn: today,
      decisionNumber: `异议撤销-O${o.id}-F${id}`, listingDecisionNumber: finding.decisionNumber ?? `customs/dishonesty-finding/${id}`,
    })]);
    const after = await credit(uscc);
    expect(after.findings.find((f) => f.id === id)).toEqual({
      id, disputed: false, removedOn: today, removalKind: 'CORRECTED', withdrawnOn: today, withdrawalReason: '认定事实错误',
    });
    expect(after.factor.value).toBe(before.factor.value - 1);
    expect(after.factor.evidence).not.toContainEqual({ kind: 'CUSTOMS_DISHONESTY_FINDING', id });

    // Redelivered: no second REMOVED.
    expect(await deliverObjection(h, customsSubgraph, o.withdrawn(today))).toEqual([]);
  });

  it('hides a withdrawn penalty from the public, keeps it for agencies, and drops it from CUS_PENALTIES', async () => {
    const penalties = await h.subgraph.database.dataSource.getRepository(CustomsPenalty).find({ order: { decidedOn: 'DESC', id: 'ASC' } });
    const penalty = penalties[0];
    const id = String(penalty.id);
    const uscc = penalty.operatorUscc;
    const PENALTIES = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Operator { customsPenalties { id disputed } } } }`;
    const reps = [{ __typename: 'Operator', uscc }];
    expect((await h.query(PENALTIES, { reps })).data!._entities[0].customsPenalties).toContainEqual({ id, disputed: false });

    const o = objection('customs', 'CUSTOMS_PENALTY', id, uscc);
    await deliverObjection(h, customsSubgraph, o.filed());
    expect((await h.query(PENALTIES, { reps })).data!._entities[0].customsPenalties).toContainEqual({ id, disputed: true });
    await deliverObjection(h, customsSubgraph, o.withdrawn(today));

    const publicView = (await h.query(PENALTIES, { reps })).data!._entities[0].customsPenalties as { id: string }[];
    expect(publicView.map((p) => p.id)).not.toContain(id);
    const agencyView = await h.query(`query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Operator {
      customsPenalties { id withdrawnOn } customsCreditSignal { factors { code evidence { id } } } } } }`, { reps }, customs);
    expect(agencyView.data!._entities[0].customsPenalties).toContainEqual({ id, withdrawnOn: today });
    const penaltyFactor = (agencyView.data!._entities[0].customsCreditSignal.factors as Factor[]).find((f) => f.code === 'CUS_PENALTIES')!;
    expect(penaltyFactor.evidence.map((e) => e.id)).not.toContain(id);
  });
});
