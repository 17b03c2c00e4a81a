import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { AppConfig } from '../config/config';
import { AgencyDatabase, openAgencyDatabase } from '../database/data-source';
import { createErrorFormatter } from '../graphql/format-error';
import { createHttpApp, listen } from '../http/serve';
import type { Logger } from '../logging/logger';
import { createSeedPlan } from '../seed/seed-plan';
import { buildFederatedSchema } from './build-schema';
import type { SubgraphContext } from './context';
import type { SubgraphDefinition } from './definition';

export interface RunningSubgraph {
  agency: string;
  url: string;
  port: number;
  database: AgencyDatabase;
  stop(): Promise<void>;
}

export interface StartSubgraphOptions {
  config: AppConfig;
  log: Logger;
  /** Overrides the configured port (0 = any free port, for tests). */
  port?: number;
  /** Overrides the configured database (tests pass an in-memory SQLite or a fresh PostgreSQL). */
  databaseUrl?: string;
  inMemory?: boolean;
  /** Seed an empty database with this many operators (default: config). */
  seedOperators?: number;
  /** Fixed request time, for tests of date rules. */
  clock?: () => Date;
}

/** Seeds the agency's database from the shared deterministic plan when it is empty. */
export async function seedIfEmpty(
  definition: SubgraphDefinition,
  database: AgencyDatabase,
  operators: number,
  seed: number,
  log: Logger,
): Promise<boolean> {
  if (operators <= 0 || !(await definition.isEmpty(database.dataSource))) return false;
  const started = Date.now();
  await definition.seed(database.dataSource, createSeedPlan({ seed, operators }));
  log.info({ operators, ms: Date.now() - started }, 'seeded');
  return true;
}

export async function openSubgraphDatabase(
  definition: SubgraphDefinition,
  options: Pick<StartSubgraphOptions, 'config' | 'log' | 'databaseUrl' | 'inMemory'>,
): Promise<AgencyDatabase> {
  const settings = options.config.subgraphs[definition.agency];
  return openAgencyDatabase({
    agency: definition.agency,
    entities: definition.entities,
    migrations: definition.migrations,
    databaseUrl: options.inMemory ? undefined : (options.databaseUrl ?? settings.databaseUrl),
    inMemory: options.inMemory,
    dataDir: options.config.dataDir,
    logger: options.log,
  });
}

/** Builds, seeds and serves one subgraph at `/graphql`, with `/health` beside it. */
export async function startSubgraph(
  definition: SubgraphDefinition,
  options: StartSubgraphOptions,
): Promise<RunningSubgraph> {
  const { config } = options;
  const log = options.log.child({ subgraph: definition.agency });
  const database = await openSubgraphDatabase(definition, { ...options, log });
  if (config.seedOnStart || options.seedOperators !== undefined) {
    await seedIfEmpty(definition, database, options.seedOperators ?? config.seedOperators, config.seed, log);
  }
  const { schema } = await buildFederatedSchema(definition);
  const server = new ApolloServer<SubgraphContext>({
    schema,
    formatError: createErrorFormatter(config.env, log),
    includeStacktraceInErrorResponses: config.env === 'development',
    introspection: true,
    // No Apollo Studio here: federated traces would only add bytes to every response.
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await server.start();
  const app = createHttpApp(definition.agency);
  const clock = options.clock ?? (() => new Date());
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(server, {
      context: async ({ req }): Promise<SubgraphContext> => {
        const requestId = String(req.headers['x-request-id'] ?? randomUUID());
        return {
          requestId,
          db: database.dataSource,
          loaders: definition.createLoaders(database.dataSource),
          log: log.child({ requestId }),
          maxPageSize: config.maxPageSize,
          now: clock(),
        };
      },
    }),
  );
  const http = await listen(app, options.port ?? config.subgraphs[definition.agency].port, config.host);
  log.info({ url: http.url }, 'subgraph ready');
  return {
    agency: definition.agency,
    url: http.url,
    port: http.port,
    database,
    stop: async () => {
      await http.close();
      await server.stop();
      await database.dataSource.destroy();
    },
  };
}
