import { badInput } from '../../shared/errors/errors';

/** Postal records are dated in China Standard Time (UTC+8). */
const CST_OFFSET_MS = 8 * 3_600_000;

/** The calendar date (ISO) of an instant in China Standard Time. */
export function isoDateOf(instant: Date): string {
  return new Date(instant.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** A `Date` scalar input (parsed to a UTC-midnight Date) back to its ISO calendar date. */
export function dateInput(value: Date | string): string {
  return typeof value === 'string' ? value : value.toISOString().slice(0, 10);
}

/** Statistics periods are calendar months: `2026-10`. */
export function assertPeriod(period: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(period.trim());
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) {
    throw badInput(`Invalid period "${period}": expected a calendar month as YYYY-MM, e.g. 2026-10`);
  }
  return `${m[1]}-${m[2]}`;
}

/** Refuses a date later than today. */
export function assertNotFuture(label: string, isoDate: string, today: string): void {
  if (isoDate > today) throw badInput(`${label} (${isoDate}) must not be later than today (${today})`);
}

/** Refuses `later` before `earlier`. */
export function assertOrder(earlierLabel: string, earlier: string, laterLabel: string, later: string): void {
  if (later < earlier) throw badInput(`${laterLabel} (${later}) must not be before ${earlierLabel} (${earlier})`);
}

/** Trims a required free-text input and checks its length. */
export function requiredText(label: string, value: string | undefined | null, maxLength: number): string {
  const text = (value ?? '').trim();
  if (!text) throw badInput(`${label} is required`);
  if (text.length > maxLength) throw badInput(`${label} must be at most ${maxLength} characters`);
  return text;
}

/** Trims an optional free-text input and checks its length; blank becomes null. */
export function optionalText(label: string, value: string | undefined | null, maxLength: number): string | null {
  const text = (value ?? '').trim();
  if (!text) return null;
  if (text.length > maxLength) throw badInput(`${label} must be at most ${maxLength} characters`);
  return text;
}
