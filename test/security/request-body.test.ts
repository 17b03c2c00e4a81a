import http from 'node:http';
import zlib from 'node:zlib';
import { startStackForTest, StackHarness } from '../support/stack-harness';

/**
 * POST /graphql is served without express (shared/http/graphql-post.ts), at the gateway and in every subgraph: a body
 * that cannot be read is refused with a GraphQL-shaped error and a code, before anything runs, and what express.json
 * accepted (gzip, a query string, CORS, the request id) still works.
 */
jest.setTimeout(60_000);

let h: StackHarness;

beforeAll(async () => {
  h = await startStackForTest({ seedOperators: 3, env: { CORS_ORIGINS: 'https://agency.example.gov.cn' } });
});
afterAll(async () => {
  await h?.stop();
});
beforeEach(() => h.reset());

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
}

/** A POST with exactly these headers and body bytes; `chunked` leaves out Content-Length. */
function rawPost(url: string, headers: Record<string, string>, body: Buffer | string, chunked = false): Promise<RawResponse> {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: chunked ? headers : { ...headers, 'content-length': String(bytes.length) } });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : {} });
      });
    });
    // The server may close the connection while a refused body is still being sent.
    req.on('error', reject);
    if (chunked) {
      // Several writes, so the size is only known by reading.
      for (let at = 0; at < bytes.length; at += 64 * 1024) req.write(bytes.subarray(at, at + 64 * 1024));
      req.end();
    } else req.end(bytes);
  });
}

const json = { 'content-type': 'application/json' };
const fetchCount = () => Object.values(h.fetches).reduce((a, b) => a + b, 0);
const targets = () => [
  ['the gateway', h.gatewayUrl],
  ['a subgraph', h.subgraphUrls[0]],
] as const;

describe.each([['the gateway'], ['a subgraph']])('POST /graphql at %s', (name) => {
  const url = () => targets().find(([n]) => n === name)![1];

  it('answers a JSON query, also with a query string in the URL', async () => {
    for (const target of [url(), `${url()}?from=test`]) {
      const res = await rawPost(target, json, JSON.stringify({ query: '{ __typename }' }));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ data: { __typename: 'Query' } });
      expect(res.headers['content-type']).toMatch(/^application\/(graphql-response\+)?json/);
      expect(res.headers['x-request-id']).toMatch(/^[\w.:-]+$/);
    }
  });

  it('reads a gzip-compressed body, as express.json did', async () => {
    const body = zlib.gzipSync(JSON.stringify({ query: '{ __typename }' }));
    const res = await rawPost(url(), { ...json, 'content-encoding': 'gzip' }, body);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: { __typename: 'Query' } });
  });

  it('refuses a body that is not JSON with BAD_REQUEST, running nothing', async () => {
    const res = await rawPost(url(), json, '{ "query": "{ operators(first: 1) { totalCount } }"');
    expect(res.status).toBe(400);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors).toEqual([{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }]);
    expect(fetchCount()).toBe(0);
  });

  it('refuses a body over 1 MiB with PAYLOAD_TOO_LARGE, whether its length is declared or not', async () => {
    const big = JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(1024 * 1024) } });
    for (const chunked of [false, true]) {
      const res = await rawPost(url(), json, big, chunked);
      expect(res.status).toBe(413);
      expect(res.body.errors?.[0].extensions?.code).toBe('PAYLOAD_TOO_LARGE');
      expect(res.body.errors?.[0].message).toBe('The request body is larger than 1048576 bytes');
    }
    // The limit is on the inflated size: a small gzip of a large body is refused too.
    const bomb = zlib.gzipSync(big);
    expect(bomb.length).toBeLessThan(64 * 1024);
    const res = await rawPost(url(), { ...json, 'content-encoding': 'gzip' }, bomb);
    expect(res.status).toBe(413);
    expect(res.body.errors?.[0].extensions?.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses an unknown content encoding or charset with UNSUPPORTED_MEDIA_TYPE', async () => {
    const body = JSON.stringify({ query: '{ __typename }' });
    const encoded = await rawPost(url(), { ...json, 'content-encoding': 'compress' }, body);
    expect(encoded.status).toBe(415);
    expect(encoded.body.errors?.[0].extensions?.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const latin1 = await rawPost(url(), { 'content-type': 'application/json; charset=latin1' }, body);
    expect(latin1.status).toBe(415);
    expect(latin1.body.errors?.[0].extensions?.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('shrugs off a client that goes away halfway through its body', async () => {
    await new Promise<void>((resolve) => {
      const req = http.request(url(), { method: 'POST', headers: { ...json, 'content-length': '1000' } });
      req.on('error', () => resolve());
      req.write('{ "query": "{ __typ', () => setTimeout(() => req.destroy(), 50));
      req.on('close', () => resolve());
    });
    const res = await rawPost(url(), json, JSON.stringify({ query: '{ __typename }' }));
    expect(res.body).toEqual({ data: { __typename: 'Query' } });
    expect(fetchCount()).toBe(0);
  });

  it('refuses a simple (CSRF-able) content type, running nothing', async () => {
    const res = await rawPost(url(), { 'content-type': 'text/plain' }, JSON.stringify({ query: '{ operators(first: 1) { totalCount } }' }));
    expect(res.status).toBe(400);
    expect(res.body.data).toBeUndefined();
    expect(fetchCount()).toBe(0);
  });
});

describe('POST /graphql at the gateway, cross-origin', () => {
  it('answers an allowed origin with its CORS header and leaves others without one', async () => {
    const body = JSON.stringify({ query: '{ __typename }' });
    const allowed = await rawPost(h.gatewayUrl, { ...json, origin: 'https://agency.example.gov.cn' }, body);
    expect(allowed.status).toBe(200);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://agency.example.gov.cn');
    const other = await rawPost(h.gatewayUrl, { ...json, origin: 'https://evil.example' }, body);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});
