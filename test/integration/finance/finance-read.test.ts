import { loadConfig } from '../../../shared/config/config';
import { createSeedPlan, SeedPlan } from '../../../shared/seed/seed-plan';
import { financeSubgraph } from '../../../subgraphs/finance';
import { applySeededDecisions } from '../../support/credit-events';
import { startSubgraphForTest, SubgraphHarness } from '../../support/subgraph-harness';

/** Seeded data of the finance subgraph as a user reads it: Operator fields, root lists, references. */
const OPERATORS = 120;
/** A fixed request time (China date 2026-11-15), two weeks after the seed's reference day. */
const NOW = new Date('2026-11-15T04:00:00Z');

const OPERATOR_FIELDS = `
  uscc
  financingMeasures { id kind status active startsOn endsOn rulesVersion endsOnFromRules liftedOn
    basis { listKind reference authority } }
  creditAuthorizations { id granteeName granteeUscc purpose scope grantedOn expiresOn revokedOn status }
  financingApplications { id platformName lenderType amountRequested amountGranted appliedOn decidedOn outcome }
  exposure { reportedMonth totalOutstanding overdue worstOverdueBand overdueOrgTypes
    rows { orgType outstanding overdue overdueDaysBand maxOverdueDays reportedMonth revision } }
  paymentLicence { licenceNumber kinds issuedOn validUntil status }
  holdsPaymentLicence
`;

