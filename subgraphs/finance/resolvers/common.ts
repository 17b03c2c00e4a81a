import { assertUscc } from '../../../shared/credit-code/uscc-scalar';
import { badInput } from '../../../shared/errors/errors';
import type { SubgraphContext } from '../../../shared/subgraph/context';
import type { FinanceLoaders } from '../loaders';

export type FinanceCtx = SubgraphContext<FinanceLoaders>;

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

/** Parses an ID argument of a numeric primary key. */
export function parseId(value: string | number, what: string): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) throw badInput(`Invalid ${what} id "${value}"`);
  return id;
}

/** Optional credit-code filter: validated like any typed code. */
export function optionalUscc(value: string | null | undefined): string | undefined {
  return value ? assertUscc(value) : undefined;
}
