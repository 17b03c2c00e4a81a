import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { Express } from 'express';

export interface RunningHttpServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** An express app with the routes every service has: `/health` for probes. */
export function createHttpApp(service: string, isReady: () => boolean = () => true): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (_req, res) => {
    const ready = isReady();
    res.status(ready ? 200 : 503).json({ service, status: ready ? 'ok' : 'starting' });
  });
  return app;
}

/** Listens on `port` (0 picks a free one) and resolves once the socket is bound. */
export function listen(app: Express, port: number, host: string): Promise<RunningHttpServer> {
  const server = http.createServer(app);
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
