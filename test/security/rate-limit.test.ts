import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { RunningGateway, startGateway } from '../../gateway/gateway';
import { COMMITTED_SUPERGRAPH } from '../../gateway/supergraph/location';
import { loadConfig } from '../../shared/config/config';
import { createRequestRateLimiter } from '../../shared/http/rate-limit';
import { ANONYMOUS } from '../../shared/auth/caller';
import { createLogger } from '../../shared/logging/logger';
import { createSeedPlan } from '../../shared/seed/seed-plan';
import { startStackForTest, StackHarness } from '../support/stack-harness';
import { describeWhen } from '../support/describe-when';
import { loadTestServiceSettings } from '../support/services';

/** The test Redis (127.0.0.1:6379, which .ci/run starts). */
const REDIS_URL = loadTestServiceSettings().redisUrl;
const PER_TEST_MS = 15_000;
const target = createSeedPlan({ seed: loadConfig({}).seed, operators: 3 }).operators[0];
const NAME_QUERY = `query($u: UnifiedSocialCreditCode!) { operator(uscc: $u) { name } }`;
const SMALL_BUDGET = { RATE_LIMIT_POINTS: '5', RATE_LIMIT_PRIVILEGED_POINTS: '8', RATE_LIMIT_WINDOW_SECONDS: '60' };

interface RawResponse {
  status: number;
  retryAfter: string | null;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

/** What any HTTP client sees, headers included. */
async function post(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: NAME_QUERY, variables: { u: target.uscc } }),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as RawResponse['body'] };
}

function expectServed(res: RawResponse) {
  expect(res.status).toBe(200);
  expect(res.body.errors).toBeUndefined();
  expect(res.body.data).toEqual({ operator: { name: target.name } });
}

function expectRateLimited(res: RawResponse, windowSeconds = 60) {
  expect(res.status).toBe(429);
  expect(res.body.data).toBeUndefined();
  expect(res.body.errors).toHaveLength(1);
  const error = res.body.errors![0];
  expect(error.extensions?.code).toBe('RATE_LIMITED');
  const retryAfter = Number(res.retryAfter);
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
  expect(error.extensions?.retryAfterSeconds).toBe(retryAfter);
  expect(error.message).toMatch(/retry after \d+ s/);
}

function startSecondGateway(h: StackHarness, env: Record<string, string>): Promise<RunningGateway> {
  const config = loadConfig({ ...process.env, DATA_DIR: h.config.dataDir, HOST: '127.0.0.1', ...env });
  return startGateway({
    config,
    log: createLogger('warn'),
    supergraphSdl: fs.readFileSync(COMMITTED_SUPERGRAPH, 'utf8'),
    port: 0,
    subgraphUrls: Object.fromEntries(h.stack.subgraphs.map((s) => [s.agency, s.url])),
    onSubgraphFetch: (name) => {
      h.fetches[name] = (h.fetches[name] ?? 0) + 1;
    },
    authenticator: h.stack.authenticator,
  });
}

