import './telemetry';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { IncomingMessage, ServerResponse } from 'node:http';
import proxyAddr from 'proxy-addr';
import { Authenticator, createAuthenticator } from '../shared/auth/authenticate';
import { authenticateRequest } from '../shared/auth/authenticate-request';
import { ensureDevIssuerKeys } from '../shared/auth/tokens/keys';
import type { Caller } from '../shared/auth/caller';
import type { AgencyId } from '../shared/config/agencies';
import type { AppConfig } from '../shared/config/config';
import { checkPurposeHeader } from '../shared/access-control/purpose';
import { AgencySubgraphSource } from './agency-subgraph-source';
import { authorizationPlugin } from './authorization/authorization-plugin';
import { PersistedOperationIndex, readManifest } from './persisted-operations/manifest';
import { safelistPlugin } from './persisted-operations/safelist-plugin';
import { playgroundRoutes } from './playground/playground-routes';
import { readSecurityRequirements, stripSecurityDirectives } from './authorization/supergraph-security';
import { createErrorFormatter } from '../shared/graphql/format-error';
import { limitsParseOptions, operationLimitsPlugin } from '../shared/graphql/operation-limits';
import { corsMiddleware } from '../shared/http/cors';
import { serveGraphql } from '../shared/http/graphql-post';
import { inputCheckPlugin } from '../shared/graphql/input-check';
import { createHttpApp, listen, RunningHttpServer } from '../shared/http/serve';
import { rateLimiterFor } from '../shared/http/rate-limit';
import type { Logger } from '../shared/logging/logger';
import type { ReadinessCheck } from '../shared/observability/health';
import { GatewayMetrics } from '../shared/observability/metrics';
import {
  observationOf, observationPlugin, observeCaller, observeRefusal, observeRequests, RequestObservation,
} from '../shared/observability/request-observation';

export interface GatewayContext {
  requestId: string;
  caller: Caller;
  /** Forwarded as is: every subgraph verifies the same token again. */
  authorization?: string;
  purpose?: string;
  observation: RequestObservation;
}

export interface GatewayOptions {
  config: AppConfig;
  log: Logger;
  supergraphSdl: string;
  /** Subgraph name → URL; overrides the URLs recorded in the supergraph. */
  subgraphUrls?: Record<string, string>;
  port?: number;
  /** Observes every fetch the gateway sends to a subgraph (tests count them). */
  onSubgraphFetch?: (subgraph: string) => void;
  /** Shared with the subgraphs of the same process (embedded mode). */
  authenticator?: Authenticator;
}

export interface RunningGateway extends RunningHttpServer {
  stop(): Promise<void>;
}

