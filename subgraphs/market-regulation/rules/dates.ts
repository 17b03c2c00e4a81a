/** Calendar arithmetic on ISO dates ('YYYY-MM-DD'), in UTC so results never depend on the server's zone. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

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

/** Adds calendar months; a day that does not exist in the target month becomes its last day (31 Aug + 6 months = 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = parts(iso);
  const targetMonth = m - 1 + months;
  const lastDay = new Date(Date.UTC(y, targetMonth + 1, 0)).getUTCDate();
  return format(new Date(Date.UTC(y, targetMonth, Math.min(d, lastDay))));
}

export function addYears(iso: string, years: number): string {
  return addMonths(iso, years * 12);
}

export function laterOf(a: string, b: string | null | undefined): string {
  return b && b > a ? b : a;
}

/** Today's date in China Standard Time (UTC+8), the calendar the rules are written for. */
export function chinaToday(now: Date): string {
  return format(new Date(now.getTime() + 8 * 3_600_000));
}

/** The date part of an instant, in China Standard Time. */
export function chinaDateOf(instant: Date): string {
  return chinaToday(instant);
}

/** First day of a month given as 'YYYY-MM'. */
export function monthStart(month: string): string {
  return `${month}-01`;
}

export function isIsoMonth(value: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

/** Normalises a GraphQL Date input (graphql-scalars gives a JS Date at UTC midnight) to an ISO date. */
export function toIsoDate(value: Date | string): string {
  return typeof value === 'string' ? value.slice(0, 10) : format(value);
}
