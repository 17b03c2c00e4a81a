import { customsSubgraph } from '../../../subgraphs/customs';
import { SubgraphHarness, startSubgraphForTest } from '../../support/subgraph-harness';
import { ENTITIES_QUERY, NOW, representation, seedPlan } from './customs-fixtures';
import { applyEvent, envelope } from '../../support/credit-events';
import { deliverQualification, qualification } from '../../support/qualifications';

const OPERATORS = 120;
const plan = seedPlan(OPERATORS);
const bad = plan.operators[0];
const good = plan.operators[1];

describe('customs subgraph: seeded reads', () => {
  let h: SubgraphHarness;
  /** Customs' own token: these tests read non-public fields (findings, measures) and write. */
  let customs: Record<string, string>;
  const query = (q: string, variables?: Record<string, unknown>) => h.query(q, variables, customs);

  beforeAll(async () => {
    h = await startSubgraphForTest(customsSubgraph, { seedOperators: OPERATORS, now: NOW });
    customs = await h.as({ role: 'agency', agency: 'customs' });
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function operator(uscc: string, extra: Record<string, unknown> = {}) {
    const res = await query(ENTITIES_QUERY, { representations: [representation(uscc, extra)] });
    expect(res.errors).toBeUndefined();
    return res.data!._entities[0];
  }

  it('resolves Operator references (_entities) with the key it was given', async () => {
    const res = await query(ENTITIES_QUERY, {
      representations: [representation(bad.uscc), representation(good.uscc)],
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities.map((e: { uscc: string }) => e.uscc)).toEqual([bad.uscc, good.uscc]);
  });

  it('shows the dishonest operator (index 0) with a full adverse customs record', async () => {
    // Started alone, customs has heard of no permit or licence from postal or finance: none is held.
    const op = await operator(bad.uscc);
    expect(op.customsRegistration.customsCode).toMatch(/^4401[1-79][1-9]\d{4}$/);
    expect(op.customsRegistration.region).toBe('4401');
    expect(op.customsRegistration.status).toBe('ACTIVE');
    expect(['DISHONEST', 'SERIOUSLY_DISHONEST']).toContain(op.customsCredit.current.level);
    expect(op.customsCredit.current.rulesVersion).toBe('GACC-ORDER-282');
    expect(op.customsRegistration.creditLevel).toBe(op.customsCredit.current.level);
    expect(op.customsCredit.dishonestyFindings.length).toBeGreaterThan(0);
    expect(op.customsCredit.dishonestyFindings.map((f: { ground: string }) => f.ground)).toContain('SMUGGLING');
    expect(op.customsPenalties.length).toBeGreaterThan(0);
    for (const p of op.customsPenalties) expect(p.fine).toMatch(/^\d+\.\d{2}$/);
    expect(op.clearanceMeasure).toMatchObject({
      level: op.customsCredit.current.level,
      inspectionRateBound: 'AT_LEAST',
      guaranteeRequirement: 'FULL',
      auditFrequency: 'INCREASED',
    });
    expect(parseFloat(op.clearanceMeasure.inspectionRateTarget)).toBeGreaterThanOrEqual(80);
    const logistics = op.crossBorderRoles.find((r: { kind: string }) => r.kind === 'LOGISTICS');
    expect(logistics).toMatchObject({ qualificationRequired: 'EXPRESS_PERMIT', qualificationHeld: false });
    expect(logistics.regimes.length).toBeGreaterThan(0);
  });

  it('shows the trustworthy operator (index 1) with a clean certified record', async () => {
    const op = await operator(good.uscc);
    expect(op.customsRegistration).not.toBeNull();
    expect(['CERTIFIED', 'ADVANCED_CERTIFIED']).toContain(op.customsCredit.current.level);
    expect(op.customsCredit.dishonestyFindings).toEqual([]);
    expect(op.customsPenalties).toEqual([]);
    // Order 251's advanced-certified measures (rate below 20% of the routine average, guarantee waived on application);
    // the certified level's inspection and guarantee measures await Order 282's text, so they are null.
    const advanced = op.customsCredit.current.level === 'ADVANCED_CERTIFIED';
    expect(op.clearanceMeasure.guaranteeRequirement).toBe(advanced ? 'NONE' : null);
    expect(op.clearanceMeasure.inspectionRateBound).toBe(advanced ? 'AT_MOST' : null);
    expect(op.clearanceMeasure.auditFrequency).toBe('REDUCED');
    for (const h of op.customsCredit.history) expect(['CERTIFIED', 'ADVANCED_CERTIFIED', 'REGULAR']).toContain(h.level);
  });

  it('keeps rating histories across the 2026-04-01 switch, each rating with the rules version of its date', async () => {
    const res = await query(ENTITIES_QUERY, {
      representations: plan.operators.map((o) => representation(o.uscc)),
    });
    expect(res.errors).toBeUndefined();
    const registered = res.data!._entities.filter((e: { customsRegistration: unknown }) => e.customsRegistration);
    // Roughly the cross-border operators are registered, and every registered operator was rated.
    const crossBorder = plan.operators.filter((o) => o.crossBorder).length;
    expect(registered.length).toBeGreaterThanOrEqual(crossBorder);
    expect(registered.length).toBeLessThan(crossBorder + OPERATORS * 0.15 + 2);
    let spanning = 0;
    for (const e of registered) {
      const history = e.customsCredit.history as { level: string; effectiveOn: string; rulesVersion: string }[];
      expect(history.length).toBeGreaterThan(0);
      for (const r of history) {
        expect(r.rulesVersion).toBe(r.effectiveOn < '2026-04-01' ? 'GACC-ORDER-251' : 'GACC-ORDER-282');
        if (r.rulesVersion === 'GACC-ORDER-251') expect(['ADVANCED_CERTIFIED', 'REGULAR', 'DISHONEST']).toContain(r.level);
      }
      if (history.some((r) => r.effectiveOn < '2026-04-01') && history.some((r) => r.effectiveOn >= '2026-04-01')) spanning++;
    }
    expect(spanning).toBeGreaterThan(registered.length / 2);
    // Profiles correlate: dishonest operators end dishonest, trustworthy ones certified.
    const byUscc = new Map(plan.operators.map((o) => [o.uscc, o]));
    for (const e of registered) {
      const profile = byUscc.get(e.uscc)!.profile;
      if (profile === 'DISHONEST') expect(['DISHONEST', 'SERIOUSLY_DISHONEST']).toContain(e.customsCredit.current.level);
      if (profile === 'TRUSTWORTHY') {
        expect(['CERTIFIED', 'ADVANCED_CERTIFIED']).toContain(e.customsCredit.current.level);
        expect(e.customsPenalties).toEqual([]);
      }
    }
    // Unregistered operators show nothing from customs.
    const unregistered = res.data!._entities.filter((e: { customsRegistration: unknown }) => !e.customsRegistration);
    expect(unregistered.length).toBeGreaterThan(0);
    for (const e of unregistered) {
      expect(e.clearanceMeasure).toBeNull();
      expect(e.customsCredit.history).toEqual([]);
      expect(e.crossBorderRoles).toEqual([]);
    }
  });

  it('issues the same number of SQL statements for 10 and for 100 operators', async () => {
    const reps = (n: number) =>
      plan.operators.slice(0, n).map((o) => representation(o.uscc));
    h.resetSqlCount();
    const ten = await query(ENTITIES_QUERY, { representations: reps(10) });
    const tenCount = h.sqlCount();
    h.resetSqlCount();
    const hundred = await query(ENTITIES_QUERY, { representations: reps(100) });
    const hundredCount = h.sqlCount();
    expect(ten.errors).toBeUndefined();
    expect(hundred.errors).toBeUndefined();
    expect(hundred.data!._entities).toHaveLength(100);
    expect(tenCount).toBeGreaterThan(0);
    expect(hundredCount).toBe(tenCount);
    // One statement per loader: registration, ratings, findings, roles, penalties, joint measures (clearanceMeasure),
    // and the received permits and licences of the operators in a role that needs one.
    expect(hundredCount).toBeLessThanOrEqual(7);
  });

  it('answers the qualification check from the permits and licences postal and finance published, on the request date', async () => {
    const q = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Operator {
      crossBorderRoles { kind qualificationRequired qualificationHeld } } } }`;
    // Every field selected is PUBLIC: no token needed. The representation is the key alone: nothing from the gateway.
    const roles = async () => {
      const res = await h.query(q, { r: [representation(bad.uscc)] });
      expect(res.errors).toBeUndefined();
      return res.data!._entities[0].crossBorderRoles as { kind: string; qualificationRequired: string | null; qualificationHeld: boolean | null }[];
    };
    const logistics = async () => (await roles()).find((r) => r.kind === 'LOGISTICS');
    expect(await logistics()).toEqual({ kind: 'LOGISTICS', qualificationRequired: 'EXPRESS_PERMIT', qualificationHeld: false });

    const permit = qualification(bad.uscc, 'EXPRESS_PERMIT', { number: '粤快许READ0001' });
    await deliverQualification(h, permit, { sequence: 10 });
    expect((await logistics())!.qualificationHeld).toBe(true);
    // A payment licence is not an express permit.
    await deliverQualification(h, qualification(bad.uscc, 'PAYMENT_LICENCE', { number: 'Z2024440000001' }));
    // Revoked as of a day after the request date: still valid today (NOW is 2026-11-29 in China).
    await deliverQualification(h, { ...permit, status: 'REVOKED', statusFrom: '2026-12-01' }, { sequence: 11 });
    expect((await logistics())!.qualificationHeld).toBe(true);
    await deliverQualification(h, { ...permit, status: 'REVOKED', statusFrom: '2026-11-29' }, { sequence: 12 });
    expect((await logistics())!.qualificationHeld).toBe(false);
    // An older state delivered late (the issue before the revocation) changes nothing.
    await deliverQualification(h, permit, { sequence: 9 });
    expect((await logistics())!.qualificationHeld).toBe(false);
    // A renewal beside the revoked one, not yet valid on the request date, then valid.
    const renewal = qualification(bad.uscc, 'EXPRESS_PERMIT', { number: '粤快许READ0002', validFrom: '2026-11-30' });
    await deliverQualification(h, renewal, { sequence: 13 });
    expect((await logistics())!.qualificationHeld).toBe(false);
    await deliverQualification(h, { ...renewal, validFrom: '2026-11-29' }, { sequence: 14 });
    expect((await logistics())!.qualificationHeld).toBe(true);
    for (const role of await roles()) {
      if (role.kind !== 'LOGISTICS' && role.kind !== 'PAYMENT') expect(role).toMatchObject({ qualificationRequired: null, qualificationHeld: null });
    }
  });

  it('refuses a QualificationChange from an agency that does not issue the qualification', async () => {
    const handler = customsSubgraph.eventHandlers!.QualificationChange;
    const change = qualification(bad.uscc, 'PAYMENT_LICENCE', { number: 'Z2024440000099' });
    await expect(
      applyEvent(h.subgraph.database.dataSource, handler, envelope('QualificationChange', 'postal', change, { sequence: 99 })),
    ).rejects.toThrow(/only finance issues PAYMENT_LICENCE/);
  });

  it('lists registrations as a cursor connection filtered by the level in effect', async () => {
    const op = await operator(bad.uscc);
    const level = op.customsCredit.current.level;
    const q = `query ($filter: CustomsRegistrationFilter, $first: Int, $after: String) {
      customsRegistrations(filter: $filter, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } nodes { customsCode creditLevel operator { uscc } } } }`;
    const filtered = await query(q, { filter: { level }, first: 100 });
    expect(filtered.errors).toBeUndefined();
    const conn = filtered.data!.customsRegistrations;
    expect(conn.totalCount).toBe(conn.nodes.length);
    expect(conn.nodes.map((n: { operator: { uscc: string } }) => n.operator.uscc)).toContain(bad.uscc);
    for (const n of conn.nodes) expect(n.creditLevel).toBe(level);
    const goodLevel = (await operator(good.uscc)).customsCredit.current.level;
    const other = await query(q, { filter: { level: goodLevel }, first: 100 });
    expect(other.data!.customsRegistrations.nodes.map((n: { operator: { uscc: string } }) => n.operator.uscc)).toContain(good.uscc);
    expect(other.data!.customsRegistrations.nodes.map((n: { operator: { uscc: string } }) => n.operator.uscc)).not.toContain(bad.uscc);

    // Pages do not overlap and add up to the total.
    const all = await query(q, { first: 100 });
    const total = all.data!.customsRegistrations.totalCount;
    const page1 = await query(q, { first: 3 });
    const page2 = await query(q, { first: 3, after: page1.data!.customsRegistrations.pageInfo.endCursor });
    expect(page1.data!.customsRegistrations.pageInfo.hasNextPage).toBe(true);
    const codes1 = page1.data!.customsRegistrations.nodes.map((n: { customsCode: string }) => n.customsCode);
    const codes2 = page2.data!.customsRegistrations.nodes.map((n: { customsCode: string }) => n.customsCode);
    expect(codes1.filter((c: string) => codes2.includes(c))).toEqual([]);
    expect(page2.data!.customsRegistrations.totalCount).toBe(total);
    // Every level's filter together covers every registration (never-rated ones count as REGULAR).
    let sum = 0;
    for (const l of ['ADVANCED_CERTIFIED', 'CERTIFIED', 'REGULAR', 'DISHONEST', 'SERIOUSLY_DISHONEST']) {
      sum += (await query(q, { filter: { level: l }, first: 0 })).data!.customsRegistrations.totalCount;
    }
    expect(sum).toBe(total);

    const tooMany = await query(q, { first: 100000 });
    expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lists findings, penalties and cross-border roles as connections with filters', async () => {
    const findings = await query(
      `query ($f: CustomsDishonestyFindingFilter) { customsDishonestyFindings(first: 50, filter: $f) {
        totalCount nodes { ground foundOn operator { uscc } } } }`,
      { f: { uscc: bad.uscc } },
    );
    expect(findings.errors).toBeUndefined();
    expect(findings.data!.customsDishonestyFindings.totalCount).toBeGreaterThan(0);
    for (const n of findings.data!.customsDishonestyFindings.nodes) expect(n.operator.uscc).toBe(bad.uscc);
    const smuggling = await query(
      `{ customsDishonestyFindings(first: 50, filter: { ground: SMUGGLING }) { totalCount nodes { ground } } }`,
    );
    expect(smuggling.data!.customsDishonestyFindings.totalCount).toBeGreaterThan(0);
    for (const n of smuggling.data!.customsDishonestyFindings.nodes) expect(n.ground).toBe('SMUGGLING');

    const penalties = await query(
      `query ($f: CustomsPenaltyFilter) { customsPenalties(first: 50, filter: $f) { totalCount nodes { fine decisionNumber operator { uscc } } } }`,
      { f: { uscc: bad.uscc } },
    );
    expect(penalties.errors).toBeUndefined();
    expect(penalties.data!.customsPenalties.totalCount).toBeGreaterThan(0);
    const goodPenalties = await query(
      `query ($f: CustomsPenaltyFilter) { customsPenalties(first: 50, filter: $f) { totalCount } }`,
      { f: { uscc: good.uscc } },
    );
    expect(goodPenalties.data!.customsPenalties.totalCount).toBe(0);

    const roles = await query(
      `{ customsCrossBorderRoles(first: 100, filter: { kind: LOGISTICS }) { totalCount nodes { kind qualificationRequired operator { uscc } } } }`,
    );
    expect(roles.errors).toBeUndefined();
    expect(roles.data!.customsCrossBorderRoles.nodes.map((n: { operator: { uscc: string } }) => n.operator.uscc)).toContain(bad.uscc);
    for (const n of roles.data!.customsCrossBorderRoles.nodes) {
      expect(n).toMatchObject({ kind: 'LOGISTICS', qualificationRequired: 'EXPRESS_PERMIT' });
    }
    const byRegime = await query(`{ customsCrossBorderRoles(first: 100, filter: { regime: REGIME_9610 }) { nodes { regimes } } }`);
    for (const n of byRegime.data!.customsCrossBorderRoles.nodes) expect(n.regimes).toContain('REGIME_9610');
  });

  it('publishes the versioned credit rules: three levels under order 251, five under order 282', async () => {
    const q = `query ($on: Date) { customsCreditRules(on: $on) { version effectiveFrom effectiveUntil levels defaultLevel
      measures { level inspectionRateTarget guaranteeRequirement } } }`;
    const before = await query(q, { on: '2026-03-31' });
    expect(before.data!.customsCreditRules).toMatchObject({
      version: 'GACC-ORDER-251',
      effectiveUntil: '2026-03-31',
      levels: ['ADVANCED_CERTIFIED', 'REGULAR', 'DISHONEST'],
    });
    const after = await query(q, { on: '2026-04-01' });
    expect(after.data!.customsCreditRules).toMatchObject({
      version: 'GACC-ORDER-282',
      effectiveFrom: '2026-04-01',
      effectiveUntil: null,
      levels: ['ADVANCED_CERTIFIED', 'CERTIFIED', 'REGULAR', 'DISHONEST', 'SERIOUSLY_DISHONEST'],
    });
    expect(after.data!.customsCreditRules.measures).toHaveLength(5);
    const none = await query(q, { on: '2020-01-01' });
    expect(none.data!.customsCreditRules).toBeNull();
  });
});
