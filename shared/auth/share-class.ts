import type { GraphQLResolveInfo } from 'graphql';
import type { AgencyId } from '../config/agencies';
import { Caller, isOperatorSelf, Scope } from './caller';
import type { MaskKind } from './masking';

/**
 * Share classes of credit information (from the credit-information rules), one per field.
 * See docs/authorization.md for every non-public field and its class.
 */
export enum ShareClass {
  /** Anyone, no token: what the national publicity system shows. */
  PUBLIC = 'PUBLIC',
  /** The operator itself, agencies, admins, and evaluators holding `credit:read` with the operator's active consent. */
  AUTHORIZED_QUERY = 'AUTHORIZED_QUERY',
  /** Agency staff (`gov:shared`), admins, and the operator itself for its own record. */
  GOV_SHARED = 'GOV_SHARED',
  /** Only the owning agency (`agency:<id>`) and admins. */
  AGENCY_PRIVATE = 'AGENCY_PRIVATE',
  /** Personal information: any signed-in caller, masked unless `pii:read` or the operator itself. */
  PII = 'PII',
  /** A mutation of the owning agency (`<agency>:write`). */
  AGENCY_WRITE = 'AGENCY_WRITE',
  /** The operator's own business with the system (its consents, who read its data): the operator itself or an admin. */
  SELF_SERVICE = 'SELF_SERVICE',
  /** Administration of tokens, keys, consent and audit (`admin`). */
  ADMIN = 'ADMIN',
  /**
   * The pushed credit-list feed (issue 8): agency staff, admins and every platform, for every operator. A platform
   * must learn of a listing before the operator onboards, so no in-platform row rule applies.
   */
  CREDIT_LIST_FEED = 'CREDIT_LIST_FEED',
}

/**
 * Row-level policies: the gateway cannot see rows, so it approves them for callers whose scopes could pass;
 * the owning subgraph decides per row (consent for this operator, ownership of a record).
 */
export const RowPolicy = {
  /** Evaluators: only operators whose consent to this evaluator is active. Operators: only themselves. */
  OPERATOR_CONSENT: 'operator-consent',
  /** Operators: only their own record. */
  OWN_RECORD: 'own-record',
  /** Platforms: only their own in-platform operators. */
  IN_PLATFORM: 'in-platform',
} as const;
export const ROW_POLICIES: ReadonlySet<string> = new Set(Object.values(RowPolicy));

/** Row-level facts only the serving subgraph (or the access-control store) can judge, per request. */
export interface RowAccess {
  /** Whether the operator has an active consent for the calling evaluator. */
  consent(uscc: string): Promise<boolean>;
  /** Whether the operator is on the calling platform (only subgraphs that know say yes). */
  inPlatform(uscc: string): Promise<boolean>;
}

/** The operator a row belongs to: the Operator entity itself, a row with `operatorUscc`, or the `uscc` argument. */
export function rowOperator(parent: unknown, args: Record<string, unknown>, info: GraphQLResolveInfo): string | undefined {
  const row = parent as Record<string, unknown> | undefined;
  if (row && typeof row.operatorUscc === 'string') return row.operatorUscc;
  if (row && info.parentType.name === 'Operator' && typeof row.uscc === 'string') return row.uscc;
  if (typeof args.uscc === 'string') return args.uscc.trim().toUpperCase();
  return undefined;
}

/** The platform a row belongs to, when it names one (`platformId`); the Platform entity itself is keyed by `id`. */
function platformOf(parent: unknown): string | undefined {
  const row = parent as Record<string, unknown> | undefined;
  return row && typeof row.platformId === 'string' ? row.platformId : undefined;
}

/**
 * Whether one scope alternative the caller holds also passes its row-level rule, when that can be told without a
 * lookup; `'lookup'` when it needs the row's consent or platform membership (see lookUpRowAccess).
 */
export function rowAllowsAtOnce(
  scopeSet: string[],
  declaration: { policies?: string[][] },
  caller: Caller,
  uscc: string | undefined,
  row: { parent: unknown; ownPlatformList: boolean },
): boolean | 'lookup' {
  if (scopeSet.includes(Scope.OPERATOR_SELF)) return isOperatorSelf(caller, uscc);
  if (scopeSet.includes(Scope.CREDIT_READ)) return uscc === undefined ? false : 'lookup';
  // The in-platform row rule is what the `in-platform` policy declares: a field readable by every platform for
  // every operator (the credit-list feed) carries the platform scope without that policy.
  if (scopeSet.includes(Scope.PLATFORM_IN_PLATFORM)) {
    if (!declaration.policies?.some((set) => set.includes(RowPolicy.IN_PLATFORM))) return true;
    // A row a platform reported (a review, a claim, a complaint, a verification report) names that platform: another
    // platform does not read it, even about an operator trading on both.
    const reportedBy = platformOf(row.parent);
    if (reportedBy !== undefined && reportedBy !== caller.platformId) return false;
    // A root list of the caller's own platform (e.g. its overdue verifications): each row it returns is checked again.
    if (uscc === undefined && row.ownPlatformList) return true;
    return uscc === undefined ? false : 'lookup';
  }
  return true;
}

/**
 * Whether `rowAllowsAtOnce` answers `true` for this scope set whatever the row: a set without a row rule (an agency's
 * scope, `admin`), or the platform scope of a field without the in-platform policy. A caller holding such a set in
 * full may read the field on every row, so the guard decides it once per request.
 */
