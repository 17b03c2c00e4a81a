import type { SeedPlan } from '../../../shared/seed/seed-plan';
import type { SubgraphHarness } from '../../support/subgraph-harness';
import { ENTITIES_QUERY, errorCode, Query, startCommerce, TODAY } from './support';

/* eslint-disable @typescript-eslint/no-explicit-any */

describe('commerce subgraph: seeded data through HTTP', () => {
  let h: SubgraphHarness;
  let plan: SeedPlan;
  let q: Query;

  beforeAll(async () => {
    ({ h, plan, q } = await startCommerce(120));
  });
  afterAll(async () => {
    await h?.stop();
  });

  const operatorOf = async (uscc: string) => {
    const res = await q(ENTITIES_QUERY, { reps: [{ __typename: 'Operator', uscc }] });
    expect(res.errors).toBeUndefined();
    return res.data!._entities[0];
  };

  it('shows the dishonest operator (index 0) with adverse commerce records', async () => {
    const dishonest = plan.operators[0];
    expect(dishonest.profile).toBe('DISHONEST');
    const op = await operatorOf(dishonest.uscc);
    expect(op.uscc).toBe(dishonest.uscc);
    expect(op.storefronts.map((s: any) => s.platformId).sort()).toEqual([...dishonest.platformIds].sort());
    expect(op.storefronts[0].platform.name).toBeTruthy();

    const stats = op.reviewStats;
    expect(stats.reviewCount).toBeGreaterThanOrEqual(5);
    expect(stats.hiddenByPlatformCount).toBeGreaterThanOrEqual(1);
    expect(stats.flaggedMaliciousCount).toBeGreaterThanOrEqual(1);
    expect(stats.visibleCount + stats.hiddenByPlatformCount + stats.flaggedMaliciousCount).toBe(stats.reviewCount);
    expect(stats.averageRating).toBeLessThan(3.5);
    const perPlatform = stats.byPlatform.reduce((s: number, p: any) => s + p.reviewCount, 0);
    expect(perPlatform).toBe(stats.reviewCount);

    expect(op.platformEvaluations.length).toBeGreaterThanOrEqual(dishonest.platformIds.length);
    for (const e of op.platformEvaluations) {
      expect(e.score).toBeLessThan(60);
      expect(['BB', 'B', 'CCC', 'CC', 'C']).toContain(e.grade);
    }
    // The government composite is derived by market regulation, no longer seeded as an evaluation here.
    expect(op.platformEvaluations.map((e: any) => e.evaluatorKind)).not.toContain('GOVERNMENT_COMPOSITE');
    const platformEval = op.platformEvaluations.find((e: any) => e.evaluatorKind === 'PLATFORM');
    expect(platformEval.standard).toBe('GB_T_36312_2018');
    expect(dishonest.platformIds).toContain(platformEval.platform.id);

    expect(op.riskAlerts.length).toBeGreaterThanOrEqual(1);
    expect(op.riskAlerts.some((a: any) => a.active)).toBe(true);
    expect(op.riskAlerts[0].consumerMessage).toMatch(/\S/);

    const recovered = op.advanceCompensations.find((c: any) => c.status === 'RECOVERED_FROM_SELLER');
    expect(recovered).toBeDefined();
    expect(recovered.claimedAmount).toMatch(/^\d+\.\d{2}$/);
    expect(Number(recovered.recoveredAmount)).toBeLessThanOrEqual(Number(recovered.paidAmount));
    expect(recovered.paidOn >= recovered.claimedOn).toBe(true);
    expect(recovered.recoveredOn >= recovered.paidOn).toBe(true);

    expect(op.commerceListEntries).toHaveLength(1);
    const entry = op.commerceListEntries[0];
    expect(entry.list).toBe('JOINT_PUNISHMENT');
    expect(entry.active).toBe(true);
    expect(entry.expiresOn > TODAY).toBe(true);
  });

  it('shows the trustworthy operator (index 1) with a clean record', async () => {
    const good = plan.operators[1];
    expect(good.profile).toBe('TRUSTWORTHY');
    const op = await operatorOf(good.uscc);
    expect(op.storefronts.length).toBe(good.platformIds.length);
    expect(op.reviewStats.reviewCount).toBeGreaterThanOrEqual(2);
    expect(op.reviewStats.hiddenByPlatformCount).toBe(0);
    expect(op.reviewStats.flaggedMaliciousCount).toBe(0);
    expect(op.reviewStats.averageRating).toBeGreaterThanOrEqual(4);
    expect(op.platformEvaluations.length).toBeGreaterThanOrEqual(1);
    for (const e of op.platformEvaluations) expect(['AAA', 'AA']).toContain(e.grade);
    expect(op.riskAlerts).toEqual([]);
    expect(op.advanceCompensations).toEqual([]);
    expect(op.commerceListEntries).toEqual([]);
  });

  it('computes list expiry from the versioned rules (3 years for joint punishment)', async () => {
    const res = await q(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Operator { commerceListEntries { list listedOn periodMonths expiresOn rulesVersion } } } }`,
      { reps: plan.operators.map((o) => ({ __typename: 'Operator', uscc: o.uscc })).slice(0, 100) },
    );
    expect(res.errors).toBeUndefined();
    const entries = res.data!._entities.flatMap((o: any) => o.commerceListEntries);
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) {
      const months = e.periodMonths ?? (e.list === 'JOINT_PUNISHMENT' ? 36 : 24);
      const d = new Date(`${e.listedOn}T00:00:00Z`);
      d.setUTCMonth(d.getUTCMonth() + months);
      d.setUTCDate(d.getUTCDate() - 1);
      expect(e.expiresOn).toBe(d.toISOString().slice(0, 10));
      expect(e.rulesVersion).toBe('mofcom-lists-2019');
    }
  });

  it('resolves Operator and Platform references through _entities', async () => {
    const res = await q(
      `query($reps: [_Any!]!) { _entities(representations: $reps) {
        __typename ... on Operator { uscc storefronts { shopId } } ... on Platform { id name operatingCompanyUscc kind } } }`,
      {
        reps: [
          { __typename: 'Operator', uscc: plan.operators[3].uscc },
          { __typename: 'Platform', id: 'jd' },
          { __typename: 'Platform', id: 'no-such-platform' },
        ],
      },
    );
    expect(res.errors).toBeUndefined();
    const [op, jd, missing] = res.data!._entities;
    expect(op).toMatchObject({ __typename: 'Operator', uscc: plan.operators[3].uscc });
    expect(op.storefronts.length).toBe(plan.operators[3].platformIds.length);
    expect(jd).toMatchObject({ __typename: 'Platform', id: 'jd', name: '京东', kind: 'COMPREHENSIVE_MARKETPLACE' });
    expect(jd.operatingCompanyUscc).toHaveLength(18);
    expect(missing).toBeNull();
  });

  it('lists platforms as a connection with their rule documents in force', async () => {
    const res = await q(`{
      platforms(first: 4) { totalCount pageInfo { hasNextPage endCursor } nodes { id name } }
      platform(id: "taobao") {
        id name kind
        ruleDocuments { kind version title consultationStartsOn publishedOn effectiveOn summary }
        currentRuleDocuments { kind version effectiveOn }
      }
    }`);
    expect(res.errors).toBeUndefined();
    const { platforms, platform } = res.data!;
    expect(platforms.totalCount).toBe(plan.platforms.length);
    expect(platforms.nodes).toHaveLength(4);
    expect(platforms.pageInfo.hasNextPage).toBe(true);
    const next = await q(`query($after: String) { platforms(first: 100, after: $after) { nodes { id } pageInfo { hasNextPage } } }`, {
      after: platforms.pageInfo.endCursor,
    });
    expect(next.data!.platforms.nodes).toHaveLength(plan.platforms.length - 4);
    expect(next.data!.platforms.pageInfo.hasNextPage).toBe(false);

    expect(platform.name).toBe('淘宝');
    const kinds = ['SERVICE_AGREEMENT', 'TRANSACTION_RULES', 'CREDIT_EVALUATION_RULES'];
    expect(platform.currentRuleDocuments.map((d: any) => d.kind)).toEqual(kinds);
    for (const doc of platform.ruleDocuments) {
      expect(doc.consultationStartsOn <= doc.publishedOn).toBe(true);
      const notice = (Date.parse(doc.effectiveOn) - Date.parse(doc.publishedOn)) / 86_400_000;
      expect(notice).toBeGreaterThanOrEqual(7);
    }
    for (const current of platform.currentRuleDocuments) {
      expect(current.effectiveOn <= TODAY).toBe(true);
      const sameKind = platform.ruleDocuments.filter((d: any) => d.kind === current.kind && d.effectiveOn <= TODAY);
      expect(current.version).toBe(Math.max(...sameKind.map((d: any) => d.version)));
    }
  });

  it('pages root connections: storefronts, consumerReviews (hidden ones included), advanceCompensationClaims', async () => {
    const dishonest = plan.operators[0].uscc;
    const res = await q(
      `query($uscc: UnifiedSocialCreditCode!) {
        storefronts(first: 5) { totalCount nodes { id shopId operator { uscc } } pageInfo { hasNextPage endCursor } }
        all: consumerReviews(first: 100, filter: { operatorUscc: $uscc }) { totalCount nodes { id status rating platform { id } storefront { shopId } statusHistory { fromStatus toStatus reason actor changedAt } } }
        hidden: consumerReviews(first: 3, filter: { status: HIDDEN_BY_PLATFORM }) { totalCount nodes { status statusHistory { toStatus reason } } }
        claims: advanceCompensationClaims(first: 2, filter: { status: RECOVERED_FROM_SELLER }) { totalCount nodes { status recoveredAmount operator { uscc } } pageInfo { hasNextPage endCursor } }
      }`,
      { uscc: dishonest },
    );
    expect(res.errors).toBeUndefined();
    const d = res.data!;
    const storefrontTotal = plan.operators.reduce((s, o) => s + o.platformIds.length, 0);
    expect(d.storefronts.totalCount).toBe(storefrontTotal);
    expect(d.storefronts.nodes).toHaveLength(5);
    const page2 = await q(`query($after: String) { storefronts(first: 5, after: $after) { nodes { id } } }`, {
      after: d.storefronts.pageInfo.endCursor,
    });
    expect(Number(page2.data!.storefronts.nodes[0].id)).toBeGreaterThan(Number(d.storefronts.nodes[4].id));

    const stats = (await q(`query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Operator { reviewStats { reviewCount } } } }`, {
      reps: [{ __typename: 'Operator', uscc: dishonest }],
    })).data!._entities[0].reviewStats;
    expect(d.all.totalCount).toBe(stats.reviewCount);
    const hiddenOne = d.all.nodes.find((r: any) => r.status === 'HIDDEN_BY_PLATFORM');
    expect(hiddenOne.statusHistory).toHaveLength(1);
    expect(hiddenOne.statusHistory[0]).toMatchObject({ fromStatus: 'VISIBLE', toStatus: 'HIDDEN_BY_PLATFORM' });
    expect(hiddenOne.statusHistory[0].reason).toMatch(/\S/);
    expect(hiddenOne.storefront.shopId).toBeTruthy();
    expect(d.hidden.totalCount).toBeGreaterThan(0);
    for (const r of d.hidden.nodes) expect(r.status).toBe('HIDDEN_BY_PLATFORM');
    expect(d.claims.totalCount).toBeGreaterThan(0);
    for (const c of d.claims.nodes) expect(c.status).toBe('RECOVERED_FROM_SELLER');
  });

  it('serves e-commerce monthly statistics by district and month', async () => {
    const res = await q(`{
      ecommerceMonthlyStatistics(district: "440106", fromMonth: "2025-11", toMonth: "2026-10", first: 5) {
        totalCount pageInfo { hasNextPage endCursor }
        nodes { districtCode month activeOperatorCount orderCount gmv onlineRetailSales }
      }
    }`);
    expect(res.errors).toBeUndefined();
    const conn = res.data!.ecommerceMonthlyStatistics;
    expect(conn.totalCount).toBe(12);
    expect(conn.nodes.map((n: any) => n.month)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02', '2026-03']);
    for (const n of conn.nodes) {
      expect(n.districtCode).toBe('440106');
      expect(n.gmv).toMatch(/^\d+\.\d{2}$/);
      expect(Number(n.onlineRetailSales)).toBeLessThanOrEqual(Number(n.gmv));
    }
    const rest = await q(`query($after: String) { ecommerceMonthlyStatistics(district: "440106", fromMonth: "2025-11", toMonth: "2026-10", first: 20, after: $after) { nodes { month } } }`, {
      after: conn.pageInfo.endCursor,
    });
    expect(rest.data!.ecommerceMonthlyStatistics.nodes.map((n: any) => n.month)[0]).toBe('2026-04');
    expect(rest.data!.ecommerceMonthlyStatistics.nodes).toHaveLength(7);

    const bad = await q(`{ ecommerceMonthlyStatistics(fromMonth: "2026-13") { totalCount } }`);
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    const reversed = await q(`{ ecommerceMonthlyStatistics(fromMonth: "2026-05", toMonth: "2026-01") { totalCount } }`);
    expect(errorCode(reversed)).toBe('BAD_USER_INPUT');
  });

  it('refuses pages above the hard maximum', async () => {
    const res = await q(`{ consumerReviews(first: 100000) { totalCount } }`);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
  });

  it('declares access per field: public facts for anyone, review statistics and claims for agencies', async () => {
    const uscc = plan.operators[0].uscc;
    const reps = { reps: [{ __typename: 'Operator', uscc }] };
    const publicQuery = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Operator {
      uscc storefronts { shopId } riskAlerts { kind consumerMessage } commerceListEntries { list expiresOn } } } }`;
    const anonymous = await h.query(publicQuery, reps);
    expect(anonymous.errors).toBeUndefined();
    const op = anonymous.data!._entities[0];
    expect(op.storefronts.length).toBeGreaterThan(0);
    expect(op.riskAlerts.length).toBeGreaterThan(0);
    expect(op.commerceListEntries).toHaveLength(1);
    for (const field of ['reviewStats { reviewCount }', 'advanceCompensations { status }', 'platformEvaluations { score }']) {
      const query = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Operator { ${field} } } }`;
      const denied = await h.query(query, reps);
      expect(errorCode(denied)).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
      const agency = await q(query, reps);
      expect(agency.errors).toBeUndefined();
    }
    const hidden = await h.query(`{ consumerReviews(first: 1) { totalCount } }`);
    expect(errorCode(hidden)).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    const write = await h.query(`mutation { recordCommerceListEntry(input: { operatorUscc: "${uscc}", list: KEY_ATTENTION, reason: "x", decisionNumber: "x", decidingAuthority: "x", listedOn: "2026-10-01" }) { id } }`);
    expect(errorCode(write)).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    const after = await q(`query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Operator { commerceListEntries { id } } } }`, { reps: [{ __typename: 'Operator', uscc }] });
    expect(after.data!._entities[0].commerceListEntries).toHaveLength(1);
  });

  it('issues the same number of SQL statements for 10 and 100 operators', async () => {
    const reps = plan.operators.map((o) => ({ __typename: 'Operator', uscc: o.uscc }));
    h.resetSqlCount();
    const ten = await q(ENTITIES_QUERY, { reps: reps.slice(0, 10) });
    const tenCount = h.sqlCount();
    h.resetSqlCount();
    const hundred = await q(ENTITIES_QUERY, { reps: reps.slice(0, 100) });
    const hundredCount = h.sqlCount();
    expect(ten.errors).toBeUndefined();
    expect(hundred.errors).toBeUndefined();
    expect(hundred.data!._entities).toHaveLength(100);
    expect(tenCount).toBeGreaterThan(0);
    expect(hundredCount).toBe(tenCount);
  });
});
