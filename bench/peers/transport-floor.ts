import http from 'node:http';
import { Pool } from 'undici';
import { FORWARDED_HEADERS } from './peer-settings';

/**
 * The transport floor: a bare HTTP proxy in front of the market-regulation subgraph. It reads each request body and
 * posts it unchanged over a pool of kept-alive undici connections (as the project's gateway does), then writes the
 * subgraph's answer back. No GraphQL, no authentication, no limits, no metrics: what any Node.js gateway pays to
 * put one HTTP hop in front of a subgraph, so the bench can show how much of a gateway's cost on W1 is its own.
 * Never a product: it refuses nothing.
 */
async function main() {
  const port = Number(process.env.PORT);
  const upstream = new URL(process.env.UPSTREAM_URL ?? '');
  if (!Number.isInteger(port) || port <= 0) throw new Error('PORT and UPSTREAM_URL must be set');
  const pool = new Pool(upstream.origin, { connections: 16, pipelining: 1 });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      for (const name of FORWARDED_HEADERS) {
        const value = req.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      pool
        .request({ method: 'POST', path: upstream.pathname, headers, body: Buffer.concat(chunks) })
        .then(async (answer) => {
          const body = Buffer.from(await answer.body.arrayBuffer());
          res.writeHead(answer.statusCode, { 'content-type': 'application/json', 'content-length': body.length });
          res.end(body);
        })
        .catch((err: unknown) => {
          res.writeHead(502, { 'content-type': 'text/plain' });
          res.end(String(err));
        });
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(port, '127.0.0.1', () => process.stdout.write(`transport floor ready at http://127.0.0.1:${port}/graphql\n`));
}

main().catch((err) => {
  process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
