import { customsSubgraph } from '../../../subgraphs/customs';
import { startStackForTest, StackHarness } from '../../support/stack-harness';
import { startSubgraphForTest, SubgraphHarness } from '../../support/subgraph-harness';

/** Issue 12 part 4: liveness and readiness probes on the gateway and on each subgraph. */

async function probe(url: string, path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(new URL(path, url));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('gateway and subgraph probes', () => {
  let h: StackHarness;
  beforeAll(async () => {
    h = await startStackForTest({ seedOperators: 5 });
  });
  afterAll(() => h?.stop());

  it('the gateway is live, and ready once the supergraph is loaded', async () => {
    expect(await probe(h.gatewayUrl, '/healthz')).toEqual({ status: 200, body: { service: 'gateway', status: 'ok' } });
    const ready = await probe(h.gatewayUrl, '/readyz');
    expect(ready).toEqual({ status: 200, body: { service: 'gateway', status: 'ok', checks: { supergraph: 'ok' } } });
    expect(await probe(h.gatewayUrl, '/health')).toEqual(ready);
  });

  it('every subgraph is ready when its database and the access-control store answer', async () => {
    for (const s of h.stack.subgraphs) {
      expect(await probe(s.url, '/healthz')).toEqual({ status: 200, body: { service: s.agency, status: 'ok' } });
      expect(await probe(s.url, '/readyz')).toEqual({
        status: 200,
        body: { service: s.agency, status: 'ok', checks: { database: 'ok', 'access-control-store': 'ok' } },
      });
    }
  });
});

describe('a subgraph whose database is gone', () => {
  let h: SubgraphHarness;
  beforeAll(async () => {
    h = await startSubgraphForTest(customsSubgraph, { seedOperators: 0 });
  });
  afterAll(() => h?.stop());

  it('stays live but answers /readyz (and /health) with 503 naming the database', async () => {
    await h.subgraph.database.dataSource.destroy();
    expect((await probe(h.subgraph.url, '/healthz')).status).toBe(200);
    for (const path of ['/readyz', '/health']) {
      expect(await probe(h.subgraph.url, path)).toEqual({
        status: 503,
        body: {
          service: 'customs',
          status: 'unavailable',
          checks: { database: 'failing', 'access-control-store': 'ok' },
          failing: ['database'],
        },
      });
    }
    await h.subgraph.database.dataSource.initialize();
    expect((await probe(h.subgraph.url, '/readyz')).status).toBe(200);
  });
});
