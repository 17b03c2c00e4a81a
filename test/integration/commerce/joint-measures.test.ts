import type { SeedPlan } from '../../../shared/seed/seed-plan';
import { commerceSubgraph } from '../../../subgraphs/commerce';
import { deliver, listChange } from '../../support/credit-events';
import type { SubgraphHarness } from '../../support/subgraph-harness';
import { Query, startCommerce } from './support';

/**
 * Commerce restricts government funding and procurement and shows a public DISHONEST_LIST alert while an operator is
 * listed (issue 8 part 3): the handler runs on the subgraph's real database; effects are read through its API.
 */
let h: SubgraphHarness;
let plan: SeedPlan;
let q: Query;

beforeAll(async () => {
  ({ h, plan, q } = await startCommerce(20));
});
afterAll(async () => {
  await h?.stop();
});

const VIEW = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Operator {
  storefronts { platformId }
  governmentRestrictions { kind startsOn liftedOn liftReason active rulesVersion basis { listKind decisionNumber } }
  dishonest: riskAlerts { kind level consumerMessage issuedOn expiresOn active platform { id } basis { listKind decisionNumber } }
} } }`;
async function view(uscc: string) {
  const res = await q(VIEW, { reps: [{ __typename: 'Operator', uscc }] });
  expect(res.errors).toBeUndefined();
  const operator = res.data!._entities[0];
  return { ...operator, dishonest: operator.dishonest.filter((a: { basis: unknown }) => a.basis !== null) };
}

/** Seeded operators with storefronts on at least one platform. */
async function withStorefronts(): Promise<{ uscc: string; platforms: string[] }[]> {
  const found: { uscc: string; platforms: string[] }[] = [];
  for (const op of plan.operators) {
    const v = await view(op.uscc);
    const platforms = [...new Set(v.storefronts.map((s: { platformId: string }) => s.platformId))].sort() as string[];
    if (platforms.length > 0) found.push({ uscc: op.uscc, platforms });
  }
  return found;
}

describe('commerce consumes listings', () => {
  const DECISION = '穗市监严违失〔2026〕702号';
  const basis = { listKind: 'SERIOUS_DISHONEST', decisionNumber: DECISION };
  let operator: { uscc: string; platforms: string[] };

  beforeAll(async () => {
    [operator] = await withStorefronts();
  });

  it('restricts funding and procurement and alerts consumers on each platform from the effective date; reports all three and the alert\'s end', async () => {
    const listed = listChange({ operatorUscc: operator.uscc, decisionNumber: DECISION, effectiveOn: '2026-10-20' });
    const emitted = await deliver(h, commerceSubgraph, listed);
    const at = '2026-10-19T16:00:00.000Z';
    expect(emitted).toEqual([
      { agency: 'commerce', operatorUscc: operator.uscc, kind: 'GOVERNMENT_FUNDING_RESTRICTED', matters: ['GOVERNMENT_FUNDING'], basis, action: 'APPLIED', at },
      { agency: 'commerce', operatorUscc: operator.uscc, kind: 'GOVERNMENT_PROCUREMENT_RESTRICTED', matters: ['GOVERNMENT_PROCUREMENT'], basis, action: 'APPLIED', at },
      { agency: 'commerce', operatorUscc: operator.uscc, kind: 'DISHONEST_LIST_RISK_ALERT', matters: [], basis, action: 'APPLIED', at },
      // The alert's 36 months are fixed when it is shown: its end is reported with it (a removal reports an earlier one).
      { agency: 'commerce', operatorUscc: operator.uscc, kind: 'DISHONEST_LIST_RISK_ALERT', matters: [], basis, action: 'LIFTED', at: '2029-10-19T16:00:00.000Z' },
    ]);
    const v = await view(operator.uscc);
    expect(v.governmentRestrictions.map((r: { kind: string }) => r.kind).sort()).toEqual(['GOVERNMENT_FUNDING_RESTRICTED', 'GOVERNMENT_PROCUREMENT_RESTRICTED']);
    for (const r of v.governmentRestrictions) {
      expect(r).toMatchObject({ startsOn: '2026-10-20', liftedOn: null, active: true, rulesVersion: 'gzcom-joint-2021', basis });
    }
    expect(v.dishonest.map((a: { platform: { id: string } }) => a.platform.id).sort()).toEqual(operator.platforms);
    for (const a of v.dishonest) {
      expect(a).toMatchObject({ kind: 'DISHONEST_LIST', level: 'HIGH', issuedOn: '2026-10-20', expiresOn: '2029-10-19', active: true, basis });
      expect(a.consumerMessage).toContain(DECISION);
    }
    // The public sees the alert (riskAlerts is PUBLIC), not the restrictions.
    const anonymous = await h.query(`query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Operator {
      riskAlerts(activeOnly: true) { kind basis { decisionNumber } } governmentRestrictions { kind } } } }`, {
      reps: [{ __typename: 'Operator', uscc: operator.uscc }],
    });
    expect(anonymous.data!._entities[0].riskAlerts).toEqual(expect.arrayContaining([{ kind: 'DISHONEST_LIST', basis: { decisionNumber: DECISION } }]));
    expect(anonymous.data!._entities[0].governmentRestrictions).toBeNull();
    // The same content again changes nothing.
    expect(await deliver(h, commerceSubgraph, { ...listed, id: 'again' })).toEqual([]);
    expect(await view(operator.uscc)).toEqual(v);
  });

  it('ends restrictions and alerts on removal, from its effective date, and reports it once', async () => {
    const removal = listChange({
      operatorUscc: operator.uscc, action: 'REMOVED', decisionNumber: '穗市监移出〔2026〕15号', listingDecisionNumber: DECISION, effectiveOn: '2026-10-31',
    });
    const emitted = await deliver(h, commerceSubgraph, removal);
    expect(emitted.map((e) => [e.kind, e.action, e.at])).toEqual([
      ['GOVERNMENT_FUNDING_RESTRICTED', 'LIFTED', '2026-10-30T16:00:00.000Z'],
      ['GOVERNMENT_PROCUREMENT_RESTRICTED', 'LIFTED', '2026-10-30T16:00:00.000Z'],
      ['DISHONEST_LIST_RISK_ALERT', 'LIFTED', '2026-10-30T16:00:00.000Z'],
    ]);
    expect(await deliver(h, commerceSubgraph, { ...removal, id: 'again' })).toEqual([]);
    const v = await view(operator.uscc);
    for (const r of v.governmentRestrictions) {
      expect(r).toMatchObject({ liftedOn: '2026-10-31', active: false });
      expect(r.liftReason).toContain('穗市监移出〔2026〕15号');
    }
    for (const a of v.dishonest) expect(a).toMatchObject({ expiresOn: '2026-10-30', active: false });
  });
});

describe('commerce: other lists', () => {
  it('restricts only procurement for the abnormal operations list, with no dishonesty alert', async () => {
    const [, operator] = await withStorefronts();
    const emitted = await deliver(h, commerceSubgraph, listChange({
      kind: 'ABNORMAL_OPERATIONS', operatorUscc: operator.uscc, decisionNumber: '穗天市监异〔2026〕21号', effectiveOn: '2026-09-01',
    }));
    expect(emitted.map((e) => [e.kind, e.matters])).toEqual([['GOVERNMENT_PROCUREMENT_RESTRICTED', ['GOVERNMENT_PROCUREMENT']]]);
    const v = await view(operator.uscc);
    expect(v.dishonest).toEqual([]);
  });

  it('restricts an operator without storefronts and reports no alert', async () => {
    // A valid credit code outside the seed: no storefront anywhere.
    const uscc = '91440101MA5CJQ4N59';
    expect((await view(uscc)).storefronts).toEqual([]);
    const emitted = await deliver(h, commerceSubgraph, listChange({
      kind: 'CUSTOMS_DISHONEST', operatorUscc: uscc, decisionNumber: '广州海关失信认定〔2026〕40号', effectiveOn: '2026-10-01',
    }, 'customs'));
    expect(emitted.map((e) => e.kind)).toEqual(['GOVERNMENT_FUNDING_RESTRICTED', 'GOVERNMENT_PROCUREMENT_RESTRICTED']);
  });
});
