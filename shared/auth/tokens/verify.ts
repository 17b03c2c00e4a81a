import { createHash } from 'node:crypto';
import { errors as joseErrors, jwtVerify } from 'jose';
import { LRUCache } from 'lru-cache';
import type { AuthConfig } from '../../config/config';
import type { Logger } from '../../logging/logger';
import type { Caller } from '../caller';
import type { RevocationList } from '../revocation/revocation-list';
import { callerFromClaims, ClaimsError, REQUIRED_CLAIMS } from './claims';
import { AuthenticationError, AuthFailureReason } from './errors';
import type { VerificationKeys } from './keys';

/** Longest token accepted before any parsing. */
export const MAX_TOKEN_LENGTH = 8192;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export interface TokenVerifierOptions {
  auth: Pick<
    AuthConfig,
    'issuer' | 'audience' | 'algorithms' | 'clockToleranceSeconds' | 'maxTokenTtlSeconds' | 'verifyCacheSize' | 'verifyCacheSeconds'
  >;
  /** The keys, or how to load them (called once, on first use; retried after a failure). */
  keys: VerificationKeys | (() => Promise<VerificationKeys>);
  revocations: RevocationList;
  log?: Logger;
  /** Current time for the checks; tests only. */
  currentDate?: () => Date;
}

export interface TokenVerifier {
  /** The verified, frozen Caller; throws {@link AuthenticationError} otherwise. */
  verify(token: string): Promise<Caller>;
}

/** Maps a jose failure onto one of the fixed reasons; the jose error itself is never shown to clients. */
function reasonFor(error: unknown): AuthFailureReason {
  if (error instanceof joseErrors.JWTExpired) return 'TOKEN_EXPIRED';
  if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'nbf' && error.reason === 'check_failed') {
    return 'TOKEN_NOT_YET_VALID';
  }
  if (error instanceof joseErrors.JWSInvalid || error instanceof joseErrors.JWTInvalid) return 'MALFORMED_TOKEN';
  return 'INVALID_TOKEN';
}

/**
 * Why a (signature-checked) token lives too long to be accepted, or null. The cap is what makes revocation
 * hold: a token accepted now expires within the maximum lifetime (plus clock tolerance) of now, so a
 * revocation kept that long outlives it (see revocationRetention). Without `iat` the lifetime is unknown and a
 * token minted far ahead could become usable long after its revocation was dropped, so `iat` is required.
 */
export function lifetimeFault(
  payload: { iat?: unknown; exp?: unknown },
  nowSeconds: number,
  auth: Pick<AuthConfig, 'clockToleranceSeconds' | 'maxTokenTtlSeconds'>,
): AuthFailureReason | null {
  const { iat, exp } = payload;
  if (typeof iat !== 'number' || !Number.isFinite(iat)) return 'TOKEN_LIFETIME_UNKNOWN';
  if (iat > nowSeconds + auth.clockToleranceSeconds) return 'TOKEN_NOT_YET_VALID';
  if (typeof exp !== 'number' || exp - iat > auth.maxTokenTtlSeconds) return 'TOKEN_LIFETIME_TOO_LONG';
  return null;
}

/** A token that passed every check once: its Caller and the times that must be checked again on each use. */
interface VerifiedToken {
  caller: Caller;
  exp: number;
  nbf?: number;
  iat: number;
}

