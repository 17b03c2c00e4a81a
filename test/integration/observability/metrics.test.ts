import os from 'node:os';
import express from 'express';
import { listen, RunningHttpServer } from '../../../shared/http/serve';
import { metricsHandler, ServiceMetrics } from '../../../shared/observability/metrics';
import { marketRegulationSubgraph } from '../../../subgraphs/market-regulation';
import { startStackForTest, StackHarness } from '../../support/stack-harness';
import { startSubgraphForTest, SubgraphHarness } from '../../support/subgraph-harness';

/** Issue 12 part 4: Prometheus metrics at /metrics, with bounded operation labels and a safe default exposure. */

const PUBLIC_PAGE = /* GraphQL */ `query PublicPage { operators(first: 2) { nodes { name riskClass { class } } } }`;

async function scrape(baseUrl: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const res = await fetch(new URL('/metrics', baseUrl), { headers });
  return { status: res.status, text: await res.text() };
}

/** The value of one sample, e.g. sample(text, 'graphql_requests_total', { operation: 'X' }). */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)\{(.*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries([...match[2].matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => present[k] === v)) return Number(match[3]);
  }
  return undefined;
}

describe('gateway and subgraph metrics', () => {
  let h: StackHarness;
  beforeAll(async () => {
    h = await startStackForTest({ seedOperators: 5, env: { METRICS_MAX_OPERATION_NAMES: '2' } });
  });
  afterAll(() => h?.stop());

  it('counts requests, errors by code, latency per operation and per subgraph fetch, and plan-cache hits', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await h.query(PUBLIC_PAGE);
      expect(res.errors?.map((e) => e.extensions?.code)).toContain('UNAUTHORIZED_FIELD_OR_TYPE');
    }
    const { status, text } = await scrape(h.gatewayUrl);
    expect(status).toBe(200);
    const gateway = { service: 'gateway', operation: 'PublicPage' };
    expect(sample(text, 'graphql_requests_total', { ...gateway, status: '200' })).toBe(2);
    expect(sample(text, 'graphql_errors_total', { ...gateway, code: 'UNAUTHORIZED_FIELD_OR_TYPE' })).toBe(2);
    expect(sample(text, 'graphql_request_duration_seconds_count', gateway)).toBe(2);
    expect(sample(text, 'gateway_subgraph_fetch_duration_seconds_count', { subgraph: 'market-regulation', outcome: 'ok' })).toBe(2);
    expect(sample(text, 'gateway_query_plan_cache_total', { result: 'miss' })).toBe(1);
    expect(sample(text, 'gateway_query_plan_cache_total', { result: 'hit' })).toBe(1);
    expect(text).toContain('process_cpu_seconds_total');

    const marketRegulation = h.stack.subgraphs.find((s) => s.agency === 'market-regulation')!;
    const subgraphText = (await scrape(marketRegulation.url)).text;
    expect(sample(subgraphText, 'graphql_requests_total', { service: 'market-regulation', status: '200' })).toBe(2);
  });

  it('labels caller-chosen operation names only up to the cap, then as "other"; registered names always', async () => {
    await h.query('query FloodA { __typename }');
    await h.query('query FloodB { __typename }');
    await h.query('query FloodC { __typename }');
    await h.query('{ __typename }');
    const { text } = await scrape(h.gatewayUrl);
    expect(sample(text, 'graphql_requests_total', { service: 'gateway', operation: 'FloodA' })).toBe(1);
    expect(sample(text, 'graphql_requests_total', { service: 'gateway', operation: 'FloodB' })).toBeUndefined();
    expect(sample(text, 'graphql_requests_total', { service: 'gateway', operation: 'other' })).toBe(2);
    expect(sample(text, 'graphql_requests_total', { service: 'gateway', operation: 'anonymous' })).toBe(1);
    // EvaluatorCreditReport is in operations/manifest.json: labelled by name past the cap.
    await h.query('query EvaluatorCreditReport { __typename }');
    expect(sample((await scrape(h.gatewayUrl)).text, 'graphql_requests_total', { operation: 'EvaluatorCreditReport' })).toBe(1);
  });

  it('counts requests refused before GraphQL runs, by their code', async () => {
    const res = await h.query('query WithBadToken { __typename }', undefined, { authorization: 'Bearer not-a-token' });
    expect(res.status).toBe(401);
    const { text } = await scrape(h.gatewayUrl);
    expect(sample(text, 'graphql_errors_total', { service: 'gateway', code: 'UNAUTHENTICATED' })).toBe(1);
    expect(sample(text, 'graphql_requests_total', { service: 'gateway', status: '401' })).toBe(1);
  });
});

describe('who may read /metrics', () => {
  const servers: RunningHttpServer[] = [];
  afterAll(async () => {
    for (const s of servers) await s.close();
  });

  async function serve(metricsToken?: string, host = '127.0.0.1'): Promise<string> {
    const app = express();
    app.get('/metrics', metricsHandler(new ServiceMetrics('probe', { maxOperationNames: 1 }), { metricsToken }));
    const server = await listen(app, 0, host);
    servers.push(server);
    return server.url;
  }

  it('with METRICS_TOKEN: only scrapers sending it', async () => {
    const url = await serve('a-long-enough-metrics-token');
    expect((await scrape(url)).status).toBe(401);
    expect((await scrape(url, { authorization: 'Bearer wrong-token-of-some-length' })).status).toBe(401);
    expect((await scrape(url, { authorization: 'Bearer a-long-enough-metrics-token' })).status).toBe(200);
  });

  it('without a token: loopback clients only', async () => {
    expect((await scrape(await serve())).status).toBe(200);
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (!external) return; // no non-loopback interface on this machine to call from
    const url = (await serve(undefined, external.address)).replace('localhost', external.address);
    const res = await scrape(url);
    expect(res.status).toBe(403);
    expect(res.text).toContain('METRICS_TOKEN');
  });
});

describe('SQL statements per subgraph', () => {
  let h: SubgraphHarness;
  beforeAll(async () => {
    h = await startSubgraphForTest(marketRegulationSubgraph, { seedOperators: 3 });
  });
  afterAll(() => h?.stop());

  it('counts the statements a request sends to the agency database and to the access-control store (audit log)', async () => {
    const statements = async (database: string) =>
      sample((await scrape(h.subgraph.url)).text, 'sql_statements_total', { service: 'market-regulation', database }) ?? NaN;
    const agencyBefore = await statements('agency');
    const accessControlBefore = await statements('access-control');
    const res = await h.query('{ operators(first: 2) { nodes { uscc riskClass { class } } } }', undefined, await h.as({ role: 'admin' }));
    expect(res.errors).toBeUndefined();
    expect(await statements('agency')).toBeGreaterThan(agencyBefore);
    // The admin's read of a restricted field is written to the audit log.
    expect(await statements('access-control')).toBeGreaterThan(accessControlBefore);
  });
});
