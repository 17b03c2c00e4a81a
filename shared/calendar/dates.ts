/**
 * Calendar arithmetic on ISO dates ('YYYY-MM-DD'), computed in UTC so results never depend on the
 * server's time zone. "Today" is the calendar day in China Standard Time, which the rules are written for.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CHINA_OFFSET_MS = 8 * 3_600_000;

function parts(iso: string): [number, number, number] {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new Error(`Not an ISO date: ${iso}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function format(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  const [y, m, d] = parts(iso);
  return format(new Date(Date.UTC(y, m - 1, d + days)));
}

/** Adds calendar months; a day the target month lacks becomes its last day (31 Aug + 6 months = 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = parts(iso);
  const targetMonth = m - 1 + months;
  const lastDay = new Date(Date.UTC(y, targetMonth + 1, 0)).getUTCDate();
  return format(new Date(Date.UTC(y, targetMonth, Math.min(d, lastDay))));
}

/** Adds calendar years (29 February becomes 28 February in a common year). */
export function addYears(iso: string, years: number): string {
  return addMonths(iso, years * 12);
}

/** Whole days from `from` to `to`; negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The calendar day of an instant in China Standard Time (UTC+8): the day a Guangzhou regulator judges by. */
export function chinaToday(now: Date): string {
  return format(new Date(now.getTime() + CHINA_OFFSET_MS));
}

/** The instant a China calendar day (YYYY-MM-DD) begins, as ISO: when a measure starting or ending that day takes effect. */
export function chinaMidnight(isoDate: string): string {
  return new Date(`${isoDate}T00:00:00+08:00`).toISOString();
}

/** A GraphQL `Date` input (graphql-scalars gives a JS Date at UTC midnight) or an ISO string, as 'YYYY-MM-DD'. */
export function toIsoDate(value: Date | string): string {
  return typeof value === 'string' ? value.slice(0, 10) : format(value);
}
