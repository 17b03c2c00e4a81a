import { MemoryRevocationList } from '../../../shared/auth/revocation/revocation-list';
import { createRevocationList, RedisRevocationList } from '../../../shared/auth/revocation';
import { configFor, tempDataDir } from './helpers';

describe('in-memory revocation list', () => {
  it('refuses a revoked token id until its token expires (plus the retention), then forgets it', async () => {
    let now = 1_000_000;
    const list = new MemoryRevocationList({ retainAfterExpirySeconds: 30, now: () => now });
    await list.revoke('t1', new Date(now + 60_000));
    expect(await list.isRevoked('t1')).toBe(true);
    expect(await list.isRevoked('t2')).toBe(false);
    now += 60_000 + 29_000;
    expect(await list.isRevoked('t1')).toBe(true); // still within the clock tolerance of the verifier
    now += 2_000;
    expect(await list.isRevoked('t1')).toBe(false);
    expect(list.size).toBe(0);
  });

  it('does not keep tokens that have already expired, and sweeps expired entries', async () => {
    let now = 5_000_000;
    const list = new MemoryRevocationList({ now: () => now });
    await list.revoke('old', new Date(now - 1));
    expect(list.size).toBe(0);
    for (let i = 0; i < 100; i++) await list.revoke(`t${i}`, new Date(now + 1_000 + i));
    expect(list.size).toBe(100);
    now += 120_000;
    await list.revoke('fresh', new Date(now + 60_000));
    expect(list.size).toBe(1);
    expect(await list.isRevoked('fresh')).toBe(true);
  });

  it('revoking twice keeps the later expiry', async () => {
    let now = 0;
    const list = new MemoryRevocationList({ now: () => now });
    await list.revoke('t', new Date(100_000));
    await list.revoke('t', new Date(10_000));
    now = 50_000;
    expect(await list.isRevoked('t')).toBe(true);
  });

  it('is the default; Redis when REDIS_URL is configured', async () => {
    const data = tempDataDir();
    const memory = createRevocationList(configFor(data.dir).auth);
    expect(memory).toBeInstanceOf(MemoryRevocationList);
    const redis = createRevocationList(configFor(data.dir, { REDIS_URL: 'redis://127.0.0.1:6379' }).auth);
    expect(redis).toBeInstanceOf(RedisRevocationList);
    await Promise.all([memory.close(), redis.close()]);
    data.cleanup();
  });
});
