import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import DataLoader from 'dataloader';
import { GraphQLSchema } from 'graphql';
import {
  AccessControlStore, AuditCollector, createAuditCollector, createConsentLoader, openAccessControlStore, readPurposeHeader,
} from '../access-control';
import { Authenticator, createAuthenticator } from '../auth/authenticate';
import { authenticateRequest } from '../auth/authenticate-request';
import { guardSubgraphSchema } from '../auth/field-guard';
import type { AgencyId } from '../config/agencies';
import type { AppConfig } from '../config/config';
import { AgencyDatabase, openAgencyDatabase } from '../database/data-source';
import type { EventBus } from '../events/bus';
import { createEventBus, RunningEvents, startEvents } from '../events/runtime';
import { awaitOutboxesSettled } from '../events/settle';
import { createErrorFormatter } from '../graphql/format-error';
import { limitsParseOptions, operationLimitsPlugin } from '../graphql/operation-limits';
import { inputCheckPlugin } from '../graphql/input-check';
import { serveGraphql } from '../http/graphql-post';
import { createHttpApp, listen } from '../http/serve';
import type { Logger } from '../logging/logger';
import type { ReadinessCheck } from '../observability/health';
import { exposeSqlStatements, ServiceMetrics } from '../observability/metrics';
import {
  observationOf, observationPlugin, observeCaller, observeRefusal, observeRequests, RequestObservation,
} from '../observability/request-observation';
import { createSeedPlan } from '../seed/seed-plan';
import { buildFederatedSchema } from './build-schema';
import type { SubgraphContext } from './context';
import type { BackgroundWork, SubgraphDefinition } from './definition';

export interface RunningSubgraph {
  agency: string;
  url: string;
  port: number;
  database: AgencyDatabase;
  /** Its outbox relay and event consumer. */
  events: RunningEvents;
  /** Its own background work (the definition's `startBackgroundWork`), if any. */
  background?: BackgroundWork;
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
  /** Shared by every service of one process (embedded mode), so revocations apply everywhere at once. */
  authenticator?: Authenticator;
  /** Where this subgraph reaches another agency's (default: the configured `<AGENCY>_URL`); asked per use. */
  peerUrl?: (agency: AgencyId) => string;
  /** Shared by every subgraph of one process (embedded mode); by default the configured bus, this subgraph's own. */
  eventBus?: EventBus;
}

type RequestContext = SubgraphContext & { audit: AuditCollector; observation: RequestObservation };

const guardedSchemas = new WeakMap<GraphQLSchema, GraphQLSchema>();

/** The subgraph schema with its access declarations enforced (shield rules, masking, audit). */
export async function buildGuardedSchema(definition: SubgraphDefinition, log: Logger): Promise<GraphQLSchema> {
  const { schema } = await buildFederatedSchema(definition);
  let guarded = guardedSchemas.get(schema);
  if (!guarded) {
    const result = guardSubgraphSchema(schema);
    if (result.undeclared.length > 0) {
      log.warn({ fields: result.undeclared }, 'fields without an access declaration are denied to everyone');
    }
    guarded = result.schema;
    guardedSchemas.set(schema, guarded);
  }
  return guarded;
}

/**
 * Writes the request's audit records once the response is ready, before it leaves (group-committed with the other
 * requests finishing at the same time). Fails closed: a read that cannot be recorded is not served.
 */
function auditPlugin(store: AccessControlStore, log: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          try {
            await contextValue.audit.flush(store);
          } catch (err) {
            log.error({ err }, 'audit records could not be written; the response is withheld');
            if (response.body.kind === 'single') {
              response.body.singleResult.data = null;
              response.body.singleResult.errors = [
                {
                  message: 'The read could not be recorded in the audit log, so nothing was returned; retry later',
                  extensions: { code: 'AUDIT_UNAVAILABLE' },
                },
              ];
            }
          }
        },
      };
    },
  };
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
  // A freshly filled PostgreSQL database has no planner statistics until autovacuum gets to it: until then the list
  // loaders scan whole tables instead of using their indexes.
  if (database.kind === 'postgres') await database.dataSource.query('ANALYZE');
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

