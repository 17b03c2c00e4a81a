import type { DataSource } from 'typeorm';
import { manyByKey } from '../../shared/subgraph/loaders';
import { Storefront } from './entities/storefront.entity';

/** Per-request DataLoaders of the commerce subgraph, one per key. */
export function createCommerceLoaders(db: DataSource) {
  return {
    storefrontsByOperator: manyByKey<Storefront, string>(db, Storefront, 'operatorUscc', { id: 'ASC' }),
  };
}

export type CommerceLoaders = ReturnType<typeof createCommerceLoaders>;