const ENTITIES = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Operator { ${OPERATOR_FIELDS} } } }`;

let h: SubgraphHarness;
/** Bearer headers of a finance agency token (gov:shared agency:finance finance:write). */
let finance: Record<string, string>;
let plan: SeedPlan;

beforeAll(async () => {
  h = await startSubgraphForTest(financeSubgraph, { seedOperators: OPERATORS, now: NOW });
  // Finance's measures come from the seeded listings' events, which a lone finance subgraph must be handed.
  await applySeededDecisions(h, financeSubgraph, OPERATORS);
  finance = await h.as({ role: 'agency', agency: 'finance' });
  plan = createSeedPlan({ seed: loadConfig().seed, operators: OPERATORS });
});
afterAll(async () => {
  await h?.stop();
});

/** A request with the finance agency's token; `headers` `{}` sends it anonymously. */
function send(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = finance) {
  return h.query(query, variables, headers);
}

async function operatorView(index: number) {
  const res = await send(ENTITIES, { reps: [{ __typename: 'Operator', uscc: plan.operators[index].uscc }] });
  expect(res.errors).toBeUndefined();
  return res.data!._entities[0];
}

describe('finance: seeded operators', () => {
  it('shows the dishonest operator (index 0) under active measures resting on the serious dishonest list', async () => {
    const op = await operatorView(0);
    expect(op.uscc).toBe(plan.operators[0].uscc);
    const active = op.financingMeasures.filter((m: { status: string }) => m.status === 'ACTIVE');
    const onSeriousList = active.filter((m: { basis: { listKind: string } }) => m.basis.listKind === 'SERIOUS_DISHONEST_LIST');
    // Applied by finance's consumer from the seeded listing decision (the seed no longer writes measures itself).
    expect(onSeriousList.map((m: { kind: string }) => m.kind)).toEqual(['CREDIT_FINANCING_LIMITED']);
    for (const m of onSeriousList) {
      expect(m.active).toBe(true);
      expect(m.basis.reference).toMatch(/^穗番市监列严〔\d{4}〕1号$/);
      expect(m.basis.authority).toBe('广州市番禺区市场监督管理局');
      expect(m.startsOn <= '2026-11-15' && m.endsOn >= '2026-11-15').toBe(true);
    }
  });

  it('shows overdue exposure and rejected applications for the dishonest operator', async () => {
    const op = await operatorView(0);
    expect(op.exposure.reportedMonth).toBe('2026-10');
    expect(op.exposure.overdue).toBe(true);
    expect(op.exposure.worstOverdueBand).not.toBe('NONE');
    expect(op.exposure.overdueOrgTypes.length).toBeGreaterThan(0);
    expect(op.exposure.rows.length).toBeGreaterThanOrEqual(2);
    expect(op.exposure.rows.every((r: { reportedMonth: string }) => r.reportedMonth === '2026-10')).toBe(true);
    const total = op.exposure.rows.reduce((s: number, r: { outstanding: string }) => s + Math.round(Number(r.outstanding) * 100), 0);
    expect(Math.round(Number(op.exposure.totalOutstanding) * 100)).toBe(total);
    expect(op.exposure.totalOutstanding).toMatch(/^\d+\.\d{2}$/);
    const outcomes = op.financingApplications.map((a: { outcome: string }) => a.outcome);
    expect(outcomes).toContain('REJECTED');
    expect(outcomes).not.toContain('APPROVED');
  });

  it('shows a clean record for the trustworthy operator (index 1)', async () => {
    const op = await operatorView(1);
    expect(op.financingMeasures).toEqual([]);
    expect(op.exposure.overdue).toBe(false);
    expect(op.exposure.worstOverdueBand).toBe('NONE');
    expect(op.exposure.rows.every((r: { overdue: boolean }) => !r.overdue)).toBe(true);
    const outcomes = op.financingApplications.map((a: { outcome: string }) => a.outcome);
    expect(outcomes).toContain('APPROVED');
    expect(outcomes).not.toContain('REJECTED');
    for (const a of op.financingApplications.filter((x: { outcome: string }) => x.outcome === 'APPROVED')) {
      expect(Number(a.amountGranted)).toBeGreaterThan(0);
      expect(Number(a.amountGranted)).toBeLessThanOrEqual(Number(a.amountRequested));
      expect(a.decidedOn >= a.appliedOn).toBe(true);
    }
    expect(op.creditAuthorizations.some((a: { status: string }) => a.status === 'ACTIVE')).toBe(true);
  });

  it('correlates with profiles across all seeded operators', async () => {
    const reps = plan.operators.map((o) => ({ __typename: 'Operator', uscc: o.uscc }));
    const res = await send(ENTITIES, { reps });
    expect(res.errors).toBeUndefined();
    const views = res.data!._entities as { financingMeasures: { status: string }[]; exposure: { overdue: boolean } }[];
    let dishonestUnderMeasures = 0;
    plan.operators.forEach((o, i) => {
      const activeMeasures = views[i].financingMeasures.filter((m) => m.status === 'ACTIVE').length;
      if (o.profile === 'DISHONEST') {
        // Measures follow listings: most dishonest operators are listed somewhere, not every one.
        if (activeMeasures > 0) dishonestUnderMeasures += 1;
        expect(views[i].exposure.overdue).toBe(true);
      }
      if (o.profile === 'TRUSTWORTHY') {
        expect(activeMeasures).toBe(0);
        expect(views[i].exposure.overdue).toBe(false);
      }
    });
    expect(dishonestUnderMeasures).toBeGreaterThan(plan.operators.filter((o) => o.profile === 'DISHONEST').length / 2);
  });

  it('computes seeded measure end dates from the versioned rules by kind', async () => {
    const res = await send(`{ financingMeasures(first: 100) { nodes { kind startsOn endsOn rulesVersion endsOnFromRules } } }`);
    expect(res.errors).toBeUndefined();
    const months: Record<string, Record<string, number>> = {
      'GZ-FIN-MEASURE-2021': { CREDIT_FINANCING_LIMITED: 36, POLICY_GUARANTEE_EXCLUDED: 36, SUBSIDY_EXCLUDED: 36, ENHANCED_DUE_DILIGENCE: 12 },
      'GZ-FIN-MEASURE-2026': { CREDIT_FINANCING_LIMITED: 36, POLICY_GUARANTEE_EXCLUDED: 24, SUBSIDY_EXCLUDED: 36, ENHANCED_DUE_DILIGENCE: 12 },
    };
    const nodes = res.data!.financingMeasures.nodes as { kind: string; startsOn: string; endsOn: string; rulesVersion: string }[];
    expect(nodes.length).toBeGreaterThan(0);
    for (const m of nodes) {
      expect(m.rulesVersion).toBe(m.startsOn >= '2026-01-01' ? 'GZ-FIN-MEASURE-2026' : 'GZ-FIN-MEASURE-2021');
      const start = new Date(`${m.startsOn}T00:00:00Z`);
      const anniversary = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months[m.rulesVersion][m.kind], start.getUTCDate()));
      if (start.getUTCDate() <= 28) {
        expect(m.endsOn).toBe(new Date(anniversary.getTime() - 86_400_000).toISOString().slice(0, 10));
      }
    }
  });
});

interface ApplicationPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: { id: string; outcome: string; platformName: string; operator: { uscc: string } } }[];
}

describe('finance: root connections', () => {
  it('filters financing measures by kind and activity, consistently with each node', async () => {
    const q = `query ($f: FinancingMeasureFilter) { financingMeasures(first: 100, filter: $f) { totalCount nodes { kind status active } } }`;
    const all = await send(q, {});
    const active = await send(q, { f: { active: true } });
    const inactive = await send(q, { f: { active: false } });
    const limited = await send(q, { f: { kind: 'CREDIT_FINANCING_LIMITED', active: true } });
    for (const r of [all, active, inactive, limited]) expect(r.errors).toBeUndefined();
    expect(active.data!.financingMeasures.totalCount + inactive.data!.financingMeasures.totalCount)
      .toBe(all.data!.financingMeasures.totalCount);
    expect(inactive.data!.financingMeasures.totalCount).toBeGreaterThan(0);
    expect(active.data!.financingMeasures.nodes.every((m: { status: string }) => m.status === 'ACTIVE')).toBe(true);
    expect(inactive.data!.financingMeasures.nodes.every((m: { active: boolean }) => !m.active)).toBe(true);
    const lim = limited.data!.financingMeasures;
    expect(lim.totalCount).toBeGreaterThan(0);
    expect(lim.nodes.every((m: { kind: string; active: boolean }) => m.kind === 'CREDIT_FINANCING_LIMITED' && m.active)).toBe(true);
  });

  it('pages through financing applications with cursors and a total count', async () => {
    const q = `query ($after: String, $f: FinancingApplicationFilter) { financingApplications(first: 7, after: $after, filter: $f) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id outcome platformName operator { uscc } } } } }`;
    const seen = new Set<string>();
    let after: string | null = null;
    let total = -1;
    for (let page = 0; page < 100; page++) {
      const res = await send(q, { after, f: { outcome: 'REJECTED' } });
      expect(res.errors).toBeUndefined();
      const c: ApplicationPage = res.data!.financingApplications;
      total = c.totalCount;
      for (const e of c.edges) {
        expect(e.node.outcome).toBe('REJECTED');
        expect(['粤信融', '信易贷', '中小融']).toContain(e.node.platformName);
        expect(e.node.operator.uscc).toHaveLength(18);
        seen.add(e.node.id);
      }
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    expect(total).toBeGreaterThan(7);
    expect(seen.size).toBe(total);
  });

  it('lists credit authorizations, exposure rows and payment licences with their filters', async () => {
    const res = await send(`{
      active: creditAuthorizations(first: 50, filter: { status: ACTIVE }) { totalCount nodes { status expiresOn revokedOn } }
      revoked: creditAuthorizations(first: 50, filter: { status: REVOKED }) { totalCount nodes { status revokedOn } }
      overdue: financingExposures(first: 50, filter: { overdueOnly: true, reportedMonth: "2026-10" }) {
        totalCount nodes { overdue overdueDaysBand reportedMonth rulesVersion } }
      valid: paymentLicences(first: 50, filter: { validOnly: true }) { totalCount nodes { status licenceNumber } }
      licences: paymentLicences(first: 50) { totalCount }
    }`);
    expect(res.errors).toBeUndefined();
    const d = res.data!;
    expect(d.active.totalCount).toBeGreaterThan(0);
    expect(d.active.nodes.every((a: { status: string }) => a.status === 'ACTIVE')).toBe(true);
    expect(d.revoked.nodes.every((a: { status: string }) => a.status === 'REVOKED')).toBe(true);
    expect(d.overdue.totalCount).toBeGreaterThan(0);
    for (const r of d.overdue.nodes) {
      expect(r.overdue).toBe(true);
      expect(r.overdueDaysBand).not.toBe('NONE');
      expect(r.reportedMonth).toBe('2026-10');
      expect(r.rulesVersion).toBe('GZ-FIN-EXPOSURE-2021');
    }
    expect(d.valid.nodes.every((l: { status: string; licenceNumber: string }) => l.status === 'VALID' && /^Z\d{13}$/.test(l.licenceNumber))).toBe(true);
    expect(d.licences.totalCount).toBeGreaterThan(0);
  });

  it('refuses a page larger than the hard maximum and a malformed cursor', async () => {
    const big = await send(`{ financingMeasures(first: 100000) { totalCount } }`);
    expect(big.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const cursor = await send(`{ paymentLicences(first: 5, after: "bm9wZQ") { totalCount } }`, {}, {});
    expect(cursor.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const code = await send(`{ creditAuthorizations(filter: { uscc: "91350203M0001QAY9B" }) { totalCount } }`);
    expect(code.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(code.errors?.[0].message).toMatch(/check character/);
  });
});

describe('finance: Operator references', () => {
  it('resolves _entities for known and unknown operators, and holdsPaymentLicence for seeded licences', async () => {
    // Payment licences are public: no token needed, here or on Operator.
    const licences = await send(`{ paymentLicences(first: 100) { nodes { status operator { uscc } } } }`, {}, {});
    expect(licences.errors).toBeUndefined();
    const nodes = licences.data!.paymentLicences.nodes as { status: string; operator: { uscc: string } }[];
    const holder = nodes.find((l) => l.status === 'VALID');
    const nonHolder = plan.operators.find((o) => !nodes.some((l) => l.operator.uscc === o.uscc))!;
    const reps = [
      ...(holder ? [{ __typename: 'Operator', uscc: holder.operator.uscc }] : []),
      { __typename: 'Operator', uscc: nonHolder.uscc },
      { __typename: 'Operator', uscc: '91440101MA5CJQ4N59' },
    ];
    const res = await send(
      `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Operator { uscc holdsPaymentLicence paymentLicence { status } } } }`,
      { reps },
      {},
    );
    expect(res.errors).toBeUndefined();
    const out = res.data!._entities as { uscc: string; holdsPaymentLicence: boolean; paymentLicence: { status: string } | null }[];
    expect(out.map((o) => o.uscc)).toEqual(reps.map((r) => r.uscc));
    if (holder) {
      expect(out[0].holdsPaymentLicence).toBe(true);
      expect(out[0].paymentLicence?.status).toBe('VALID');
    }
    const [unlicensed, unknown] = out.slice(-2);
    expect(unlicensed.holdsPaymentLicence).toBe(false);
    expect(unlicensed.paymentLicence).toBeNull();
    expect(unknown.holdsPaymentLicence).toBe(false);
  });

  it('issues the same number of SQL statements for 10 and 100 operators', async () => {
    const count = async (n: number) => {
      const reps = plan.operators.slice(0, n).map((o) => ({ __typename: 'Operator', uscc: o.uscc }));
      h.resetSqlCount();
      const res = await send(ENTITIES, { reps });
      expect(res.errors).toBeUndefined();
      expect(res.data!._entities).toHaveLength(n);
      return h.sqlCount();
    };
    const ten = await count(10);
    const hundred = await count(100);
    expect(ten).toBeGreaterThan(0);
    expect(hundred).toBe(ten);
    expect(ten).toBeLessThanOrEqual(5);
  });

  it('publishes holdsPaymentLicence (nullable: a finance outage must not blank other agencies) for customs to @require', async () => {
    const res = await send(`{ _service { sdl } }`, {}, {});
    expect(res.errors).toBeUndefined();
    expect(res.data!._service.sdl).toMatch(/holdsPaymentLicence: Boolean\s/);
    expect(res.data!._service.sdl).toMatch(/type Operator\s+@key\(fields: "uscc"\)/);
  });
});
