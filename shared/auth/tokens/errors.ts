import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../errors/errors';

/**
 * Why a token was refused. The messages are fixed strings: they never repeat the token, its claims or
 * key material, so an error response or log line cannot leak a credential.
 */
export const AuthFailure = {
  INVALID_TOKEN: 'Invalid or expired token',
  TOKEN_EXPIRED: 'Token expired',
  TOKEN_NOT_YET_VALID: 'Token not yet valid',
  TOKEN_REVOKED: 'Token revoked',
  TOKEN_LIFETIME_TOO_LONG: 'Token lifetime exceeds the maximum this service accepts (AUTH_MAX_TOKEN_TTL)',
  TOKEN_LIFETIME_UNKNOWN: 'Token has no issue time (iat), so its lifetime cannot be checked',
  MALFORMED_TOKEN: 'Malformed token',
  UNSUPPORTED_SCHEME: 'Unsupported authorization scheme; use "Bearer <token>"',
} as const;
export type AuthFailureReason = keyof typeof AuthFailure;

/** A refused credential: `extensions.code = 'UNAUTHENTICATED'`, `extensions.reason` one of {@link AuthFailure}. */
export class AuthenticationError extends GraphQLError {
  readonly reason: AuthFailureReason;

  constructor(reason: AuthFailureReason) {
    // No originalError: jose's errors may carry the decoded payload.
    super(AuthFailure[reason], { extensions: { code: ErrorCode.UNAUTHENTICATED, reason } });
    this.name = 'AuthenticationError';
    this.reason = reason;
  }
}

export function isAuthenticationError(error: unknown): error is AuthenticationError {
  return error instanceof AuthenticationError;
}
