import type { EntityManager } from 'typeorm';
import { GraphQLError } from 'graphql';
import { isOperatorSelf, Scope } from '../../../shared/auth/caller';
import { badInput, conflict, ErrorCode } from '../../../shared/errors/errors';
import { yuanAmount } from '../../../shared/validation/inputs';
import type { SubgraphContext } from '../../../shared/subgraph/context';
import { Platform } from '../entities/platform.entity';
import { Storefront } from '../entities/storefront.entity';
import type { CommerceLoaders } from '../loaders';
import { chinaToday, toIsoDate } from '../../../shared/calendar/dates';

/** What every commerce resolver receives. */
export type CommerceContext = SubgraphContext<CommerceLoaders>;

/** A `Date` scalar input (parsed to a JS Date at UTC midnight) as an ISO date string. */
export function isoDateInput(value: Date | string): string {
  return typeof value === 'string' ? value.slice(0, 10) : toIsoDate(value);
}

/** A positive yuan amount ("1234.56") in fen; negative, zero or malformed amounts are BAD_USER_INPUT. */
export function positiveYuan(value: string, field: string): number {
  return yuanAmount(value.trim(), field, { positive: true });
}

/** An integer within [min, max], or BAD_USER_INPUT. */
export function checkedInt(value: number, field: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badInput(`\`${field}\` must be an integer from ${min} to ${max} (got ${value})`, { field });
  }
  return value;
}

/** A date that must not lie after the request's day. */
export function notAfterToday(date: string, field: string, ctx: CommerceContext): string {
  const today = chinaToday(ctx.now);
  if (date > today) throw badInput(`\`${field}\` (${date}) must not be after today (${today})`, { field });
  return date;
}

/** BAD_USER_INPUT unless `earlier` ≤ `later`. */
export function inOrder(earlier: string, earlierField: string, later: string, laterField: string): void {
  if (later < earlier) {
    throw badInput(`\`${laterField}\` (${later}) must not be before \`${earlierField}\` (${earlier})`, {
      field: laterField,
    });
  }
}

/** The platform with this id, read inside the write transaction; BAD_USER_INPUT when unknown. */
export async function requirePlatform(m: EntityManager, platformId: string): Promise<Platform> {
  const platform = await m.getRepository(Platform).findOne({ where: { id: platformId } });
  if (!platform) throw badInput(`Unknown platform "${platformId}"`, { field: 'platformId' });
  return platform;
}

/** A conditional UPDATE that matched no row: someone changed the record concurrently. */
export function assertUpdated(affected: number | undefined | null, what: string): void {
  if (affected === 0) throw conflict(`${what} was changed concurrently; read it again and retry`);
}

/** A numeric record id given as a GraphQL ID; BAD_USER_INPUT when it is not one. */
export function recordId(value: string, field: string): number {
  const id = Number(value);
  if (!/^\d+$/.test(String(value).trim()) || !Number.isSafeInteger(id) || id <= 0) {
    throw badInput(`\`${field}\` must be a record id (got "${value}")`, { field });
  }
  return id;
}

/** Commerce staff record for any platform; every other caller (a platform token) only for its own platform. */
function actsForAnyPlatform(ctx: CommerceContext): boolean {
  return ctx.caller.role !== 'platform' && ctx.caller.scopes.has(Scope.write('commerce'));
}

/**
 * FORBIDDEN unless the caller may record for `platformId`: commerce staff, or that platform's own token (the
 * declarations let every platform token call the mutation; the row is decided here).
 */
export function requireOwnPlatform(ctx: CommerceContext, platformId: string): void {
  if (actsForAnyPlatform(ctx)) return;
  const { caller } = ctx;
  if (!caller.platformId || caller.platformId !== platformId || !caller.scopes.has(Scope.platform(platformId))) {
    throw new GraphQLError(`A platform records only on its own platform, not on "${platformId}"`, {
      extensions: { code: ErrorCode.FORBIDDEN },
    });
  }
}

/**
 * The records a caller reads of an operator: agencies, admins and the operator itself all of them; a platform only
 * those it reported (reviews, claims, complaints carry the platform), never another platform's about an operator
 * trading on both. The field guard refuses other platforms' rows as well; filtering here keeps the list clean.
 */
export function ownPlatformRecords<R extends { platformId: string }>(ctx: CommerceContext, uscc: string, rows: R[]): R[] {
  const { caller } = ctx;
  if (caller.scopes.has(Scope.GOV_SHARED) || caller.scopes.has(Scope.ADMIN) || isOperatorSelf(caller, uscc)) return rows;
  return rows.filter((r) => caller.platformId !== undefined && r.platformId === caller.platformId);
}

/** Whether the caller is a platform acting for itself (then its operators must trade on it). */
export function isPlatformCaller(ctx: CommerceContext): boolean {
  return !actsForAnyPlatform(ctx);
}

/**
 * BAD_USER_INPUT unless `operatorUscc` has a storefront on `platformId` in commerce's storefront registry: a platform
 * speaks only of its in-platform operators (E-Commerce Law art. 27).
 */
export async function requireInPlatform(m: EntityManager, platformId: string, operatorUscc: string): Promise<void> {
  if (!(await m.getRepository(Storefront).exists({ where: { platformId, operatorUscc } }))) {
    throw badInput(
      `\`operatorUscc\`: ${operatorUscc} has no storefront on platform ${platformId}; a platform reports only its in-platform operators`,
      { field: 'operatorUscc' },
    );
  }
}
