import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { createAuthenticator } from '../../../shared/auth/authenticate';
import { RedisRevocationList } from '../../../shared/auth/revocation';
import { loadSigningKeys } from '../../../shared/auth/tokens/keys';
import { mintToken } from '../../../shared/auth/tokens/mint';
import { configFor, expectRefused, memoryLogger, tempDataDir } from '../../unit/auth/helpers';
import { describeWhen } from '../../support/describe-when';
import { loadTestServiceSettings } from '../../support/services';

/** The test Redis (127.0.0.1:6379, which .ci/run starts); REDIS_URL in the test environment would point elsewhere. */
const REDIS_URL = loadTestServiceSettings().redisUrl;

describeWhen('redis')('revocation shared through Redis', () => {
  const data = tempDataDir();
  const prefix = `ocg-test:${randomUUID()}:revoked:`;
  const config = configFor(data.dir, { REDIS_URL, AUTH_REVOCATION_KEY_PREFIX: prefix });
  const { log } = memoryLogger();
  let redis: Redis;

  // Connected here, not in the block's body: a block that is not run still has its body evaluated.
  beforeAll(() => {
    redis = new Redis(REDIS_URL);
  });

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    data.cleanup();
  });

  it('a token revoked through one process is refused by another, with a key that expires with the token', async () => {
    const gateway = createAuthenticator(config, log);
    const subgraph = createAuthenticator(config, log);
    try {
      expect(gateway.revocations).toBeInstanceOf(RedisRevocationList);
      const token = await mintToken({ role: 'evaluator', ttl: '10m' }, await loadSigningKeys(config.auth));
      const caller = await subgraph.authenticate(`Bearer ${token}`);
      expect(caller.role).toBe('evaluator');

      await gateway.revocations.revoke(caller.tokenId!, caller.expiresAt!);
      await expectRefused(subgraph.authenticate(`Bearer ${token}`), token, 'TOKEN_REVOKED');
      await expectRefused(gateway.authenticate(`Bearer ${token}`), token, 'TOKEN_REVOKED');

      const ttl = await redis.pttl(prefix + caller.tokenId);
      const remaining = caller.expiresAt!.getTime() - Date.now() + config.auth.clockToleranceSeconds * 1000;
      expect(ttl).toBeGreaterThan(remaining - 5_000);
      expect(ttl).toBeLessThanOrEqual(remaining + 1_000);

      const other = await mintToken({ role: 'evaluator' }, await loadSigningKeys(config.auth));
      expect((await gateway.authenticate(`Bearer ${other}`)).role).toBe('evaluator');
    } finally {
      await Promise.all([gateway.close(), subgraph.close()]);
    }
  });

  it('entries expire with their token; already expired tokens are not stored', async () => {
    const list = RedisRevocationList.connect(REDIS_URL, { keyPrefix: prefix });
    try {
      await list.revoke('short-lived', new Date(Date.now() + 300));
      expect(await list.isRevoked('short-lived')).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(await list.isRevoked('short-lived')).toBe(false);
      await list.revoke('already-expired', new Date(Date.now() - 1000));
      expect(await redis.exists(prefix + 'already-expired')).toBe(0);
      // Revoking again with an earlier expiry keeps the longer lifetime.
      await list.revoke('twice', new Date(Date.now() + 60_000));
      await list.revoke('twice', new Date(Date.now() + 1_000));
      expect(await redis.pttl(prefix + 'twice')).toBeGreaterThan(30_000);
    } finally {
      await list.close();
    }
  });

  it('fails closed: when Redis cannot be reached, tokens are refused', async () => {
    const down = configFor(data.dir, { REDIS_URL: 'redis://127.0.0.1:1', AUTH_REVOCATION_KEY_PREFIX: prefix });
    const auth = createAuthenticator(down, log);
    try {
      const token = await mintToken({ role: 'admin' }, await loadSigningKeys(down.auth));
      await expectRefused(auth.authenticate(`Bearer ${token}`), token, 'INVALID_TOKEN');
      expect(await auth.authenticate(undefined)).toMatchObject({ authenticated: false });
    } finally {
      await auth.close();
    }
  });
});
