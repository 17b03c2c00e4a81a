import { decodeJwt } from 'jose';
import { createAuthenticator } from '../../shared/auth/authenticate';
import {
  checkStandaloneRevocationStore, createRevocationList, MemoryRevocationList, RedisRevocationList, RevocationStoreError,
} from '../../shared/auth/revocation';
import { ConfigError } from '../../shared/config/config';
import { startSubgraph, RunningSubgraph } from '../../shared/subgraph/start-subgraph';
import { marketRegulationSubgraph } from '../../subgraphs/market-regulation';
import { postGraphQL } from '../support/graphql-client';
import { bearer, mintTestToken } from '../support/tokens';
import { configFor, memoryLogger, tempDataDir } from '../unit/auth/helpers';

/** Issue 7, item 7: a revoked token must stay refused, whatever expiry the admin typed. */
const DAY = 86_400_000;
const REVOKE = `mutation ($id: String!, $until: DateTime) { revokeToken(tokenId: $id, expiresAt: $until) { tokenId until } }`;

describe('revocation holds until no token could still be accepted', () => {
  const data = tempDataDir();
  const config = configFor(data.dir, { SEED_ON_START: 'false' });
  const { log } = memoryLogger();
  // One clock for the token checks, the revocation list and the subgraph: tests move it forward.
  let nowMs = Date.now();
  const clock = () => new Date(nowMs);
  const authenticator = createAuthenticator(config, log, {
    clock,
    revocations: new MemoryRevocationList({ now: () => nowMs, retainAfterExpirySeconds: config.auth.clockToleranceSeconds }),
  });
  let subgraph: RunningSubgraph;
  const ask = (token: string) => postGraphQL(subgraph.url, '{ __typename }', {}, bearer(token));

  beforeAll(async () => {
    subgraph = await startSubgraph(marketRegulationSubgraph, { config, log, port: 0, inMemory: true, seedOperators: 2, authenticator, clock });
  });
  afterAll(async () => {
    await subgraph?.stop();
    await authenticator.close();
    data.cleanup();
  });

  it('keeps refusing a token after the short expiry the admin passed, until the longest token lifetime is over', async () => {
    const start = nowMs;
    const admin = await mintTestToken(config, { role: 'admin', ttl: '30d', now: new Date(start) });
    const victim = await mintTestToken(config, { role: 'agency', agency: 'customs', ttl: '30d', now: new Date(start) });
    expect((await ask(victim)).status).toBe(200);

    const { jti } = decodeJwt(victim);
    const res = await postGraphQL(subgraph.url, REVOKE, { id: jti, until: new Date(start + 60_000).toISOString() }, bearer(admin));
    expect(res.errors).toBeUndefined();
    const until = Date.parse(res.data!.revokeToken.until);
    // Kept the maximum token lifetime (plus clock tolerance) from now, not the minute asked for.
    expect(until).toBe(start + (config.auth.maxTokenTtlSeconds + config.auth.clockToleranceSeconds) * 1000);

    for (const later of [2 * 60_000, 2 * 3_600_000, 29 * DAY]) {
      nowMs = start + later;
      const refused = await ask(victim);
      expect([later, refused.status, refused.errors?.[0].extensions?.reason]).toEqual([later, 401, 'TOKEN_REVOKED']);
    }
    // Past its own expiry the token is refused for that reason anyway, and the entry may go.
    nowMs = start + 31 * DAY;
    expect((await ask(victim)).errors?.[0].extensions?.reason).toBe('TOKEN_EXPIRED');
    nowMs = start;
  }, 15_000);

  it('lengthens, never shortens, the retention with a later expiresAt, and needs no expiresAt at all', async () => {
    const start = nowMs;
    const admin = await mintTestToken(config, { role: 'admin', ttl: '1h', now: new Date(start) });
    const later = new Date(start + 90 * DAY).toISOString();
    const long = await postGraphQL(subgraph.url, REVOKE, { id: 'some-token-id', until: later }, bearer(admin));
    expect(long.data?.revokeToken).toEqual({ tokenId: 'some-token-id', until: later });
    const plain = await postGraphQL(subgraph.url, REVOKE, { id: 'another-token-id' }, bearer(admin));
    expect(plain.errors).toBeUndefined();
    expect(Date.parse(plain.data!.revokeToken.until)).toBe(start + (config.auth.maxTokenTtlSeconds + config.auth.clockToleranceSeconds) * 1000);
    const past = await postGraphQL(subgraph.url, REVOKE, { id: 'third-token-id', until: new Date(start - DAY).toISOString() }, bearer(admin));
    expect(Date.parse(past.data!.revokeToken.until)).toBe(Date.parse(plain.data!.revokeToken.until));
  }, 15_000);

  it('is for admins only', async () => {
    const agency = await mintTestToken(config, { role: 'agency', agency: 'market-regulation', now: new Date(nowMs) });
    const res = await postGraphQL(subgraph.url, REVOKE, { id: 'x-token' }, bearer(agency));
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    expect(res.data ?? null).toBeNull();
  }, 15_000);
});

