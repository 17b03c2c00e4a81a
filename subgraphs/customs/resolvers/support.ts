import { chinaToday, toIsoDate } from '../../../shared/calendar/dates';
import type { SelectQueryBuilder } from 'typeorm';
import { Caller, isOperatorSelf, Scope } from '../../../shared/auth/caller';
import { assertUscc } from '../../../shared/credit-code/uscc-scalar';
import { yuanToFen } from '../../../shared/database/columns';
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

export { toIsoDate };

/** Today's date of the request in China, against which "current" and "in force" are judged. */
export function todayOf(ctx: CustomsContext): string {
  return chinaToday(ctx.now);
}

export function requireUscc(value: string): string {
  return assertUscc(value);
}

/** A trimmed, non-empty text of at most `max` characters. */
export function requireText(value: string | null | undefined, field: string, max: number): string {
  const text = (value ?? '').trim();
  if (!text) throw badInput(`\`${field}\` must not be empty`, { field });
  if (text.length > max) throw badInput(`\`${field}\` must be at most ${max} characters, got ${text.length}`, { field });
  return text;
}

export function optionalText(value: string | null | undefined, field: string, max: number): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  return requireText(value, field, max);
}

/** A date that is not after today. */
export function requirePastDate(value: Date | string, field: string, ctx: CustomsContext): string {
  const date = toIsoDate(value);
  const today = todayOf(ctx);
  if (date > today) throw badInput(`\`${field}\` ${date} is in the future (today is ${today})`, { field });
  return date;
}

/** A non-negative amount of yuan as a decimal string ("1234.56") → integer fen. */
export function requireYuan(value: string, field: string): number {
  const fen = yuanToFen(value);
  if (fen === null) {
    throw badInput(`\`${field}\` must be a non-negative amount of yuan with at most two decimals, got "${value}"`, {
      field,
    });
  }
  return fen;
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
  const totalCount = await qb.clone().getCount();
  if (after) {
    const afterId = Number(decodeCursor(after));
    if (!Number.isInteger(afterId)) throw badInput(`Invalid cursor "${after}"`);
    qb.andWhere(`${alias}.id > :afterId`, { afterId });
  }
  const rows = await qb.orderBy(`${alias}.id`, 'ASC').limit(size + 1).getMany();
  return toConnection(rows, size, totalCount, (r) => r.id, Boolean(after));
}
