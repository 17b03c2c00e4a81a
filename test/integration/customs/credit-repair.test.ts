import { CustomsDishonestyFinding } from '../../../subgraphs/customs/entities/customs-dishonesty-finding.entity';
import { customsSubgraph } from '../../../subgraphs/customs';
import { applyEvent, envelope } from '../../support/credit-events';
import { SubgraphHarness, startSubgraphForTest } from '../../support/subgraph-harness';
import type { CreditListChange, CreditRepairDecision } from '../../../shared/events/contract';
import { NOW, seedPlan } from './customs-fixtures';

const OPERATORS = 8;
const plan = seedPlan(OPERATORS);
const [owner, other] = plan.operators.slice(1, 3);

const FIND = `mutation ($input: RecordCustomsDishonestyFindingInput!) { recordCustomsDishonestyFinding(input: $input) { id decisionNumber } }`;
const RATE = `mutation ($input: RecordCustomsCreditRatingInput!) { recordCustomsCreditRating(input: $input) { current { level } } }`;
const ASSESS = `query ($uscc: ID!, $id: ID!, $evidence: String, $number: String) {
  customsCreditRepairAssessment(uscc: $uscc, findingId: $id, commitment: "承诺依法诚信经营", performanceEvidence: $evidence,
    removalDecisionNumber: $number) {
    findingId operatorUscc findingDecisionNumber current rulesVersion eligible removalDecisionNumberTaken
    conditions { condition met metFrom rule detail }
  }
}`;
const CREDIT = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Operator { customsCredit { current { level }
  dishonestyFindings { id current removalKind removalDecisionNumber removedOn } } } } }`;

/**
 * Customs' side of the credit repair of its dishonesty findings (issue 10 part 2): the assessment market regulation
 * asks for, and the CreditRepairDecision consumer that removes an approved finding.
 */
describe('customs: credit repair of dishonesty findings', () => {
  let h: SubgraphHarness;
  let staff: Record<string, string>;
  let self: Record<string, string>;
  let stranger: Record<string, string>;

  beforeAll(async () => {
    h = await startSubgraphForTest(customsSubgraph, { seedOperators: OPERATORS, now: NOW });
    staff = await h.as({ role: 'agency', agency: 'customs' });
    self = await h.as({ role: 'operator', operators: [owner.uscc] });
    stranger = await h.as({ role: 'operator', operators: [other.uscc] });
  });
  afterAll(() => h?.stop());

  async function ok(q: string, v: Record<string, unknown>, headers = staff) {
    const res = await h.query(q, v, headers);
    expect(res.errors).toBeUndefined();
    return Object.values(res.data!)[0] as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  }
  const decision = (findingId: string, over: Partial<CreditRepairDecision> = {}) => envelope('CreditRepairDecision', 'market-regulation', {
    applicationId: '41', agency: 'customs', recordKind: 'CUSTOMS_DISHONESTY_FINDING', recordId: findingId, operatorUscc: owner.uscc,
    decision: 'APPROVED', decidedOn: '2026-11-29', reason: '已纠正失信行为', decisionNumber: '穗关信修字〔2026〕R1号', ...over,
  } as CreditRepairDecision);
  const handler = customsSubgraph.eventHandlers!.CreditRepairDecision;
  const db = () => h.subgraph.database.dataSource;

  it('judges an application by its own rules: the operator itself or agencies ask, nobody else', async () => {
    const f = await ok(FIND, { input: {
      uscc: owner.uscc, ground: 'UNPAID_TAX', facts: '超过3个月未缴纳税款', foundOn: '2026-09-15', decisionNumber: '穗关信认字〔2026〕R1号',
      decidingAuthority: '广州海关',
    } });
    const early = await ok(ASSESS, { uscc: owner.uscc, id: f.id, evidence: '已补缴' }, self);
    expect(early).toMatchObject({ findingId: f.id, current: true, eligible: false, rulesVersion: 'GACC-ORDER-282-REPAIR' });
    expect(early.conditions[0]).toMatchObject({ condition: 'MINIMUM_PERIOD_SERVED', met: false, metFrom: '2026-12-15' });
    expect(early.conditions[0].rule).toContain('3 months after the finding for UNPAID_TAX');
    expect((await ok(ASSESS, { uscc: owner.uscc, id: f.id, evidence: null }, staff)).conditions[1]).toMatchObject({
      condition: 'DISHONEST_ACT_CORRECTED', met: false,
    });
    // Another operator: denied for the owner's code, null for its own code (the finding is not its own).
    const denied = await h.query(ASSESS, { uscc: owner.uscc, id: f.id }, stranger);
    expect(denied.errors?.[0].extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    expect(await ok(ASSESS, { uscc: other.uscc, id: f.id }, stranger)).toBeNull();
    const anonymous = await h.query(ASSESS, { uscc: owner.uscc, id: f.id }, {});
    expect(anonymous.data?.customsCreditRepairAssessment ?? null).toBeNull();
    expect((await ok(ASSESS, { uscc: owner.uscc, id: f.id, number: '穗关信认字〔2026〕R1号' })).removalDecisionNumberTaken).toBe(true);
  });

  it('an approved decision removes the finding (CREDIT_REPAIR, REPAIRED), restores the regular level, once', async () => {
    const f = await ok(FIND, { input: {
      uscc: owner.uscc, ground: 'VIOLATION_RATIO', facts: '违规比例超标', foundOn: '2026-04-20', decisionNumber: '穗关信认字〔2026〕R2号',
      decidingAuthority: '黄埔海关',
    } });
    // The earlier finding still stands: repairing this one alone leaves the operator dishonest.
    await ok(RATE, { input: { uscc: owner.uscc, level: 'DISHONEST', effectiveOn: '2026-11-29', reason: '认定为失信企业' } });
    const emitted = await applyEvent(db(), handler, decision(f.id));
    expect(emitted).toEqual([{ type: 'CreditListChange', payload: {
      kind: 'CUSTOMS_DISHONEST', action: 'REPAIRED', operatorUscc: owner.uscc, decisionNumber: '穗关信修字〔2026〕R1号',
      listingDecisionNumber: '穗关信认字〔2026〕R2号', effectiveOn: '2026-11-29', ground: 'VIOLATION_RATIO', decidingAuthority: '黄埔海关',
    } satisfies CreditListChange }]);
    let credit = (await ok(CREDIT, { r: [{ __typename: 'Operator', uscc: owner.uscc }] }))[0].customsCredit;
    expect(credit.dishonestyFindings.find((x: { id: string }) => x.id === f.id)).toMatchObject({
      current: false, removalKind: 'CREDIT_REPAIR', removalDecisionNumber: '穗关信修字〔2026〕R1号', removedOn: '2026-11-29',
    });
    expect(credit.current.level).toBe('DISHONEST');
    // Redelivered: nothing more.
    expect(await applyEvent(db(), handler, decision(f.id))).toEqual([]);

    // The last standing finding repaired (its number already used by customs: kept distinct): the level returns to REGULAR.
    const first = (await db().getRepository(CustomsDishonestyFinding).findOneByOrFail({ decisionNumber: '穗关信认字〔2026〕R1号' }));
    const last = await applyEvent(db(), handler, decision(String(first.id), { applicationId: '42' }));
    expect((last[0].payload as CreditListChange).decisionNumber).toBe('穗关信修字〔2026〕R1号（信用修复申请 42）');
    credit = (await ok(CREDIT, { r: [{ __typename: 'Operator', uscc: owner.uscc }] }))[0].customsCredit;
    expect(credit.current.level).toBe('REGULAR');
  });

  it('ignores refusals, other agencies and findings of another operator', async () => {
    const f = await ok(FIND, { input: {
      uscc: owner.uscc, ground: 'SMUGGLING', facts: '伪报贸易方式', foundOn: '2025-01-10', decisionNumber: '穗关信认字〔2025〕R3号',
      decidingAuthority: '广州海关',
    } });
    expect(await applyEvent(db(), handler, decision(f.id, { decision: 'REFUSED', decisionNumber: undefined }))).toEqual([]);
    expect(await applyEvent(db(), handler, decision(f.id, { agency: 'market-regulation' }))).toEqual([]);
    expect(await applyEvent(db(), handler, decision(f.id, { operatorUscc: other.uscc }))).toEqual([]);
    expect((await db().getRepository(CustomsDishonestyFinding).findOneByOrFail({ id: Number(f.id) })).removedOn).toBeNull();
  });
});
