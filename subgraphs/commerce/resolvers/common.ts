import type { EntityManager } from 'typeorm';
import { GraphQLError } from 'graphql';
import { isOperatorSelf, Scope } from '../../../shared/auth/caller';
import { badInput, conflict, ErrorCode } from '../../../shared/errors/errors';
import type { SubgraphContext } from '../../../shared/subgraph/context';
import { Platform } from '../entities/platform.entity';
import { Storefront } from '../entities/storefront.entity';
import type { CommerceLoaders } from '../loaders';

/** What every commerce resolver receives. */
export type CommerceContext = SubgraphContext<CommerceLoaders>;

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
