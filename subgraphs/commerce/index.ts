import 'reflect-metadata';
import type { SubgraphDefinition } from '../../shared/subgraph/definition';
import { Operator } from './entities/operator';
import { Storefront } from './entities/storefront.entity';
import { CommerceLoaders, createCommerceLoaders } from './loaders';
import { commerceMigrations } from './migrations';
import { CommerceOperatorResolver } from './resolvers/operator.resolver';
import { StorefrontResolver } from './resolvers/storefront.resolver';
import { seedCommerce } from './seed';

/** Commerce (商务): platforms, their rules, reviews, evaluations, alerts and compensation. */
export const commerceSubgraph: SubgraphDefinition<CommerceLoaders> = {
  agency: 'commerce',
  resolvers: [CommerceOperatorResolver, StorefrontResolver],
  orphanedTypes: [Operator],
  entities: [Storefront],
  migrations: commerceMigrations,
  createLoaders: createCommerceLoaders,
  referenceResolvers: {
    // Commerce keeps no operator table: a reference is its key, and each field loads its own rows.
    Operator: { __resolveReference: (reference) => ({ uscc: String(reference.uscc) }) },
  },
  seed: seedCommerce,
  isEmpty: async (db) => (await db.getRepository(Storefront).count({ take: 1 })) === 0,
};
