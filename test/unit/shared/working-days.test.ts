import { addWorkingDays, HOLIDAY_CALENDAR, isWorkingDay } from '../../../shared/calendar/working-days';

describe('working days (国务院办公厅 holiday notices as data)', () => {
  it('skips National Day and counts its make-up Saturday (2026: off 1-7 Oct, 10 Oct worked)', () => {
    // Filed Wednesday 30 Sep 2026: working days after it are 8 Oct (Thu), 9 Oct (Fri), 10 Oct (Sat, 调休), 12 Oct (Mon), ...
    expect(addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
    expect(addWorkingDays('2026-09-30', 10)).toBe('2026-10-20'); // 8, 9, 10, 12-16, 19, 20 Oct
  });

  it('treats a make-up Sunday as a working day and a weekday holiday as none', () => {
    expect(isWorkingDay('2026-09-20')).toBe(true); // Sunday, worked for National Day
    expect(isWorkingDay('2026-10-05')).toBe(false); // Monday, National Day
    expect(isWorkingDay('2026-10-03')).toBe(false); // Saturday
    expect(isWorkingDay('2026-11-30')).toBe(true); // ordinary Monday
  });

  it('crosses the 2025 National Day and Mid-Autumn holiday (1-8 Oct; 28 Sep and 11 Oct worked)', () => {
    expect(addWorkingDays('2025-09-26', 1)).toBe('2025-09-28');
    expect(addWorkingDays('2025-09-30', 1)).toBe('2025-10-09');
    expect(addWorkingDays('2025-09-30', 3)).toBe('2025-10-11');
  });

  it('crosses the 2026 Spring Festival (15-23 Feb off, 14 and 28 Feb worked)', () => {
    expect(addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
  });

  it('counts backwards and gives the day itself for zero', () => {
    expect(addWorkingDays('2026-10-08', -1)).toBe('2026-09-30');
    expect(addWorkingDays('2026-10-03', 0)).toBe('2026-10-03');
  });

  it('names the source of every year and marks unconfirmed years', () => {
    for (const year of HOLIDAY_CALENDAR) {
      expect(year.source).toMatch(year.confirmed ? /国务院办公厅关于\d{4}年部分节假日安排的通知/ : /awaiting confirmation/);
      for (const day of [...year.holidays, ...year.makeUpWorkdays]) expect(day.startsWith(String(year.year))).toBe(true);
    }
    expect(HOLIDAY_CALENDAR.map((y) => y.year)).toEqual([2025, 2026, 2027]);
  });
});
