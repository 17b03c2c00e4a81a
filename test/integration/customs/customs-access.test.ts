import { chinaToday } from '../../../shared/calendar/dates';
import { openAccessControlStore, type AccessControlStore } from '../../../shared/access-control';
import { Scope, type Caller } from '../../../shared/auth/caller';
import { readDeclarations } from '../../../shared/auth/field-guard';
import { ShareClass } from '../../../shared/auth/share-class';
import { buildFederatedSchema } from '../../../shared/subgraph/build-schema';
import { customsSubgraph } from '../../../subgraphs/customs';
import {
  CUSTOMS_PENALTY_PUBLICITY_RULES, penaltyInPublicity, penaltyPublicity, penaltyPublicityRulesOn,
} from '../../../subgraphs/customs/rules/penalty-publicity';
import { SubgraphHarness, startSubgraphForTest } from '../../support/subgraph-harness';
import { deliverQualification, qualification } from '../../support/qualifications';
import { CustomsPenaltyCaseKind } from '../../../subgraphs/customs/entities/enums';
import { representation, seedPlan } from './customs-fixtures';

/**
 * Field-level access straight to the customs subgraph: who gets which of customs' fields, row by row
 * (own record), which penalties the public sees (publicity period), and who may write. The request clock
 * is real: consent grants are dated by the access-control store's own clock.
 */
const OPERATORS = 20;
const plan = seedPlan(OPERATORS);
/** A: the dishonest seeded operator (findings with internal notes, penalties, a LOGISTICS role); B: the trustworthy one. */
const A = plan.operators[0].uscc;
const B = plan.operators[1].uscc;
const EVALUATOR = 'evaluator:customs-access-test';
const UNAUTHORIZED = 'UNAUTHORIZED_FIELD_OR_TYPE';

type Headers = Record<string, string>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
type Res = { data?: Json; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] };

const admin: Caller = {
  authenticated: true,
  role: 'admin',
  subject: 'admin:customs-access-test',
  scopes: new Set([Scope.ADMIN]),
  operators: [],
};

const today = chinaToday(new Date()); // customs judges publicity on the calendar day in China
function shift(iso: string, years: number, days = 0): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return new Date(d.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}
/** Smuggling decided exactly 3 years ago: its publicity ended today. One day later: still publicised (ends tomorrow). */
const EXPIRED = { decisionNumber: '穗关违字〔测试〕1号', decidedOn: shift(today, -3) };
const LAST_DAY = { decisionNumber: '穗关违字〔测试〕2号', decidedOn: shift(today, -3, 1) };

const PUBLIC_VIEW = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Operator {
  uscc
  customsRegistration { customsCode region economicZone enterpriseType registeredOn registeringOffice status creditLevel operator { uscc } }
  customsCredit { operator { uscc } current { id level effectiveOn rulesVersion } history { level effectiveOn rulesVersion operator { uscc } } }
  crossBorderRoles { id kind regimes registeredOn qualificationRequired qualificationHeld operator { uscc } }
  customsPenalties { id decisionNumber caseKind facts fine decidedOn decidingOffice publicUntil inPublicity publicityRulesVersion operator { uscc } }
} } }`;

const CASE_VIEW = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Operator {
  uscc
  clearanceMeasure { level rulesVersion inspectionRateTarget }
  customsCredit { current { level reason } dishonestyFindings { id ground facts foundOn decisionNumber operator { uscc } } }
} } }`;

const NOTES_VIEW = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Operator {
  customsCredit { dishonestyFindings { id internalNote } } } } }`;

const PENALTY_DATES = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Operator {
  customsPenalties { decisionNumber caseKind decidedOn inPublicity } } } }`;

const ROOT_FINDINGS = `query ($f: CustomsDishonestyFindingFilter) {
  customsDishonestyFindings(first: 50, filter: $f) { totalCount nodes { ground operator { uscc } } } }`;
const ROOT_PENALTIES = `query ($f: CustomsPenaltyFilter) {
  customsPenalties(first: 50, filter: $f) { totalCount nodes { decisionNumber inPublicity } } }`;