/** Apollo Gateway over the static supergraph, served at /graphql with probes and /metrics beside it. */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const { config } = options;
  const log = options.log.child({ service: 'gateway' });
  if (config.env === 'production' && config.auth.keySource.kind === 'dev-issuer') {
    log.warn('tokens are verified with the embedded dev issuer; set AUTH_JWKS_URL, AUTH_JWKS_PATH or AUTH_PUBLIC_KEY_PEM');
  }
  // Created at start, not at the first token: `npm run token` then signs with the key this gateway verifies with.
  if (config.auth.keySource.kind === 'dev-issuer') await ensureDevIssuerKeys(config.auth.keySource.keysDir, log);
  const ownAuthenticator = options.authenticator ? undefined : createAuthenticator(config, log);
  const authenticator = options.authenticator ?? (ownAuthenticator as Authenticator);
  // The gateway enforces the SECURITY directives itself; Apollo Gateway gets the supergraph without them.
  const requirements = readSecurityRequirements(options.supergraphSdl);
  const manifest = readManifest(config.persistedOperationsPath);
  const metrics = new GatewayMetrics({
    maxOperationNames: config.observability.maxOperationNames,
    registeredOperations: new Set(manifest.operations.map((op) => op.name)),
  });
  let supergraphLoaded = false;
  const sources: AgencySubgraphSource[] = [];
  const gateway = new ApolloGateway({
    supergraphSdl: stripSecurityDirectives(options.supergraphSdl),
    experimental_didResolveQueryPlan: ({ queryPlan }) => metrics.countQueryPlan(queryPlan),
    buildService: ({ name, url }) => {
      const source = new AgencySubgraphSource({
        agency: name,
        url: options.subgraphUrls?.[name] ?? url ?? '',
        timeoutMs: config.subgraphTimeouts.byAgency[name as AgencyId] ?? config.subgraphTimeouts.defaultMs,
        log,
        onFetch: options.onSubgraphFetch,
        metrics,
      });
      sources.push(source);
      return source;
    },
  });
  gateway.onSchemaLoadOrUpdate(() => {
    supergraphLoaded = true;
  });
  const server = new ApolloServer<GatewayContext>({
    gateway,
    formatError: createErrorFormatter(config.env, log),
    includeStacktraceInErrorResponses: config.env === 'development',
    // Introspection is refused per caller by the limits plugin (admins only outside development).
    introspection: true,
    csrfPrevention: true,
    parseOptions: limitsParseOptions({ limits: config.operationLimits, service: 'gateway' }),
    // Limits first: they must judge the operation as sent, before authorization rewrites it.
    plugins: [
      operationLimitsPlugin({ limits: config.operationLimits, maxPageSize: config.maxPageSize, env: config.env, service: 'gateway' }),
      inputCheckPlugin(),
      authorizationPlugin({ requirements, mode: config.authorizationMode }),
      safelistPlugin(new PersistedOperationIndex(manifest)),
      observationPlugin(),
      // Apollo's landing page loads Sandbox from a CDN; browsers get the bundled playground instead (development).
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await server.start();
  const rateLimiter = await rateLimiterFor(config.rateLimit, { redisUrl: config.auth.redisUrl, log });
  const readiness: ReadinessCheck[] = [
    {
      name: 'supergraph',
      check: async () => {
        if (!supergraphLoaded) throw new Error('the supergraph is not loaded');
      },
    },
  ];
  const { revocations } = authenticator;
  if (revocations.ping) readiness.push({ name: 'redis', check: () => revocations.ping!() });
  const app = createHttpApp('gateway', { readiness: () => readiness, metrics, config: config.observability, log });
  app.set('trust proxy', config.rateLimit.trustProxy);
  let graphqlUrl = '';
  app.use(playgroundRoutes({ config, log, graphqlUrl: () => graphqlUrl }));
  // The client's address as express's req.ip gives it (the configured proxies trusted), on either path.
  const trustProxy = app.get('trust proxy fn') as (address: string, hop: number) => boolean;
  const context = async (req: IncomingMessage, res: ServerResponse): Promise<GatewayContext> => {
    const observation = observationOf(res);
    try {
      const caller = await rateLimiter.authenticate(
        () => authenticateRequest(authenticator, req.headers.authorization),
        proxyAddr(req, trustProxy),
      );
      observeCaller(observation, caller);
      return {
        requestId: observation.requestId,
        caller,
        authorization: req.headers.authorization,
        purpose: checkPurposeHeader(req.headers['x-purpose']),
        observation,
      };
    } catch (err) {
      observeRefusal(observation, err);
      throw err;
    }
  };
  const before = [corsMiddleware(config.cors), observeRequests(metrics, log)];
  // POST /graphql skips express; GET queries, preflights and the playground page go through it (graphql-post.ts).
  const graphqlPost = serveGraphql(app, server, { before, context });
  const http = await listen(app, options.port ?? config.gatewayPort, config.host, graphqlPost);
  graphqlUrl = http.url;
  log.info({ url: http.url }, 'gateway ready');
  return {
    ...http,
    stop: async () => {
      await http.close();
      await server.stop();
      await Promise.all(sources.map((s) => s.close()));
      await rateLimiter.close();
      await ownAuthenticator?.close();
    },
  };
}
