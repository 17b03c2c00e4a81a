export { AuthenticationError, AuthFailure, isAuthenticationError } from './errors';
export type { AuthFailureReason } from './errors';
export { Claim, REQUIRED_CLAIMS, callerFromClaims, defaultScopes, parseScopeClaim, ClaimsError } from './claims';
export {
  DEV_ISSUER_FILES,
  KeyConfigError,
  ensureDevIssuerKeys,
  loadSigningKeys,
  loadVerificationKeys,
  readJwksFile,
} from './keys';
export type { DevIssuerKeys, SigningKeys, VerificationKeys } from './keys';
export { DEFAULT_MAX_TOKEN_TTL_SECONDS, DEFAULT_TOKEN_TTL, MintOptionsError, mintToken } from './mint';
export type { MintOptions } from './mint';
export { MAX_TOKEN_LENGTH, createTokenVerifier } from './verify';
export type { TokenVerifier, TokenVerifierOptions } from './verify';
