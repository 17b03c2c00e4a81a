import type { SelectQueryBuilder } from 'typeorm';
import { Caller, isOperatorSelf, Scope } from '../../../shared/auth/caller';
import { badInput } from '../../../shared/errors/errors';
import { checkPageSize, decodeCursor, toConnection } from '../../../shared/pagination/connection';
import type { SubgraphContext } from '../../../shared/subgraph/context';
import type { CustomsLoaders } from '../loaders';

export type CustomsContext = SubgraphContext<CustomsLoaders>;

/**
 * Who sees penalties whose publicity period has ended: agency staff (`gov:shared`), admins and the
 * penalised operator itself. Everyone else sees only those within their publicity period.
 */
export function seesFullPenaltyHistory(caller: Caller, uscc: string): boolean {
  return caller.scopes.has(Scope.GOV_SHARED) || caller.scopes.has(Scope.ADMIN) || isOperatorSelf(caller, uscc);
}

/** A cursor page over rows ordered by their numeric id. */
export async function pageById<T extends { id: number }>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  ctx: CustomsContext,
  first?: number | null,
  after?: string | null,
) {
  const size = checkPageSize(first, ctx.maxPageSize);
  // Counted only if the client selects totalCount.
  const countQuery = qb.clone();
  const totalCount = () => countQuery.getCount();
  if (after) {
    const afterId = Number(decodeCursor(after));
    if (!Number.isInteger(afterId)) throw badInput(`Invalid cursor "${after}"`);
    qb.andWhere(`${alias}.id > :afterId`, { afterId });
  }
  const rows = await qb.orderBy(`${alias}.id`, 'ASC').limit(size + 1).getMany();
  return toConnection(rows, size, totalCount, (r) => r.id, Boolean(after));
}
