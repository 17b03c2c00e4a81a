import { isOperatorSelf, Scope, type Caller } from '../auth/caller';

/**
 * Public records withdrawn on an accepted objection (异议) were wrong: only agencies, admins and the operator itself
 * still see them (with `withdrawnOn`); everyone else sees the rest.
 */
export function withoutWithdrawn<T extends { withdrawnOn: string | null }>(caller: Caller, uscc: string, rows: T[]): T[] {
  if (caller.scopes.has(Scope.GOV_SHARED) || caller.scopes.has(Scope.ADMIN) || isOperatorSelf(caller, uscc)) return rows;
  return rows.filter((r) => r.withdrawnOn === null);
}
