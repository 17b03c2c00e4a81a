import { loadConfig } from '../../../shared/config/config';
import { createSeedPlan, SeedPlan } from '../../../shared/seed/seed-plan';
import { commerceSubgraph } from '../../../subgraphs/commerce';
import { startSubgraphForTest, SubgraphHarness } from '../../support/subgraph-harness';

/** The seed plan's "today"; the subgraph's clock is fixed to it so date rules are deterministic. */
export const NOW = new Date('2026-11-01T08:00:00Z');
export const TODAY = '2026-11-01';

export type Query = SubgraphHarness['query'];

/**
 * Starts commerce seeded with `seedOperators`; `q` sends requests with a commerce agency token
 * (`gov:shared`, `agency:commerce`, `commerce:write`), as the agency's own frontend does.
 */
export async function startCommerce(seedOperators: number): Promise<{ h: SubgraphHarness; plan: SeedPlan; q: Query }> {
  const h = await startSubgraphForTest(commerceSubgraph, { seedOperators, now: NOW });
  const plan = createSeedPlan({ seed: loadConfig({ ...process.env }).seed, operators: seedOperators });
  const commerce = await h.as({ role: 'agency', agency: 'commerce' });
  const q: Query = (query, variables, headers) => h.query(query, variables, { ...commerce, ...headers });
  return { h, plan, q };
}

/** The first error's extensions.code, or undefined when the request succeeded. */
export function errorCode(res: { errors?: { extensions?: Record<string, unknown> }[] }): unknown {
  return res.errors?.[0]?.extensions?.code;
}

export const OPERATOR_FIELDS = `
  ... on Operator {
    uscc
    storefronts { shopId platformId platform { id name } }
    platformEvaluations { evaluatorKind evaluatorName standard overallSatisfaction productQuality brandReputation afterSalesService score grade rulesVersion platform { id } }
    reviewStats {
      reviewCount averageRating visibleCount visibleAverageRating hiddenByPlatformCount flaggedMaliciousCount
      byPlatform { platformId reviewCount hiddenByPlatformCount flaggedMaliciousCount platform { name } }
    }
    riskAlerts { id kind level consumerMessage issuedOn expiresOn active platform { id } }
    advanceCompensations { id status claimedAmount claimedOn paidAmount paidOn recoveredAmount recoveredOn platform { id } }
    commerceListEntries { id list reason listedOn periodMonths expiresOn active rulesVersion }
  }`;

export const ENTITIES_QUERY = `query($reps: [_Any!]!) { _entities(representations: $reps) { ${OPERATOR_FIELDS} } }`;
