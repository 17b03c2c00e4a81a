import http, { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { Express } from 'express';
import type { ObservabilityConfig } from '../config/observability';
import type { Logger } from '../logging/logger';
import { mountHealthRoutes, ReadinessCheck } from '../observability/health';
import { metricsHandler, ServiceMetrics } from '../observability/metrics';
import { isGraphqlPost } from './graphql-post';

export interface RunningHttpServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface ServiceProbes {
  /** What `/readyz` checks; asked per probe, so checks added after start count. */
  readiness: () => readonly ReadinessCheck[];
  metrics: ServiceMetrics;
  config: Pick<ObservabilityConfig, 'metricsToken'>;
  log: Logger;
}

/** An express app with the routes every service has: `/healthz`, `/readyz` (and `/health`) for probes, `/metrics`. */
export function createHttpApp(service: string, probes: ServiceProbes): Express {
  const app = express();
  app.disable('x-powered-by');
  mountHealthRoutes(app, service, probes.readiness, probes.log);
  app.get('/metrics', metricsHandler(probes.metrics, probes.config));
  return app;
}

/**
 * Listens on `port` (0 picks a free one) and resolves once the socket is bound. `graphqlPost`, when given, serves
 * `POST /graphql` before express sees it (shared/http/graphql-post.ts); everything else goes to `app`.
 */
export function listen(
  app: Express,
  port: number,
  host: string,
  graphqlPost?: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<RunningHttpServer> {
  const server = http.createServer(graphqlPost ? (req, res) => (isGraphqlPost(req) ? graphqlPost(req, res) : app(req, res)) : app);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const bound = (server.address() as AddressInfo).port;
      const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
      resolve({
        port: bound,
        url: `http://${shownHost}:${bound}/graphql`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
