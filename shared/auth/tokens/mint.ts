import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { AGENCIES, AgencyId } from '../../config/agencies';
import { parseDurationSeconds } from '../../config/config';
import { describeUsccFault, findUsccFault } from '../../credit-code/uscc';
import { ROLES, Role } from '../caller';
import { Claim, defaultScopes, isAgencyId, isPlatformId, isRole, isScopeToken } from './claims';
import type { SigningKeys } from './keys';

export const DEFAULT_TOKEN_TTL = '1h';
export const DEFAULT_MAX_TOKEN_TTL_SECONDS = 30 * 86400;

export interface MintOptions {
  role: Role;
  /** Required for, and only allowed with, the `agency` role. */
  agency?: string;
  /** Added to the role's default scopes; each entry may hold several space-separated scopes. */
  scopes?: readonly string[];
  /** Credit codes; at least one for, and only allowed with, the `operator` role. */
  operators?: readonly string[];
  /** `15m`, `1h`, `7d`, or seconds; default 1h. */
  ttl?: string | number;
  /** Default `<role>:<agency|platform|first operator code|cli>`. */
  subject?: string;
  /** Required for, and only allowed with, the `platform` role. */
  platformId?: string;
  /** Longest ttl accepted (seconds); default 30 days. */
  maxTtlSeconds?: number;
  /** Issue time; default now. */
  now?: Date;
  /** Token id; default a random UUID. */
  tokenId?: string;
}

/** Options that cannot make a valid token; the message says what to change. */
export class MintOptionsError extends Error {}

function ttlSeconds(ttl: string | number | undefined, max: number): number {
  const seconds = typeof ttl === 'number' ? ttl : parseDurationSeconds(ttl ?? DEFAULT_TOKEN_TTL);
  if (seconds === null || !Number.isInteger(seconds) || seconds <= 0) {
    throw new MintOptionsError(`--ttl must be a duration like 15m, 1h or 7d (got "${String(ttl)}")`);
  }
  if (seconds > max) throw new MintOptionsError(`--ttl may be at most ${max} seconds (${Math.floor(max / 86400)}d)`);
  return seconds;
}

/** Signs one token. Throws {@link MintOptionsError} for options that would not verify. */
export async function mintToken(options: MintOptions, keys: SigningKeys): Promise<string> {
  const { role } = options;
  if (!isRole(role)) throw new MintOptionsError(`--role must be one of ${ROLES.join(', ')}`);
  const claims: Record<string, unknown> = { [Claim.ROLE]: role };
  let subject: string | undefined;
  let agency: AgencyId | undefined;

  if (role === 'agency') {
    if (!isAgencyId(options.agency)) throw new MintOptionsError(`--role agency needs --agency <${AGENCIES.join('|')}>`);
    agency = options.agency;
    claims[Claim.AGENCY] = agency;
    subject = `agency:${agency}`;
  } else if (options.agency !== undefined) {
    throw new MintOptionsError('--agency applies to --role agency only');
  }
  if (role === 'platform') {
    if (!isPlatformId(options.platformId)) {
      throw new MintOptionsError('--role platform needs --platform <id> (letters, digits, ".", "_", "-"; at most 64)');
    }
    claims[Claim.PLATFORM] = options.platformId;
    subject = `platform:${options.platformId}`;
  } else if (options.platformId !== undefined) {
    throw new MintOptionsError('--platform applies to --role platform only');
  }
  const operators = [...new Set(options.operators ?? [])];
  if (role === 'operator') {
    if (operators.length === 0) throw new MintOptionsError('--role operator needs at least one --operator <credit code>');
    for (const code of operators) {
      const fault = findUsccFault(code);
      if (fault) throw new MintOptionsError(`--operator: ${describeUsccFault(code, fault)}`);
    }
    claims[Claim.OPERATORS] = operators;
    subject = `operator:${operators[0]}`;
  } else if (operators.length > 0) {
    throw new MintOptionsError('--operator applies to --role operator only');
  }
  subject ??= `${role}:cli`;

  const extra = (options.scopes ?? []).flatMap((s) => s.split(/\s+/)).filter((s) => s.length > 0);
  const invalid = extra.find((s) => !isScopeToken(s));
  if (invalid !== undefined) throw new MintOptionsError(`--scope "${invalid}" is not a valid scope (printable ASCII, no quotes or backslashes)`);
  const scopes = [...new Set([...defaultScopes(role, { agency, platformId: options.platformId }), ...extra])];
  if (scopes.length > 0) claims[Claim.SCOPE] = scopes.join(' ');

  if (options.subject !== undefined) {
    if (options.subject.length === 0 || options.subject.length > 256) throw new MintOptionsError('--subject must be 1 to 256 characters');
    subject = options.subject;
  }
  const lifetime = ttlSeconds(options.ttl, options.maxTtlSeconds ?? DEFAULT_MAX_TOKEN_TTL_SECONDS);
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);

  return new SignJWT(claims)
    .setProtectedHeader({ alg: keys.algorithm, typ: 'JWT', ...(keys.keyId ? { kid: keys.keyId } : {}) })
    .setIssuer(keys.issuer)
    .setAudience(keys.audience)
    .setSubject(subject)
    .setJti(options.tokenId ?? randomUUID())
    .setIssuedAt(issuedAt)
    .setNotBefore(issuedAt)
    .setExpirationTime(issuedAt + lifetime)
    .sign(keys.privateKey);
}
