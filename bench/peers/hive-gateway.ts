import http from 'node:http';
import { stripSecurityDirectives } from '../../gateway/authorization/supergraph-security';
import { FORWARDED_HEADERS, readPeerSettings } from './peer-settings';

/**
 * The slice of Hive Gateway's API used here. Loaded with require and typed locally: its typings augment graphql's
 * GraphQLErrorExtensions (graphql-yoga), which would change how the project's own code type-checks.
 */
interface HiveGatewayConfig {
  supergraph: string;
  unifiedGraphHandler: unknown;
  logging: false;
  graphiql: false;
  landingPage: false;
  propagateHeaders: { fromClientToSubgraphs: (payload: { request: Request }) => Record<string, string | null> };
  transports: { http: HttpTransport };
}
interface HttpTransport {
  getSubgraphExecutor(payload: { transportEntry: { location?: string }; fetch?: unknown; getDisposeReason?: unknown }): unknown;
}
type HiveGateway = http.RequestListener & { dispose(): Promise<void> | void };
/* eslint-disable @typescript-eslint/no-require-imports */
const { createGatewayRuntime } = require('@graphql-hive/gateway-runtime') as { createGatewayRuntime(config: HiveGatewayConfig): HiveGateway };
const { unifiedGraphHandler } = require('@graphql-hive/router-runtime') as { unifiedGraphHandler: unknown };
const { buildHTTPExecutor } = require('@graphql-tools/executor-http') as { buildHTTPExecutor(options: Record<string, unknown>): unknown };
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * Subgraphs over HTTP. Hive Gateway loads `@graphql-mesh/transport-http` for this, which is not installed (only the
 * runtime is); for queries without configured headers that package is this same call of @graphql-tools/executor-http
 * (the executor it wraps), with the runtime's fetch.
 */
const httpTransport: HttpTransport = {
  getSubgraphExecutor: ({ transportEntry, fetch, getDisposeReason }) =>
    buildHTTPExecutor({ endpoint: transportEntry.location, fetch, getDisposeReason }),
};

/**
 * Hive Gateway with Hive Router's query planner (router-runtime) over the same subgraphs, served with node:http.
 * Logging, GraphiQL and the landing page off: only the gateway's own work is measured.
 */
async function main() {
  const { port, supergraphSdl } = readPeerSettings();
  const gateway = createGatewayRuntime({
    supergraph: stripSecurityDirectives(supergraphSdl),
    unifiedGraphHandler,
    logging: false,
    graphiql: false,
    landingPage: false,
    transports: { http: httpTransport },
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) =>
        Object.fromEntries(FORWARDED_HEADERS.map((name) => [name, request.headers.get(name)])),
    },
  });
  const server = http.createServer(gateway);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  process.stdout.write(`hive gateway ready at http://127.0.0.1:${port}/graphql\n`);
  const stop = () => {
    server.close();
    void Promise.resolve(gateway.dispose()).finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
