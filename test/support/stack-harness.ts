import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStack, RunningStack } from '../../gateway/stack';
import { AGENCIES } from '../../shared/config/agencies';
import type { MintOptions } from '../../shared/auth/tokens';
import { AppConfig, loadConfig } from '../../shared/config/config';
import { createLogger } from '../../shared/logging/logger';
import { GraphQLResponse, postGraphQL } from './graphql-client';
import { createFreshDatabase, TEST_POSTGRES } from './postgres';
import { bearer, mintTestToken } from './tokens';

export interface StackHarness {
  stack: RunningStack;
  config: AppConfig;
  token(options: MintOptions): Promise<string>;
  as(options: MintOptions): Promise<Record<string, string>>;
  gatewayUrl: string;
  query<T = Record<string, any>>( // eslint-disable-line @typescript-eslint/no-explicit-any
    q: string,
    v?: Record<string, unknown>,
    h?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  /** Subgraph fetches the gateway made, by subgraph name, since the last reset. */
  fetches: Record<string, number>;
  /** SQL statements per subgraph since the last reset. */
  sqlCounts(): Record<string, number>;
  reset(): void;
  stop(): Promise<void>;
}

/**
 * The whole system as `npm start` runs it, on free ports: five subgraphs on fresh databases (SQLite files in a
 * temporary data directory, or new PostgreSQL databases when OCG_TEST_POSTGRES is set) and the gateway
 * over the committed supergraph.
 */
export async function startStackForTest(
  options: { seedOperators?: number; env?: Record<string, string> } = {},
): Promise<StackHarness> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocg-e2e-'));
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, SEED_ON_START: 'true', ...options.env });
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const databases = TEST_POSTGRES
    ? await Promise.all(AGENCIES.map(async (a) => [a, await createFreshDatabase(`e2e_${a}`)] as const))
    : [];
  const fetches: Record<string, number> = {};
  const stack = await startStack({
    config,
    log,
    freePorts: true,
    seedOperators: options.seedOperators ?? 120,
    databaseUrls: Object.fromEntries(databases.map(([a, db]) => [a, db.url])),
    onSubgraphFetch: (name) => {
      fetches[name] = (fetches[name] ?? 0) + 1;
    },
  });
  const token = (o: MintOptions) => mintTestToken(config, o);
  return {
    stack,
    config,
    token,
    as: async (o) => bearer(await token(o)),
    gatewayUrl: stack.gateway.url,
    query: (q, v, h) => postGraphQL(stack.gateway.url, q, v, h),
    fetches,
    sqlCounts: () => Object.fromEntries(stack.subgraphs.map((s) => [s.agency, s.database.sql.statements])),
    reset: () => {
      for (const key of Object.keys(fetches)) delete fetches[key];
      for (const s of stack.subgraphs) s.database.sql.statements = 0;
    },
    stop: async () => {
      await stack.stop();
      for (const [, db] of databases) await db.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
