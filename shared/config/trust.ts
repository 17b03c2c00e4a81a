import { z } from 'zod';
import { parseEnv, wholeNumber } from './parse-env';

/**
 * Settings of the trust boundaries between services: where revoked token ids live, and how long one
 * subgraph waits for another it asks a question over GraphQL (market regulation asks commerce's storefront
 * registry before it accepts a platform's verification report).
 */
export interface TrustConfig {
  /**
   * `redis`: the revocation list every process shares (needs REDIS_URL). `memory`: this process's own list,
   * right only when one process serves everything (the embedded `npm start`).
   */
  revocationStore: 'redis' | 'memory';
  /** True when AUTH_REVOCATION_STORE was set: a production service alone may then run on a memory list. */
  revocationStoreChosen: boolean;
  /** Longest wait for an answer from another subgraph, in milliseconds. */
  peerTimeoutMs: number;
}

const trustSchema = z
  .object({
    AUTH_REVOCATION_STORE: z.enum(['redis', 'memory']).optional(),
    PEER_TIMEOUT_MS: wholeNumber(100, 60_000).default(5000),
    REDIS_URL: z.string().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.AUTH_REVOCATION_STORE === 'redis' && !v.REDIS_URL) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['AUTH_REVOCATION_STORE'], message: '`redis` needs REDIS_URL' });
    }
  });

/** Reads the settings; a bad value throws a ConfigError with a message naming the variable. */
export function loadTrustConfig(env: NodeJS.ProcessEnv): TrustConfig {
  const v = parseEnv(trustSchema, env);
  return {
    revocationStore: v.AUTH_REVOCATION_STORE ?? (v.REDIS_URL ? 'redis' : 'memory'),
    revocationStoreChosen: v.AUTH_REVOCATION_STORE !== undefined,
    peerTimeoutMs: v.PEER_TIMEOUT_MS,
  };
}