function unauthorizedPaths(res: Res): string[] {
  return (res.errors ?? []).filter((e) => e.extensions?.code === UNAUTHORIZED).map((e) => (e.path ?? []).join('.'));
}

describe('customs penalty publicity rules', () => {
  const K = CustomsPenaltyCaseKind;
  it('are versioned and end publicity by decision kind: 3 years after smuggling, 1 year after the others (exclusive)', () => {
    expect(CUSTOMS_PENALTY_PUBLICITY_RULES.length).toBeGreaterThan(0);
    for (const v of CUSTOMS_PENALTY_PUBLICITY_RULES) expect(v).toMatchObject({ version: expect.any(String), effectiveFrom: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    const smuggling = { decidedOn: '2023-05-10', caseKind: K.SMUGGLING };
    expect(penaltyPublicity(smuggling)).toEqual({ rulesVersion: 'GACC-PENALTY-PUBLICITY-2021.2', publicityMonths: 36, publicUntil: '2026-05-10' });
    expect(penaltyInPublicity(smuggling, '2026-05-09')).toBe(true);
    expect(penaltyInPublicity(smuggling, '2026-05-10')).toBe(false);
    for (const caseKind of [K.REGULATORY_VIOLATION, K.FALSE_DECLARATION, K.IPR_INFRINGEMENT, K.QUARANTINE_VIOLATION, K.OTHER]) {
      const general = { decidedOn: '2025-05-10', caseKind };
      expect(penaltyPublicity(general)).toMatchObject({ publicityMonths: 12, publicUntil: '2026-05-10' });
      expect([caseKind, penaltyInPublicity(general, '2026-05-09'), penaltyInPublicity(general, '2026-05-10')]).toEqual([caseKind, true, false]);
    }
    // A decision on 29 February ends on the last day of February a year later.
    expect(penaltyPublicity({ decidedOn: '2024-02-29', caseKind: K.OTHER }).publicUntil).toBe('2025-02-28');
    expect(penaltyInPublicity({ decidedOn: '2026-06-01', caseKind: K.SMUGGLING }, '2026-05-31')).toBe(false); // not yet decided
    // Decisions older than the first version are judged by it; a later version applies from its date only.
    expect(penaltyPublicityRulesOn('2015-01-01').version).toBe('GACC-PENALTY-PUBLICITY-2021.2');
    const months = (n: number) => Object.fromEntries(Object.values(K).map((k) => [k, n])) as Record<CustomsPenaltyCaseKind, number>;
    const versions = [
      { version: 'V1', effectiveFrom: '2021-01-01', source: 'test', publicityMonths: months(36) },
      { version: 'V2', effectiveFrom: '2027-01-01', source: 'test', publicityMonths: months(12) },
    ];
    expect(penaltyPublicity({ decidedOn: '2026-12-31', caseKind: K.OTHER }, versions)).toMatchObject({ rulesVersion: 'V1', publicUntil: '2029-12-31' });
    expect(penaltyPublicity({ decidedOn: '2027-01-01', caseKind: K.OTHER }, versions)).toMatchObject({ rulesVersion: 'V2', publicUntil: '2028-01-01' });
  });

  it('every decision kind has a period with its source or an unconfirmed mark', () => {
    for (const v of CUSTOMS_PENALTY_PUBLICITY_RULES) {
      for (const kind of Object.values(K)) {
        expect([kind, v.publicityMonths[kind] > 0, v.figureSources?.[`publicityMonths.${kind}`]]).toEqual([kind, true, expect.anything()]);
      }
    }
  });
});

describe('customs subgraph: field-level access', () => {
  let h: SubgraphHarness;
  let store: AccessControlStore;
  const as: Record<'customs' | 'market' | 'evaluator' | 'operatorA' | 'operatorB' | 'admin', Headers> = {} as never;
  const anonymous: Headers = {};
  const reps = (...codes: string[]) => ({ reps: codes.map((c) => representation(c)) });

  beforeAll(async () => {
    h = await startSubgraphForTest(customsSubgraph, { seedOperators: OPERATORS });
    store = await openAccessControlStore(h.config.accessControl);
    as.customs = await h.as({ role: 'agency', agency: 'customs' });
    as.market = await h.as({ role: 'agency', agency: 'market-regulation' });
    as.evaluator = await h.as({ role: 'evaluator', subject: EVALUATOR });
    as.operatorA = await h.as({ role: 'operator', operators: [A] });
    as.operatorB = await h.as({ role: 'operator', operators: [B] });
    as.admin = await h.as({ role: 'admin' });
    const RECORD = `mutation ($input: RecordCustomsPenaltyInput!) { recordCustomsPenalty(input: $input) { id } }`;
    for (const p of [EXPIRED, LAST_DAY]) {
      const res = await h.query(RECORD, { input: { uscc: A, caseKind: 'SMUGGLING', facts: '走私', fine: '3000', ...p } }, as.customs);
      expect(res.errors).toBeUndefined();
    }
  });
  afterAll(async () => {
    await store?.close();
    await h?.stop();
  });

  it('declares every field of the subgraph, with the agreed share classes', async () => {
    const { schema } = await buildFederatedSchema(customsSubgraph);
    const { declarations, undeclared } = readDeclarations(schema);
    expect(undeclared).toEqual([]);
    const classOf = Object.fromEntries(declarations.map((d) => [d.coordinate, d.shareClass]));
    const P = ShareClass.PUBLIC;
    const G = ShareClass.GOV_SHARED;
    const expected: Record<string, ShareClass> = {
      'Operator.uscc': P,
      'Operator.customsRegistration': P, 'Operator.customsCredit': P, 'Operator.crossBorderRoles': P,
      'Operator.customsPenalties': P, 'Operator.clearanceMeasure': G,
      'CustomsRegistration.customsCode': P, 'CustomsRegistration.enterpriseType': P, 'CustomsRegistration.status': P,
      'CustomsRegistration.region': P, 'CustomsRegistration.creditLevel': P,
      'CustomsCredit.current': P, 'CustomsCredit.history': P, 'CustomsCredit.dishonestyFindings': G,
      'CustomsCreditRating.level': P, 'CustomsCreditRating.effectiveOn': P, 'CustomsCreditRating.rulesVersion': P,
      'CustomsCreditRating.reason': G,
      'CustomsDishonestyFinding.ground': G, 'CustomsDishonestyFinding.facts': G, 'CustomsDishonestyFinding.operator': G,
      'CustomsDishonestyFinding.internalNote': ShareClass.AGENCY_PRIVATE,
      'CrossBorderRole.kind': P, 'CrossBorderRole.regimes': P, 'CrossBorderRole.qualificationRequired': P,
      'CrossBorderRole.qualificationHeld': P,
      'CustomsPenalty.decisionNumber': P, 'CustomsPenalty.facts': P, 'CustomsPenalty.fine': P, 'CustomsPenalty.publicUntil': P,
      'CustomsClearanceMeasure.level': P, 'CustomsCreditRules.measures': P,
      'Query.customsRegistration': P, 'Query.customsRegistrations': P, 'Query.customsCrossBorderRoles': P,
      'Query.customsCreditRules': P, 'Query.customsCreditRuleVersions': P,
      'Query.customsDishonestyFindings': G, 'Query.customsPenalties': G,
      // Credit repair (issue 10): market regulation asks on the applicant's behalf; the operator sees its own.
      'Query.customsCreditRepairAssessment': G, 'CustomsCreditRepairAssessment.eligible': G,
      'CustomsCreditRepairConditionResult.rule': G,
    };
    // No field of another agency: the qualifications the cross-border check needs arrive as events.
    expect(readDeclarations(schema).external).toEqual([]);
    for (const [coordinate, shareClass] of Object.entries(expected)) {
      expect([coordinate, classOf[coordinate]]).toEqual([coordinate, shareClass]);
    }
    const mutations = declarations.filter((d) => d.coordinate.startsWith('Mutation.'));
    expect(mutations.map((d) => d.coordinate).sort()).toEqual([
      'Mutation.recordCustomsCreditRating', 'Mutation.recordCustomsDishonestyFinding', 'Mutation.recordCustomsPenalty',
      'Mutation.registerCrossBorderRole', 'Mutation.registerCustomsEnterprise', 'Mutation.removeCustomsDishonestyFinding',
    ]);
    for (const m of mutations) expect(m).toMatchObject({ shareClass: ShareClass.AGENCY_WRITE, scopes: [['customs:write']] });
    expect(declarations.find((d) => d.coordinate === 'CustomsDishonestyFinding.internalNote')).toMatchObject({
      scopes: [['agency:customs'], ['admin']],
    });
    // No customs field holds personal information (penalties name enterprises, never natural persons).
    expect(declarations.filter((d) => d.shareClass === ShareClass.PII)).toEqual([]);
  });

  it('gives anonymous callers every public field, without errors', async () => {
    const res = await h.query(PUBLIC_VIEW, reps(A, B), anonymous);
    expect(res.errors).toBeUndefined();
    const [a, b] = res.data!._entities;
    expect(a.uscc).toBe(A);
    expect(a.customsRegistration).toMatchObject({ region: '4401', status: 'ACTIVE', operator: { uscc: A } });
    expect(['DISHONEST', 'SERIOUSLY_DISHONEST']).toContain(a.customsCredit.current.level);
    expect(a.customsRegistration.creditLevel).toBe(a.customsCredit.current.level);
    expect(a.customsCredit.history.length).toBeGreaterThan(0);
    expect(a.crossBorderRoles.map((r: Json) => r.kind)).toContain('LOGISTICS');
    expect(a.customsPenalties.length).toBeGreaterThan(0);
    expect(['CERTIFIED', 'ADVANCED_CERTIFIED']).toContain(b.customsCredit.current.level);

    const roots = await h.query(`{
      customsRegistrations(first: 5) { totalCount nodes { customsCode creditLevel } }
      customsCrossBorderRoles(first: 5) { totalCount nodes { kind qualificationRequired } }
      customsCreditRules { version levels measures { level inspectionRateTarget guaranteeRequirement } }
      customsCreditRuleVersions { version effectiveFrom }
    }`, undefined, anonymous);
    expect(roots.errors).toBeUndefined();
    expect(roots.data!.customsRegistrations.totalCount).toBeGreaterThan(0);
    expect(roots.data!.customsCrossBorderRoles.totalCount).toBeGreaterThan(0);
    expect(roots.data!.customsCreditRules.measures).toHaveLength(5);
    expect(roots.data!.customsCreditRuleVersions.map((v: Json) => v.version)).toEqual(['GACC-ORDER-251', 'GACC-ORDER-282']);
  });

  it('withholds case details from anonymous callers: null and one error per field', async () => {
    const res = await h.query(CASE_VIEW, reps(A), anonymous);
    const op = res.data!._entities[0];
    expect(op.uscc).toBe(A);
    expect(op.clearanceMeasure).toBeNull();
    expect(op.customsCredit.current.level).toMatch(/DISHONEST/);
    expect(op.customsCredit.current.reason).toBeNull();
    expect(op.customsCredit.dishonestyFindings).toBeNull();
    expect(unauthorizedPaths(res).sort()).toEqual([
      '_entities.0.clearanceMeasure',
      '_entities.0.customsCredit.current.reason',
      '_entities.0.customsCredit.dishonestyFindings',
    ]);
    expect(res.errors!.every((e) => e.message === 'Unauthorized field or type')).toBe(true);

    for (const [q, field] of [[ROOT_FINDINGS, 'customsDishonestyFindings'], [ROOT_PENALTIES, 'customsPenalties']] as const) {
      const root = await h.query(q, { f: { uscc: A } }, anonymous);
      expect(root.data![field]).toBeNull();
      expect(unauthorizedPaths(root)).toEqual([field]);
    }
  });

  it('shows the public only penalties within their publicity period; agencies, admins and the operator see all', async () => {
    const full = await h.query(PENALTY_DATES, reps(A), as.customs);
    expect(full.errors).toBeUndefined();
    const all = full.data!._entities[0].customsPenalties as { decisionNumber: string; caseKind: CustomsPenaltyCaseKind; decidedOn: string; inPublicity: boolean }[];
    const numbers = all.map((p) => p.decisionNumber);
    expect(numbers).toEqual(expect.arrayContaining([EXPIRED.decisionNumber, LAST_DAY.decisionNumber]));
    expect(all.find((p) => p.decisionNumber === EXPIRED.decisionNumber)!.inPublicity).toBe(false);
    expect(all.find((p) => p.decisionNumber === LAST_DAY.decisionNumber)!.inPublicity).toBe(true);
    for (const p of all) expect(p.inPublicity).toBe(penaltyInPublicity(p, today));
    const publicised = all.filter((p) => p.inPublicity).map((p) => p.decisionNumber);
    expect(publicised.length).toBeLessThan(all.length);

    for (const who of ['market', 'admin', 'operatorA'] as const) {
      const res = await h.query(PENALTY_DATES, reps(A), as[who]);
      expect(res.errors).toBeUndefined();
      expect([who, res.data!._entities[0].customsPenalties.map((p: Json) => p.decisionNumber)]).toEqual([who, numbers]);
    }
    for (const [who, headers] of [['anonymous', anonymous], ['evaluator', as.evaluator], ['operatorB', as.operatorB]] as const) {
      const res = await h.query(PENALTY_DATES, reps(A), headers);
      expect(res.errors).toBeUndefined();
      expect([who, res.data!._entities[0].customsPenalties.map((p: Json) => p.decisionNumber)]).toEqual([who, publicised]);
    }

    // The root list is the full history, for agencies.
    const root = await h.query(ROOT_PENALTIES, { f: { uscc: A } }, as.market);
    expect(root.errors).toBeUndefined();
    expect(root.data!.customsPenalties.totalCount).toBe(all.length);
  });

  it('lets another agency read GOV_SHARED case details but not customs\' internal notes', async () => {
    const res = await h.query(CASE_VIEW, reps(A, B), as.market);
    expect(res.errors).toBeUndefined();
    const [a, b] = res.data!._entities;
    expect(a.clearanceMeasure).toMatchObject({ inspectionRateTarget: expect.stringMatching(/%$/) });
    expect(a.customsCredit.current.reason).toEqual(expect.any(String));
    expect(a.customsCredit.dishonestyFindings.length).toBeGreaterThan(0);
    for (const f of a.customsCredit.dishonestyFindings) expect(f.operator.uscc).toBe(A);
    expect(b.customsCredit.dishonestyFindings).toEqual([]);

    const roots = await h.query(ROOT_FINDINGS, { f: { uscc: A } }, as.market);
    expect(roots.errors).toBeUndefined();
    expect(roots.data!.customsDishonestyFindings.totalCount).toBe(a.customsCredit.dishonestyFindings.length);

    const own = await h.query(NOTES_VIEW, reps(A), as.customs);
    expect(own.errors).toBeUndefined();
    const ownFindings = own.data!._entities[0].customsCredit.dishonestyFindings as { id: string; internalNote: string | null }[];
    expect(ownFindings.some((f) => typeof f.internalNote === 'string' && f.internalNote.length > 0)).toBe(true);

    const other = await h.query(NOTES_VIEW, reps(A), as.market);
    const otherFindings = other.data!._entities[0].customsCredit.dishonestyFindings as { id: string; internalNote: string | null }[];
    expect(otherFindings.map((f) => f.id)).toEqual(ownFindings.map((f) => f.id));
    for (const f of otherFindings) expect(f.internalNote).toBeNull();
    expect(unauthorizedPaths(other)).toEqual(
      otherFindings.map((_, i) => `_entities.0.customsCredit.dishonestyFindings.${i}.internalNote`),
    );

    const asAdmin = await h.query(NOTES_VIEW, reps(A), as.admin);
    expect(asAdmin.errors).toBeUndefined();
    expect(asAdmin.data!._entities[0].customsCredit.dishonestyFindings).toEqual(ownFindings);
  });

  it('lets the operator read its own case details (not the internal notes), never another operator\'s', async () => {
    const res = await h.query(CASE_VIEW, reps(A, B), as.operatorA);
    const [a, b] = res.data!._entities;
    expect(a.clearanceMeasure).not.toBeNull();
    expect(a.customsCredit.current.reason).toEqual(expect.any(String));
    expect(a.customsCredit.dishonestyFindings.length).toBeGreaterThan(0);
    expect(b.clearanceMeasure).toBeNull();
    expect(b.customsCredit.current.reason).toBeNull();
    expect(b.customsCredit.dishonestyFindings).toBeNull();
    expect(unauthorizedPaths(res).sort()).toEqual([
      '_entities.1.clearanceMeasure',
      '_entities.1.customsCredit.current.reason',
      '_entities.1.customsCredit.dishonestyFindings',
    ]);

    const notes = await h.query(NOTES_VIEW, reps(A), as.operatorA);
    const findings = notes.data!._entities[0].customsCredit.dishonestyFindings as { internalNote: string | null }[];
    for (const f of findings) expect(f.internalNote).toBeNull();
    expect(unauthorizedPaths(notes)).toHaveLength(findings.length);

    // Root lists span operators: agencies only, even filtered to the operator's own code.
    for (const [q, field] of [[ROOT_FINDINGS, 'customsDishonestyFindings'], [ROOT_PENALTIES, 'customsPenalties']] as const) {
      const root = await h.query(q, { f: { uscc: A } }, as.operatorA);
      expect(root.data![field]).toBeNull();
      expect(unauthorizedPaths(root)).toEqual([field]);
    }
  });

  it('gives evaluators no case details, with or without the operator\'s consent (consent opens AUTHORIZED_QUERY only)', async () => {
    const denied = async () => {
      const res = await h.query(CASE_VIEW, reps(A), as.evaluator);
      const op = res.data!._entities[0];
      expect(op.clearanceMeasure).toBeNull();
      expect(op.customsCredit.dishonestyFindings).toBeNull();
      expect(op.customsCredit.current.level).toMatch(/DISHONEST/);
      expect(unauthorizedPaths(res)).toHaveLength(3);
    };
    await denied();
    const grant = await store.grantConsent(
      { operatorUscc: A, evaluatorSubject: EVALUATOR, purpose: '跨境电商信用评估', expiresAt: new Date(Date.now() + 86_400_000) },
      admin,
    );
    await denied();
    const publicView = await h.query(PUBLIC_VIEW, reps(A), as.evaluator);
    expect(publicView.errors).toBeUndefined();
    await store.revokeConsent(grant.id, admin);
    await denied();
  });

  it('refuses every mutation without customs:write, and changes nothing', async () => {
    const D = plan.operators[5].uscc;
    const STATE = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Operator {
      customsRegistration { customsCode } customsCredit { history { level effectiveOn } dishonestyFindings { id } }
      crossBorderRoles { kind } customsPenalties { decisionNumber } } } }`;
    const state = async () => (await h.query(STATE, reps(A, D), as.customs)).data;
    const before = await state();
    const attempts: [string, Record<string, unknown>][] = [
      ['mutation ($i: RegisterCustomsEnterpriseInput!) { registerCustomsEnterprise(input: $i) { customsCode } }',
        { uscc: D, customsCode: '4401969901', registeredOn: '2025-06-01' }],
      ['mutation ($i: RecordCustomsCreditRatingInput!) { recordCustomsCreditRating(input: $i) { current { level } } }',
        { uscc: A, level: 'REGULAR', effectiveOn: today, reason: '复核' }],
      ['mutation ($i: RecordCustomsDishonestyFindingInput!) { recordCustomsDishonestyFinding(input: $i) { id } }',
        { uscc: A, ground: 'OTHER', facts: '测试', foundOn: today, decisionNumber: '穗关信认字〔测试〕1号', decidingAuthority: '广州海关' }],
      ['mutation ($i: RemoveCustomsDishonestyFindingInput!) { removeCustomsDishonestyFinding(input: $i) { id } }',
        { findingId: '1', kind: 'CORRECTED', decisionNumber: '穗关信移字〔测试〕1号', decidingAuthority: '广州海关', removedOn: today, reason: '测试' }],
      ['mutation ($i: RegisterCrossBorderRoleInput!) { registerCrossBorderRole(input: $i) { id } }',
        { uscc: A, kind: 'PLATFORM', regimes: ['REGIME_9610'], registeredOn: today }],
      ['mutation ($i: RecordCustomsPenaltyInput!) { recordCustomsPenalty(input: $i) { id } }',
        { uscc: A, decisionNumber: '穗关违字〔测试〕99号', caseKind: 'OTHER', facts: '测试', fine: '1', decidedOn: today }],
    ];
    for (const headers of [anonymous, as.market, as.evaluator, as.operatorA]) {
      for (const [mutation, input] of attempts) {
        const res = await h.query(mutation, { i: input }, headers);
        const field = Object.keys(res.data ?? {})[0];
        expect(field === undefined || res.data![field] === null).toBe(true);
        expect(res.errors?.map((e) => e.extensions?.code)).toEqual([UNAUTHORIZED]);
      }
    }
    expect(await state()).toEqual(before);
  });

  it('lets customs write, including the internal note only customs reads back', async () => {
    const res = await h.query(
      `mutation ($i: RecordCustomsDishonestyFindingInput!) { recordCustomsDishonestyFinding(input: $i) { id ground internalNote } }`,
      { i: { uscc: A, ground: 'UNPAID_TAX', facts: '拖欠税款', foundOn: today, decisionNumber: '穗关信认字〔测试〕2号', decidingAuthority: '广州海关', internalNote: '银行流水显示有能力缴纳' } },
      as.customs,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordCustomsDishonestyFinding).toMatchObject({ ground: 'UNPAID_TAX', internalNote: '银行流水显示有能力缴纳' });
    const id = res.data!.recordCustomsDishonestyFinding.id;
    const other = await h.query(NOTES_VIEW, reps(A), as.market);
    expect(other.data!._entities[0].customsCredit.dishonestyFindings.find((f: Json) => f.id === id)).toEqual({ id, internalNote: null });
  });

  it('resolves references (_entities) under the guard and answers the qualification check for anonymous callers', async () => {
    const q = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Operator {
      uscc crossBorderRoles { kind qualificationRequired qualificationHeld } } } }`;
    const logistics = (res: Res) => res.data!._entities[0].crossBorderRoles.find((r: Json) => r.kind === 'LOGISTICS');
    const without = await h.query(q, { r: [representation(A)] }, anonymous);
    expect(without.errors).toBeUndefined();
    expect(without.data!._entities[0].uscc).toBe(A);
    expect(logistics(without)).toEqual({ kind: 'LOGISTICS', qualificationRequired: 'EXPRESS_PERMIT', qualificationHeld: false });
    // Fields of other agencies in a representation are not customs' to believe: only what postal published counts.
    const claimed = await h.query(q, { r: [representation(A, { holdsValidExpressPermit: true })] }, anonymous);
    expect(logistics(claimed).qualificationHeld).toBe(false);
    await deliverQualification(h, qualification(A, 'EXPRESS_PERMIT', { validFrom: '2020-01-01', validUntil: '2099-12-31' }));
    const held = await h.query(q, { r: [representation(A)] }, anonymous);
    expect(held.errors).toBeUndefined();
    expect(logistics(held).qualificationHeld).toBe(true);
    // Several references at once, in order, including an operator customs does not know.
    const unregistered = plan.operators.find((o) => !o.crossBorder && o.index > 1)!.uscc;
    const many = await h.query(PUBLIC_VIEW, reps(B, unregistered, A), anonymous);
    expect(many.errors).toBeUndefined();
    expect(many.data!._entities.map((e: Json) => e.uscc)).toEqual([B, unregistered, A]);
  });
});
