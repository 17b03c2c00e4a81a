import { customsSubgraph } from '../../../subgraphs/customs';
import { deliver, listChange } from '../../support/credit-events';
import { startSubgraphForTest, SubgraphHarness } from '../../support/subgraph-harness';
import { NOW, representation, seedPlan } from './customs-fixtures';

/**
 * Customs applies strict clearance review and the exclusion from advanced certification while an operator is listed
 * (issue 8 part 3): the handler runs on the subgraph's real database; effects are read through its GraphQL API.
 */
const OPERATORS = 30;
const plan = seedPlan(OPERATORS);

let h: SubgraphHarness;
let customs: Record<string, string>;

beforeAll(async () => {
  h = await startSubgraphForTest(customsSubgraph, { seedOperators: OPERATORS, now: NOW });
  customs = await h.as({ role: 'agency', agency: 'customs' });
});
afterAll(async () => {
  await h?.stop();
});

const VIEW = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Operator {
  uscc customsRegistration { status } customsCredit { current { level } history { level effectiveOn } }
  clearanceMeasure { level inspectionRateTarget inspectionRateBound guaranteeRequirement auditFrequency description jointMeasureBasis { listKind decisionNumber } }
  customsJointMeasures { kind startsOn liftedOn liftReason active rulesVersion basis { listKind decisionNumber } }
} } }`;
async function view(uscc: string) {
  const res = await h.query(VIEW, { reps: [representation(uscc)] }, customs);
  expect(res.errors).toBeUndefined();
  return res.data!._entities[0];
}
const RATE = `mutation ($input: RecordCustomsCreditRatingInput!) { recordCustomsCreditRating(input: $input) { current { level effectiveOn } } }`;

/** Seeded operators registered with customs (active) and rated neither dishonest level. */
async function registeredRegular(): Promise<string[]> {
  const found: string[] = [];
  for (const op of plan.operators) {
    const v = await view(op.uscc);
    const level = v.customsCredit.current?.level ?? 'REGULAR';
    if (v.customsRegistration?.status === 'ACTIVE' && ['REGULAR', 'CERTIFIED', 'ADVANCED_CERTIFIED'].includes(level)) found.push(op.uscc);
  }
  return found;
}

describe('customs consumes listings', () => {
  const DECISION = '穗市监严违失〔2026〕610号';
  let uscc: string;
  let rated: Record<string, unknown>;

  beforeAll(async () => {
    [uscc] = await registeredRegular();
    rated = (await view(uscc)).clearanceMeasure;
    // Routine management: the credit order sets no rate for regular enterprises.
    expect(rated.inspectionRateBound).toBeNull();
  });

  it('applies strict clearance review and no advanced certification, reflected in clearanceMeasure, and reports both', async () => {
    const listed = listChange({ operatorUscc: uscc, decisionNumber: DECISION, effectiveOn: '2026-11-20' });
    const emitted = await deliver(h, customsSubgraph, listed);
    const basis = { listKind: 'SERIOUS_DISHONEST', decisionNumber: DECISION };
    expect(emitted).toEqual([
      { agency: 'customs', operatorUscc: uscc, kind: 'STRICT_CLEARANCE_REVIEW', matters: ['CUSTOMS_FACILITATION'], basis, action: 'APPLIED', at: '2026-11-19T16:00:00.000Z' },
      { agency: 'customs', operatorUscc: uscc, kind: 'ADVANCED_CERTIFICATION_EXCLUDED', matters: ['CUSTOMS_FACILITATION'], basis, action: 'APPLIED', at: '2026-11-19T16:00:00.000Z' },
    ]);
    const v = await view(uscc);
    expect(v.clearanceMeasure).toMatchObject({
      level: rated.level, inspectionRateTarget: '80.00%', inspectionRateBound: 'AT_LEAST', guaranteeRequirement: 'FULL',
      auditFrequency: 'INCREASED', jointMeasureBasis: basis,
    });
    expect(v.clearanceMeasure.description).toMatch(/Strict clearance review while listed/);
    expect(v.customsJointMeasures).toEqual(expect.arrayContaining([
      { kind: 'STRICT_CLEARANCE_REVIEW', startsOn: '2026-11-20', liftedOn: null, liftReason: null, active: true, rulesVersion: 'GACC-JOINT-2021', basis },
      expect.objectContaining({ kind: 'ADVANCED_CERTIFICATION_EXCLUDED', active: true, basis }),
    ]));
    // The same content again (another event id) changes nothing.
    expect(await deliver(h, customsSubgraph, { ...listed, id: 'again' })).toEqual([]);
    expect(await view(uscc)).toEqual(v);
  });

  it('refuses advanced certification while listed with RESTRICTED_BY_JOINT_MEASURE and records nothing', async () => {
    const before = await view(uscc);
    const res = await h.query(RATE, { input: { uscc, level: 'ADVANCED_CERTIFIED', effectiveOn: '2026-11-29', reason: 'AEO 高级认证通过' } }, customs);
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions).toEqual({
      code: 'RESTRICTED_BY_JOINT_MEASURE',
      measure: { agency: 'customs', kind: 'ADVANCED_CERTIFICATION_EXCLUDED', basis: { listKind: 'SERIOUS_DISHONEST', decisionNumber: DECISION } },
    });
    expect(res.errors?.[0]?.message).toContain(DECISION);
    expect(await view(uscc)).toEqual(before);
  });

  it('lifts both from the removal date; the rated measure returns and certification is possible again', async () => {
    const removal = listChange({
      operatorUscc: uscc, action: 'REPAIRED', decisionNumber: '穗市监信修〔2026〕8号', listingDecisionNumber: DECISION, effectiveOn: '2026-11-28',
    });
    const emitted = await deliver(h, customsSubgraph, removal);
    expect(emitted.map((e) => [e.kind, e.action, e.at])).toEqual([
      ['STRICT_CLEARANCE_REVIEW', 'LIFTED', '2026-11-27T16:00:00.000Z'],
      ['ADVANCED_CERTIFICATION_EXCLUDED', 'LIFTED', '2026-11-27T16:00:00.000Z'],
    ]);
    expect(await deliver(h, customsSubgraph, { ...removal, id: 'again' })).toEqual([]);
    const v = await view(uscc);
    expect(v.clearanceMeasure).toEqual({ ...rated, jointMeasureBasis: null });
    for (const m of v.customsJointMeasures) {
      expect(m).toMatchObject({ liftedOn: '2026-11-28', active: false });
      expect(m.liftReason).toContain('穗市监信修〔2026〕8号');
    }
    const res = await h.query(RATE, { input: { uscc, level: 'ADVANCED_CERTIFIED', effectiveOn: '2026-11-29', reason: 'AEO 高级认证通过' } }, customs);
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordCustomsCreditRating.current).toEqual({ level: 'ADVANCED_CERTIFIED', effectiveOn: '2026-11-29' });
  });
});

describe('customs: other lists and operators', () => {
  it('applies nothing for the abnormal operations list', async () => {
    const [, uscc] = await registeredRegular();
    const emitted = await deliver(h, customsSubgraph, listChange({
      kind: 'ABNORMAL_OPERATIONS', operatorUscc: uscc, decisionNumber: '穗天市监异〔2026〕9号', effectiveOn: '2026-11-01',
    }));
    expect(emitted).toEqual([]);
    const v = await view(uscc);
    expect(v.customsJointMeasures).toEqual([]);
    expect(v.clearanceMeasure.jointMeasureBasis).toBeNull();
  });

  it('records measures for an operator not registered with customs (they bind it when it registers); no clearance measure yet', async () => {
    let unregistered = '';
    for (const op of plan.operators) {
      if ((await view(op.uscc)).customsRegistration === null) {
        unregistered = op.uscc;
        break;
      }
    }
    expect(unregistered).not.toBe('');
    const emitted = await deliver(h, customsSubgraph, listChange({
      kind: 'CUSTOMS_DISHONEST', operatorUscc: unregistered, decisionNumber: '广州海关失信认定〔2026〕31号', effectiveOn: '2026-11-02',
    }, 'customs'));
    expect(emitted.map((e) => e.kind)).toEqual(['STRICT_CLEARANCE_REVIEW', 'ADVANCED_CERTIFICATION_EXCLUDED']);
    const v = await view(unregistered);
    expect(v.clearanceMeasure).toBeNull();
    expect(v.customsJointMeasures.every((m: { active: boolean }) => m.active)).toBe(true);
  });

  it('hides joint measures from the public', async () => {
    const res = await h.query(`query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Operator { customsJointMeasures { kind } } } }`, {
      reps: [representation(plan.operators[1].uscc)],
    });
    expect(res.data!._entities[0].customsJointMeasures).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
  });
});