/** Builds, seeds and serves one subgraph at `/graphql`, with probes and `/metrics` beside it. */
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
  const ownBus = options.eventBus ? undefined : createEventBus(config.events, log);
  const events = await startEvents({
    definition,
    dataSource: database.dataSource,
    bus: options.eventBus ?? (ownBus as EventBus),
    config: config.events,
    log,
  });
  const clock = options.clock ?? (() => new Date());
  // After the relay: what the first pass commits is published at once.
  const background = await definition.startBackgroundWork?.({ dataSource: database.dataSource, config, log, clock });
  // Alone on its own in-process bus, the subgraph applies its own outbox (e.g. its seeded decisions) before serving;
  // in a stack, the stack waits once every subgraph has subscribed.
  if (ownBus?.kind === 'in-process') {
    await awaitOutboxesSettled([{ agency: definition.agency, relay: events.relay, dataSource: database.dataSource }], log);
  }
  const schema = await buildGuardedSchema(definition, log);
  const store = await openAccessControlStore(config.accessControl, log);
  const ownAuthenticator = options.authenticator ? undefined : createAuthenticator(config, log);
  const authenticator = options.authenticator ?? (ownAuthenticator as Authenticator);
  const server = new ApolloServer<RequestContext>({
    schema,
    formatError: createErrorFormatter(config.env, log),
    includeStacktraceInErrorResponses: config.env === 'development',
    // Introspection is refused per caller by the limits plugin (admins only outside development).
    introspection: true,
    parseOptions: limitsParseOptions({ limits: config.operationLimits, service: 'subgraph' }),
    // No Apollo Studio here: federated traces would only add bytes to every response.
    plugins: [
      operationLimitsPlugin({ limits: config.operationLimits, maxPageSize: config.maxPageSize, env: config.env, service: 'subgraph' }),
      ApolloServerPluginInlineTraceDisabled(),
      // No field here carries a cache hint, so the plugin's per-field hook (3 % of a 100-entity fetch) only ever
      // concluded `no-store`; the header is set below instead.
      ApolloServerPluginCacheControlDisabled(),
      inputCheckPlugin(),
      auditPlugin(store, log),
      observationPlugin(),
    ],
  });
  await server.start();
  const metrics = new ServiceMetrics(definition.agency, { maxOperationNames: config.observability.maxOperationNames });
  exposeSqlStatements(metrics, { agency: () => database.sql.statements, 'access-control': () => store.sql.statements });
  const readiness: ReadinessCheck[] = [
    { name: 'database', check: () => database.dataSource.query('SELECT 1') },
    { name: 'access-control-store', check: () => store.dataSource.query('SELECT 1') },
  ];
  const { revocations } = authenticator;
  if (revocations.ping) readiness.push({ name: 'redis', check: () => revocations.ping!() });
  const bus = options.eventBus ?? ownBus;
  if (bus?.ping) readiness.push({ name: 'nats', check: () => bus.ping!() });
  const app = createHttpApp(definition.agency, { readiness: () => readiness, metrics, config: config.observability, log });
  const peers = {
    url: options.peerUrl ?? ((agency: AgencyId) => config.subgraphs[agency].url),
    timeoutMs: config.trust.peerTimeoutMs,
  };
  const context = async (req: IncomingMessage, res: ServerResponse): Promise<RequestContext> => {
    const observation = observationOf(res);
    const requestId = observation.requestId;
    const caller = await authenticateRequest(authenticator, req.headers.authorization).catch((err: unknown) => {
      observeRefusal(observation, err);
      throw err;
    });
    observeCaller(observation, caller);
    const purpose = readPurposeHeader(req.headers['x-purpose']);
    const now = clock();
    const consent = createConsentLoader(store, caller, now, purpose);
    const platformId = caller.platformId;
    const members = definition.platformMembers;
    const inPlatform =
      platformId && members
        ? new DataLoader<string, boolean>(async (usccs) => {
            const set = await members(database.dataSource, platformId, usccs);
            return usccs.map((u) => set.has(u));
          })
        : undefined;
    return {
      requestId,
      db: database.dataSource,
      loaders: definition.createLoaders(database.dataSource),
      log: log.child({ requestId }),
      maxPageSize: config.maxPageSize,
      now,
      caller,
      authorization: req.headers.authorization,
      rowAccess: {
        consent: (uscc) => consent.load(uscc),
        inPlatform: (uscc) => (inPlatform ? inPlatform.load(uscc) : Promise.resolve(false)),
      },
      audit: createAuditCollector({
        caller,
        requestId,
        purpose,
        subgraph: definition.agency,
      }),
      accessControl: store,
      revocations: authenticator,
      peers,
      observation,
    };
  };
  const before = [
    observeRequests(metrics, log),
    (_req: IncomingMessage, res: ServerResponse, next: () => void) => {
      // Credit data is never cached along the way.
      res.setHeader('cache-control', 'no-store');
      next();
    },
  ];
  // POST /graphql skips express; GET queries and anything else go through it (shared/http/graphql-post.ts).
  const graphqlPost = serveGraphql(app, server, { before, context });
  const http = await listen(app, options.port ?? config.subgraphs[definition.agency].port, config.host, graphqlPost);
  log.info({ url: http.url }, 'subgraph ready');
  // Stopping twice (a subgraph stopped alone, then its whole stack) must not fail on closed resources.
  let stopped: Promise<void> | undefined;
  return {
    agency: definition.agency,
    url: http.url,
    port: http.port,
    database,
    events,
    background,
    stop: () =>
      (stopped ??= (async () => {
        await http.close();
        await server.stop();
        await background?.stop();
        await events.stop();
        await ownBus?.close();
        await database.dataSource.destroy();
        await store.close();
        await ownAuthenticator?.close();
      })()),
  };
}
