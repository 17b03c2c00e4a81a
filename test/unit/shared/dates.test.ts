import { addDays, addMonths, addYears, chinaToday, daysBetween, toIsoDate } from '../../../shared/calendar/dates';

describe('calendar dates', () => {
  it('adds days, months and years on the calendar', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2026-11-15', -12)).toBe('2025-11-15');
    expect(addYears('2028-02-29', 1)).toBe('2029-02-28');
    expect(addYears('2026-04-01', 3)).toBe('2029-04-01');
  });

  it('counts days between dates', () => {
    expect(daysBetween('2026-11-01', '2026-11-29')).toBe(28);
    expect(daysBetween('2026-11-29', '2026-11-01')).toBe(-28);
  });

  it('judges today in China Standard Time', () => {
    expect(chinaToday(new Date('2026-11-29T15:59:59Z'))).toBe('2026-11-29');
    expect(chinaToday(new Date('2026-11-29T16:00:00Z'))).toBe('2026-11-30');
  });

  it('reads Date scalar inputs as calendar dates', () => {
    expect(toIsoDate(new Date('2026-11-29T00:00:00Z'))).toBe('2026-11-29');
    expect(toIsoDate('2026-11-29')).toBe('2026-11-29');
  });
});