describe('rate limits at the gateway (in memory)', () => {
  let h: StackHarness;
  let behindNoProxy: RunningGateway;
  beforeAll(async () => {
    // The harness's gateway sits behind a trusted local proxy, so tests can speak for several client addresses.
    h = await startStackForTest({ seedOperators: 3, env: { ...SMALL_BUDGET, HOST: '127.0.0.1', TRUST_PROXY: 'loopback' } });
    behindNoProxy = await startSecondGateway(h, SMALL_BUDGET);
  });
  afterAll(async () => {
    await behindNoProxy?.stop();
    await h?.stop();
  });
  beforeEach(() => h.reset());

  it('gives a token subject 5 requests; the 6th is refused with 429, Retry-After and RATE_LIMITED, and reaches no subgraph', async () => {
    const caller = await h.as({ role: 'operator', operators: [target.uscc], subject: 'operator:rate-a' });
    for (let i = 0; i < 5; i++) expectServed(await post(h.gatewayUrl, caller));
    expect(h.fetches['market-regulation']).toBe(5);
    h.reset();
    expectRateLimited(await post(h.gatewayUrl, caller));
    expect(h.fetches).toEqual({});
    // The budget belongs to the subject, not to one token: a fresh token of the same subject is still limited.
    expectRateLimited(await post(h.gatewayUrl, await h.as({ role: 'operator', operators: [target.uscc], subject: 'operator:rate-a' })));
    expect(h.fetches).toEqual({});
  }, PER_TEST_MS);

  it('leaves another subject and anonymous callers their own budgets', async () => {
    const spent = await h.as({ role: 'platform', platformId: 'shop-rate-b', subject: 'platform:rate-b' });
    for (let i = 0; i < 5; i++) expectServed(await post(h.gatewayUrl, spent));
    expectRateLimited(await post(h.gatewayUrl, spent));
    expectServed(await post(h.gatewayUrl, await h.as({ role: 'platform', platformId: 'shop-rate-c', subject: 'platform:rate-c' })));
    expectServed(await post(h.gatewayUrl, { 'x-forwarded-for': '203.0.113.50' }));
  }, PER_TEST_MS);

  it('gives agencies and admins the larger budget', async () => {
    const agency = await h.as({ role: 'agency', agency: 'customs', subject: 'agency:rate-customs' });
    for (let i = 0; i < 8; i++) expectServed(await post(h.gatewayUrl, agency));
    expectRateLimited(await post(h.gatewayUrl, agency));
  }, PER_TEST_MS);

  it('limits anonymous callers per client address, taken from X-Forwarded-For only through a trusted proxy', async () => {
    const first = { 'x-forwarded-for': '203.0.113.10' };
    for (let i = 0; i < 5; i++) expectServed(await post(h.gatewayUrl, first));
    h.reset();
    expectRateLimited(await post(h.gatewayUrl, first));
    expect(h.fetches).toEqual({});
    expectServed(await post(h.gatewayUrl, { 'x-forwarded-for': '203.0.113.11' }));
    // One IPv6 subscriber (/64) is one client, whichever address of it is used.
    for (let i = 0; i < 5; i++) expectServed(await post(h.gatewayUrl, { 'x-forwarded-for': `2001:db8:1:2::${i + 1}` }));
    expectRateLimited(await post(h.gatewayUrl, { 'x-forwarded-for': '2001:db8:1:2:ffff::9' }));
  }, PER_TEST_MS);

  it('ignores X-Forwarded-For by default: a caller cannot buy a new budget by writing a header', async () => {
    for (let i = 0; i < 5; i++) expectServed(await post(behindNoProxy.url, { 'x-forwarded-for': `198.51.100.${i}` }));
    h.reset();
    expectRateLimited(await post(behindNoProxy.url, { 'x-forwarded-for': '198.51.100.99' }));
    expect(h.fetches).toEqual({});
  }, PER_TEST_MS);

  it('charges refused tokens to the client address, so guessing tokens is limited too', async () => {
    const address = { 'x-forwarded-for': '203.0.113.20' };
    const forged = { ...address, authorization: 'Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl' };
    for (let i = 0; i < 5; i++) {
      const res = await post(h.gatewayUrl, forged);
      expect(res.status).toBe(401);
      expect(res.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
    h.reset();
    expectRateLimited(await post(h.gatewayUrl, forged));
    expectRateLimited(await post(h.gatewayUrl, address));
    expect(h.fetches).toEqual({});
    // A valid token from the same address is judged by its own subject's budget.
    expectServed(await post(h.gatewayUrl, { ...address, ...(await h.as({ role: 'operator', operators: [target.uscc], subject: 'operator:rate-d' })) }));
  }, PER_TEST_MS);
});

describeWhen('redis')('rate limits shared through Redis', () => {
  const keyPrefix = `ocg-test:${randomUUID()}:rate`;
  let redis: Redis;
  let h: StackHarness;
  let second: RunningGateway;
  const env = {
    ...SMALL_BUDGET,
    REDIS_URL,
    RATE_LIMIT_KEY_PREFIX: keyPrefix,
    AUTH_REVOCATION_KEY_PREFIX: `${keyPrefix}:revoked:`,
  };
  beforeAll(async () => {
    redis = new Redis(REDIS_URL);
    h = await startStackForTest({ seedOperators: 3, env: { ...env, HOST: '127.0.0.1' } });
    second = await startSecondGateway(h, env);
  });
  afterAll(async () => {
    await second?.stop();
    await h?.stop();
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('two gateways draw on one budget: 3 requests to each with a budget of 5, the 6th is limited', async () => {
    const caller = await h.as({ role: 'operator', operators: [target.uscc], subject: 'operator:shared-budget' });
    for (let i = 0; i < 3; i++) expectServed(await post(h.gatewayUrl, caller));
    for (let i = 0; i < 2; i++) expectServed(await post(second.url, caller));
    h.reset();
    expectRateLimited(await post(second.url, caller));
    expectRateLimited(await post(h.gatewayUrl, caller));
    expect(h.fetches).toEqual({});
    expect(await redis.keys(`${keyPrefix}:subject*`)).toHaveLength(1);
  }, PER_TEST_MS);
});

describe('rate limits when Redis is down', () => {
  it('fall back to an in-memory budget of the same size in each process (the API stays up, callers stay limited)', async () => {
    const config = loadConfig({ ...SMALL_BUDGET, REDIS_URL: 'redis://127.0.0.1:1', RATE_LIMIT_KEY_PREFIX: `ocg-test:${randomUUID()}` });
    const limiter = await createRequestRateLimiter(config.rateLimit, { redisUrl: config.auth.redisUrl, log: createLogger('silent') });
    try {
      for (let i = 0; i < 5; i++) await expect(limiter.authenticate(async () => ANONYMOUS, '192.0.2.1')).resolves.toBe(ANONYMOUS);
      await expect(limiter.authenticate(async () => ANONYMOUS, '192.0.2.1')).rejects.toMatchObject({
        extensions: { code: 'RATE_LIMITED' },
      });
    } finally {
      await limiter.close();
    }
  }, PER_TEST_MS);
});