/** The cache key: a hash, so the cache never holds a usable token. Another signature is another key. */
function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** Why a cached token is no longer within its validity window at `nowSeconds` (jose's exp and nbf rules), or null. */
function timeFault(
  verified: VerifiedToken,
  nowSeconds: number,
  auth: Pick<AuthConfig, 'clockToleranceSeconds' | 'maxTokenTtlSeconds'>,
): AuthFailureReason | null {
  if (verified.exp <= nowSeconds - auth.clockToleranceSeconds) return 'TOKEN_EXPIRED';
  if (verified.nbf !== undefined && verified.nbf > nowSeconds + auth.clockToleranceSeconds) return 'TOKEN_NOT_YET_VALID';
  return lifetimeFault(verified, nowSeconds, auth);
}

/**
 * Verifies compact JWS tokens: signature, alg allow-list, iss, aud, exp, nbf, lifetime, claims, then revocation.
 * A token that passed is remembered (AUTH_VERIFY_CACHE_SIZE entries, at most AUTH_VERIFY_CACHE_SECONDS) so the
 * signature is checked once per process, not on every request; its times and the revocation list are still
 * checked on every use. Refusals are never remembered.
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const { auth, revocations, log } = options;
  const now = (): Date => options.currentDate?.() ?? new Date();
  const verified =
    auth.verifyCacheSize > 0
      ? new LRUCache<string, VerifiedToken>({
          max: auth.verifyCacheSize,
          ttl: auth.verifyCacheSeconds * 1000,
          // Entries age on the verifier's clock, so a test moving currentDate moves them too.
          ...(options.currentDate ? { perf: { now: () => now().getTime() }, ttlResolution: 0 } : {}),
        })
      : undefined;
  let keys: Promise<VerificationKeys> | undefined;
  const getKeys = (): Promise<VerificationKeys> => {
    if (!keys) {
      const source = options.keys;
      keys = typeof source === 'function' ? source() : Promise.resolve(source);
      keys.catch(() => (keys = undefined));
    }
    return keys;
  };
  const refuse = (reason: AuthFailureReason, detail: Record<string, unknown> = {}): never => {
    log?.info({ reason, ...detail }, 'token refused');
    throw new AuthenticationError(reason);
  };
  /** On every use, cached or not: a token revoked after it was verified is refused from then on. */
  const checkRevocation = async (caller: Caller): Promise<Caller> => {
    let revoked: boolean;
    try {
      revoked = await revocations.isRevoked(caller.tokenId as string);
    } catch (error) {
      // Fail closed: a token that cannot be checked against the revocation list is not accepted.
      log?.error({ cause: (error as Error)?.message }, 'revocation list unavailable');
      return refuse('INVALID_TOKEN', { cause: 'revocation list unavailable' });
    }
    if (revoked) return refuse('TOKEN_REVOKED', { subject: caller.subject, tokenId: caller.tokenId });
    return caller;
  };

  return {
    async verify(token: string): Promise<Caller> {
      if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH || !COMPACT_JWS.test(token)) return refuse('MALFORMED_TOKEN');
      const digest = verified ? tokenDigest(token) : '';
      const known = verified?.get(digest);
      if (known) {
        const fault = timeFault(known, Math.floor(now().getTime() / 1000), auth);
        if (fault) {
          verified?.delete(digest);
          return refuse(fault, { exp: known.exp, iat: known.iat, cached: true });
        }
        return checkRevocation(known.caller);
      }
      const { getKey } = await getKeys();
      let payload: Record<string, unknown>;
      try {
        ({ payload } = await jwtVerify(token, getKey, {
          issuer: auth.issuer,
          audience: auth.audience,
          algorithms: auth.algorithms,
          clockTolerance: auth.clockToleranceSeconds,
          requiredClaims: [...REQUIRED_CLAIMS],
          currentDate: options.currentDate?.(),
        }));
      } catch (error) {
        // Only the error class and code are logged: jose errors may carry the payload.
        const cause = (error as { code?: string }).code ?? (error as Error)?.name;
        if (error instanceof joseErrors.JWKSTimeout || !(error instanceof joseErrors.JOSEError)) {
          // Key fetch failures and key/alg mismatches: worth a look, but still the caller's token is refused.
          log?.warn({ cause }, 'token verification failed outside the token checks');
        }
        return refuse(reasonFor(error), { cause, claim: (error as { claim?: string }).claim });
      }
      const nowSeconds = Math.floor(now().getTime() / 1000);
      const tooLong = lifetimeFault(payload, nowSeconds, auth);
      if (tooLong) return refuse(tooLong, { exp: payload.exp, iat: payload.iat });
      let caller: Caller;
      try {
        caller = callerFromClaims(payload);
      } catch (error) {
        if (!(error instanceof ClaimsError)) throw error;
        return refuse('INVALID_TOKEN', { cause: error.message });
      }
      await checkRevocation(caller);
      if (verified) {
        const { exp, nbf, iat } = payload as { exp: number; nbf?: number; iat: number };
        // No longer than until it expires: past that it is refused anyway and only takes room.
        const untilExpired = (exp + auth.clockToleranceSeconds - nowSeconds) * 1000;
        verified.set(digest, { caller, exp, nbf, iat }, { ttl: Math.max(1, Math.min(auth.verifyCacheSeconds * 1000, untilExpired)) });
      }
      return caller;
    },
  };
}
