import type { AppConfig } from '../config/config';
import type { Logger } from '../logging/logger';
import { ANONYMOUS, Caller } from './caller';
import { createRevocationList } from './revocation';
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
  /** The revocation list every verification consults (revoke through it). */
  revocations: RevocationList;
  close(): Promise<void>;
}

export interface AuthenticatorOptions {
  /** Defaults to Redis when REDIS_URL is configured, otherwise memory. */
  revocations?: RevocationList;
  /** Defaults to the configured key source, loaded once on first use. */
  keys?: VerificationKeys;
}

/** One per process (gateway or subgraph): keys are loaded lazily once and cached. */
export function createAuthenticator(config: Pick<AppConfig, 'auth'>, log: Logger, options: AuthenticatorOptions = {}): Authenticator {
  const revocations = options.revocations ?? createRevocationList(config.auth, log);
  const verifier = createTokenVerifier({
    auth: config.auth,
    keys: options.keys ?? (() => loadVerificationKeys(config.auth, log)),
    revocations,
    log,
  });
  return {
    revocations,
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
