import 'reflect-metadata';
import type { SubgraphDefinition } from '../../shared/subgraph/definition';
import { Operator } from './entities/operator.entity';
import { createMarketRegulationLoaders, MarketRegulationLoaders } from './loaders';
import { marketRegulationMigrations } from './migrations';
import { OperatorResolver } from './resolvers/operator.resolver';
import { seedMarketRegulation } from './seed';

/** Market regulation (市场监管): home of the operator's registration and the regulator's lists. */
export const marketRegulationSubgraph: SubgraphDefinition<MarketRegulationLoaders> = {
  agency: 'market-regulation',
  resolvers: [OperatorResolver],
  entities: [Operator],
  migrations: marketRegulationMigrations,
  createLoaders: createMarketRegulationLoaders,
  referenceResolvers: {
    Operator: {
      __resolveReference: (reference, ctx) => ctx.loaders.operatorByUscc.load(String(reference.uscc)),
    },
  },
  seed: seedMarketRegulation,
  isEmpty: async (db) => (await db.getRepository(Operator).count({ take: 1 })) === 0,
};
