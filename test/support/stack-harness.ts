import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStack, RunningStack } from '../../launch/stack';
import { AGENCIES } from '../../shared/config/agencies';
import type { MintOptions } from '../../shared/auth/tokens';
import { AppConfig, loadConfig } from '../../shared/config/config';
import { createLogger } from '../../shared/logging/logger';
import { GraphQLResponse, postGraphQL } from './graphql-client';
import { createFreshDatabase, TEST_POSTGRES } from './postgres';
import { ensureProductionKeys, productionServiceEnv } from '../../deploy/production-environment';
import { loadProductionStartConfig } from '../../shared/config/production-start';
import { bearer, mintTestToken } from './tokens';

/**
 * OCG_E2E_TARGET=http://127.0.0.1:4000: the end-to-end files that make sense against a shared, seeded stack (those
 * calling `startOrTargetStack`) run against that running deployment (`npm run start:prod`, see .ci/run) instead of
 * starting their own; the others need their own stack and are skipped or not selected.
 */
export const E2E_TARGET = process.env.OCG_E2E_TARGET?.replace(/\/$/, '');

/** What a test sees of a stack through HTTP only: enough to run against a deployment started elsewhere. */
export interface E2EClient {
  config: AppConfig;
  token(options: MintOptions): Promise<string>;
  as(options: MintOptions): Promise<Record<string, string>>;
  gatewayUrl: string;
  /** Each subgraph's /graphql, to show a request sent straight to it gets no more than through the gateway. */
  subgraphUrls: string[];
  query<T = Record<string, any>>( // eslint-disable-line @typescript-eslint/no-explicit-any
    q: string,
    v?: Record<string, unknown>,
    h?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

export interface StackHarness extends E2EClient {
  stack: RunningStack;
  /** Subgraph fetches the gateway made, by subgraph name, since the last reset. */
  fetches: Record<string, number>;
  /** SQL statements per subgraph since the last reset. */
  sqlCounts(): Record<string, number>;
  reset(): void;
}

/**
 * The whole system as `npm start` runs it, on free ports: five subgraphs on fresh databases (SQLite files in a
 * temporary data directory, or new PostgreSQL databases when OCG_TEST_POSTGRES is set) and the gateway
 * over the committed supergraph.
 */
export async function startStackForTest(
  options: { seedOperators?: number; env?: Record<string, string>; oneEventAtATime?: boolean } = {},
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
    oneEventAtATime: options.oneEventAtATime,
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
    subgraphUrls: stack.subgraphs.map((s) => s.url),
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

/**
 * The deployment `npm run start:prod` runs at OCG_E2E_TARGET: its configuration (ports, issuer keys) is derived
 * from the same START_PROD_* settings, so tokens minted here are the deployment's own.
 */
async function targetRunningStack(target: string): Promise<E2EClient> {
  const start = loadProductionStartConfig(process.env);
  const keys = await ensureProductionKeys(start.keysDir, createLogger('silent'));
  const config = loadConfig(productionServiceEnv(start, keys, process.env));
  const gatewayUrl = `${target}/graphql`;
  const token = (o: MintOptions) => mintTestToken(config, o);
  return {
    config,
    token,
    as: async (o) => bearer(await token(o)),
    gatewayUrl,
    subgraphUrls: AGENCIES.map((a) => config.subgraphs[a].url),
    query: (q, v, h) => postGraphQL(gatewayUrl, q, v, h),
    stop: async () => undefined,
  };
}

/** The running deployment at OCG_E2E_TARGET when set; otherwise a stack of the test's own, as `startStackForTest`. */
export async function startOrTargetStack(options: { seedOperators?: number } = {}): Promise<E2EClient> {
  return E2E_TARGET ? targetRunningStack(E2E_TARGET) : startStackForTest(options);
}

/** `describe`, or `describe.skip` (reported as skipped) for a block that needs a stack of its own configuration. */
export const describeOwnStack = E2E_TARGET ? describe.skip : describe;
