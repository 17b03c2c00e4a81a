/** Market regulation's own calendar helpers; the arithmetic itself is shared (shared/calendar/dates.ts). */

export function laterOf(a: string, b: string | null | undefined): string {
  return b && b > a ? b : a;
}

/** First day of a month given as 'YYYY-MM'. */
export function monthStart(month: string): string {
  return `${month}-01`;
}
