import { AGENCIES, AgencyId } from '../../config/agencies';
import { findUsccFault } from '../../credit-code/uscc';
import { Caller, ROLES, Role, Scope } from '../caller';

/**
 * Claims of an operator-credit-graph token (besides the registered iss, aud, iat, nbf, exp):
 * - `sub`       who is calling (required)
 * - `jti`       token id, checked against the revocation list (required)
 * - `role`      one of {@link ROLES} (required)
 * - `scope`     space-separated scopes, OAuth style (optional; absent means none)
 * - `agency`    the agency id (required for, and only read for, the `agency` role)
 * - `platform`  the platform id (required for, and only read for, the `platform` role)
 * - `operators` credit codes the token speaks for (required for, and only read for, the `operator` role)
 */
export const Claim = {
  ROLE: 'role',
  SCOPE: 'scope',
  AGENCY: 'agency',
  PLATFORM: 'platform',
  OPERATORS: 'operators',
} as const;

export const REQUIRED_CLAIMS = ['sub', 'jti', 'exp', Claim.ROLE] as const;

/** RFC 6749 scope-token: printable ASCII except space, `"` and `\`. */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]{1,200}$/;
const PLATFORM_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const MAX_SCOPES = 100;
const MAX_OPERATORS = 1000;
const MAX_STRING = 256;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isAgencyId(value: unknown): value is AgencyId {
  return typeof value === 'string' && (AGENCIES as readonly string[]).includes(value);
}

export function isScopeToken(value: string): boolean {
  return SCOPE_TOKEN.test(value);
}

export function isPlatformId(value: unknown): value is string {
  return typeof value === 'string' && PLATFORM_ID.test(value);
}

/** Scopes a freshly minted token of each role carries before any `--scope` is added. */
export function defaultScopes(role: Role, ids: { agency?: AgencyId; platformId?: string } = {}): string[] {
  switch (role) {
    case 'public':
      return [];
    case 'agency':
      if (!ids.agency) throw new Error('the agency role needs an agency');
      return [Scope.GOV_SHARED, Scope.agency(ids.agency), Scope.write(ids.agency)];
    case 'evaluator':
      return [Scope.CREDIT_READ];
    case 'platform':
      if (!ids.platformId) throw new Error('the platform role needs a platform id');
      return [Scope.platform(ids.platformId), Scope.PLATFORM_IN_PLATFORM];
    case 'operator':
      return [Scope.OPERATOR_SELF];
    case 'admin':
      return [Scope.ADMIN, Scope.GOV_SHARED, Scope.PII_READ];
  }
}

/** Thrown by {@link callerFromClaims}; the detail is for logs only and never names a claim value. */
export class ClaimsError extends Error {}

function boundedString(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_STRING) {
    throw new ClaimsError(`claim "${name}" must be a non-empty string`);
  }
  return value;
}

/** Parses a `scope` claim (space-separated) into distinct scope tokens. */
export function parseScopeClaim(value: unknown): string[] {
  if (value === undefined) return [];
  if (typeof value !== 'string' || value.length > MAX_SCOPES * 200) throw new ClaimsError('claim "scope" must be a string');
  const scopes = [...new Set(value.split(' ').filter((s) => s.length > 0))];
  if (scopes.length > MAX_SCOPES) throw new ClaimsError('claim "scope" has too many scopes');
  if (!scopes.every(isScopeToken)) throw new ClaimsError('claim "scope" holds an invalid scope');
  return scopes;
}

/** A Set whose mutators throw, frozen, so a Caller's scopes cannot be widened after verification. */
function frozenSet<T>(values: Iterable<T>): ReadonlySet<T> {
  const set = new Set(values);
  const refuse = () => {
    throw new TypeError('Caller scopes are read-only');
  };
  for (const method of ['add', 'delete', 'clear']) Object.defineProperty(set, method, { value: refuse });
  return Object.freeze(set);
}

/**
 * Builds the frozen Caller of a token whose signature, issuer, audience and times jose has checked.
 * Throws {@link ClaimsError} when a claim is missing or invalid for the role.
 */
export function callerFromClaims(payload: Record<string, unknown>): Caller {
  const subject = boundedString(payload.sub, 'sub');
  const tokenId = boundedString(payload.jti, 'jti');
  if (typeof payload.exp !== 'number' || !Number.isFinite(payload.exp)) throw new ClaimsError('claim "exp" must be a number');
  const role = payload[Claim.ROLE];
  if (!isRole(role)) throw new ClaimsError('claim "role" is not a known role');
  const scopes = parseScopeClaim(payload[Claim.SCOPE]);

  let agency: AgencyId | undefined;
  let platformId: string | undefined;
  let operators: string[] = [];
  if (role === 'agency') {
    agency = payload[Claim.AGENCY] as AgencyId;
    if (!isAgencyId(agency)) throw new ClaimsError('the agency role needs a known "agency" claim');
  } else if (role === 'platform') {
    platformId = payload[Claim.PLATFORM] as string;
    if (!isPlatformId(platformId)) throw new ClaimsError('the platform role needs a valid "platform" claim');
  } else if (role === 'operator') {
    const codes = payload[Claim.OPERATORS];
    if (!Array.isArray(codes) || codes.length === 0 || codes.length > MAX_OPERATORS) {
      throw new ClaimsError('the operator role needs a non-empty "operators" array');
    }
    if (!codes.every((c) => typeof c === 'string' && findUsccFault(c) === null)) {
      throw new ClaimsError('claim "operators" holds an invalid credit code');
    }
    operators = [...new Set(codes as string[])];
  }

  return Object.freeze({
    authenticated: true,
    role,
    subject,
    agency,
    scopes: frozenSet(scopes),
    platformId,
    operators: Object.freeze(operators),
    tokenId,
    expiresAt: new Date(payload.exp * 1000),
  });
}
