import { loadConfig } from '../../../shared/config/config';
import { createSeedPlan } from '../../../shared/seed/seed-plan';
import { postalSubgraph } from '../../../subgraphs/postal';
import { CREDIT_GRADE_SCALES, EMPTY_PARCEL_SCORING_RULES } from '../../../subgraphs/postal/rules/postal-rules';
import { startSubgraphForTest, SubgraphHarness } from '../../support/subgraph-harness';
import { ENTITIES, NOW, reps, testUscc } from './helpers';

const OPERATORS = 120;
const plan = createSeedPlan({ seed: loadConfig().seed, operators: OPERATORS });
const [dishonest, trustworthy] = plan.operators;
const threshold = EMPTY_PARCEL_SCORING_RULES[EMPTY_PARCEL_SCORING_RULES.length - 1].threshold;

let h: SubgraphHarness;
/** The postal administration's token: complaints, statistics and signals are not public. */
let postal: Record<string, string>;

beforeAll(async () => {
  h = await startSubgraphForTest(postalSubgraph, { seedOperators: OPERATORS, now: NOW });
  postal = await h.as({ role: 'agency', agency: 'postal' });
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

async function entity(uscc: string) {
  const res = await h.query(ENTITIES, reps([uscc]), postal);
  expect(res.errors).toBeUndefined();
  return res.data!._entities[0];
}

describe('postal subgraph on seeded data', () => {
  it('shows the dishonest operator (index 0) with parcel statistics, a confirmed referred signal and complaints', async () => {
    const op = await entity(dishonest.uscc);
    expect(op.uscc).toBe(dishonest.uscc);
    expect(op.parcelStats.length).toBeGreaterThan(0);
    expect(op.parcelStats.some((s: { emptyParcelScore: number }) => s.emptyParcelScore >= threshold)).toBe(true);
    const confirmed = op.emptyParcelSignals.filter((s: { status: string }) => s.status === 'CONFIRMED');
    expect(confirmed.length).toBeGreaterThan(0);
    for (const s of confirmed) {
      expect(s.referredToMarketRegulationOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(s.decidedOn >= s.raisedOn).toBe(true);
      expect(s.score).toBeGreaterThanOrEqual(threshold);
      expect(s.features).toHaveLength(5);
    }
    expect(op.postalComplaints.length).toBeGreaterThanOrEqual(3);
    for (const c of op.postalComplaints) {
      // Masked for the postal administration too: its token has no pii:read.
      expect(c.complainantName).toMatch(/^.\*+$/u);
      expect(c.carrier.code).toMatch(/^[A-Z]+$/);
      expect(c.replyDueOn > c.receivedOn).toBe(true);
    }
  });

  it('shows the trustworthy operator (index 1) with clean statistics and no signals or complaints', async () => {
    const op = await entity(trustworthy.uscc);
    expect(op.parcelStats.length).toBeGreaterThan(0);
    for (const s of op.parcelStats) {
      expect(s.emptyParcelScore).toBeLessThan(threshold);
      expect(s.noPickupScanCount).toBeLessThanOrEqual(Math.ceil(s.parcels * 0.01));
    }
    expect(op.emptyParcelSignals).toEqual([]);
    expect(op.postalComplaints).toEqual([]);
  });

  it('correlates the seed with the profiles across operators', async () => {
    const res = await h.query(ENTITIES, reps(plan.operators.map((o) => o.uscc)), postal);
    expect(res.errors).toBeUndefined();
    const byProfile = (p: string) => res.data!._entities.filter((_: unknown, i: number) => plan.operators[i].profile === p);
    const mean = (rows: { emptyParcelSignals: unknown[]; postalComplaints: unknown[] }[], f: 'emptyParcelSignals' | 'postalComplaints') =>
      rows.reduce((s, r) => s + r[f].length, 0) / Math.max(1, rows.length);
    const bad = byProfile('DISHONEST');
    const good = byProfile('TRUSTWORTHY');
    expect(bad.length).toBeGreaterThan(0);
    expect(mean(bad, 'emptyParcelSignals')).toBeGreaterThan(1);
    expect(good.every((o: { emptyParcelSignals: unknown[] }) => o.emptyParcelSignals.length === 0)).toBe(true);
    expect(mean(bad, 'postalComplaints')).toBeGreaterThan(mean(good, 'postalComplaints') + 2);
    // About half of the cross-border operators hold an express permit; few others do.
    const crossBorder = res.data!._entities.filter((_: unknown, i: number) => plan.operators[i].crossBorder);
    const withPermit = crossBorder.filter((o: { expressPermit: unknown }) => o.expressPermit !== null);
    expect(withPermit.length).toBeGreaterThan(0);
    expect(withPermit.length).toBeLessThan(crossBorder.length);
  });

  it('resolves holdsValidExpressPermit through _entities consistently with the permit status', async () => {
    const permits = await h.query(`{ expressPermits(first: 100) { totalCount nodes { status holder { uscc } } } }`);
    expect(permits.errors).toBeUndefined();
    const nodes = permits.data!.expressPermits.nodes as { status: string; holder: { uscc: string } }[];
    expect(nodes.length).toBeGreaterThan(0);
    const holders = [...new Set(nodes.map((n) => n.holder.uscc))];
    const res = await h.query(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Operator { uscc holdsValidExpressPermit } } }`,
      reps([...holders, testUscc(999_999)]),
    );
    expect(res.errors).toBeUndefined();
    const entities = res.data!._entities as { uscc: string; holdsValidExpressPermit: boolean }[];
    for (const e of entities.slice(0, holders.length)) {
      const valid = nodes.some((n) => n.holder.uscc === e.uscc && n.status === 'VALID');
      expect(e.holdsValidExpressPermit).toBe(valid);
    }
    expect(entities.some((e) => e.holdsValidExpressPermit)).toBe(true);
    // An operator postal knows nothing about resolves with a clean, non-null record.
    expect(entities[entities.length - 1]).toEqual({ uscc: testUscc(999_999), holdsValidExpressPermit: false });
  });

  it('issues the same number of SQL statements for 10 and for 100 operators', async () => {
    const usccs = plan.operators.map((o) => o.uscc);
    await h.query(ENTITIES, reps(usccs.slice(0, 2)), postal); // warm-up
    h.resetSqlCount();
    const ten = await h.query(ENTITIES, reps(usccs.slice(0, 10)), postal);
    const tenCount = h.sqlCount();
    h.resetSqlCount();
    const hundred = await h.query(ENTITIES, reps(usccs.slice(0, 100)), postal);
    const hundredCount = h.sqlCount();
    expect(ten.errors).toBeUndefined();
    expect(hundred.errors).toBeUndefined();
    expect(hundred.data!._entities).toHaveLength(100);
    expect(tenCount).toBeGreaterThan(0);
    expect(hundredCount).toBe(tenCount);
  });

  it('pages the complaint connection with cursors and filters', async () => {
    const q = `query ($after: String, $filter: PostalComplaintFilter) {
      postalComplaints(first: 5, after: $after, filter: $filter) {
        totalCount pageInfo { hasNextPage endCursor } nodes { id category status }
      } }`;
    const first = await h.query(q, undefined, postal);
    expect(first.errors).toBeUndefined();
    const page1 = first.data!.postalComplaints;
    expect(page1.nodes).toHaveLength(5);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = await h.query(q, { after: page1.pageInfo.endCursor }, postal);
    const page2 = second.data!.postalComplaints;
    expect(page2.totalCount).toBe(page1.totalCount);
    const ids1 = page1.nodes.map((n: { id: string }) => n.id);
    expect(page2.nodes.some((n: { id: string }) => ids1.includes(n.id))).toBe(false);

    const filtered = await h.query(q, { filter: { category: 'FALSE_SIGN_OFF', status: 'DECIDED' } }, postal);
    expect(filtered.errors).toBeUndefined();
    expect(filtered.data!.postalComplaints.totalCount).toBeGreaterThan(0);
    expect(filtered.data!.postalComplaints.totalCount).toBeLessThan(page1.totalCount);
    for (const n of filtered.data!.postalComplaints.nodes) expect(n).toMatchObject({ category: 'FALSE_SIGN_OFF', status: 'DECIDED' });

    const tooMany = await h.query(`{ postalComplaints(first: 100000) { totalCount } }`, undefined, postal);
    expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lists empty-parcel signals filtered by status', async () => {
    const q = `query ($status: EmptyParcelSignalStatus) { emptyParcelSignals(first: 50, filter: { status: $status }) {
      totalCount nodes { status score operator { uscc } referredToMarketRegulationOn } } }`;
    const all = await h.query(q, undefined, postal);
    const confirmed = await h.query(q, { status: 'CONFIRMED' }, postal);
    const suspected = await h.query(q, { status: 'SUSPECTED' }, postal);
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data!.emptyParcelSignals.totalCount).toBeGreaterThan(0);
    expect(confirmed.data!.emptyParcelSignals.totalCount).toBeLessThan(all.data!.emptyParcelSignals.totalCount);
    for (const n of confirmed.data!.emptyParcelSignals.nodes) {
      expect(n.status).toBe('CONFIRMED');
      expect(n.referredToMarketRegulationOn).not.toBeNull();
    }
    for (const n of suspected.data!.emptyParcelSignals.nodes) {
      expect(n.status).toBe('SUSPECTED');
      expect(n.referredToMarketRegulationOn).toBeNull();
    }
  });

  it('grades carriers on the versioned scale', async () => {
    const carriers = await h.query(`{ expressCarriers(first: 20) { totalCount nodes { code name creditCode } } }`);
    expect(carriers.errors).toBeUndefined();
    expect(carriers.data!.expressCarriers.nodes.map((c: { code: string }) => c.code)).toEqual(
      expect.arrayContaining(['SF', 'ZTO', 'YTO', 'STO', 'YUNDA', 'JD', 'EMS']),
    );
    const res = await h.query(`{ expressCarrierCreditGrades(first: 3, carrierCode: "SF") {
      totalCount pageInfo { hasNextPage } nodes { year score grade scaleVersion carrier { code name } } } }`);
    expect(res.errors).toBeUndefined();
    const grades = res.data!.expressCarrierCreditGrades;
    expect(grades.totalCount).toBe(3);
    const scale = CREDIT_GRADE_SCALES[CREDIT_GRADE_SCALES.length - 1];
    for (const g of grades.nodes) {
      expect(g.carrier.code).toBe('SF');
      expect(g.scaleVersion).toBe(scale.version);
      expect(g.grade).toBe(scale.grades.find((s) => g.score >= s.minScore)!.grade);
    }
    const years = grades.nodes.map((g: { year: number }) => g.year);
    expect(years).toEqual([...years].sort((a, b) => b - a));

    const all = await h.query(`query ($after: String) { expressCarrierCreditGrades(first: 10, after: $after) {
      totalCount pageInfo { endCursor hasNextPage } nodes { year carrier { code } } } }`);
    const next = await h.query(`query ($after: String) { expressCarrierCreditGrades(first: 100, after: $after) { nodes { year carrier { code } } } }`,
      { after: all.data!.expressCarrierCreditGrades.pageInfo.endCursor });
    expect(all.data!.expressCarrierCreditGrades.nodes.length + next.data!.expressCarrierCreditGrades.nodes.length)
      .toBe(all.data!.expressCarrierCreditGrades.totalCount);
  });
});
