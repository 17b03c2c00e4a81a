import Redis from 'ioredis';
import type { RevocationList } from './revocation-list';

export interface RedisRevocationListOptions {
  /** Prepended to every token id, e.g. `ocg:revoked-token:`. */
  keyPrefix: string;
  /** Keep entries this long past the token's expiry (the verifier's clock tolerance). */
  retainAfterExpirySeconds?: number;
  now?: () => number;
}

/**
 * Revocations shared by every gateway and subgraph process through Redis: one key per revoked token id,
 * expiring with the token (remaining lifetime plus the clock tolerance), so the set never outgrows the
 * tokens that are still alive.
 */
export class RedisRevocationList implements RevocationList {
  private readonly retainMs: number;
  private readonly now: () => number;

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisRevocationListOptions,
  ) {
    this.retainMs = (options.retainAfterExpirySeconds ?? 0) * 1000;
    this.now = options.now ?? Date.now;
  }

  /** Connects to `url` without blocking; commands fail fast (rather than queue forever) when Redis is down. */
  static connect(url: string, options: RedisRevocationListOptions): RedisRevocationList {
    const redis = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      commandTimeout: 2_000,
      enableAutoPipelining: true,
      // A connection that never opened keeps ioredis's 2 s stream-destroy timer alive after disconnect(); stop promptly.
      disconnectTimeout: 100,
    });
    return new RedisRevocationList(redis, options);
  }

  private key(tokenId: string): string {
    return this.options.keyPrefix + tokenId;
  }

  async revoke(tokenId: string, expiresAt: Date): Promise<void> {
    const ttlMs = expiresAt.getTime() + this.retainMs - this.now();
    if (!Number.isFinite(ttlMs)) throw new TypeError('expiresAt must be a valid date');
    if (ttlMs <= 0) return;
    const key = this.key(tokenId);
    // Keep the longer lifetime when a token id is revoked twice.
    const current = await this.redis.pttl(key);
    if (current >= ttlMs || current === -1) return;
    await this.redis.set(key, '1', 'PX', Math.ceil(ttlMs));
  }

  async isRevoked(tokenId: string): Promise<boolean> {
    return (await this.redis.exists(this.key(tokenId))) === 1;
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  async close(): Promise<void> {
    if (this.redis.status === 'ready') {
      try {
        await this.redis.quit();
        return;
      } catch {
        // fall through: drop the connection
      }
    }
    // Not connected (never used, connecting or reconnecting): stop without waiting for Redis.
    this.redis.disconnect();
  }
}
