import { loadConfig } from '../../shared/config/config';
import { createSeedPlan } from '../../shared/seed/seed-plan';
import { startStackForTest, StackHarness } from '../support/stack-harness';

/** The whole picture of one operator, from all five subgraphs (issue 2's query with each agency's fields). */
const OPERATOR_QUERY = /* GraphQL */ `
  query Operator($uscc: UnifiedSocialCreditCode!) {
    operator(uscc: $uscc) {
      uscc name subjectType
      registration { legalRepresentative { name } address districtCode status establishedOn }
      licenses { licenseNumber category validUntil status }
      penalties { decisionNumber violationType categories fineAmount decidedOn publicUntil }
      abnormalOperations { reason listedOn removedOn }
      seriousDishonesty { ground listedOn autoRemovalOn earlyRemovalEligibleOn removedOn }
      riskClass { class month modelVersion }
      storefronts { platformId shopName }
      reviewStats { reviewCount hiddenByPlatformCount flaggedMaliciousCount averageRating }
      riskAlerts { kind level active }
      advanceCompensations { status claimedAmount }
      customsRegistration { customsCode }
      customsCredit { current { level rulesVersion } history { level } }
      clearanceMeasure { __typename }
      crossBorderRoles { kind qualificationRequired qualificationHeld }
      customsPenalties { decisionNumber fine }
      financingMeasures { kind active }
      exposure { overdue totalOutstanding }
      paymentLicence { __typename }
      expressPermit { permitNumber status }
      holdsValidExpressPermit
      postalComplaints { category }
      parcelStats { period emptyParcelScore }
      emptyParcelSignals { status score }
    }
  }
`;

/** A page of operators with fields from all five subgraphs (one entity fetch per subgraph per plan level). */
const PAGE_QUERY = /* GraphQL */ `
  query Page($first: Int!) {
    operators(first: $first) {
      nodes {
        uscc name
        penalties { decisionNumber } licenses { licenseNumber } abnormalOperations { reason }
        seriousDishonesty { ground } riskClass { class }
        storefronts { platformId } reviewStats { reviewCount } platformEvaluations { grade }
        customsCredit { current { level } } customsPenalties { decisionNumber } crossBorderRoles { kind qualificationHeld }
        financingMeasures { kind } exposure { overdue }
        postalComplaints { category } parcelStats { period } emptyParcelSignals { status }
      }
    }
  }
`;

