import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  daysBetween,
  isoWeekday,
  isValidLocalDate,
  shortDate,
} from '../../../src/core/calendar/localDate.ts';

// Day-number arithmetic is checked against JavaScript's own UTC calendar, day by day, over the
// years a school's data spans (leap years, the 2100 non-leap year and month ends included).
const MS_PER_DAY = 86_400_000;
const FIRST = Date.UTC(1999, 0, 1);
const DAYS = 365 * 110;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const eachDay = Array.from({ length: DAYS }, (_, i) => FIRST + i * MS_PER_DAY);

describe('dates as day numbers', () => {
  it('steps a day forward and back across every month end, leap day and year end from 1999 to 2108', () => {
    const wrong = eachDay.filter((ms) => addDays(iso(ms), 1) !== iso(ms + MS_PER_DAY) || addDays(iso(ms), -1) !== iso(ms - MS_PER_DAY));
    expect(wrong.map(iso)).toEqual([]);
  });

  it('counts the days between two dates and adds long spans exactly', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2100-02-28', '2100-03-01')).toBe(1);
    expect(daysBetween('2026-03-01', '2025-03-01')).toBe(-365);
    expect(addDays('2026-01-05', 400)).toBe(iso(Date.UTC(2026, 0, 5) + 400 * MS_PER_DAY));
  });

  it('names the weekday of every date the way the calendar does (Monday 1 to Sunday 7)', () => {
    const wrong = eachDay.filter((ms) => isoWeekday(iso(ms)) !== (new Date(ms).getUTCDay() || 7));
    expect(wrong.map(iso)).toEqual([]);
  });

  it('adds calendar months, clamping the 29th to 31st to the month end', () => {
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });

  it('accepts real dates only', () => {
    expect(['2026-02-29', '2026-13-01', '2026-04-31', '2026-00-10', '2026-1-5', '0099-01-01', 'tomorrow'].filter(isValidLocalDate)).toEqual([]);
    expect(['2028-02-29', '2000-02-29', '2026-12-31', '2026-01-01'].every(isValidLocalDate)).toBe(true);
    expect(isValidLocalDate('2100-02-29')).toBe(false);
  });

  it('writes a short date as staff read it', () => {
    expect(shortDate('2026-02-13')).toBe('Fri 13 Feb');
    expect(shortDate('2026-03-01')).toBe('Sun 1 Mar');
  });
});
