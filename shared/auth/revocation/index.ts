import type { AuthConfig } from '../../config/config';
import type { Logger } from '../../logging/logger';
import { RedisRevocationList } from './redis-revocation-list';
import { MemoryRevocationList, RevocationList } from './revocation-list';

export { MemoryRevocationList, RedisRevocationList };
export type { RevocationList };

/** Redis when `REDIS_URL` is configured (shared by every process), otherwise this process's memory. */
export function createRevocationList(auth: AuthConfig, log?: Logger): RevocationList {
  const retainAfterExpirySeconds = auth.clockToleranceSeconds;
  if (auth.redisUrl) {
    log?.info({ keyPrefix: auth.revocationKeyPrefix }, 'token revocation list in Redis');
    return RedisRevocationList.connect(auth.redisUrl, { keyPrefix: auth.revocationKeyPrefix, retainAfterExpirySeconds });
  }
  return new MemoryRevocationList({ retainAfterExpirySeconds });
}
