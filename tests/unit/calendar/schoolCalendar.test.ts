import { describe, expect, it } from 'vitest';
import { instantAt, localDateOf, localTimeOf } from '../../../src/core/calendar/localTime.ts';
import { addMonths, dayNumberOf, isoWeekday } from '../../../src/core/calendar/localDate.ts';
import { AppError } from '../../../src/core/errors.ts';
import { aSchool } from '../../fixtures/school.ts';

const { calendar } = aSchool();

describe('school days', () => {
  it.each([
    ['2026-01-05', true, 'first day of the spring term'],
    ['2026-02-12', true, 'a Thursday in term'],
    ['2026-02-13', false, 'an INSET day'],
    ['2026-02-18', false, 'the February half-term break'],
    ['2026-02-21', false, 'a Saturday'],
    ['2026-04-06', false, 'Easter Monday in the holiday'],
    ['2026-05-04', false, 'the early May bank holiday inside the summer term'],
    ['2026-07-22', true, 'the last day of the summer term'],
    ['2026-07-23', false, 'the summer holiday'],
    ['2024-06-03', false, 'before the calendar starts'],
  ])('%s is a school day: %s (%s)', (date, expected) => {
    expect(calendar.isSchoolDay(date)).toBe(expected);
  });

  it.each([
    ['2026-02-11', 2, '2026-02-23', 'jumps the INSET day and the half-term break'],
    ['2026-02-13', 1, '2026-02-23', 'counts from a non-school day'],
    ['2026-04-30', 2, '2026-05-05', 'skips the May bank holiday and the weekend'],
    ['2026-01-09', 5, '2026-01-16', 'a plain school week'],
    ['2025-12-18', 2, '2026-01-05', 'over the Christmas holiday'],
  ])('adds school days: %s + %i = %s (%s)', (from, n, expected) => {
    expect(calendar.addSchoolDays(from, n)).toBe(expected);
  });

  it.each([
    ['2026-05-06', 2, '2026-05-01', 'the bank holiday inside a notice window'],
    ['2026-02-23', 2, '2026-02-11', 'back over half-term and the INSET day'],
    ['2026-02-21', 1, '2026-02-12', 'from a Saturday in the break'],
    ['2026-01-05', 1, '2025-12-19', 'back into the previous term'],
  ])('subtracts school days: %s - %i = %s (%s)', (from, n, expected) => {
    expect(calendar.subtractSchoolDays(from, n)).toBe(expected);
  });

  it.each([
    ['2026-02-09', '2026-02-23', 4],
    ['2026-02-23', '2026-02-09', -4],
    ['2026-02-13', '2026-02-20', 0],
    ['2026-05-01', '2026-05-08', 4],
  ])('counts school days after %s up to %s: %i', (from, to, expected) => {
    expect(calendar.schoolDaysBetween(from, to)).toBe(expected);
  });

  it('lists the school days in a range, both ends included', () => {
    expect(calendar.schoolDaysIn('2026-02-11', '2026-02-24')).toEqual(['2026-02-11', '2026-02-12', '2026-02-23', '2026-02-24']);
  });

  it.each([
    ['2026-02-11', '2026-02-24', ['2026-02-11', '2026-02-12', '2026-02-23', '2026-02-24']],
    ['2026-02-14', '2026-02-22', []],
    ['2026-02-24', '2026-02-11', []],
    ['2024-06-01', '2025-09-04', ['2025-09-03', '2025-09-04']],
  ])('gives the school days from %s to %s as arrays to walk by index, each with its weekday and day number', (from, to, expected) => {
    const { dates, weekdays, dayNumbers, between } = calendar.days;
    const { start, end } = between(from, to);
    const walked = [];
    for (let i = start; i < end; i++) {
      expect([weekdays[i], dayNumbers[i]]).toEqual([isoWeekday(dates[i] as string), dayNumberOf(dates[i] as string)]);
      walked.push(dates[i]);
    }
    expect(walked).toEqual(expected);
  });

  it('says clearly when a count runs past the last term it knows', () => {
    expect(() => calendar.addSchoolDays('2027-07-20', 5)).toThrowError(AppError);
    expect(() => calendar.addSchoolDays('2027-07-20', 5)).toThrowError(/outside the school calendar/);
  });
});

describe('terms and half-terms', () => {
  it.each([
    ['2026-02-12', 'Spring 2026 first half', '2026-02-12'],
    ['2026-02-18', 'Spring 2026 second half', '2026-03-27'],
    ['2026-04-01', 'Summer 2026 first half', '2026-05-22'],
    ['2025-10-23', 'Autumn 2025 first half', '2025-10-23'],
    ['2026-05-27', 'Summer 2026 second half', '2026-07-22'],
  ])('%s belongs to %s, whose last school day is %s', (date, name, lastSchoolDay) => {
    const half = calendar.halfTermOf(date);
    expect(half?.name).toBe(name);
    expect(half?.lastSchoolDay).toBe(lastSchoolDay);
  });

  it.each([
    ['2025-12-25', 'Spring 2026'],
    ['2026-03-27', 'Spring 2026'],
    ['2026-08-10', 'Autumn 2026'],
  ])('%s belongs to the term %s', (date, name) => {
    expect(calendar.termOf(date)?.name).toBe(name);
  });

  it('knows no half-term after the calendar ends', () => {
    expect(calendar.halfTermOf('2027-08-01')).toBeUndefined();
  });
});

describe('clock time in Europe/London', () => {
  it.each([
    ['2025-10-24', '15:15', '2025-10-24T14:15:00.000Z', 'the Friday before the clocks go back (BST)'],
    ['2025-10-27', '15:15', '2025-10-27T15:15:00.000Z', 'the Monday after (GMT)'],
    ['2026-03-30', '10:00', '2026-03-30T09:00:00.000Z', 'after the clocks go forward'],
  ])('%s at %s is %s (%s)', (date, time, iso) => {
    expect(instantAt(date, time, 'Europe/London').toISOString()).toBe(iso);
  });

  it('takes the school-local date of an instant just after midnight in summer', () => {
    expect(localDateOf(new Date('2026-06-01T23:30:00Z'), 'Europe/London')).toBe('2026-06-02');
  });

  it('gives every instant the date and time its zone shows, seconds either side of a minute and a change of clocks included', () => {
    // Checked against Intl's own formatting, every 7.5 seconds over four minutes around midnight and
    // around each change of the clocks; zones with half and quarter hours, and one whose summer time adds half an hour.
    const shown = (ms: number, timeZone: string) => {
      const parts = Object.fromEntries(
        new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
          .formatToParts(ms)
          .map((p) => [p.type, p.value]),
      );
      return `${parts['year']}-${parts['month']}-${parts['day']} ${parts['hour']}:${parts['minute']}`;
    };
    const starts = [Date.UTC(2026, 2, 29, 0, 58), Date.UTC(2026, 9, 25, 0, 58), Date.UTC(2026, 3, 4, 14, 58), Date.UTC(2026, 5, 1, 22, 58), Date.UTC(2026, 5, 1, 18, 13)];
    for (const zone of ['Europe/London', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe'])
      for (const start of starts)
        for (let ms = start; ms < start + 4 * 60_000; ms += 7_500) {
          const instant = new Date(ms);
          expect(`${localDateOf(instant, zone)} ${localTimeOf(instant, zone)}`, `${zone} ${instant.toISOString()}`).toBe(shown(ms, zone));
        }
  });

  it.each([
    ['2024-02-29', 12, '2025-02-28'],
    ['2026-01-31', 1, '2026-02-28'],
  ])('adds calendar months: %s + %i months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});
