import net from 'node:net';
import { z } from 'zod';
// Cycle with config.ts is safe: each side uses the other only when called, never at load time.
import { parseEnv, wholeNumber } from './parse-env';

/** Request budgets of the gateway (see shared/http/rate-limit.ts). */
export interface RateLimitConfig {
  enabled: boolean;
  /** Requests per window for one token subject (public, evaluator, platform, operator) or one anonymous client address. */
  points: number;
  /** Requests per window for one agency or admin subject: their reports are legitimately larger and more frequent. */
  privilegedPoints: number;
  windowSeconds: number;
  /** Prefix of the Redis keys (REDIS_URL set), so several gateways share one budget and nothing else collides. */
  keyPrefix: string;
  /** Express `trust proxy`: which proxies may name the client address in `X-Forwarded-For`. */
  trustProxy: boolean | number | string;
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address or subnet (`10.0.0.0/8`, `fd00::/8`) or one of express's names, as express's `trust proxy` takes them. */
function isProxyEntry(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  const family = net.isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

const trustProxy = z
  .string()
  .trim()
  .transform((value, ctx): boolean | number | string => {
    if (value === 'false' || value === '') return false;
    if (value === 'true') return true;
    if (/^\d{1,2}$/.test(value)) return Number(value);
    const entries = value.split(',').map((e) => e.trim());
    if (entries.every(isProxyEntry)) return entries.join(',');
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: 'must be false, true, a number of proxy hops, or a comma-separated list of addresses, subnets, loopback, linklocal or uniquelocal',
    });
    return z.NEVER;
  });

const points = wholeNumber(1, 1_000_000);

const rateLimitSchema = z.object({
  RATE_LIMIT_ENABLED: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  RATE_LIMIT_POINTS: points.default(600),
  RATE_LIMIT_PRIVILEGED_POINTS: points.default(3000),
  RATE_LIMIT_WINDOW_SECONDS: wholeNumber(1, 86_400).default(60),
  RATE_LIMIT_KEY_PREFIX: z.string().min(1).max(200).default('ocg:rate-limit'),
  // Off by default: behind no proxy, X-Forwarded-For is whatever the caller wrote.
  TRUST_PROXY: trustProxy.default('false'),
});

export function loadRateLimitConfig(source: NodeJS.ProcessEnv): RateLimitConfig {
  const env = parseEnv(rateLimitSchema, source);
  return {
    enabled: env.RATE_LIMIT_ENABLED,
    points: env.RATE_LIMIT_POINTS,
    privilegedPoints: env.RATE_LIMIT_PRIVILEGED_POINTS,
    windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS,
    keyPrefix: env.RATE_LIMIT_KEY_PREFIX,
    trustProxy: env.TRUST_PROXY,
  };
}