describe('a service started on its own needs a shared revocation store in production', () => {
  const data = tempDataDir();
  afterAll(() => data.cleanup());

  it('refuses to start in production without REDIS_URL, saying why and how to fix it', () => {
    const { log } = memoryLogger();
    const config = configFor(data.dir, { NODE_ENV: 'production' });
    expect(() => checkStandaloneRevocationStore(config, log)).toThrow(RevocationStoreError);
    expect(() => checkStandaloneRevocationStore(config, log)).toThrow(/revoked through another service would still be accepted/);
    expect(() => checkStandaloneRevocationStore(config, log)).toThrow(/REDIS_URL.*AUTH_REVOCATION_STORE=memory/);
  });

  it('starts in production with REDIS_URL, silently', () => {
    const { log, lines } = memoryLogger();
    checkStandaloneRevocationStore(configFor(data.dir, { NODE_ENV: 'production', REDIS_URL: 'redis://127.0.0.1:6379' }), log);
    expect(lines).toEqual([]);
  });

  it('starts with AUTH_REVOCATION_STORE=memory (a single-process deployment) and warns', () => {
    const { log, lines } = memoryLogger();
    checkStandaloneRevocationStore(configFor(data.dir, { NODE_ENV: 'production', AUTH_REVOCATION_STORE: 'memory' }), log);
    expect(lines.join('')).toMatch(/"level":40.*AUTH_REVOCATION_STORE=memory/);
  });

  it('only warns outside production', () => {
    const { log, lines } = memoryLogger();
    checkStandaloneRevocationStore(configFor(data.dir), log);
    expect(lines.join('')).toMatch(/"level":40.*set REDIS_URL/);
  });

  it('validates AUTH_REVOCATION_STORE and PEER_TIMEOUT_MS, naming the variable', () => {
    expect(() => configFor(data.dir, { AUTH_REVOCATION_STORE: 'redis' })).toThrow(ConfigError);
    expect(() => configFor(data.dir, { AUTH_REVOCATION_STORE: 'redis' })).toThrow(/AUTH_REVOCATION_STORE: `redis` needs REDIS_URL/);
    expect(() => configFor(data.dir, { AUTH_REVOCATION_STORE: 'disk' })).toThrow(/AUTH_REVOCATION_STORE/);
    expect(() => configFor(data.dir, { PEER_TIMEOUT_MS: 'soon' })).toThrow(/PEER_TIMEOUT_MS/);
    expect(configFor(data.dir).trust).toEqual({ revocationStore: 'memory', revocationStoreChosen: false, peerTimeoutMs: 5000 });
  });

  it('uses the store chosen: Redis with REDIS_URL, memory when AUTH_REVOCATION_STORE=memory says so', async () => {
    const redis = configFor(data.dir, { REDIS_URL: 'redis://127.0.0.1:6379' });
    const shared = createRevocationList(redis.auth, undefined, redis.trust.revocationStore);
    const forced = configFor(data.dir, { REDIS_URL: 'redis://127.0.0.1:6379', AUTH_REVOCATION_STORE: 'memory' });
    const own = createRevocationList(forced.auth, undefined, forced.trust.revocationStore);
    try {
      expect(shared).toBeInstanceOf(RedisRevocationList);
      expect(own).toBeInstanceOf(MemoryRevocationList);
    } finally {
      await shared.close();
      await own.close();
    }
  });
});
