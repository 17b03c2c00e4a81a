import { randomUUID } from 'node:crypto';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { Authenticator, createAuthenticator } from '../shared/auth/authenticate';
import type { Caller } from '../shared/auth/caller';
import type { AppConfig } from '../shared/config/config';
import { authenticateRequest } from '../shared/subgraph/start-subgraph';
import { authorizationPlugin } from './authorization/authorization-plugin';
import { PersistedOperationIndex, readManifest } from './persisted-operations/manifest';
import { safelistPlugin } from './persisted-operations/safelist-plugin';
import { readSecurityRequirements, stripSecurityDirectives } from './authorization/supergraph-security';
import { createErrorFormatter } from '../shared/graphql/format-error';
import { createHttpApp, listen, RunningHttpServer } from '../shared/http/serve';
import { rateLimiterFor } from '../shared/http/rate-limit';
import type { Logger } from '../shared/logging/logger';

export interface GatewayContext {
  requestId: string;
  caller: Caller;
  /** Forwarded as is: every subgraph verifies the same token again. */
  authorization?: string;
  purpose?: string;
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

/** Forwards the caller's identity and request id to every subgraph fetch. */
class AgencySubgraphSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraph: string,
    url: string,
    private readonly onFetch?: (subgraph: string) => void,
  ) {
    super({ url });
  }

  override willSendRequest({ request, context }: Parameters<RemoteGraphQLDataSource<GatewayContext>['willSendRequest'] & object>[0]) {
    this.onFetch?.(this.subgraph);
    if (!request.http) return;
    if (context.requestId) request.http.headers.set('x-request-id', context.requestId);
    if (context.authorization) request.http.headers.set('authorization', context.authorization);
    if (context.purpose) request.http.headers.set('x-purpose', context.purpose);
  }
}

/** Apollo Gateway over the static supergraph, served at /graphql with /health beside it. */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const { config } = options;
  const log = options.log.child({ service: 'gateway' });
  if (config.env === 'production' && config.auth.keySource.kind === 'dev-issuer') {
    log.warn('tokens are verified with the embedded dev issuer; set AUTH_JWKS_URL, AUTH_JWKS_PATH or AUTH_PUBLIC_KEY_PEM');
  }
  const ownAuthenticator = options.authenticator ? undefined : createAuthenticator(config, log);
  const authenticator = options.authenticator ?? (ownAuthenticator as Authenticator);
  // The gateway enforces the SECURITY directives itself; Apollo Gateway gets the supergraph without them.
  const requirements = readSecurityRequirements(options.supergraphSdl);
  const gateway = new ApolloGateway({
    supergraphSdl: stripSecurityDirectives(options.supergraphSdl),
    buildService: ({ name, url }) =>
      new AgencySubgraphSource(name, options.subgraphUrls?.[name] ?? url ?? '', options.onSubgraphFetch),
  });
  const server = new ApolloServer<GatewayContext>({
    gateway,
    formatError: createErrorFormatter(config.env, log),
    includeStacktraceInErrorResponses: config.env === 'development',
    introspection: true,
    plugins: [
      authorizationPlugin({ requirements, mode: config.authorizationMode }),
      safelistPlugin(new PersistedOperationIndex(readManifest(config.persistedOperationsPath))),
    ],
  });
  await server.start();
  const rateLimiter = await rateLimiterFor(config.rateLimit, { redisUrl: config.auth.redisUrl, log });
  const app = createHttpApp('gateway');
  app.set('trust proxy', config.rateLimit.trustProxy);
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(server, {
      context: async ({ req }): Promise<GatewayContext> => ({
        requestId: String(req.headers['x-request-id'] ?? randomUUID()),
        caller: await rateLimiter.authenticate(() => authenticateRequest(authenticator, req.headers.authorization), req.ip),
        authorization: req.headers.authorization,
        purpose: typeof req.headers['x-purpose'] === 'string' ? req.headers['x-purpose'] : undefined,
      }),
    }),
  );
  const http = await listen(app, options.port ?? config.gatewayPort, config.host);
  log.info({ url: http.url }, 'gateway ready');
  return {
    ...http,
    stop: async () => {
      await http.close();
      await server.stop();
      await rateLimiter.close();
      await ownAuthenticator?.close();
    },
  };
}
