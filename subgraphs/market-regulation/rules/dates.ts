/** Market regulation's calendar helpers; the arithmetic itself is shared (shared/calendar/dates.ts). */

export { addDays, addMonths, addYears, chinaToday, toIsoDate } from '../../../shared/calendar/dates';
import { chinaToday } from '../../../shared/calendar/dates';

export function laterOf(a: string, b: string | null | undefined): string {
  return b && b > a ? b : a;
}

/** The date part of an instant, in China Standard Time. */
export function chinaDateOf(instant: Date): string {
  return chinaToday(instant);
}

/** First day of a month given as 'YYYY-MM'. */
export function monthStart(month: string): string {
  return `${month}-01`;
}
