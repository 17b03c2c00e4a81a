import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Objection } from '../../../subgraphs/market-regulation/entities/objection.entity';
import { Operator } from '../../../subgraphs/market-regulation/entities/operator.entity';
import { marketRegulationSubgraph } from '../../../subgraphs/market-regulation';
import { startSubgraphForTest, SubgraphHarness } from '../../support/subgraph-harness';

/**
 * Filing an objection to another agency's record asks the owner over GraphQL, with the filer's own token, before
 * anything is written (issue 10): an unknown record is BAD_USER_INPUT, an owner that does not answer is
 * SUBGRAPH_UNAVAILABLE, and in both cases the register stays empty.
 */
const FILE = `mutation ($input: FileObjectionInput!) { fileObjection(input: $input) { id status agency recordKind recordId } }`;

interface FakeOwner { url: string; requests: { authorization?: string; body: { query: string; variables: Record<string, unknown> } }[]; close(): Promise<void> }

/** A stand-in finance subgraph answering `financeRecordForObjection` with `state`. */
async function fakeFinance(state: string | null): Promise<FakeOwner> {
  const requests: FakeOwner['requests'] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      requests.push({ authorization: req.headers.authorization, body: JSON.parse(body) });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data: { _entities: [{ state }] } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/graphql`, requests, close: () => new Promise((r) => server.close(() => r())) };
}

async function withMarketRegulation(financeUrl: string, run: (h: SubgraphHarness, uscc: string) => Promise<void>) {
  const h = await startSubgraphForTest(marketRegulationSubgraph, { seedOperators: 5, peerUrls: { finance: financeUrl } });
  try {
    const [operator] = await h.subgraph.database.dataSource.getRepository(Operator).find({ take: 1, order: { uscc: 'ASC' } });
    await run(h, operator.uscc);
  } finally {
    await h.stop();
  }
}

const input = (uscc: string) => ({
  agency: 'finance', recordKind: 'FINANCING_MEASURE', recordId: '42', operatorUscc: uscc, grounds: '措施所依据的名单有误',
});

describe('objections to another agency’s record: the owner checks it', () => {
  it('registers the objection when the owner holds the record, asking with the filer’s own token', async () => {
    const finance = await fakeFinance('STANDING');
    try {
      await withMarketRegulation(finance.url, async (h, uscc) => {
        const operator = await h.as({ role: 'operator', operators: [uscc] });
        const res = await h.query(FILE, { input: input(uscc) }, operator);
        expect(res.errors).toBeUndefined();
        expect(res.data!.fileObjection).toMatchObject({ status: 'FILED', agency: 'finance', recordKind: 'FINANCING_MEASURE', recordId: '42' });
        expect(finance.requests).toHaveLength(1);
        expect(finance.requests[0].authorization).toBe(operator.authorization);
        expect(finance.requests[0].body.query).toContain('financeRecordForObjection');
        expect(finance.requests[0].body.variables).toMatchObject({
          representations: [{ __typename: 'Operator', uscc }], kind: 'FINANCING_MEASURE', id: '42',
        });
      });
    } finally {
      await finance.close();
    }
  });

  it.each([
    [null, /finance holds no FINANCING_MEASURE with id 42 of operator/],
    ['WITHDRAWN', /FINANCING_MEASURE 42 was already withdrawn by finance/],
  ])('refuses with BAD_USER_INPUT when the owner answers %s, and writes nothing', async (state, message) => {
    const finance = await fakeFinance(state);
    try {
      await withMarketRegulation(finance.url, async (h, uscc) => {
        const res = await h.query(FILE, { input: input(uscc) }, await h.as({ role: 'agency', agency: 'market-regulation' }));
        expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
        expect(res.errors?.[0].message).toMatch(message);
        expect(await h.subgraph.database.dataSource.getRepository(Objection).count()).toBe(0);
      });
    } finally {
      await finance.close();
    }
  });

  it('refuses with SUBGRAPH_UNAVAILABLE naming the owner when it does not answer, and writes nothing', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    await withMarketRegulation(`http://127.0.0.1:${port}/graphql`, async (h, uscc) => {
      const res = await h.query(FILE, { input: input(uscc) }, await h.as({ role: 'agency', agency: 'market-regulation' }));
      expect(res.data).toBeNull();
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', agency: 'finance' });
      expect(JSON.stringify(res.errors)).not.toContain(String(port));
      expect(await h.subgraph.database.dataSource.getRepository(Objection).count()).toBe(0);
    });
  });
});
