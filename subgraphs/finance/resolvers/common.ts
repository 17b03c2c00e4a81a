import { assertUscc } from '../../../shared/credit-code/uscc-scalar';
import { yuanToFen } from '../../../shared/database/columns';
import { badInput } from '../../../shared/errors/errors';
import type { SubgraphContext } from '../../../shared/subgraph/context';
import { chinaDate } from '../rules/finance-rules';
import type { FinanceLoaders } from '../loaders';

export type FinanceCtx = SubgraphContext<FinanceLoaders>;

/** The request's calendar date in China: statuses and "not in the future" checks are judged on it. */
export function todayOf(ctx: FinanceCtx): string {
  return chinaDate(ctx.now);
}

/** A Date from the Date scalar (or an ISO string) as 'YYYY-MM-DD'. */
export function isoOf(value: Date | string): string {
  if (typeof value === 'string') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
      throw badInput(`"${value}" is not a date (YYYY-MM-DD)`);
    }
    return value;
  }
  if (Number.isNaN(value.getTime())) throw badInput('Invalid date');
  return value.toISOString().slice(0, 10);
}

/** Parses a yuan amount; malformed or negative → BAD_USER_INPUT naming the field. */
export function parseYuan(value: string, field: string, options: { positive?: boolean } = {}): number {
  const fen = typeof value === 'string' ? yuanToFen(value) : null;
  if (fen === null) {
    throw badInput(`\`${field}\` must be a non-negative decimal amount in yuan with at most two decimals, e.g. "12000.50"; got "${value}"`);
  }
  if (options.positive && fen <= 0) throw badInput(`\`${field}\` must be greater than zero`);
  return fen;
}

/** Parses an ID argument of a numeric primary key. */
export function parseId(value: string | number, what: string): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) throw badInput(`Invalid ${what} id "${value}"`);
  return id;
}

/** Validates a required free-text field. */
export function text(value: string | null | undefined, field: string, max: number, required = true): string | null {
  const trimmed = (value ?? '').trim();
  if (!trimmed) {
    if (required) throw badInput(`\`${field}\` must not be empty`);
    return null;
  }
  if (trimmed.length > max) throw badInput(`\`${field}\` must be at most ${max} characters`);
  return trimmed;
}

/** Optional credit-code filter: validated like any typed code. */
export function optionalUscc(value: string | null | undefined): string | undefined {
  return value ? assertUscc(value) : undefined;
}
