import type { AgencyId } from '../config/agencies';

/** Roles a token can carry (`npm run token -- --role ...`). Anonymous callers are `public`. */
export const ROLES = ['public', 'agency', 'evaluator', 'platform', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Scope vocabulary. Share classes map onto these (see shared/auth/share-class.ts):
 * - `credit:read`   evaluators: AUTHORIZED_QUERY data, only with the operator's active consent
 * - `gov:shared`    agency staff: GOV_SHARED data of every agency
 * - `agency:<id>`   the owning agency: its AGENCY_PRIVATE data
 * - `pii:read`      unmasked personal information
 * - `<id>:write`    the owning agency's mutations, e.g. `market-regulation:write`
 * - `platform:<id>` a platform: reports and restrictions of its in-platform operators
 * - `platform:in-platform` held by every platform token: the scope the declarations name (the row is checked)
 * - `operator:self` an operator: its own full record (codes in the token's `operators` claim)
 * - `admin`         tokens, keys, consent and audit
 */
export const Scope = {
  CREDIT_READ: 'credit:read',
  GOV_SHARED: 'gov:shared',
  PII_READ: 'pii:read',
  OPERATOR_SELF: 'operator:self',
  PLATFORM_IN_PLATFORM: 'platform:in-platform',
  ADMIN: 'admin',
  agency: (agency: AgencyId) => `agency:${agency}`,
  write: (agency: AgencyId) => `${agency}:write`,
  platform: (platformId: string) => `platform:${platformId}`,
} as const;

/** Who is calling, as established from a verified token (or anonymous). */
export interface Caller {
  authenticated: boolean;
  role: Role;
  /** Token subject (`sub`). */
  subject?: string;
  agency?: AgencyId;
  scopes: ReadonlySet<string>;
  platformId?: string;
  /** Credit codes an operator token speaks for. */
  operators: readonly string[];
  /** Token id (`jti`), checked against the revocation list. */
  tokenId?: string;
  expiresAt?: Date;
}

export const ANONYMOUS: Caller = Object.freeze({
  authenticated: false,
  role: 'public',
  scopes: new Set<string>(),
  operators: [],
});

export function hasScope(caller: Caller, scope: string): boolean {
  return caller.scopes.has(scope);
}

/** True when the caller is the operator `uscc` itself. */
export function isOperatorSelf(caller: Caller, uscc: string | undefined): boolean {
  return (
    uscc !== undefined && caller.role === 'operator' && caller.scopes.has(Scope.OPERATOR_SELF) && caller.operators.includes(uscc)
  );
}
