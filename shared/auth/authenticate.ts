import type { AppConfig } from '../config/config';
import type { Logger } from '../logging/logger';
import { ANONYMOUS, Caller } from './caller';
import { createRevocationList, revocationRetention } from './revocation';
import type { RevocationList } from './revocation/revocation-list';
import { AuthenticationError } from './tokens/errors';
import { loadVerificationKeys, VerificationKeys } from './tokens/keys';
import { createTokenVerifier } from './tokens/verify';

export interface Authenticator {
  /**
   * No (or an empty) header → {@link ANONYMOUS}; `Bearer <jwt>` → the verified Caller; anything else, or a
   * token that fails verification → {@link AuthenticationError} (`extensions.code = 'UNAUTHENTICATED'`).
   */
  authenticate(authorizationHeader: string | undefined): Promise<Caller>;
  /** The revocation list every verification consults. */
  revocations: RevocationList;
  /**
   * Revokes token `tokenId` for as long as any token could still be accepted (the maximum lifetime from now),
   * or until `requestedUntil` when that is later; returns until when the revocation is kept.
   */
  revoke(tokenId: string, requestedUntil?: Date | null): Promise<Date>;
  close(): Promise<void>;
}

export interface AuthenticatorOptions {
  /** Defaults to Redis when REDIS_URL is configured, otherwise memory. */
  revocations?: RevocationList;
  /** Defaults to the configured key source, loaded once on first use. */
  keys?: VerificationKeys;
  /** Current time of the token checks; tests only. */
  clock?: () => Date;
}

/** One per process (gateway or subgraph): keys are loaded lazily once and cached. */
export function createAuthenticator(
  config: Pick<AppConfig, 'auth'> & Partial<Pick<AppConfig, 'trust'>>,
  log: Logger,
  options: AuthenticatorOptions = {},
): Authenticator {
  const revocations = options.revocations ?? createRevocationList(config.auth, log, config.trust?.revocationStore);
  const verifier = createTokenVerifier({
    auth: config.auth,
    keys: options.keys ?? (() => loadVerificationKeys(config.auth, log)),
    revocations,
    log,
    currentDate: options.clock,
  });
  return {
    revocations,
    async revoke(tokenId, requestedUntil) {
      const until = revocationRetention(config.auth, options.clock?.() ?? new Date(), requestedUntil);
      await revocations.revoke(tokenId, until);
      return until;
    },
    async authenticate(authorizationHeader) {
      const header = authorizationHeader?.trim();
      if (!header) return ANONYMOUS;
      const space = header.search(/\s/);
      const scheme = space === -1 ? header : header.slice(0, space);
      if (scheme.toLowerCase() !== 'bearer') throw new AuthenticationError('UNSUPPORTED_SCHEME');
      const token = space === -1 ? '' : header.slice(space).trim();
      if (!token || /\s/.test(token)) throw new AuthenticationError('MALFORMED_TOKEN');
      return verifier.verify(token);
    },
    async close() {
      await revocations.close();
    },
  };
}
