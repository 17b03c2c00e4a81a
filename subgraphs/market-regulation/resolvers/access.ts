import { GraphQLError } from 'graphql';
import { Caller, isOperatorSelf, Scope } from '../../../shared/auth/caller';
import { ErrorCode } from '../../../shared/errors/errors';
import type { AdministrativePenalty } from '../entities/administrative-penalty.entity';
import { penaltyInPublicity } from './derived';

/** Market regulation's own agency id, as the declarations name it. */
export const AGENCY = 'market-regulation' as const;

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN } });
}

/** A request refused because a joint disciplinary measure in force restricts it; names the measure and its basis. */
export function restrictedByJointMeasure(
  message: string,
  measure: { agency: string; kind: string; basis: { listKind: string; decisionNumber: string } },
): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'RESTRICTED_BY_JOINT_MEASURE', measure } });
}

/** Agency staff and admins: the GOV_SHARED data of every operator (no row rule). */
export function isGovernment(caller: Caller): boolean {
  return caller.scopes.has(Scope.GOV_SHARED) || caller.scopes.has(Scope.ADMIN);
}

/**
 * Penalties a caller may see: agencies, admins and the operator itself see every recorded penalty; everyone
 * else (the public, evaluators, platforms, other operators) only those published and within their publicity period.
 */
export function visiblePenalties(
  caller: Caller,
  uscc: string,
  penalties: AdministrativePenalty[],
  today: string,
): AdministrativePenalty[] {
  if (isGovernment(caller) || isOperatorSelf(caller, uscc)) return penalties;
  return penalties.filter((p) => penaltyInPublicity(p, today));
}

/**
 * Quality spot checks: the public sees published results not withdrawn on an objection; agencies, admins and the
 * operator itself all of them.
 */
export function visibleSpotChecks<T extends { published: boolean; withdrawnOn: string | null }>(caller: Caller, uscc: string, checks: T[]): T[] {
  if (isGovernment(caller) || isOperatorSelf(caller, uscc)) return checks;
  return checks.filter((c) => c.published && c.withdrawnOn === null);
}

/** List entries: a listing withdrawn on an accepted objection was wrong, so only agencies, admins and the operator see it. */
export function visibleListings<T extends { withdrawnOn: string | null }>(caller: Caller, uscc: string, rows: T[]): T[] {
  if (isGovernment(caller) || isOperatorSelf(caller, uscc)) return rows;
  return rows.filter((r) => r.withdrawnOn === null);
}
