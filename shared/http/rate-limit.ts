import net from 'node:net';
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import Redis from 'ioredis';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Caller } from '../auth/caller';
import type { RateLimitConfig } from '../config/rate-limit';
import type { Logger } from '../logging/logger';

export const RATE_LIMITED = 'RATE_LIMITED';

/**
 * Per-caller request budgets. Every GraphQL request costs one point, whatever it asks for: operation limits
 * already bound what one request may cost, and a flat price is what a client can predict.
 */
export interface RequestRateLimiter {
  /**
   * Verifies the token and charges the request: to the token's subject when it verifies, to the client
   * address when the caller is anonymous or the token is refused (so guessing tokens spends a budget too).
   * Throws RATE_LIMITED (HTTP 429, `Retry-After`) when the budget is spent, else rethrows the authentication error.
   */
  authenticate(authenticate: () => Promise<Caller>, clientAddress: string | undefined): Promise<Caller>;
  close(): Promise<void>;
}

/** Agencies and admins run the large reports; they get the larger budget. */
const PRIVILEGED_ROLES = new Set<Caller['role']>(['agency', 'admin']);

/**
 * The budget key of a client address: IPv4 (also when IPv6-mapped) as is, IPv6 by its /64, since one
 * subscriber usually holds a whole /64 and could otherwise rotate through it.
 */
export function clientAddressKey(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (net.isIPv6(address)) {
    const [head, tail = ''] = address.toLowerCase().split('::');
    const headGroups = head ? head.split(':') : [];
    const tailGroups = address.includes('::') && tail ? tail.split(':') : [];
    const missing = 8 - headGroups.length - tailGroups.length;
    const groups = [...headGroups, ...Array<string>(Math.max(missing, 0)).fill('0'), ...tailGroups];
    return `${groups.slice(0, 4).map((g) => Number.parseInt(g, 16).toString(16)).join(':')}::/64`;
  }
  return address;
}

function rateLimitedError(res: RateLimiterRes, points: number, windowSeconds: number): GraphQLError {
  const retryAfterSeconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return new GraphQLError(
    `Too many requests: this caller's budget of ${points} requests per ${windowSeconds} s is spent; retry after ${retryAfterSeconds} s`,
    {
      extensions: {
        code: RATE_LIMITED,
        retryAfterSeconds,
        http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) },
      },
    },
  );
}

interface Budget {
  limiter: RateLimiterAbstract;
  points: number;
}

/**
 * In memory by default; with `redisUrl`, in Redis so every gateway draws on one budget. When Redis cannot
 * answer, each process falls back to an in-memory budget of the same size (rate-limiter-flexible's
 * insurance limiter): the API stays up and a caller is still limited, per process, until Redis is back.
 */
export async function createRequestRateLimiter(
  config: RateLimitConfig,
  options: { redisUrl?: string; log: Logger },
): Promise<RequestRateLimiter> {
  const { log } = options;
  let redis: Redis | undefined;
  if (options.redisUrl) {
    redis = new Redis(options.redisUrl, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      commandTimeout: 1_000,
      // A connection that never opened keeps ioredis's 2 s stream-destroy timer alive after disconnect(); stop promptly.
      disconnectTimeout: 100,
    });
    let warned = false;
    redis.on('error', (err: Error) => {
      if (warned) return;
      warned = true;
      log.warn({ err: err.message }, 'rate limits: Redis unavailable, each gateway counts in memory until it is back');
    });
    redis.on('ready', () => {
      if (warned) log.info('rate limits: Redis is back, budgets are shared again');
      warned = false;
    });
    // Connect before serving, so the first requests already share the budget; a Redis that is down does not stop the gateway.
    await redis.connect().catch(() => undefined);
  }
  const budget = (name: string, points: number): Budget => {
    const base = { points, duration: config.windowSeconds, keyPrefix: `${config.keyPrefix}:${name}` };
    if (!redis) return { points, limiter: new RateLimiterMemory(base) };
    return {
      points,
      limiter: new RateLimiterRedis({
        ...base,
        storeClient: redis,
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory(base),
      }),
    };
  };
  const subjects = budget('subject', config.points);
  const privilegedSubjects = budget('privileged', config.privilegedPoints);
  const addresses = budget('address', config.points);

  const charge = async ({ limiter, points }: Budget, key: string): Promise<void> => {
    try {
      await limiter.consume(key, 1);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw rateLimitedError(rejection, points, config.windowSeconds);
      // Redis failed and no insurance answered: let the request through rather than refuse everyone.
      log.error({ err: rejection }, 'rate limit could not be checked');
    }
  };

  return {
    async authenticate(authenticate, clientAddress) {
      let caller: Caller;
      try {
        caller = await authenticate();
      } catch (err) {
        await charge(addresses, clientAddressKey(clientAddress));
        throw err;
      }
      if (!caller.authenticated || !caller.subject) {
        await charge(addresses, clientAddressKey(clientAddress));
      } else {
        await charge(PRIVILEGED_ROLES.has(caller.role) ? privilegedSubjects : subjects, caller.subject);
      }
      return caller;
    },
    async close() {
      if (!redis) return;
      if (redis.status === 'ready') await redis.quit().catch(() => redis?.disconnect());
      else redis.disconnect();
    },
  };
}

/** Rate limits switched off (`RATE_LIMIT_ENABLED=false`): authentication only. */
export const NO_RATE_LIMIT: RequestRateLimiter = {
  authenticate: (authenticate) => authenticate(),
  close: async () => undefined,
};

/** The limiter `config` asks for. */
export function rateLimiterFor(
  config: RateLimitConfig,
  options: { redisUrl?: string; log: Logger },
): Promise<RequestRateLimiter> {
  return config.enabled ? createRequestRateLimiter(config, options) : Promise.resolve(NO_RATE_LIMIT);
}
