import { addDays } from './dates';

/**
 * Working days in mainland China: Monday to Friday, except the public holidays the State Council fixes each year,
 * plus the weekend days it declares make-up working days (调休上班). The calendar is data, one entry per year, each
 * with the notice it comes from; a year whose notice is not confirmed says so and holds only the statutory
 * holidays (全国年节及纪念日放假办法, 2024 revision), without make-up days.
 */
export interface HolidayYear {
  year: number;
  source: string;
  /** False while the year's notice is not published or not checked: its days are the statutory ones only. */
  confirmed: boolean;
  /** Days off (放假) on what would otherwise be working days or weekends, YYYY-MM-DD. */
  holidays: readonly string[];
  /** Saturdays and Sundays declared working days (调休上班). */
  makeUpWorkdays: readonly string[];
}

const range = (from: string, days: number): string[] => Array.from({ length: days }, (_, i) => addDays(from, i));

export const HOLIDAY_CALENDAR: readonly HolidayYear[] = [
  {
    year: 2025,
    source: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024-11-12）',
    confirmed: true,
    holidays: [
      '2025-01-01',
      ...range('2025-01-28', 8), // 春节 28 Jan - 4 Feb
      ...range('2025-04-04', 3), // 清明节
      ...range('2025-05-01', 5), // 劳动节
      ...range('2025-05-31', 3), // 端午节 31 May - 2 Jun
      ...range('2025-10-01', 8), // 国庆节、中秋节 1-8 Oct
    ],
    makeUpWorkdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  {
    year: 2026,
    source: '国务院办公厅关于2026年部分节假日安排的通知（2025-11-04，新华社）',
    confirmed: true,
    holidays: [
      ...range('2026-01-01', 3), // 元旦
      ...range('2026-02-15', 9), // 春节 15-23 Feb
      ...range('2026-04-04', 3), // 清明节
      ...range('2026-05-01', 5), // 劳动节
      ...range('2026-06-19', 3), // 端午节
      ...range('2026-09-25', 3), // 中秋节
      ...range('2026-10-01', 7), // 国庆节
    ],
    makeUpWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
  {
    year: 2027,
    source:
      '国务院办公厅关于2027年部分节假日安排的通知: not confirmed, awaiting confirmation; until then the statutory days of ' +
      '全国年节及纪念日放假办法 (2024) art. 2, lunar dates converted locally, and no make-up working days',
    confirmed: false,
    holidays: [
      '2027-01-01',
      ...range('2027-02-05', 4), // 春节: 除夕 to 初三 (lunar new year 6 Feb 2027)
      '2027-04-05', // 清明节
      ...range('2027-05-01', 2), // 劳动节
      '2027-06-09', // 端午节
      '2027-09-15', // 中秋节
      ...range('2027-10-01', 3), // 国庆节
    ],
    makeUpWorkdays: [],
  },
];

const HOLIDAYS = new Set(HOLIDAY_CALENDAR.flatMap((y) => y.holidays));
const MAKE_UP_WORKDAYS = new Set(HOLIDAY_CALENDAR.flatMap((y) => y.makeUpWorkdays));

/**
 * True for a working day: a make-up workday, or a Monday-Friday that is no holiday. Outside the calendar's years only
 * weekends are known, so add the year's notice before deadlines reach it.
 */
export function isWorkingDay(isoDate: string): boolean {
  if (MAKE_UP_WORKDAYS.has(isoDate)) return true;
  if (HOLIDAYS.has(isoDate)) return false;
  const weekday = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The date `n` working days after `isoDate` (the day itself not counted, as periods run from the day after the
 * act); n = 0 gives the date itself. Negative n counts backwards.
 */
export function addWorkingDays(isoDate: string, n: number): string {
  if (!Number.isInteger(n)) throw new Error(`addWorkingDays needs a whole number of days, got ${n}`);
  const step = n < 0 ? -1 : 1;
  let day = isoDate;
  for (let left = Math.abs(n); left > 0; ) {
    day = addDays(day, step);
    if (isWorkingDay(day)) left--;
  }
  return day;
}