describe('the operator credit graph end to end (gateway + five subgraphs)', () => {
  let h: StackHarness;
  let admin: Record<string, string>;
  const plan = createSeedPlan({ seed: loadConfig({}).seed, operators: 120 });
  const dishonest = plan.operators[0];
  const trustworthy = plan.operators[1];

  beforeAll(async () => {
    h = await startStackForTest({ seedOperators: 120 });
    admin = await h.as({ role: 'admin' });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('shows a seeded dishonest operator with records from every agency', async () => {
    const res = await h.query(OPERATOR_QUERY, { uscc: dishonest.uscc }, admin);
    expect(res.errors).toBeUndefined();
    const op = res.data?.operator;
    expect(op).toMatchObject({ uscc: dishonest.uscc, name: dishonest.name, subjectType: dishonest.subjectType });
    expect(op.registration.legalRepresentative.name).toBe(dishonest.legalRepresentative.name);
    // Market regulation
    expect(op.penalties.length).toBeGreaterThan(0);
    expect(op.abnormalOperations.length).toBeGreaterThan(0);
    expect(op.seriousDishonesty.length).toBeGreaterThan(0);
    expect(['C', 'D']).toContain(op.riskClass.class);
    // Commerce
    expect(op.storefronts.length).toBeGreaterThan(0);
    expect(op.reviewStats.reviewCount).toBeGreaterThan(0);
    // Customs
    expect(op.customsRegistration).not.toBeNull();
    expect(['DISHONEST', 'SERIOUSLY_DISHONEST']).toContain(op.customsCredit.current.level);
    expect(op.customsPenalties.length).toBeGreaterThan(0);
    // Finance
    expect(op.financingMeasures.some((m: { active: boolean }) => m.active)).toBe(true);
    expect(op.exposure.overdue).toBe(true);
    // Postal
    expect(op.parcelStats.length).toBeGreaterThan(0);
    expect(op.emptyParcelSignals.length).toBeGreaterThan(0);
    expect(op.postalComplaints.length).toBeGreaterThan(0);
  });

  it('shows a seeded trustworthy operator with a clean record', async () => {
    const res = await h.query(OPERATOR_QUERY, { uscc: trustworthy.uscc }, admin);
    expect(res.errors).toBeUndefined();
    const op = res.data?.operator;
    expect(op.uscc).toBe(trustworthy.uscc);
    expect(op.penalties).toEqual([]);
    expect(op.abnormalOperations).toEqual([]);
    expect(op.seriousDishonesty).toEqual([]);
    // Derived from its assessment (test/e2e/credit-assessment.test.ts): nothing on record against it, so A or B by age.
    expect(['A', 'B']).toContain(op.riskClass.class);
    expect(op.licenses.length).toBeGreaterThan(0);
    expect(op.customsPenalties).toEqual([]);
    expect(op.financingMeasures).toEqual([]);
    expect(op.exposure.overdue).toBe(false);
    expect(op.emptyParcelSignals).toEqual([]);
  });

  it('answers the customs qualification check as postal says (customs learns the permits from postal)', async () => {
    const res = await h.query(OPERATOR_QUERY, { uscc: dishonest.uscc }, admin);
    const logistics = res.data?.operator.crossBorderRoles.find((r: { kind: string }) => r.kind === 'LOGISTICS');
    expect(logistics).toMatchObject({ qualificationRequired: 'EXPRESS_PERMIT' });
    expect(logistics.qualificationHeld).toBe(res.data?.operator.holdsValidExpressPermit);
  });

  it.each([
    ['91350203M0001QAY9B', /check character \(position 18\) should be "9", found "B"/],
    ['91440101MA5CJQ4N5', /must be 18 characters, got 17/],
    ['914401O1MA5CJQ4N59', /character "O" at position 7/],
  ])('refuses the invalid code %s with BAD_USER_INPUT naming the fault', async (code, message) => {
    const res = await h.query('query($u: UnifiedSocialCreditCode!) { operator(uscc: $u) { name } }', { u: code });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toMatch(message);
    expect(res.errors?.[0].extensions).not.toHaveProperty('stacktrace');
  });

  it('accepts valid codes that are simply not registered', async () => {
    for (const code of ['91440101MA5CJQ4N59', '91350100M000100Y43']) {
      const res = await h.query('query($u: UnifiedSocialCreditCode!) { operator(uscc: $u) { name } }', { u: code });
      expect(res.errors).toBeUndefined();
      expect(res.data?.operator).toBeNull();
    }
  });

  it('issues as many SQL statements and subgraph fetches for 100 operators as for 10', async () => {
    const measure = async (first: number) => {
      h.reset();
      const res = await h.query(PAGE_QUERY, { first }, admin);
      expect(res.errors).toBeUndefined();
      expect(res.data?.operators.nodes).toHaveLength(first);
      return { sql: h.sqlCounts(), fetches: { ...h.fetches } };
    };
    await measure(10); // warm caches (plans, metadata)
    const ten = await measure(10);
    const hundred = await measure(100);
    expect(hundred.sql).toEqual(ten.sql);
    expect(hundred.fetches).toEqual(ten.fetches);
    // One fetch per subgraph: market regulation for the root, then each agency once for its entities. Customs answers
    // crossBorderRoles from the qualifications postal and finance published to it, so no second customs round.
    expect(ten.fetches).toEqual({ 'market-regulation': 1, commerce: 1, customs: 1, finance: 1, postal: 1 });
  });
});
