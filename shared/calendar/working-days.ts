import { addDays } from './dates';

/**
 * Working days (工作日) of mainland China: Monday to Friday, except the public holidays of the State Council's yearly
 * notice, plus the weekend days that notice makes working days (调休上班). The calendar is data, one entry per year.
 * A year missing from the table counts weekends only: its deadlines are provisional until the notice is added.
 */
export interface HolidayYear {
  /** The notice the dates are copied from. */
  source: string;
  /** 'confirmed' when copied from the published notice; 'awaiting confirmation' otherwise. */
  status: 'confirmed' | 'awaiting confirmation';
  /** Days off that would otherwise be working days or weekends (放假), ISO dates. */
  holidays: readonly string[];
  /** Weekend days worked instead (调休上班), ISO dates. */
  makeUpWorkdays: readonly string[];
}

/** The days from `from` to `to` inclusive. */
function span(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return days;
}

export const HOLIDAY_CALENDAR: Readonly<Record<number, HolidayYear>> = {
  2025: {
    source: '国务院办公厅关于2025年部分节假日安排的通知',
    status: 'confirmed',
    holidays: [
      '2025-01-01',
      ...span('2025-01-28', '2025-02-04'),
      ...span('2025-04-04', '2025-04-06'),
      ...span('2025-05-01', '2025-05-05'),
      ...span('2025-05-31', '2025-06-02'),
      ...span('2025-10-01', '2025-10-08'),
    ],
    makeUpWorkdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    source: '国务院办公厅关于2026年部分节假日安排的通知',
    status: 'confirmed',
    holidays: [
      ...span('2026-01-01', '2026-01-03'),
      ...span('2026-02-15', '2026-02-23'),
      ...span('2026-04-04', '2026-04-06'),
      ...span('2026-05-01', '2026-05-05'),
      ...span('2026-06-19', '2026-06-21'),
      ...span('2026-09-25', '2026-09-27'),
      ...span('2026-10-01', '2026-10-07'),
    ],
    makeUpWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
  2027: {
    // The notice for 2027 is published late in 2026; until it is copied here only weekends are days off.
    source: '国务院办公厅关于2027年部分节假日安排的通知 (not yet copied)',
    status: 'awaiting confirmation',
    holidays: [],
    makeUpWorkdays: [],
  },
};

const HOLIDAYS = new Set(Object.values(HOLIDAY_CALENDAR).flatMap((y) => y.holidays));
const MAKE_UP_WORKDAYS = new Set(Object.values(HOLIDAY_CALENDAR).flatMap((y) => y.makeUpWorkdays));

/** Whether `isoDate` (YYYY-MM-DD) is a working day by the calendar above. */
export function isWorkingDay(isoDate: string): boolean {
  if (MAKE_UP_WORKDAYS.has(isoDate)) return true;
  if (HOLIDAYS.has(isoDate)) return false;
  const weekday = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  if (Number.isNaN(weekday)) throw new Error(`Not an ISO date: ${isoDate}`);
  return weekday !== 0 && weekday !== 6;
}

/**
 * The `n`-th working day after `isoDate` (the day itself does not count, as a period "within n working days of
 * receipt" runs); `n` = 0 gives `isoDate` itself. Negative `n` counts backwards.
 */
export function addWorkingDays(isoDate: string, n: number): string {
  if (!Number.isInteger(n)) throw new Error(`Working days must be a whole number, got ${n}`);
  const step = n < 0 ? -1 : 1;
  let day = isoDate;
  for (let left = Math.abs(n); left > 0; ) {
    day = addDays(day, step);
    if (isWorkingDay(day)) left -= 1;
  }
  return day;
}
