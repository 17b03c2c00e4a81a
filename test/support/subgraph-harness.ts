import { loadConfig } from '../../shared/config/config';
import { createLogger } from '../../shared/logging/logger';
import type { SubgraphDefinition } from '../../shared/subgraph/definition';
import { RunningSubgraph, startSubgraph } from '../../shared/subgraph/start-subgraph';
import { postGraphQL } from './graphql-client';
import { createFreshDatabase, TEST_POSTGRES } from './postgres';

export interface SubgraphHarness {
  subgraph: RunningSubgraph;
  /** POSTs to the subgraph's /graphql. */
  query<T = Record<string, any>>( // eslint-disable-line @typescript-eslint/no-explicit-any
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): ReturnType<typeof postGraphQL<T>>;
  /** SQL statements sent by this subgraph since the last reset. */
  sqlCount(): number;
  resetSqlCount(): void;
  stop(): Promise<void>;
}

/**
 * Starts one subgraph on a free port with its own fresh database: in-memory SQLite by default,
 * a new PostgreSQL database (migrated) when OCG_TEST_POSTGRES is set. Seeded with `seedOperators`.
 */
export async function startSubgraphForTest(
  definition: SubgraphDefinition,
  options: { seedOperators?: number; now?: Date } = {},
): Promise<SubgraphHarness> {
  const config = loadConfig({ ...process.env, SEED_ON_START: 'false' });
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const pg = TEST_POSTGRES ? await createFreshDatabase(definition.agency) : undefined;
  const subgraph = await startSubgraph(definition, {
    config,
    log,
    port: 0,
    databaseUrl: pg?.url,
    inMemory: !pg,
    seedOperators: options.seedOperators ?? 40,
    clock: options.now ? () => options.now as Date : undefined,
  });
  return {
    subgraph,
    query: (q, v, h) => postGraphQL(subgraph.url, q, v, h),
    sqlCount: () => subgraph.database.sql.statements,
    resetSqlCount: () => {
      subgraph.database.sql.statements = 0;
    },
    stop: async () => {
      await subgraph.stop();
      await pg?.drop();
    },
  };
}
