import { chinaToday } from '../../../shared/calendar/dates';
import { completeUscc } from '../../../shared/credit-code/uscc';
import { marketRegulationSubgraph } from '../../../subgraphs/market-regulation';
import { CreditAssessment } from '../../../subgraphs/market-regulation/entities/credit-assessment.entity';
import { SubgraphHarness, startSubgraphForTest } from '../../support/subgraph-harness';
import { NOW, OPERATOR_FIELDS, OPERATOR_QUERY, seedPlan, TODAY } from './fixtures';

const OPERATORS = 120;
const plan = seedPlan(OPERATORS);
const dishonest = plan.operators[0];
const trustworthy = plan.operators[1];

/* Independent date arithmetic for the expectations (UTC calendar, clamped to month end). */
function plusMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, last))).toISOString().slice(0, 10);
}

type Op = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('market-regulation subgraph: reads on seeded data', () => {
  let h: SubgraphHarness;
  let auth: Record<string, string>;
  const query: SubgraphHarness['query'] = (q, variables, headers) => h.query(q, variables, { ...auth, ...headers });
  let all: Op[];

  beforeAll(async () => {
    h = await startSubgraphForTest(marketRegulationSubgraph, { seedOperators: OPERATORS, now: NOW });
    // Market regulation's own staff with pii:read: every field of the subgraph, unmasked.
    auth = await h.as({ role: 'agency', agency: 'market-regulation', scopes: ['pii:read'] });
    const q = `query ($after: String) { operators(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { ${OPERATOR_FIELDS} } } }`;
    const first = await query(q);
    expect(first.errors).toBeUndefined();
    const second = await query(q, { after: first.data!.operators.pageInfo.endCursor });
    expect(second.errors).toBeUndefined();
    all = [...first.data!.operators.nodes, ...second.data!.operators.nodes];
  });
  afterAll(async () => {
    await h?.stop();
  });

  const byCode = (uscc: string) => all.find((o) => o.uscc === uscc) as Op;

  it('shows the registration contract of an operator', async () => {
    const res = await query(OPERATOR_QUERY, { uscc: trustworthy.uscc });
    expect(res.errors).toBeUndefined();
    const op = res.data!.operator;
    expect(op).toMatchObject({
      uscc: trustworthy.uscc,
      name: trustworthy.name,
      subjectType: trustworthy.subjectType,
      registration: {
        legalRepresentative: trustworthy.legalRepresentative,
        districtCode: trustworthy.districtCode,
        status: 'EXISTING',
        establishedOn: trustworthy.establishedOn,
      },
    });
    expect(op.registration.address).toContain(trustworthy.districtName);
  });

  it('shows the dishonest operator (index 0) with current penalties, listings, high risk and escalation', async () => {
    const res = await query(OPERATOR_QUERY, { uscc: dishonest.uscc });
    expect(res.errors).toBeUndefined();
    const op = res.data!.operator;
    expect(op.penalties.length).toBeGreaterThan(1);
    expect(op.penalties.filter((p: Op) => p.fineAmount !== null).length).toBeGreaterThan(0);
    const inPublicity = op.penalties.filter((p: Op) => p.inPublicity);
    expect(inPublicity.length).toBeGreaterThan(0);
    for (const p of inPublicity) expect(p.decidedOn <= TODAY && TODAY < p.publicUntil).toBe(true);

    expect(op.onAbnormalList).toBe(true);
    expect(op.abnormalOperations.some((a: Op) => a.current && a.removedOn === null)).toBe(true);

    expect(op.onSeriousDishonestList).toBe(true);
    const listing = op.seriousDishonesty.find((s: Op) => s.current);
    expect(listing.removedOn).toBeNull();
    expect(listing.autoRemovalOn).toBe(plusMonths(listing.listedOn, 36));
    expect(listing.earlyRemovalEligibleOn).toBe(plusMonths(listing.listedOn, 12));
    expect(listing.measures).toEqual(expect.arrayContaining(['KEY_SUPERVISION', 'NO_NOTIFICATION_COMMITMENT']));
    expect(listing.basisPenalties.map((p: Op) => p.decisionNumber)).toEqual(listing.basisDecisionNumbers);
    expect(op.penalties.map((p: Op) => p.decisionNumber)).toEqual(expect.arrayContaining(listing.basisDecisionNumbers));

    expect(['C', 'D']).toContain(op.riskClass.class);
    expect(op.riskClass.samplingRatio.minPercent).toBeGreaterThanOrEqual(20);
    expect(op.qualitySpotChecks.some((c: Op) => c.result === 'UNQUALIFIED')).toBe(true);
    const kinds = [...op.regulatoryActions].reverse().map((a: Op) => a.kind);
    expect(kinds).toEqual(expect.arrayContaining(['INTERVIEW', 'NOTICE', 'PENALTY']));
    expect(kinds.indexOf('INTERVIEW')).toBeLessThan(kinds.indexOf('NOTICE'));
    expect(kinds.indexOf('NOTICE')).toBeLessThan(kinds.indexOf('PENALTY'));
    expect(op.storefrontDisclosureChecks.length).toBe(dishonest.platformIds.length);
  });

  it('shows the trustworthy operator (index 1) clean, nothing against it in its assessment, with valid licences and compliant storefronts', async () => {
    const res = await query(OPERATOR_QUERY, { uscc: trustworthy.uscc });
    const op = res.data!.operator;
    expect(op).toMatchObject({ penalties: [], abnormalOperations: [], seriousDishonesty: [], onAbnormalList: false, onSeriousDishonestList: false });
    expect(op.creditAssessment.factors.every((f: Op) => f.contribution >= 0)).toBe(true);
    expect(['A', 'B']).toContain(op.creditAssessment.grade);
    // The class follows the grade (GZ-RISK-CLASS-2026.1 maps A-D to A-D), with the sampling band of that class.
    const band = { A: { minPercent: 0, maxPercent: 5 }, B: { minPercent: 5, maxPercent: 20 } }[op.creditAssessment.grade as 'A' | 'B'];
    expect(op.riskClass).toMatchObject({ class: op.creditAssessment.grade, samplingRatio: band });
    expect(op.licenses.length).toBeGreaterThan(0);
    for (const l of op.licenses) {
      expect(l.status).toBe('VALID');
      if (l.validUntil) expect(l.validUntil >= TODAY).toBe(true);
    }
    expect(op.storefrontDisclosureChecks.length).toBeGreaterThan(0);
    expect(op.storefrontDisclosureChecks.every((c: Op) => c.compliant && c.licenseShown)).toBe(true);
    expect(op.qualitySpotChecks.every((c: Op) => c.result === 'QUALIFIED')).toBe(true);
    expect(op.regulatoryActions).toEqual([]);
  });

  it('gives every operator an assessment, the risk class derived from it, and platform registry entries for its platforms', () => {
    expect(all).toHaveLength(OPERATORS);
    for (const seeded of plan.operators) {
      const op = byCode(seeded.uscc);
      // Not seeded: derived from the assessment its seeded signal produced, in the month it was assessed.
      const assessed = op.creditAssessment;
      expect(assessed).toMatchObject({ modelVersion: 'GZ-CCA-2026.1' });
      expect(op.riskClassHistory).toHaveLength(1);
      expect(op.riskClass).toMatchObject({
        class: assessed.grade, score: assessed.score, modelVersion: assessed.modelVersion,
        classificationVersion: 'GZ-RISK-CLASS-2026.1', classifiedAt: assessed.assessedAt,
        month: chinaToday(new Date(assessed.assessedAt)).slice(0, 7),
      });
      expect([...new Set(op.platformRegistrations.map((r: Op) => r.platformId))].sort()).toEqual([...seeded.platformIds].sort());
      for (const r of op.platformRegistrations) {
        expect(r.reportingPeriod).toMatch(/^\d{4}-H[12]$/);
        expect(r.nextVerificationDue).toBe(plusMonths(r.verifiedAt.slice(0, 10), 6));
      }
    }
  });

  it('correlates the records with the credit profile', () => {
    for (const seeded of plan.operators) {
      const op = byCode(seeded.uscc);
      if (seeded.profile === 'TRUSTWORTHY') {
        expect(op.penalties).toEqual([]);
        expect(op.abnormalOperations).toEqual([]);
        expect(op.seriousDishonesty).toEqual([]);
        expect(['A', 'B']).toContain(op.riskClass.class);
        expect(op.licenses.every((l: Op) => l.status === 'VALID')).toBe(true);
      } else if (seeded.profile === 'DISHONEST') {
        expect(op.penalties.length).toBeGreaterThanOrEqual(2);
        expect(['C', 'D']).toContain(op.riskClass.class);
      }
    }
    const dishonestOps = plan.operators.filter((o) => o.profile === 'DISHONEST').map((o) => byCode(o.uscc));
    expect(dishonestOps.filter((o) => o.onSeriousDishonestList).length).toBeGreaterThan(1);
    expect(dishonestOps.some((o) => o.penalties.some((p: Op) => p.lawField === 'FOOD'))).toBe(true);
    expect(dishonestOps.some((o) => o.penalties.some((p: Op) => p.violationType.includes('虚假广告')))).toBe(true);
  });

  it('computes penalty publicity from the rules (3 months for small fines, 3 years or longer restriction, warnings unpublished)', () => {
    const penalties = all.flatMap((o) => o.penalties);
    expect(penalties.length).toBeGreaterThan(20);
    for (const p of penalties) {
      const fine = p.fineAmount === null ? 0 : Number(p.fineAmount);
      expect(p.rulesVersion).toBe('SAMR-PENALTY-PUBLICITY-2021.1');
      if (p.categories.every((c: string) => c === 'WARNING')) {
        expect(p).toMatchObject({ published: false, publicUntil: null, repairableFrom: null, inPublicity: false });
      } else if (p.categories.every((c: string) => ['WARNING', 'CIRCULATED_CRITICISM', 'FINE'].includes(c)) && fine <= 10000) {
        expect(p).toMatchObject({ published: true, publicUntil: plusMonths(p.decidedOn, 3), repairableFrom: null });
      } else {
        const threeYears = plusMonths(p.decidedOn, 36);
        const restriction = p.restrictionUntil && p.restrictionUntil > threeYears ? p.restrictionUntil : threeYears;
        expect(p.publicUntil).toBe(restriction);
        const repairMonths = ['FOOD', 'DRUG', 'SPECIAL_EQUIPMENT'].includes(p.lawField) ? 12 : 6;
        expect(p.repairableFrom).toBe(plusMonths(p.decidedOn, repairMonths));
      }
      if (p.published) expect(p.inPublicity).toBe(p.decidedOn <= TODAY && TODAY < p.publicUntil);
    }
    expect(penalties.some((p) => p.restrictionUntil && p.publicUntil === p.restrictionUntil)).toBe(true);
  });

  it('computes list dates from the rules', () => {
    const abnormal = all.flatMap((o) => o.abnormalOperations);
    expect(abnormal.length).toBeGreaterThan(5);
    for (const a of abnormal) {
      if (a.removedOn === null) {
        expect(a.seriousListEligibleOn).toBe(plusMonths(a.listedOn, 36));
        const warning = new Date(Date.parse(a.seriousListEligibleOn) - 60 * 86_400_000).toISOString().slice(0, 10);
        expect(a.seriousListWarningOn).toBe(warning);
      } else {
        expect(a.seriousListEligibleOn).toBeNull();
        expect(a.removedOn >= a.listedOn).toBe(true);
      }
    }
    const serious = all.flatMap((o) => o.seriousDishonesty);
    for (const s of serious) {
      expect(s.autoRemovalOn).toBe(plusMonths(s.listedOn, 36));
      expect(s.earlyRemovalEligibleOn).toBe(plusMonths(s.listedOn, 12));
      if (s.ground === 'ABNORMAL_LIST_3_YEARS') expect(s.basisDecisionNumbers).toEqual([]);
      else expect(s.basisPenalties.length).toBeGreaterThan(0);
      if (s.current) expect(s.removedOn).toBeNull();
      if (!s.current && s.removalKind === 'AUTOMATIC') expect(s.removedOn).toBe(s.autoRemovalOn);
      if (s.removalKind === 'EARLY_REPAIR') {
        expect(s.removedOn >= s.earlyRemovalEligibleOn).toBe(true);
        expect(s.basisPenalties.every((p: Op) => p.performed)).toBe(true);
      }
    }
    expect(serious.some((s) => s.ground === 'ABNORMAL_LIST_3_YEARS')).toBe(true);
  });

  it('resolves Operator references through _entities, null for an unknown operator', async () => {
    const unknown = completeUscc('91', '440106', 'MA9YYYY1');
    const res = await query(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Operator { uscc name onSeriousDishonestList riskClass { class } } } }`,
      { r: [{ __typename: 'Operator', uscc: dishonest.uscc }, { __typename: 'Operator', uscc: unknown }, { __typename: 'Operator', uscc: trustworthy.uscc }] },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities).toEqual([
      { uscc: dishonest.uscc, name: dishonest.name, onSeriousDishonestList: true, riskClass: { class: byCode(dishonest.uscc).riskClass.class } },
      null,
      { uscc: trustworthy.uscc, name: trustworthy.name, onSeriousDishonestList: false, riskClass: { class: byCode(trustworthy.uscc).riskClass.class } },
    ]);
  });

  describe('SQL statements do not grow with the number of operators', () => {
    const LIST = `query ($n: Int!) { operators(first: $n) { totalCount nodes { uscc
      penalties { decisionNumber categories fineAmount decidedOn publicUntil }
      licenses { licenseNumber category validUntil status }
      abnormalOperations { reason listedOn removedOn }
      seriousDishonesty { ground listedOn autoRemovalOn earlyRemovalEligibleOn removedOn }
      riskClass { class month modelVersion } onAbnormalList onSeriousDishonestList
      storefrontDisclosureChecks { id } platformRegistrations { id } inspections { id } qualitySpotChecks { id } regulatoryActions { id } } } }`;

    async function count(document: string, variables: Record<string, unknown>) {
      h.resetSqlCount();
      const res = await query(document, variables);
      expect(res.errors).toBeUndefined();
      return { statements: h.sqlCount(), data: res.data! };
    }

    it('operators(first: 100) issues as many statements as first: 10', async () => {
      const ten = await count(LIST, { n: 10 });
      const hundred = await count(LIST, { n: 100 });
      expect(ten.data.operators.nodes).toHaveLength(10);
      expect(hundred.data.operators.nodes).toHaveLength(100);
      expect(hundred.statements).toBe(ten.statements);
      expect(ten.statements).toBeGreaterThan(2);
    });

    it('_entities with 100 representations issues as many statements as with 10', async () => {
      const q = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Operator { uscc name
        penalties { decisionNumber publicUntil } licenses { status } abnormalOperations { listedOn }
        seriousDishonesty { autoRemovalOn } riskClass { class } riskClassHistory { month } } } }`;
      const reps = (n: number) => plan.operators.slice(0, n).map((o) => ({ __typename: 'Operator', uscc: o.uscc }));
      const ten = await count(q, { r: reps(10) });
      const hundred = await count(q, { r: reps(100) });
      expect(hundred.data._entities.filter(Boolean)).toHaveLength(100);
      expect(hundred.statements).toBe(ten.statements);
    });

    it("reads the assessments' documents only when selected: one statement more, whatever the page, the same documents", async () => {
      const page = (fields: string) => `query ($n: Int!) { operators(first: $n) { nodes { uscc creditAssessment { ${fields} } } } }`;
      const DOCUMENTS = 'score factors { agency code weight value contribution asOf } caps { factor grade } signals { agency asOf }';
      const bare = await count(page('score grade'), { n: 10 });
      const ten = await count(page(DOCUMENTS), { n: 10 });
      const hundred = await count(page(DOCUMENTS), { n: 100 });
      expect(ten.statements).toBe(bare.statements + 1);
      expect(hundred.statements).toBe(ten.statements);
      const stored = await h.subgraph.database.dataSource.getRepository(CreditAssessment).find({ where: { current: true } });
      const byOperator = new Map(stored.map((a) => [a.operatorUscc, a]));
      const served: Op[] = hundred.data.operators.nodes;
      expect(served.filter((n) => n.creditAssessment).length).toBeGreaterThan(50);
      for (const node of served.filter((n) => n.creditAssessment)) {
        const whole = byOperator.get(node.uscc)!;
        expect(node.creditAssessment.factors).toEqual(
          whole.factors.map((f) => ({ agency: f.agency, code: f.code, weight: f.weight, value: f.value, contribution: f.contribution, asOf: f.asOf })),
        );
        expect(node.creditAssessment.caps).toEqual(whole.caps.map((c) => ({ factor: c.factor, grade: c.grade })));
        expect(node.creditAssessment.signals).toEqual(whole.signals.map((x) => ({ agency: x.agency, asOf: x.asOf })));
      }
    });

    it('counts the operators only when totalCount is selected', async () => {
      const withCount = await count(`{ operators(first: 5) { totalCount nodes { uscc } } }`, {});
      const withoutCount = await count(`{ operators(first: 5) { nodes { uscc } } }`, {});
      expect(withCount.data.operators.totalCount).toBe(OPERATORS);
      expect(withoutCount.data.operators.nodes).toEqual(withCount.data.operators.nodes);
      expect(withoutCount.statements).toBe(withCount.statements - 1);
    });
  });

  it('tells every cache on the way not to store its answers', async () => {
    const res = await fetch(h.subgraph.url, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ operator(uscc: "${dishonest.uscc}") { uscc } }` }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  describe('operators filters', () => {
    const FILTERED = `query ($f: OperatorFilter, $after: String) { operators(first: 100, filter: $f, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } nodes { uscc } } }`;

    async function filtered(filter: Record<string, unknown>) {
      const codes: string[] = [];
      let after: string | undefined;
      let totalCount = -1;
      for (;;) {
        const res = await query(FILTERED, { f: filter, after });
        expect(res.errors).toBeUndefined();
        const page = res.data!.operators;
        totalCount = page.totalCount;
        codes.push(...page.nodes.map((n: Op) => n.uscc));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(totalCount).toBe(codes.length);
      return codes;
    }

    const expected = (pred: (o: Op) => boolean) => all.filter(pred).map((o) => o.uscc).sort();

    it.each([
      ['nameContains', { nameContains: '电子商务' }, (o: Op) => o.name.includes('电子商务')],
      ['districtCode', { districtCode: '440106' }, (o: Op) => o.registration.districtCode === '440106'],
      ['status', { status: 'EXISTING' }, (o: Op) => o.registration.status === 'EXISTING'],
      ['riskClass A', { riskClass: 'A' }, (o: Op) => o.riskClass?.class === 'A'],
      ['riskClass D', { riskClass: 'D' }, (o: Op) => o.riskClass?.class === 'D'],
      ['onAbnormalList true', { onAbnormalList: true }, (o: Op) => o.onAbnormalList],
      ['onAbnormalList false', { onAbnormalList: false }, (o: Op) => !o.onAbnormalList],
      ['onSeriousDishonestList true', { onSeriousDishonestList: true }, (o: Op) => o.onSeriousDishonestList],
      ['onSeriousDishonestList false', { onSeriousDishonestList: false }, (o: Op) => !o.onSeriousDishonestList],
      [
        'combined',
        { riskClass: 'D', onAbnormalList: true, status: 'EXISTING' },
        (o: Op) => o.riskClass?.class === 'D' && o.onAbnormalList && o.registration.status === 'EXISTING',
      ],
    ])('%s', async (_name, filter, pred) => {
      const want = expected(pred);
      const got = await filtered(filter);
      expect(got).toEqual(want);
      expect(want.length).toBeGreaterThan(0);
    });

    it('counts only current serious listings, not removed or expired ones', () => {
      const withOnlyPast = all.filter((o) => o.seriousDishonesty.length > 0 && !o.onSeriousDishonestList);
      for (const o of withOnlyPast) expect(o.seriousDishonesty.every((s: Op) => !s.current && s.removedOn)).toBe(true);
    });

    it('returns an empty page for a filter nothing matches', async () => {
      expect(await filtered({ nameContains: '不存在的名称', riskClass: 'A' })).toEqual([]);
    });
  });

  describe('cursor paging', () => {
    const PAGE = `query ($first: Int, $after: String) { operators(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { uscc } } } }`;

    it('walks all operators without duplicates or gaps', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const res: Op = await query(PAGE, { first: 17, after });
        expect(res.errors).toBeUndefined();
        const page: Op = res.data!.operators;
        expect(page.totalCount).toBe(OPERATORS);
        expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
        seen.push(...page.edges.map((e: Op) => e.node.uscc));
        pages++;
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(pages).toBe(Math.ceil(OPERATORS / 17));
      expect(new Set(seen).size).toBe(OPERATORS);
      expect(seen).toEqual(plan.operators.map((o) => o.uscc).sort());
    });

    it.each([
      ['a malformed cursor', { first: 5, after: 'not-a-cursor' }, /cursor/i],
      ['first above the maximum', { first: 101 }, /must not exceed 100/],
      ['a negative first', { first: -1 }, /non-negative/],
    ])('rejects %s with BAD_USER_INPUT', async (_name, variables, message) => {
      const res = await query(PAGE, variables);
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message).toMatch(message);
    });
  });

  describe('credit code validation of operator(uscc:)', () => {
    const INVALID: [string, RegExp][] = [
      ['91350203M0001QAY9B', /check character \(position 18\) should be "9", found "B"/],
      ['91440101MA5CJQ4N5', /must be 18 characters, got 17/],
      ['914401O1MA5CJQ4N59', /character "O" at position 7/],
    ];

    it.each(INVALID)('rejects %s as a variable, naming the fault', async (code, message) => {
      const res = await query(`query ($u: UnifiedSocialCreditCode!) { operator(uscc: $u) { uscc } }`, { u: code });
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message).toMatch(message);
    });

    it.each(INVALID)('rejects %s as a literal, naming the fault', async (code, message) => {
      const res = await query(`{ operator(uscc: "${code}") { uscc } }`);
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message).toMatch(message);
    });

    it('accepts a valid code that is not registered and returns null', async () => {
      const res = await query(`{ operator(uscc: "91440101MA5CJQ4N59") { uscc } }`);
      expect(res.errors).toBeUndefined();
      expect(res.data!.operator).toBeNull();
    });
  });
});
