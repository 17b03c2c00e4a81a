import type { DataSource } from 'typeorm';
import { oneByKey } from '../../shared/subgraph/loaders';
import { Operator } from './entities/operator.entity';

/** Per-request DataLoaders of the market-regulation subgraph, one per key. */
export function createMarketRegulationLoaders(db: DataSource) {
  return {
    operatorByUscc: oneByKey<Operator, string>(db, Operator, 'uscc'),
  };
}

export type MarketRegulationLoaders = ReturnType<typeof createMarketRegulationLoaders>;