export function passesEveryRow(scopeSet: string[], declaration: { policies?: string[][] }): boolean {
  if (scopeSet.includes(Scope.OPERATOR_SELF) || scopeSet.includes(Scope.CREDIT_READ)) return false;
  if (scopeSet.includes(Scope.PLATFORM_IN_PLATFORM)) return !declaration.policies?.some((set) => set.includes(RowPolicy.IN_PLATFORM));
  return true;
}

/**
 * The row rule of a scope set `rowAllowsAtOnce` answered `'lookup'` for (always with an operator): the operator's
 * consent to this evaluator (credit:read) or its membership of the caller's platform.
 */
export function lookUpRowAccess(scopeSet: string[], uscc: string, rowAccess: RowAccess): Promise<boolean> {
  return scopeSet.includes(Scope.CREDIT_READ) ? rowAccess.consent(uscc) : rowAccess.inPlatform(uscc);
}

export interface AccessOptions {
  /** PII only: how the value is masked for callers without `pii:read`. */
  mask?: MaskKind;
  /** Owning agency, required for AGENCY_PRIVATE and AGENCY_WRITE. */
  agency?: AgencyId;
  /** Platforms may read this field for their own in-platform operators (e.g. restrictions). */
  platforms?: boolean;
  /**
   * AGENCY_WRITE only: other agencies whose write scope may also call the mutation, because it decides records they
   * own (a credit repair of a customs finding hosted by market regulation); the resolver checks whose record it is.
   */
  coWriters?: AgencyId[];
}

/** The declaration of one field, from which the SDL directives and the shield rule are both derived. */
export interface AccessRequirement {
  shareClass: ShareClass;
  mask?: MaskKind;
  authenticated: boolean;
  /** OR of ANDs, as `@requiresScopes`. */
  scopes?: string[][];
  policies?: string[][];
}

export function requirementOf(shareClass: ShareClass, options: AccessOptions = {}): AccessRequirement {
  const platform = options.platforms ? [[Scope.PLATFORM_IN_PLATFORM]] : [];
  const platformPolicy = options.platforms ? [[RowPolicy.IN_PLATFORM]] : [];
  switch (shareClass) {
    case ShareClass.PUBLIC:
      return { shareClass, authenticated: false };
    case ShareClass.AUTHORIZED_QUERY:
      return {
        shareClass,
        authenticated: true,
        scopes: [[Scope.CREDIT_READ], [Scope.GOV_SHARED], [Scope.OPERATOR_SELF], [Scope.ADMIN], ...platform],
        policies: [[RowPolicy.OPERATOR_CONSENT], ...platformPolicy],
      };
    case ShareClass.GOV_SHARED:
      return {
        shareClass,
        authenticated: true,
        scopes: [[Scope.GOV_SHARED], [Scope.OPERATOR_SELF], [Scope.ADMIN], ...platform],
        policies: [[RowPolicy.OWN_RECORD], ...platformPolicy],
      };
    case ShareClass.AGENCY_PRIVATE:
      return { shareClass, authenticated: true, scopes: [[Scope.agency(need(options, shareClass))], [Scope.ADMIN]] };
    case ShareClass.PII:
      if (!options.mask) throw new Error('PII needs a mask kind');
      return { shareClass, authenticated: true, mask: options.mask };
    case ShareClass.ADMIN:
      return { shareClass, authenticated: true, scopes: [[Scope.ADMIN]] };
    case ShareClass.CREDIT_LIST_FEED:
      return { shareClass, authenticated: true, scopes: [[Scope.GOV_SHARED], [Scope.ADMIN], [Scope.PLATFORM_IN_PLATFORM]] };
    case ShareClass.SELF_SERVICE:
      return {
        shareClass,
        authenticated: true,
        scopes: [[Scope.OPERATOR_SELF], [Scope.ADMIN]],
        policies: [[RowPolicy.OWN_RECORD]],
      };
    case ShareClass.AGENCY_WRITE:
      // A platform's own reports (e.g. verification of its in-platform operators): the resolver checks the platform.
      return {
        shareClass,
        authenticated: true,
        scopes: [[Scope.write(need(options, shareClass))], ...(options.coWriters ?? []).map((a) => [Scope.write(a)]), ...platform],
      };
  }
}

function need(options: AccessOptions, shareClass: ShareClass): AgencyId {
  if (!options.agency) throw new Error(`${shareClass} needs the owning agency`);
  return options.agency;
}

/**
 * The caller-level check shared by gateway and subgraphs: authentication, any one scope set held in full,
 * and every policy set known (row-level policies are approved here and judged per row by the subgraph).
 */
export function callerMayRead(
  requirement: { authenticated: boolean; scopes?: string[][]; policies?: string[][] },
  caller: Caller,
): boolean {
  if (requirement.authenticated && !caller.authenticated) return false;
  if (requirement.scopes && !requirement.scopes.some((set) => set.every((s) => caller.scopes.has(s)))) return false;
  if (requirement.policies && !requirement.policies.some((set) => set.every((p) => ROW_POLICIES.has(p)))) return false;
  return true;
}

/** SDL directives of a requirement, as the subgraph prints them and composition carries them. */
export function directivesOf(requirement: AccessRequirement): string[] {
  const list = (sets: string[][]) => `[${sets.map((s) => `[${s.map((x) => JSON.stringify(x)).join(', ')}]`).join(', ')}]`;
  const directives = [`@tag(name: "share:${requirement.shareClass}")`];
  if (requirement.mask) directives.push(`@tag(name: "mask:${requirement.mask}")`);
  if (requirement.authenticated && !requirement.scopes) directives.push('@authenticated');
  if (requirement.scopes) directives.push(`@requiresScopes(scopes: ${list(requirement.scopes)})`);
  if (requirement.policies) directives.push(`@policy(policies: ${list(requirement.policies)})`);
  return directives;
}
