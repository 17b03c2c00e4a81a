import type { AppConfig, AuthConfig } from '../../config/config';
import type { TrustConfig } from '../../config/trust';
import type { Logger } from '../../logging/logger';
import { RedisRevocationList } from './redis-revocation-list';
import { MemoryRevocationList, RevocationList } from './revocation-list';

export { MemoryRevocationList, RedisRevocationList };
export type { RevocationList };

/**
 * Redis when configured (REDIS_URL, unless AUTH_REVOCATION_STORE=memory): shared by every process;
 * otherwise this process's memory.
 */
export function createRevocationList(
  auth: AuthConfig,
  log?: Logger,
  store: TrustConfig['revocationStore'] = auth.redisUrl ? 'redis' : 'memory',
): RevocationList {
  const retainAfterExpirySeconds = auth.clockToleranceSeconds;
  if (store === 'redis' && auth.redisUrl) {
    log?.info({ keyPrefix: auth.revocationKeyPrefix }, 'token revocation list in Redis');
    return RedisRevocationList.connect(auth.redisUrl, { keyPrefix: auth.revocationKeyPrefix, retainAfterExpirySeconds });
  }
  return new MemoryRevocationList({ retainAfterExpirySeconds });
}

/**
 * Until when a revocation made at `now` must be kept so that the token can never be accepted again: the
 * verifier refuses tokens living longer than the maximum lifetime (or issued in the future), so any token
 * still accepted expires within `maxTokenTtl` + clock tolerance of now. The list adds one more tolerance for
 * the expiry check itself. A caller-given expiry only lengthens this, never shortens it.
 */
export function revocationRetention(
  auth: Pick<AuthConfig, 'maxTokenTtlSeconds' | 'clockToleranceSeconds'>,
  now: Date,
  requestedUntil?: Date | null,
): Date {
  const longestLife = now.getTime() + (auth.maxTokenTtlSeconds + auth.clockToleranceSeconds) * 1000;
  const requested = requestedUntil?.getTime();
  return new Date(requested !== undefined && Number.isFinite(requested) ? Math.max(longestLife, requested) : longestLife);
}

/** Refusal to start a service whose revocations other processes would never see. */
export class RevocationStoreError extends Error {}

/**
 * For a service started on its own (gateway/main.ts, a subgraph's main.ts): in production each such process
 * is one of several, and a token revoked through one of them must be refused by all. Without a shared store
 * (REDIS_URL) that cannot hold, so the service refuses to start, unless AUTH_REVOCATION_STORE=memory says the
 * deployment is a single process on purpose (then a warning). Outside production it only warns.
 * The embedded `npm start` shares one list between all its services and does not call this.
 */
export function checkStandaloneRevocationStore(config: Pick<AppConfig, 'env' | 'trust'>, log: Logger): void {
  if (config.trust.revocationStore === 'redis') return;
  const why =
    'the token revocation list is kept in this process only: a token revoked through another service would still be accepted here';
  if (config.trust.revocationStoreChosen) {
    log.warn(`${why} (AUTH_REVOCATION_STORE=memory; right only for a single-process deployment)`);
    return;
  }
  if (config.env !== 'production') {
    log.warn(`${why}; set REDIS_URL to share it`);
    return;
  }
  throw new RevocationStoreError(
    `Refusing to start in production without a shared revocation store: ${why}. ` +
      'Set REDIS_URL (every service shares the list), or AUTH_REVOCATION_STORE=memory if this one process serves everything.',
  );
}
