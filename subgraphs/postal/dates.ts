import { badInput } from '../../shared/errors/errors';

/** Statistics periods are calendar months: `2026-10`. */
export function assertPeriod(period: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(period.trim());
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) {
    throw badInput(`Invalid period "${period}": expected a calendar month as YYYY-MM, e.g. 2026-10`);
  }
  return `${m[1]}-${m[2]}`;
}

/** Refuses `later` before `earlier`. */
export function assertOrder(earlierLabel: string, earlier: string, laterLabel: string, later: string): void {
  if (later < earlier) throw badInput(`${laterLabel} (${later}) must not be before ${earlierLabel} (${earlier})`);
}
