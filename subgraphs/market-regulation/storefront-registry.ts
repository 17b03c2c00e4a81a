import type { GraphQLError } from 'graphql';
import type { SubgraphContext } from '../../shared/subgraph/context';
import { askPeer, type PeerAnswer, peerUnavailable } from '../../shared/subgraph/peer-query';

/** Representations per request to commerce: a 5000-entry report takes ten small requests. */
const BATCH = 500;

const STOREFRONTS = `query MarketRegulationStorefrontCheck($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Operator { uscc storefronts { platformId } } }
}`;

type EntitiesAnswer = PeerAnswer<{ _entities?: ({ uscc?: unknown; storefronts?: { platformId?: unknown }[] | null } | null)[] }>;

/** Commerce could not answer: the report is refused rather than accepted unchecked. */
export function storefrontRegistryUnavailable(): GraphQLError {
  return peerUnavailable(
    'commerce',
    "Commerce's storefront and platform registry could not be consulted to check the record; nothing was recorded, try again later",
  );
}

/** Commerce's public registry: asked as the public, whoever the caller is. */
function askCommerce<D>(ctx: SubgraphContext, representations: Record<string, string>[], query: string) {
  return askPeer<D>(ctx, 'commerce', query, { representations });
}

/** One entity from commerce, or SUBGRAPH_UNAVAILABLE when commerce does not answer cleanly. */
async function oneEntity<E>(ctx: SubgraphContext, representation: Record<string, string>, query: string): Promise<E | null> {
  let answer: PeerAnswer<{ _entities?: (E | null)[] }>;
  try {
    answer = await askCommerce(ctx, [representation], query);
  } catch (err) {
    ctx.log.error({ err, agency: 'commerce' }, 'commerce registry unavailable');
    throw storefrontRegistryUnavailable();
  }
  const entities = answer.data?._entities;
  if (answer.errors?.length || !Array.isArray(entities) || entities.length !== 1) {
    ctx.log.error({ errors: answer.errors, agency: 'commerce' }, 'commerce registry answered with errors');
    throw storefrontRegistryUnavailable();
  }
  return entities[0];
}

/** A storefront as commerce's registry keeps it. */
export interface RegisteredStorefront {
  platformId: string;
  shopId: string;
  shopName: string;
  url: string;
}

const OPERATOR_STOREFRONTS = `query MarketRegulationStorefrontLookup($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Operator { uscc storefronts { platformId shopId shopName url } } }
}`;

/**
 * The operator's storefront on `platformId` with the given shop id (or, without one, the given shop name), by
 * commerce's storefront registry; null when commerce knows no such storefront of that operator.
 */
export async function findStorefront(
  ctx: SubgraphContext,
  operatorUscc: string,
  platformId: string,
  shop: { shopId?: string | null; shopName?: string | null },
): Promise<RegisteredStorefront | null> {
  const entity = await oneEntity<{ storefronts?: RegisteredStorefront[] | null }>(
    ctx, { __typename: 'Operator', uscc: operatorUscc }, OPERATOR_STOREFRONTS,
  );
  const onPlatform = (entity?.storefronts ?? []).filter((s) => s.platformId === platformId);
  if (shop.shopId) return onPlatform.find((s) => s.shopId === shop.shopId) ?? null;
  return onPlatform.find((s) => s.shopName === shop.shopName) ?? null;
}

/** A platform as commerce's platform registry keeps it. */
export interface RegisteredPlatform {
  id: string;
  name: string;
  operatingCompanyName: string;
  operatingCompanyUscc: string;
}

const PLATFORM = `query MarketRegulationPlatformLookup($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Platform { id name operatingCompanyName operatingCompanyUscc } }
}`;

/** The platform `platformId` in commerce's platform registry; null when commerce knows no such platform. */
export function findPlatform(ctx: SubgraphContext, platformId: string): Promise<RegisteredPlatform | null> {
  return oneEntity<RegisteredPlatform>(ctx, { __typename: 'Platform', id: platformId }, PLATFORM);
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
      answer = await askCommerce(ctx, batch.map((uscc) => ({ __typename: 'Operator', uscc })), STOREFRONTS);
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
