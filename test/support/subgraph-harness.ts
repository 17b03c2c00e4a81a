import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MintOptions } from '../../shared/auth/tokens';
import type { AgencyId } from '../../shared/config/agencies';
import { AppConfig, loadConfig } from '../../shared/config/config';
import { createLogger } from '../../shared/logging/logger';
import type { SubgraphDefinition } from '../../shared/subgraph/definition';
import { RunningSubgraph, startSubgraph } from '../../shared/subgraph/start-subgraph';
import { postGraphQL } from './graphql-client';
import { createFreshDatabase, TEST_POSTGRES } from './postgres';
import { bearer, mintTestToken } from './tokens';

export interface SubgraphHarness {
  subgraph: RunningSubgraph;
  config: AppConfig;
  /** A signed token of the harness's own dev issuer, e.g. `token({ role: 'agency', agency: 'customs' })`. */
  token(options: MintOptions): Promise<string>;
  /** `{ authorization: 'Bearer …' }` for a freshly minted token. */
  as(options: MintOptions): Promise<Record<string, string>>;
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
  options: {
    seedOperators?: number;
    now?: Date;
    /** Where this subgraph reaches other agencies' subgraphs (e.g. commerce started by another harness). */
    peerUrls?: Partial<Record<AgencyId, string>>;
    env?: Record<string, string>;
  } = {},
): Promise<SubgraphHarness> {
  // Its own data directory: the dev issuer keys and the access-control store are the test's alone.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `ocg-${definition.agency}-`));
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, SEED_ON_START: 'false', ...options.env });
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
    peerUrl: (agency) => options.peerUrls?.[agency] ?? config.subgraphs[agency].url,
  });
  const token = (o: MintOptions) => mintTestToken(config, o);
  return {
    subgraph,
    config,
    token,
    as: async (o) => bearer(await token(o)),
    query: (q, v, h) => postGraphQL(subgraph.url, q, v, h),
    sqlCount: () => subgraph.database.sql.statements,
    resetSqlCount: () => {
      subgraph.database.sql.statements = 0;
    },
    stop: async () => {
      await subgraph.stop();
      await pg?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
