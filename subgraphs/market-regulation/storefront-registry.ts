import { GraphQLError } from 'graphql';
import type { SubgraphContext } from '../../shared/subgraph/context';

/** Representations per request to commerce: a 5000-entry report takes ten small requests. */
const BATCH = 500;

const STOREFRONTS = `query MarketRegulationStorefrontCheck($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Operator { uscc storefronts { platformId } } }
}`;

interface EntitiesAnswer {
  data?: { _entities?: ({ uscc?: unknown; storefronts?: { platformId?: unknown }[] | null } | null)[] } | null;
  errors?: unknown[];
}

/** Commerce could not answer: the report is refused rather than accepted unchecked. */
export function storefrontRegistryUnavailable(): GraphQLError {
  return new GraphQLError(
    "Commerce's storefront registry could not be consulted to check the report; nothing was recorded, try again later",
    { extensions: { code: 'SUBGRAPH_UNAVAILABLE', agency: 'commerce' } },
  );
}

async function askCommerce(ctx: SubgraphContext, usccs: readonly string[]): Promise<EntitiesAnswer> {
  const res = await fetch(ctx.peers.url('commerce'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': ctx.requestId },
    body: JSON.stringify({
      query: STOREFRONTS,
      variables: { representations: usccs.map((uscc) => ({ __typename: 'Operator', uscc })) },
    }),
    signal: AbortSignal.timeout(ctx.peers.timeoutMs),
  });
  if (!res.ok) throw new Error(`commerce answered HTTP ${res.status}`);
  return (await res.json()) as EntitiesAnswer;
}

/**
 * Which of `usccs` have a storefront on `platformId`, by commerce's storefront registry (PUBLIC data that
 * commerce owns and platforms cannot write). Asked over GraphQL, as the gateway would, never from commerce's
 * database. Throws SUBGRAPH_UNAVAILABLE when commerce does not answer in time or answers with errors.
 */
export async function operatorsWithStorefrontOn(ctx: SubgraphContext, platformId: string, usccs: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < usccs.length; i += BATCH) {
    const batch = usccs.slice(i, i + BATCH);
    let answer: EntitiesAnswer;
    try {
      answer = await askCommerce(ctx, batch);
    } catch (err) {
      ctx.log.error({ err, agency: 'commerce' }, 'storefront registry unavailable');
      throw storefrontRegistryUnavailable();
    }
    const entities = answer.data?._entities;
    if (answer.errors?.length || !Array.isArray(entities) || entities.length !== batch.length) {
      ctx.log.error({ errors: answer.errors, agency: 'commerce' }, 'storefront registry answered with errors');
      throw storefrontRegistryUnavailable();
    }
    entities.forEach((entity, index) => {
      if (entity?.storefronts?.some((s) => s.platformId === platformId)) found.add(batch[index]);
    });
  }
  return found;
}
